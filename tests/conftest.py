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
def celery_worker_app(transactional_db, settings):
    """A real Celery worker (in a thread) on the configured Redis broker.

    Needs CELERY_BROKER_URL (CI sets it to the machine's Redis); tasks are no longer eager.
    """
    from celery.contrib.testing.worker import start_worker

    from samenleving.celery import app

    broker = os.environ.get("CELERY_BROKER_URL", "")
    require(bool(broker), "CELERY_BROKER_URL is not set (a Redis broker is needed)")
    try:
        import redis

        redis.Redis.from_url(broker, socket_connect_timeout=2).ping()
    except Exception as exc:  # noqa: BLE001 - any failure means no broker
        require(False, f"Redis at {broker} does not answer: {exc}")
    old = {k: app.conf.get(k) for k in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=broker, task_always_eager=False)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    # A queue of our own, so a stray worker elsewhere never takes these tasks.
    queue = f"test-{os.getpid()}"
    app.conf.task_default_queue = queue
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, queues=[queue], shutdown_timeout=10
        ):
            yield app
    finally:
        app.conf.update(old)
        app.conf.task_default_queue = "default"


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
