"""The sweeper: a render queued or "rendering" for longer than RENDER_STUCK_AFTER (its worker
died) is requeued while it has attempts left, and ends "failed" with a reason once it has had
three; the status box does the same check when it polls. And the render service's guards: a
duplicate message leaves a running render alone, a late one leaves a failed version alone.
Tasks run in-process here; tests/documents/test_render_worker_lost.py does it with real
workers."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.models import DocumentVersion, RenderStatus
from documents.services.documents import (
    version_create,
    version_render,
    version_render_request,
    versions_sweep_stuck,
)
from documents.tasks import sweep_stuck_versions
from processteps.models import AuditEntry

from .conftest import document_of, write

pytestmark = pytest.mark.django_db

CAP_ERROR = (
    "De PDF is na 3 pogingen niet gemaakt: het maken werd steeds onderbroken (bijvoorbeeld "
    "omdat het geheugen van de server vol raakte). Probeer het later opnieuw; lukt het dan weer "
    "niet, maak het document kleiner of vraag de beheerder om hulp."
)


@pytest.fixture
def version(project):
    document = document_of(project, 1)
    write(document, "aanleiding", "<p>Vastgelopen.</p>", actor=project.leader)
    return version_create(actor=project.leader, document=document)


def left_by_a_dead_worker(version, *, status=RenderStatus.RENDERING, attempts=1, ago=3600):
    """The state a worker that died mid-render leaves behind."""
    DocumentVersion.objects.filter(pk=version.pk).update(
        render_status=status,
        render_attempts=attempts,
        render_status_at=timezone.now() - timedelta(seconds=ago),
        render_task_id="a-dead-task",
    )


def state_of(version):
    return DocumentVersion.objects.filter(pk=version.pk).values_list(
        "render_status", "render_attempts", "render_error"
    )[0]


def status_url(project, version, name="documents:version_status"):
    return reverse(name, kwargs={"project": project.pk, "number": 1, "version": version.number})


def test_a_stuck_render_with_attempts_left_is_requeued_and_made(
    version, django_capture_on_commit_callbacks, monkeypatch, tiny_pdf
):
    left_by_a_dead_worker(version, attempts=2)
    monkeypatch.setattr("documents.rendering.render_pdf", lambda html: tiny_pdf)

    with django_capture_on_commit_callbacks(execute=True):
        counts = sweep_stuck_versions()

    assert counts == {"requeued": 1, "failed": 0}
    assert state_of(version) == (RenderStatus.READY, 3, "")


def test_a_stuck_render_that_had_its_three_attempts_fails_with_a_reason(
    project, version, client_as, django_capture_on_commit_callbacks
):
    left_by_a_dead_worker(version, attempts=3)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert versions_sweep_stuck() == {"requeued": 0, "failed": 1}

    assert callbacks == [], "nothing is queued again"
    assert state_of(version) == (RenderStatus.FAILED, 3, CAP_ERROR)
    assert AuditEntry.objects.filter(action="document.render_failed").count() == 1
    box = client_as("leader").get(status_url(project, version)).content.decode()
    assert f"Het maken van de PDF is mislukt: {CAP_ERROR}" in box
    assert "Opnieuw proberen" in box and "hx-get" not in box
    # Sweeping again changes nothing: a failed version stays failed until someone asks.
    assert versions_sweep_stuck() == {"requeued": 0, "failed": 0}

    # Trying again starts a new series of three.
    with django_capture_on_commit_callbacks(execute=False):
        assert version_render_request(actor=project.leader, version=version) is True
    assert state_of(version) == (RenderStatus.QUEUED, 0, "")


def test_a_render_in_progress_and_a_finished_one_are_left_alone(
    project, version, render_fast, django_capture_on_commit_callbacks
):
    document = version.document
    write(document, "doel", "<p>Een tweede versie.</p>", actor=project.leader)
    ready = render_fast(version_create(actor=project.leader, document=document))
    left_by_a_dead_worker(version, attempts=1, ago=30)  # rendering, but only for 30 s

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert versions_sweep_stuck() == {"requeued": 0, "failed": 0}

    assert callbacks == []
    assert state_of(version)[:2] == (RenderStatus.RENDERING, 1)
    assert state_of(ready)[0] == RenderStatus.READY


def test_a_version_queued_too_long_is_queued_again_without_using_an_attempt(
    version, django_capture_on_commit_callbacks
):
    left_by_a_dead_worker(version, status=RenderStatus.QUEUED, attempts=0)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert versions_sweep_stuck() == {"requeued": 1, "failed": 0}

    assert len(callbacks) == 1
    version.refresh_from_db()
    assert (version.render_status, version.render_attempts) == (RenderStatus.QUEUED, 0)
    assert timezone.now() - version.render_status_at < timedelta(seconds=5)
    # Queued again just now: the next sweep leaves it alone.
    assert versions_sweep_stuck() == {"requeued": 0, "failed": 0}


def test_the_polling_status_box_requeues_a_stuck_render(
    project, version, client_as, django_capture_on_commit_callbacks, monkeypatch, tiny_pdf
):
    """Without beat (make run) the poll is what notices: the user never waits for nothing."""
    left_by_a_dead_worker(version, attempts=1)
    monkeypatch.setattr("documents.rendering.render_pdf", lambda html: tiny_pdf)
    leader = client_as("leader")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        box = leader.get(status_url(project, version)).content.decode()
    assert "In de wachtrij" in box and "hx-get" in box
    assert len(callbacks) == 1
    callbacks[0]()  # the render task, as a worker would run it

    box = leader.get(status_url(project, version)).content.decode()
    assert 'data-state="ready"' in box and "PDF downloaden" in box
    assert state_of(version) == (RenderStatus.READY, 2, "")


def test_a_duplicate_message_leaves_a_running_render_to_its_task(version, monkeypatch):
    left_by_a_dead_worker(version, attempts=1, ago=10)  # "a-dead-task" started 10 s ago
    calls = []
    monkeypatch.setattr("documents.rendering.render_pdf", lambda html: calls.append(html))

    assert version_render(version_id=version.pk, task_id="another-task") is False

    assert calls == []
    assert state_of(version)[:2] == (RenderStatus.RENDERING, 1), "no attempt used"


def test_a_redelivery_of_the_same_message_takes_over_and_the_cap_holds(
    project, version, tiny_pdf, monkeypatch
):
    monkeypatch.setattr("documents.rendering.render_pdf", lambda html: tiny_pdf)
    # Its worker died in the second attempt; the broker hands the same message out again.
    left_by_a_dead_worker(version, attempts=2, ago=10)
    assert version_render(version_id=version.pk, task_id="a-dead-task") is True
    assert state_of(version) == (RenderStatus.READY, 3, "")
    # A redelivered render of a ready version is a no-op.
    assert version_render(version_id=version.pk, task_id="a-dead-task") is False

    # A fourth delivery after three attempts fails the version instead of rendering.
    write(version.document, "doel", "<p>Nog een versie.</p>", actor=project.leader)
    other = version_create(actor=project.leader, document=version.document)
    left_by_a_dead_worker(other, attempts=3, ago=10)
    assert version_render(version_id=other.pk, task_id="a-dead-task") is False
    assert state_of(other) == (RenderStatus.FAILED, 3, CAP_ERROR)


def test_a_late_message_for_a_failed_version_does_not_render_it(version, monkeypatch):
    DocumentVersion.objects.filter(pk=version.pk).update(
        render_status=RenderStatus.FAILED, render_error="eerder mislukt", render_attempts=1
    )
    calls = []
    monkeypatch.setattr("documents.rendering.render_pdf", lambda html: calls.append(html))

    assert version_render(version_id=version.pk, task_id="late") is False
    assert calls == [] and state_of(version) == (RenderStatus.FAILED, 1, "eerder mislukt")


def test_a_soft_time_limit_fails_the_version_with_a_reason(
    project, version, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from celery.exceptions import SoftTimeLimitExceeded

    settings.RENDER_SOFT_TIME_LIMIT = 240

    def too_long(html):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr("documents.rendering.render_pdf", too_long)
    with django_capture_on_commit_callbacks(execute=True):
        version_render_request(actor=project.leader, version=version)

    assert state_of(version) == (
        RenderStatus.FAILED,
        1,
        "Het maken van de PDF duurde langer dan 4 minuten en is afgebroken. Maak het document "
        "kleiner (minder pagina's of afbeeldingen) en probeer het opnieuw.",
    )
