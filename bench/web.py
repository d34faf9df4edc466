"""Benchmark: the project's pages on a large project, served as in production.

    .venv/bin/python bench/web.py [--duration 5] [--rounds 3] [--port 8150] [--keep-db]

Needs ``DATABASE_URL`` (PostgreSQL: the bench makes ``bench_web_<name>`` next to that database and
drops it afterwards), ``wrk`` (Debian's, ``make bench`` installs it) and, for the phase during a
render, ``CELERY_BROKER_URL`` (a Redis database of its own: the bench queues one render on it).

1. Builds the large project: the eleven steps (planned on the timeline), 300 tasks (a fifth of
   them the leader's, open), 30 sources on the step page, and the consultation round of
   bench/bloemlezing.py (200 key figures, 150 interviews with accepted reports, 1,500 fragments
   under 12 themes). The Plan van aanpak (step 1) is published to the public, so the public page
   has something to list.
2. Serves it with gunicorn (2 sync workers), the production settings (DEBUG off, static files
   from the manifest, ``collectstatic`` into a temporary directory first), and logs in as the
   project leader through the login form.
3. Measures each page with wrk (16 connections, 2 threads, ``--duration`` seconds a run) in
   ``--rounds`` interleaved rounds (every page once per round, after a warm-up run of each):
   requests/s and p50/p95/p99 latency, each the median over the rounds, and each page's
   throughput as a ratio of the trivial view (the login page) *of the same round*, median over
   the rounds. Targets: project pages >= 0.5x, fragments and interviews >= 0.3x, the public page
   >= 0.9x.
4. During a render: starts the render worker exactly as production does
   (``samenleving/render-worker``: queue "render", concurrency 1, nice 10, a fresh process per
   render), measures the dashboard idle, asks for the PDF of the Bloemlezing (the compiled
   large consultation: ~188 pages) through ``version_render_request`` and measures the
   dashboard while the worker renders (only runs that ended before the render did count).
   Target: >= 0.8x of idle.
5. Publishes that Bloemlezing to the public and measures the public page again against the
   trivial view (interleaved rounds): the size of what is published must not matter (>= 0.9x).

Every page is fetched once first and must answer 200 (not a redirect to the login page); its
size is printed. A wrk run that saw errors or non-2xx answers is flagged. The exit status is 1
when a target is missed. The machine is shared with whatever else runs: read the ratios, which
compare runs made seconds apart, rather than the absolute figures.
"""

import argparse
import datetime
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BENCH_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenleving.settings.test")
if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    sys.exit("bench/web.py: set DATABASE_URL to a PostgreSQL database (the bench makes its own).")
VAR = Path(tempfile.mkdtemp(prefix="bench-web-"))

import django  # noqa: E402

django.setup()

from bloemlezing import build as build_consultation  # noqa: E402
from django.contrib.auth.hashers import PBKDF2PasswordHasher  # noqa: E402
from django.db import connection  # noqa: E402

from documents.models import Audience, DocumentVersion, RenderStatus  # noqa: E402
from documents.services.documents import (  # noqa: E402
    document_ensure,
    publish,
    version_create,
    version_render,
    version_render_request,
)
from processteps.models import DataSource, Role, Task  # noqa: E402
from processteps.pagecache import revision_raise  # noqa: E402

PYTHON = Path(sys.executable)
CONNECTIONS = 16
THREADS = 2
PASSWORD = "bench-" + secrets.token_hex(8)

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK {\\"requests\\": %d, \\"duration_us\\": %d, \\"p50\\": %d, \\"p95\\": %d, \\"p99\\": %d, "
    .. "\\"errors\\": %d, \\"status\\": %d}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect + e.read + e.write + e.timeout, e.status))
end
"""

# Every request a path no earlier request asked for (an extra query parameter the views ignore;
# the run's own nonce, wrk's script argument, keeps runs apart): each is a miss of the page
# cache, the cost of the first view after a change.
WRK_FRESH = (
    """
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
counter = 0
init = function(args)
  nonce = args[1] or "0"
end
request = function()
  counter = counter + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "fresh=" .. nonce .. "-" .. tid .. "-" .. counter)
end
"""
    + WRK_SCRIPT
)


# -- the large project ---------------------------------------------------------------------------

TASK_TITLES = (
    "Gesprek voorbereiden",
    "Verslag uitwerken",
    "Planning bijwerken",
    "Bronnen verzamelen",
    "Uitnodiging versturen",
    "Conceptversie lezen",
    "Opdrachtgever bijpraten",
    "Checklist nalopen",
)


def build_project():
    """The large project: the consultation round of bench/bloemlezing.py plus what the step pages
    and the dashboard show (a planned timeline, tasks, sources)."""
    project = build_consultation(
        "groot", figures=200, interviews=150, fragments=1500, themes=12, seed=2024
    )
    leader = project.memberships.get(role=Role.LEADER).user
    members = [m.user for m in project.memberships.filter(role=Role.MEMBER)]
    leader.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    leader.save(update_fields=["password"])

    steps = list(project.steps.order_by("number"))
    start = datetime.date(2024, 1, 1)
    for i, step in enumerate(steps):
        step.planned_start = _month(start, i * 2)
        step.planned_end = _month(start, i * 2 + 2)
        step.status = (
            "completed"
            if step.number <= 2
            else ("in_progress" if step.number == 3 else step.status)
        )
    type(steps[0]).objects.bulk_update(steps, ["planned_start", "planned_end", "status"])

    statuses = ["open", "in_progress", "done", "open", "decision_pending"]
    tasks = []
    for i in range(300):
        mine = i % 5 == 0
        tasks.append(
            Task(
                project=project,
                step=steps[i % len(steps)] if i % 12 else None,
                title=f"{TASK_TITLES[i % len(TASK_TITLES)]} {i}",
                assignee=leader if mine else (members[i % len(members)] if i % 7 else None),
                due_date=start + datetime.timedelta(days=3 * i),
                status="open" if mine else statuses[i % len(statuses)],
                position=i,
                created_by=leader,
            )
        )
    Task.objects.bulk_create(tasks)
    DataSource.objects.bulk_create(
        DataSource(
            step=steps[2],
            title=f"Bron {i}: beleidsnotitie",
            kind="link",
            url=f"https://example.org/bron/{i}",
            added_by=leader,
        )
        for i in range(30)
    )
    return project, leader


def _month(start: datetime.date, months: int) -> datetime.date:
    year, month = divmod(start.month - 1 + months, 12)
    return datetime.date(start.year + year, month + 1, 1)


def publish_plan(project, leader):
    """Step 1's document, rendered here and published to the public: the page's 'before'."""
    document = document_ensure(project.steps.get(number=1))
    version = version_create(actor=leader, document=document)
    DocumentVersion.objects.filter(pk=version.pk).update(render_status=RenderStatus.QUEUED)
    version_render(version_id=version.pk)
    version.refresh_from_db()
    publish(actor=leader, version=version, audience=Audience.PUBLIC)


# -- processes -----------------------------------------------------------------------------------


def server_env(database_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="samenleving.settings.production",
        DATABASE_URL=database_url,
        SECRET_KEY="bench-" + secrets.token_urlsafe(48),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        VAR_DIR=str(VAR),
        STATIC_ROOT=str(VAR / "staticfiles"),
        CELERY_BROKER_URL=os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/15",
        PYTHONUNBUFFERED="1",
    )
    return env


def start_gunicorn(env: dict, port: int) -> subprocess.Popen:
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
    command = [
        PYTHON, "-m", "gunicorn", "samenleving.wsgi:application", "--workers", "2",
        "--worker-class", "sync", "--bind", f"127.0.0.1:{port}", "--timeout", "120",
    ]  # fmt: skip

    def answers(_log: Path) -> bool:
        try:
            return fetch(port, "/accounts/login/")[0] == 200
        except OSError:
            return False

    return start_and_wait("gunicorn", command, env, answers, within=60, poll=0.3)


def start_render_worker(env: dict) -> subprocess.Popen:
    env = dict(env, CELERY=str(PYTHON.parent / "celery"))
    command = [str(BASE_DIR / "samenleving" / "render-worker")]
    return start_and_wait(
        "render-worker", command, env, lambda log: b" ready." in log.read_bytes(), within=90
    )


def start_and_wait(name, command, env, ready, *, within: float, poll: float = 0.5):
    """Start ``command`` in a session of its own (``stop`` ends its whole group), its output in
    the bench's directory (``VAR/<name>.log``), and wait until ``ready(log_path)``; fails when
    it ends first or is not ready ``within`` seconds."""
    log_path = VAR / f"{name}.log"
    log = open(log_path, "wb")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(
        command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} ended: see {log_path}")
        if ready(log_path):
            return process
        time.sleep(poll)
    stop(process)
    raise RuntimeError(f"{name} was not ready within {within:.0f} s: see {log_path}")


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# -- HTTP ----------------------------------------------------------------------------------------


def fetch(port: int, path: str, *, method="GET", body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read(), response.getheaders()
    finally:
        conn.close()


def _cookies(headers) -> dict:
    jar = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _sep, rest = value.partition("=")
            jar[key.strip()] = rest.split(";", 1)[0]
    return jar


def login(port: int, username: str) -> str:
    """Log in through the form, as a browser does; returns the Cookie header of the session."""
    status, body, headers = fetch(port, "/accounts/login/")
    jar = _cookies(headers)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urllib.parse.urlencode(
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    status, _body, headers = fetch(
        port,
        "/accounts/login/",
        method="POST",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()),
        },
    )
    jar.update(_cookies(headers))
    if status != 302 or "sessionid" not in jar:
        raise RuntimeError(f"login failed ({status})")
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def check(port: int, path: str, cookie: str | None) -> int:
    status, body, _headers = fetch(port, path, headers={"Cookie": cookie} if cookie else {})
    if status != 200:
        raise RuntimeError(f"{path} answered {status}")
    return len(body)


def drain(port: int) -> None:
    """Wait until gunicorn has answered what wrk left behind: wrk stops on time, but the requests
    it sent last are still in the server's queue (a slow page's take seconds). A request queued
    behind them, once per worker, comes back when they are done."""
    for _ in range(3):
        fetch(port, "/accounts/login/")


def wrk(port: int, path: str, cookie: str | None, duration: float, fresh=False) -> dict:
    command = [
        "wrk",
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{max(1, round(duration))}s",
        "--timeout",
        "30s",
        "-s",
        str(VAR / ("fresh.lua" if fresh else "report.lua")),
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    if fresh:
        command += ["--", secrets.token_hex(8)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    drain(port)
    line = next(x for x in output.splitlines() if x.startswith("WRK "))
    data = json.loads(line[4:])
    seconds = data["duration_us"] / 1e6
    return {
        "rps": data["requests"] / seconds,
        "p50": data["p50"] / 1000,
        "p95": data["p95"] / 1000,
        "p99": data["p99"] / 1000,
        "bad": data["errors"] + data["status"],
    }


# -- the bench -----------------------------------------------------------------------------------


def rounds(port, pages, duration, count, fresh=()):
    """Every page once per round (after one warm-up run each); returns {name: [result, …]}.
    A page named in ``fresh`` is asked for with a new path every request (never cached)."""
    for name, path, cookie in pages:
        wrk(port, path, cookie, 1, fresh=name in fresh)
    results = {name: [] for name, _p, _c in pages}
    for _ in range(count):
        for name, path, cookie in pages:
            results[name].append(wrk(port, path, cookie, duration, fresh=name in fresh))
    return results


def summary(runs: list[dict], trivial: list[dict] | None) -> dict:
    row = {key: statistics.median(r[key] for r in runs) for key in ("rps", "p50", "p95", "p99")}
    row["bad"] = sum(r["bad"] for r in runs)
    if trivial:
        row["ratio"] = statistics.median(
            r["rps"] / t["rps"] for r, t in zip(runs, trivial, strict=True)
        )
    return row


def print_table(title, rows, sizes):
    print(f"\n{title}")
    print(
        f"{'page':<22} {'KB':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'x trivial':>10} {'target':>7}"
    )
    for name, row, target in rows:
        ratio = row.get("ratio")
        mark = ""
        if target is not None and ratio is not None and ratio < target:
            mark = "  <- below target"
        if row["bad"]:
            mark += f"  ({row['bad']} errors/non-2xx)"
        size = sizes.get(name)
        print(
            f"{name:<22} {size / 1024 if size else 0:7.0f} {row['rps']:8.1f} {row['p50']:8.1f} "
            f"{row['p95']:8.1f} {row['p99']:8.1f} "
            f"{'' if ratio is None else f'{ratio:.2f}x':>10} "
            f"{'' if target is None else f'{target:.1f}x':>7}{mark}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=5, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8150")))
    parser.add_argument("--skip-render", action="store_true", help="no phase during a render")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit(
            "bench/web.py needs wrk (make bench installs it: make system-deps EXTRA_PACKAGES=wrk)"
        )
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not broker and not args.skip_render:
        print("CELERY_BROKER_URL is not set: no phase during a render (--skip-render)")
        args.skip_render = True
    (VAR / "report.lua").write_text(WRK_SCRIPT)
    (VAR / "fresh.lua").write_text(WRK_FRESH)

    settings = connection.settings_dict
    settings.setdefault("TEST", {})["NAME"] = f"bench_web_{settings['NAME']}"
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    database_url = urllib.parse.urlunsplit(
        urllib.parse.urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{test_db}")
    )
    gunicorn = None
    failed = []
    try:
        started = time.perf_counter()
        project, leader = build_project()
        publish_plan(project, leader)
        print(
            f"database: {test_db}; large project built in {time.perf_counter() - started:.1f} s: "
            f"11 steps, 300 tasks, 200 key figures, 150 interviews with reports, 1,500 fragments"
        )
        env = server_env(database_url)
        gunicorn = start_gunicorn(env, args.port)
        cookie = login(args.port, leader.username)
        p = f"/projects/{project.pk}"
        pages = [
            ("trivial (login page)", "/accounts/login/", None, None),
            ("dashboard", f"{p}/", cookie, 0.5),
            ("step page (step 3)", f"{p}/steps/3/", cookie, 0.5),
            ("key figures", f"{p}/keyfigures/", cookie, 0.5),
            ("interviews", f"{p}/interviews/", cookie, 0.3),
            ("fragments", f"{p}/fragments/", cookie, 0.3),
            ("public page", f"/openbaar/{project.slug}/", None, 0.9),
        ]
        # The same pages, each request a miss of the page cache: what the first view after a
        # change costs (for the record; the targets are for the pages as users get them).
        pages += [(f"{name}, uncached", path, c, None) for name, path, c, _t in pages[1:]]
        fresh = {name for name, *_rest in pages if name.endswith(", uncached")}
        sizes = {name: check(args.port, path, c) for name, path, c, _t in pages}
        print(
            f"gunicorn: 2 sync workers, samenleving.settings.production, port {args.port}; wrk: "
            f"{CONNECTIONS} connections, {THREADS} threads, {args.duration:g} s a run, "
            f"{args.rounds} interleaved rounds (medians)"
        )
        results = rounds(args.port, [x[:3] for x in pages], args.duration, args.rounds, fresh=fresh)
        trivial = results[pages[0][0]]
        rows = []
        for name, _path, _cookie, target in pages:
            row = summary(results[name], None if name == pages[0][0] else trivial)
            rows.append((name, row, target))
            if target is not None and row["ratio"] < target:
                failed.append(name)
        print_table("Pages (ratio: throughput / the trivial view's in the same round)", rows, sizes)

        if not args.skip_render:
            failed += render_phase(args, env, project, leader, cookie, p)
            failed += public_after(args, project, leader, pages, sizes)
    finally:
        stop(gunicorn)
        connection.close()
        connection.creation.destroy_test_db(test_db, verbosity=0)
        shutil.rmtree(VAR, ignore_errors=True)
    print(
        "\nmachine: " + f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the end"
    )
    if failed:
        print("below target: " + ", ".join(failed))
    return 1 if failed else 0


def render_phase(args, env, project, leader, cookie, p):
    from samenleving.celery import app

    print("\nDuring a render: samenleving/render-worker (queue render, concurrency 1, nice 10)")
    worker = start_render_worker(env)
    try:
        document = document_ensure(project.steps.get(number=4))
        version = version_create(actor=leader, document=document)
        dashboard = [("dashboard", f"{p}/", cookie)]
        # uncached, every request rendered: the web's heaviest use of the CPU against the render's
        idle = rounds(args.port, dashboard, args.duration, args.rounds, fresh={"dashboard"})[
            "dashboard"
        ]
        app.conf.task_always_eager = False
        try:
            version_render_request(actor=leader, version=version)
        finally:
            app.conf.task_always_eager = True
        started = time.monotonic()
        while _status(version) == RenderStatus.QUEUED:
            if time.monotonic() - started > 60:
                raise RuntimeError("the render did not start within 60 s")
            time.sleep(0.2)
        during = []
        while len(during) < args.rounds and _status(version) == RenderStatus.RENDERING:
            run = wrk(args.port, f"{p}/", cookie, args.duration, fresh=True)
            if _status(version) == RenderStatus.RENDERING:
                during.append(run)
        while _status(version) in (RenderStatus.QUEUED, RenderStatus.RENDERING):
            if time.monotonic() - started > 1800:
                raise RuntimeError("the render did not end within 30 minutes")
            time.sleep(1)
        render_seconds = time.monotonic() - started
        version.refresh_from_db()
        if version.render_status != RenderStatus.READY:
            raise RuntimeError(f"the render failed: {version.render_error}")
        idle_row = summary(idle, None)
        size = check(args.port, f"{p}/", cookie)
        print(
            f"render of the Bloemlezing: {version.pdf_pages} pages in {render_seconds:.0f} s "
            f"(with the dashboard under load part of the time)"
        )
        rows = [("dashboard, idle", idle_row, None)]  # uncached
        failed = []
        if during:
            during_row = summary(during, None)
            during_row["ratio"] = during_row["rps"] / idle_row["rps"]
            rows.append((f"dashboard, rendering ({len(during)})", during_row, 0.8))  # uncached
            if during_row["ratio"] < 0.8:
                failed.append("dashboard during a render")
        else:
            print("the render ended before a whole wrk run: no figures during the render")
        print_table(
            "Dashboard, uncached (every request rendered), idle and during the render "
            "(ratio: during / idle)",
            rows,
            {name: size for name, _row, _t in rows},
        )
        return failed
    finally:
        stop(worker)


def _status(version) -> str:
    return DocumentVersion.objects.values_list("render_status", flat=True).get(pk=version.pk)


def public_after(args, project, leader, pages, sizes):
    version = DocumentVersion.objects.get(document__step__project=project, document__step__number=4)
    publish(actor=leader, version=version, audience=Audience.PUBLIC)
    revision_raise(project.pk)  # what the request that publishes does after it (page cache)
    by_name = {name: (name, path, cookie) for name, path, cookie, _t in pages}
    chosen = [pages[0][:3], by_name["public page"], by_name["public page, uncached"]]
    sizes = dict(
        sizes,
        **{
            "public page, after": check(args.port, by_name["public page"][1], None),
            "public, after, uncached": sizes["public page"],
        },
    )
    results = rounds(args.port, chosen, args.duration, args.rounds, fresh={chosen[2][0]})
    trivial = results[chosen[0][0]]
    row = summary(results[chosen[1][0]], trivial)
    print_table(
        f"After the Bloemlezing ({version.pdf_pages} pages) is published to the public",
        [
            (chosen[0][0], summary(trivial, None), None),
            ("public page, after", row, 0.9),
            ("public, after, uncached", summary(results[chosen[2][0]], trivial), None),
        ],
        sizes,
    )
    return ["public page after the Bloemlezing"] if row["ratio"] < 0.9 else []


if __name__ == "__main__":
    sys.exit(main())
