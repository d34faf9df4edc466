"""Which settings a process runs with, and what production demands: each entry point keeps
its own default (manage.py development, gunicorn's wsgi and the celery command production),
and production settings refuse to start without a broker — renders would run in the web
process — unless that is asked for explicitly, and then say so loudly. Real processes."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CELERY = Path(sys.executable).with_name("celery")
SECRET = "a-test-secret-key-for-production-settings-0123456789-abcdefghijklmnopqrstuvwxyz"


@pytest.fixture
def environment(tmp_path):
    """The environment of a fresh process: no settings module, no broker, a secret key."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DJANGO_SETTINGS_MODULE",
            "CELERY_BROKER_URL",
            "RENDER_IN_WEB_PROCESS",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # the browser tests set it in this process
        }
    }
    env.update(SECRET_KEY=SECRET, ALLOWED_HOSTS="samenleving.example.org", VAR_DIR=str(tmp_path))
    return env


def run(argv, env, **more):
    return subprocess.run(
        argv, cwd=ROOT, env={**env, **more}, capture_output=True, text=True, timeout=120
    )


SHOW_SETTINGS = (
    "from django.conf import settings; "
    "print(settings.SETTINGS_MODULE, settings.CELERY_TASK_ALWAYS_EAGER)"
)


def test_production_refuses_to_start_without_a_broker(environment):
    result = run(
        [sys.executable, "-c", "import django; django.setup()"],
        environment,
        DJANGO_SETTINGS_MODULE="samenleving.settings.production",
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set CELERY_BROKER_URL" in result.stderr
    assert "RENDER_IN_WEB_PROCESS=true" in result.stderr


def test_production_renders_in_the_web_process_only_when_asked_and_says_so(environment):
    result = run(
        [sys.executable, "-c", f"import django; django.setup(); {SHOW_SETTINGS}"],
        environment,
        DJANGO_SETTINGS_MODULE="samenleving.settings.production",
        RENDER_IN_WEB_PROCESS="true",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["samenleving.settings.production", "True"]
    assert "PDFs are rendered and mail is sent IN THE WEB PROCESS" in result.stderr


def test_production_with_a_broker_passes_the_deployment_checks(environment):
    result = run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        environment,
        DJANGO_SETTINGS_MODULE="samenleving.settings.production",
        CELERY_BROKER_URL="redis://redis.example.org:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "IN THE WEB PROCESS" not in result.stderr


def test_gunicorns_entry_point_runs_production_settings(environment):
    """Regression: the ``samenleving`` package imported the Celery app, which set the
    development settings before wsgi.py could choose production."""
    result = run(
        [sys.executable, "-c", f"import samenleving.wsgi; {SHOW_SETTINGS}"],
        environment,
        CELERY_BROKER_URL="redis://redis.example.org:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["samenleving.settings.production", "False"]


def test_manage_py_runs_the_development_settings(environment):
    result = run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", SHOW_SETTINGS], environment
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["samenleving.settings.dev", "True"]


@pytest.mark.parametrize(
    ("settings_module", "expected"),
    [(None, "samenleving.settings.production"), ("samenleving.settings.dev", None)],
    ids=["the-celery-command", "make-worker"],
)
def test_the_celery_command_runs_the_settings_it_was_started_with(
    environment, settings_module, expected
):
    more = {"CELERY_BROKER_URL": "redis://redis.example.org:6379/0"}
    if settings_module:
        more["DJANGO_SETTINGS_MODULE"] = settings_module
    result = run([str(CELERY), "-A", "samenleving", "report"], environment, **more)
    assert result.returncode == 0, result.stderr
    assert f"SETTINGS_MODULE: '{expected or settings_module}'" in result.stdout
