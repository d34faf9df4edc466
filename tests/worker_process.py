"""A real ``celery worker`` process for the tests that kill one, and how a test drives it.

``python -m tests.worker_process worker -Q … `` starts Celery's own worker command (prefork
pool, time limits and all) with ``tests.worker_settings``. ``TEST_RENDER`` makes the PDF
renderer in that process stand in for a document that is hard to make:

* ``""``: render as usual;
* ``"hang"``: the render never ends (until a time limit or a kill ends it);
* ``"die"``: the render kills its own process with SIGKILL, as the kernel's out-of-memory
  killer does;
* ``"stubborn"``: the render ignores the soft time limit (only the hard limit stops it).

Every render that starts leaves a file in ``TEST_RENDER_STARTS``, so a test can count them.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _patch_renderer() -> None:
    from celery.exceptions import SoftTimeLimitExceeded

    from documents import rendering

    real = rendering.render_pdf
    behaviour = os.environ.get("TEST_RENDER", "")
    starts = Path(os.environ["TEST_RENDER_STARTS"])

    def render_pdf(html, *args, **kwargs):
        (starts / f"{time.time_ns()}-{os.getpid()}").touch()
        if behaviour == "hang":
            time.sleep(3600)
        elif behaviour == "die":
            os.kill(os.getpid(), signal.SIGKILL)
        elif behaviour == "stubborn":
            deadline = time.monotonic() + 3600
            while time.monotonic() < deadline:
                with contextlib.suppress(SoftTimeLimitExceeded):
                    time.sleep(0.2)
        return real(html, *args, **kwargs)

    rendering.render_pdf = render_pdf


def main(argv: list[str]) -> None:
    import django

    django.setup()
    _patch_renderer()
    from samenleving.celery import app

    app.worker_main(argv)


def database_url() -> str:
    """The URL of the database the test runs against (the test database, not the configured
    one), for the worker process."""
    from django.db import connection

    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class WorkerProcess:
    """One worker process: ``start()``, then ``kill()`` (SIGKILL to it and its pool processes,
    as when a container is killed) or ``stop()`` (a warm shutdown)."""

    def __init__(self, name: str, queues: dict, directory: Path, **env):
        from django.conf import settings

        self.name = f"{name}-{uuid.uuid4().hex[:6]}"
        self.log_path = directory / f"{self.name}.log"
        self.starts = directory / "render-starts"
        self.starts.mkdir(exist_ok=True)
        self.queues = queues
        self.directory = directory
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
            "DATABASE_URL": database_url(),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "TEST_DEFAULT_QUEUE": queues["default"],
            "TEST_RENDER_QUEUE": queues["render"],
            "TEST_RENDER_STARTS": str(self.starts),
            "PYTHONUNBUFFERED": "1",
            **{key: str(value) for key, value in env.items()},
        }
        self.process = None

    def start(self, *extra: str, only: str | None = None) -> "WorkerProcess":
        """Start it on both queues, or ``only`` the one named ("default" or "render")."""
        queues = [self.queues[only]] if only else list(self.queues.values())
        argv = [
            sys.executable,
            "-m",
            "tests.worker_process",
            "worker",
            "-Q",
            ",".join(queues),
            "-n",
            f"{self.name}@%h",
            "--pool=prefork",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=INFO",
            *extra,
        ]
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                argv,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: kill() reaches the pool too
            )
        return self

    def render_starts(self) -> int:
        return len(list(self.starts.iterdir()))

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-6000:]

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()  # the worker's warm shutdown stops its pool
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill()


if __name__ == "__main__":
    main(sys.argv[1:])
