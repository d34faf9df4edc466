"""No render is lost or stuck: real ``celery worker`` processes on Redis, against the test
database, killed mid-render (SIGKILL, or a render that kills its process as the out-of-memory
killer does) or running past their time limits. Each ends with a version the user can act on:
its PDF ready, or "failed" with the reason and the "try again" button.
"""

import time

import pytest
from django.db import connection
from django.urls import reverse

from documents.models import DocumentVersion, RenderStatus
from documents.services.documents import version_create, version_render_request
from tests.conftest import require, wait_for
from tests.worker_process import WorkerProcess

from .conftest import document_of, logged_in, pdf_bytes_of, write

pytestmark = [pytest.mark.services, pytest.mark.postgres]


@pytest.fixture
def workers(celery_broker, tmp_path):
    """``workers("a", TEST_RENDER="hang", …)``: a worker process on this test's queues; every
    one still running is killed at the end (one may be stuck in a render)."""
    require(connection.vendor == "postgresql", "a worker process needs PostgreSQL")
    started = []

    def start(name, *extra, only=None, **env):
        worker = WorkerProcess(name, celery_broker, tmp_path, **env).start(*extra, only=only)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        if worker.process.poll() is None:
            worker.kill()


def state_of(version):
    return DocumentVersion.objects.filter(pk=version.pk).values_list(
        "render_status", "render_attempts", "render_error"
    )[0]


def wait_for_state(version, status, worker, timeout=90):
    try:
        wait_for(lambda: state_of(version)[0] == status, timeout=timeout, interval=0.2)
    except BaseException:
        print(state_of(version), worker.render_starts())
        print(worker.log())
        raise


@pytest.fixture
def version(project):
    document = document_of(project, 1)
    write(document, "aanleiding", "<p>Gemaakt na een val.</p>", actor=project.leader)
    return version_create(actor=project.leader, document=document)


def status_box(project, version, who):
    url = reverse(
        "documents:version_status",
        kwargs={"project": project.pk, "number": 1, "version": version.number},
    )
    return logged_in(who).get(url).content.decode()


def test_a_worker_killed_mid_render_is_replaced_and_the_pdf_is_made(project, version, workers):
    first = workers("first", TEST_RENDER="hang")
    version_render_request(actor=project.leader, version=version)
    wait_for_state(version, RenderStatus.RENDERING, first)
    wait_for(lambda: first.render_starts() == 1)

    first.kill()  # SIGKILL to the worker and its pool: nothing gets to clean up

    assert state_of(version)[:2] == (RenderStatus.RENDERING, 1), "left 'being made'"
    # A new worker (here also running beat, as the default worker does in production) finds
    # the render stuck once it has been "rendering" for longer than RENDER_STUCK_AFTER, puts
    # it back on the queue, and renders it.
    second = workers(
        "second",
        "--beat",
        f"--schedule={first.directory / 'beat-schedule'}",
        RENDER_STUCK_AFTER=4,
        RENDER_SWEEP_INTERVAL=1,
    )
    wait_for_state(version, RenderStatus.READY, second)

    status, attempts, error = state_of(version)
    assert (attempts, error) == (2, "")
    assert second.render_starts() == 2
    assert pdf_bytes_of(version).startswith(b"%PDF")
    box = status_box(project, version, project.leader)
    assert 'data-state="ready"' in box and "PDF downloaden" in box


def test_a_render_that_kills_its_worker_every_time_ends_failed_after_three_attempts(
    project, version, workers
):
    # The pool process dies in every attempt (as when the kernel kills it for memory); the
    # worker puts the message back each time, and the attempt counter ends it.
    doomed = workers("doomed", TEST_RENDER="die")
    version_render_request(actor=project.leader, version=version)

    wait_for_state(version, RenderStatus.FAILED, doomed)

    status, attempts, error = state_of(version)
    assert attempts == 3 and doomed.render_starts() == 3
    assert error.startswith("De PDF is na 3 pogingen niet gemaakt")
    box = status_box(project, version, project.leader)
    assert 'data-state="failed"' in box and "Het maken van de PDF is mislukt: De PDF is na 3" in box
    assert "Opnieuw proberen" in box
    # The client sees the failure, not the button.
    assert "Opnieuw proberen" not in status_box(project, version, project.client)

    # A healthy worker, and the leader tries again: a new series of attempts, and the PDF.
    doomed.stop()
    healthy = workers("healthy")
    url = reverse(
        "documents:version_render",
        kwargs={"project": project.pk, "number": 1, "version": version.number},
    )
    response = logged_in(project.leader).post(url, HTTP_HX_REQUEST="true")
    assert "In de wachtrij" in response.content.decode()
    wait_for_state(version, RenderStatus.READY, healthy)
    assert state_of(version)[1:] == (1, "")


@pytest.mark.parametrize(
    ("behaviour", "limits", "limit_text"),
    [
        # WeasyPrint is interrupted at the soft limit.
        ("hang", {"RENDER_SOFT_TIME_LIMIT": 2, "RENDER_TIME_LIMIT": 60}, "2 seconden"),
        # Something ignores the soft limit: the hard limit kills the process.
        ("stubborn", {"RENDER_SOFT_TIME_LIMIT": 1, "RENDER_TIME_LIMIT": 3}, "1 seconde"),
    ],
    ids=["soft-limit", "hard-limit"],
)
def test_a_render_past_its_time_limit_fails_with_a_reason_and_is_not_retried(
    project, version, workers, settings, behaviour, limits, limit_text
):
    slow = workers("slow", TEST_RENDER=behaviour, **limits)
    # The limits travel with the message: the web process's settings decide them.
    for name, seconds in limits.items():
        setattr(settings, name, seconds)
    version_render_request(actor=project.leader, version=version)

    wait_for_state(version, RenderStatus.FAILED, slow, timeout=60)

    status, attempts, error = state_of(version)
    assert attempts == 1
    assert error == (
        f"Het maken van de PDF duurde langer dan {limit_text} en is afgebroken. Maak het "
        "document kleiner (minder pagina's of afbeeldingen) en probeer het opnieuw."
    )
    # Too long is final: the same document would take as long again. No second start.
    time.sleep(2)
    assert slow.render_starts() == 1 and state_of(version)[:2] == (RenderStatus.FAILED, 1)
    box = status_box(project, version, project.leader)
    assert "Opnieuw proberen" in box


def test_a_mail_is_not_held_up_by_a_render_that_takes_long(project, version, workers, smtp):
    """Renders have a queue and a worker of their own: while one hangs, mail still goes out."""
    from processteps.consultation.models import MailStatus, SentMail
    from processteps.consultation.tasks import send_invitation_mail

    server = smtp()
    renderer = workers("render", only="render", TEST_RENDER="hang")
    workers(
        "default",
        only="default",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=server.port,
        EMAIL_USE_TLS="false",
    )
    version_render_request(actor=project.leader, version=version)
    wait_for_state(version, RenderStatus.RENDERING, renderer)

    mail = SentMail.objects.create(project=project, to="anna@example.org", subject="U", body="B")
    send_invitation_mail.delay(mail.pk)

    wait_for(lambda: SentMail.objects.get(pk=mail.pk).status == MailStatus.SENT, timeout=30)
    assert server.delivered_to() == ["anna@example.org"]
    assert state_of(version)[0] == RenderStatus.RENDERING, "the render still hangs"
