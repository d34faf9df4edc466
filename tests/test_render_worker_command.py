"""The render worker's command (samenleving/render-worker) gives the web the CPU first.

Its ``celery`` is replaced by a program that reports the priority it was started with: the
nice level, and the nice level of its autogroup (Linux shares the CPU between sessions first,
so a nice process in a session of its own would otherwise still get half the machine).
A process in the root autogroup (PID 1's, where CI may run the suite) reads an empty
``/proc/self/autogroup``: the fake prints its autogroup on a line of its own either way.
"""

import os
import subprocess
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
COMMAND = BASE_DIR / "samenleving" / "render-worker"


@pytest.fixture
def fake_celery(tmp_path):
    program = tmp_path / "celery"
    program.write_text(
        "#!/bin/sh\n"
        'echo "nice $(nice)"\n'
        'echo "autogroup $(cat /proc/self/autogroup 2>/dev/null)"\n'
        'echo "args $*"\n'
    )
    program.chmod(0o755)
    return program


def start(fake_celery, own_session: bool, **environment):
    env = dict(os.environ, CELERY=str(fake_celery), **environment)
    done = subprocess.run(
        [str(COMMAND)],
        env=env,
        capture_output=True,
        text=True,
        start_new_session=own_session,
        check=True,
        timeout=30,
    )
    return done.stdout


def test_the_worker_takes_only_renders_one_at_a_time_in_a_fresh_process_each(fake_celery):
    out = start(fake_celery, own_session=True)
    assert "-Q render" in out and "--concurrency=1" in out and "--max-tasks-per-child=1" in out
    assert "--max-memory-per-child=512000" in out


def test_the_worker_runs_at_a_lower_priority_and_lowers_its_own_session(fake_celery):
    out = start(fake_celery, own_session=True, RENDER_NICE="12")
    assert "nice 12" in out.splitlines()
    if Path("/proc/self/autogroup").exists():
        # a new session always gets an autogroup of its own, whatever the caller's
        assert out.splitlines()[1].endswith(" nice 12"), out


def test_a_worker_in_someone_elses_session_leaves_that_session_alone(fake_celery):
    if not Path("/proc/self/autogroup").exists():
        pytest.skip("the kernel has no autogroup scheduling")
    mine = Path("/proc/self/autogroup").read_text().strip()
    out = start(fake_celery, own_session=False)
    assert "nice 10" in out.splitlines()
    # the same autogroup (the root one reads empty) with its nice level untouched
    assert out.splitlines()[1].strip() == f"autogroup {mine}".strip(), out
