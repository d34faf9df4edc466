"""Shared fixtures. Under CI=true a test that needs a missing service fails instead of skipping."""

import os

import pytest

from tests.matrix import generate_cells, matrix_world  # noqa: F401  (the shared matrix runner)

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_generate_tests(metafunc):
    generate_cells(metafunc)


def require(condition: bool, why: str) -> None:
    """Skip locally, fail in CI, when a service or program a test needs is missing."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{why} (required in CI)", pytrace=False)
    pytest.skip(why)


@pytest.fixture
def celery_broker(transactional_db, settings):
    """Tasks go to the configured Redis broker instead of running in-process; yields the
    names of this test process's queues ``default`` and ``render`` (a stray worker elsewhere
    never takes their tasks). Needs CELERY_BROKER_URL (CI sets it to the machine's Redis)."""
    from samenleving.celery import app

    broker = os.environ.get("CELERY_BROKER_URL", "")
    require(bool(broker), "CELERY_BROKER_URL is not set (a Redis broker is needed)")
    try:
        import redis

        redis.Redis.from_url(broker, socket_connect_timeout=2).ping()
    except Exception as exc:  # noqa: BLE001 - any failure means no broker
        require(False, f"Redis at {broker} does not answer: {exc}")
    old = {
        k: app.conf.get(k)
        for k in ("broker_url", "task_always_eager", "task_default_queue", "task_routes")
    }
    settings.CELERY_TASK_ALWAYS_EAGER = False
    queues = {"default": f"test-{os.getpid()}", "render": f"test-{os.getpid()}-render"}
    app.conf.update(
        broker_url=broker,
        task_always_eager=False,
        task_default_queue=queues["default"],
        task_routes={"documents.tasks.render_version": {"queue": queues["render"]}},
    )
    try:
        yield queues
    finally:
        app.conf.update(old)


@pytest.fixture
def celery_worker_app(celery_broker):
    """A real Celery worker (in a thread) on the Redis broker, taking both queues."""
    from celery.contrib.testing.worker import start_worker

    from samenleving.celery import app

    with start_worker(
        app,
        pool="solo",
        perform_ping_check=False,
        queues=list(celery_broker.values()),
        shutdown_timeout=10,
    ):
        yield app


def wait_for(predicate, timeout: float = 20.0, interval: float = 0.1):
    """Poll until ``predicate()`` is truthy; return its value or fail."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"Timed out after {timeout}s waiting for {predicate}")


@pytest.fixture
def smtp(settings):
    """``smtp(Policy(…))``: a real SMTP server on 127.0.0.1 (tests/smtp_server.py) that
    Django's SMTP backend sends to; stopped at the end. Retries come at once."""
    from tests.smtp_server import SMTPServer

    servers = []

    def start(policy=None):
        server = SMTPServer(policy).__enter__()
        servers.append(server)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 5
        settings.MAIL_RETRY_DELAY = 0
        return server

    yield start
    for server in servers:
        server.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts and ends in the site's language: a test that switches to English (a
    request with another language, translation.activate) must not leak it into the next test of
    the same worker."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with no cached pages: a test database rolled back hands out the same
    ids again (SQLite), and a page of the previous test's project must not be served. The cache
    stays on in the tests, so every test that reads a page after a change proves the change
    raised the project's revision."""
    from django.core.cache import caches

    from processteps.pagecache import CACHE_ALIAS

    caches[CACHE_ALIAS].clear()
    yield


@pytest.fixture
def uncached_pages(settings):
    """For the tests that count what rendering a page costs: every request renders (what the
    page cache saves is counted in tests/processteps/test_pagecache.py)."""
    settings.PAGE_CACHE_ENABLED = False
