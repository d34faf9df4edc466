"""Minutes: written in the app (sanitised, never overwriting someone else's save), approved
by the chair, rendered to a PDF through the documents app's sealed renderer."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from documents.models import RenderStatus
from processteps.meetings.models import Minutes
from processteps.meetings.services import meetings as meeting_services
from processteps.meetings.services import participants as participant_services
from processteps.meetings.services import results as services
from processteps.meetings.tasks import render_minutes

from .support import invite, person, plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(project):
    """A held expert meeting chaired by the team member, with a question on its agenda."""
    meeting = plan(project, title="Expertmeeting werk", days=-2, chair=project.member)
    question = meeting_services.question_add(
        actor=project.leader, project=project, text="Wie kan handelen?"
    )
    meeting_services.agenda_item_add(
        actor=project.leader,
        meeting=meeting,
        title="Vraag",
        duration_minutes=30,
        questions=[question],
    )
    meeting.question = question
    return meeting


def test_minutes_are_sanitised_and_a_stale_save_is_refused(project, held):
    minutes = services.minutes_save(
        actor=project.member,
        meeting=held,
        text='<p>Goed <img src="http://evil/x.png"></p>',
        revision=0,
    )
    assert "evil" not in minutes.text and minutes.revision == 1
    with pytest.raises(ValidationError, match="Iemand anders heeft het verslag"):
        services.minutes_save(actor=project.leader, meeting=held, text="Oud", revision=0)
    assert Minutes.objects.get().text == minutes.text


def test_only_the_chair_approves(project, held, client_as):
    services.minutes_save(actor=project.member, meeting=held, text="<p>Verslag</p>", revision=0)
    url = reverse("meetings:minutes_approve", args=[project.pk, held.pk])
    assert client_as("leader").post(url).status_code == 403
    assert client_as("member").post(url).status_code == 302
    assert Minutes.objects.get().is_approved
    assert Minutes.objects.get().approved_by == project.member


def test_the_leader_approves_when_the_chair_has_left(project, held, client_as):
    services.minutes_save(actor=project.member, meeting=held, text="<p>Verslag</p>", revision=0)
    project.memberships.filter(user=project.member).delete()
    url = reverse("meetings:minutes_approve", args=[project.pk, held.pk])
    assert client_as("leader").post(url).status_code == 302
    assert Minutes.objects.get().is_approved


def test_approval_needs_a_held_meeting_and_text(project):
    planned = plan(project, chair=project.member)
    services.minutes_save(actor=project.member, meeting=planned, text="Voorbereid", revision=0)
    with pytest.raises(ValidationError, match="nadat de bijeenkomst is gehouden"):
        services.minutes_approve(actor=project.member, meeting=planned)
    held = plan(project, days=-1, chair=project.member)
    with pytest.raises(ValidationError, match="Schrijf eerst"):
        services.minutes_approve(actor=project.member, meeting=held)


def test_approved_minutes_become_a_sealed_pdf(
    project, held, client_as, django_capture_on_commit_callbacks
):
    eva = person(
        project,
        "Eva Expert",
        organisation="Woonbond",
        phone="06-55554444",
        declared_interests="Adviseur van een woningcorporatie",
    )
    attendance = invite(held, [eva])[eva.pk]
    participant_services.attendance_presence(
        actor=project.member, attendance=attendance, present=True
    )
    services.minutes_save(
        actor=project.member,
        meeting=held,
        revision=0,
        text='<p>Besproken.</p><img src="https://example.org/tracker.png">',
        answers={held.question: "De gemeenteraad."},
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_approve(actor=project.member, meeting=held)
    minutes = Minutes.objects.get()
    assert minutes.render_status == RenderStatus.READY and minutes.pdf
    response = client_as("member").get(reverse("meetings:minutes_pdf", args=[project.pk, held.pk]))
    assert response.status_code == 200
    pdf = b"".join(response.streaming_content)
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    for expected in (
        "Expertmeeting werk",
        "Eva Expert",
        "Woonbond",
        "Wie kan handelen?",
        "De gemeenteraad.",
        "Besproken.",
        "Adviseur van een woningcorporatie",
    ):
        assert expected in text, expected
    assert "06-55554444" not in text and "eva.expert@example.org" not in text
    # Rendering again is a no-op; reopening withdraws the PDF.
    assert render_minutes(minutes.pk) is False
    services.minutes_reopen(actor=project.member, meeting=held)
    assert (
        client_as("member")
        .get(reverse("meetings:minutes_pdf", args=[project.pk, held.pk]))
        .status_code
        == 404
    )


def test_a_failed_render_is_marked_and_can_be_retried(
    project, held, monkeypatch, django_capture_on_commit_callbacks
):
    services.minutes_save(actor=project.member, meeting=held, text="<p>x</p>", revision=0)

    def broken(html):
        raise RuntimeError("Pango ontbreekt")

    monkeypatch.setattr("documents.rendering.render_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_approve(actor=project.member, meeting=held)
    minutes = Minutes.objects.get()
    assert minutes.render_status == RenderStatus.FAILED and "Pango" in minutes.render_error
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.minutes_render_request(actor=project.member, minutes=minutes)
    assert Minutes.objects.get().render_status == RenderStatus.READY


def test_the_pdf_renders_on_the_render_queue_and_a_stuck_render_is_offered_again(
    project, held, settings
):
    import datetime

    from django.utils import timezone

    assert render_minutes.queue == "render"
    assert render_minutes.soft_time_limit == settings.RENDER_SOFT_TIME_LIMIT
    services.minutes_save(actor=project.member, meeting=held, text="<p>x</p>", revision=0)
    services.minutes_approve(actor=project.member, meeting=held)  # queued (not run here)
    minutes = Minutes.objects.get()
    assert minutes.render_status == RenderStatus.QUEUED and not minutes.render_stuck
    assert services.minutes_render_request(actor=project.member, minutes=minutes) is True
    assert Minutes.objects.get().render_requested_at == minutes.render_requested_at
    # Its worker died: long past the time a render may take, it may be asked for again.
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.RENDER_STUCK_AFTER + 5)
    Minutes.objects.filter(pk=minutes.pk).update(render_requested_at=long_ago)
    minutes.refresh_from_db()
    assert minutes.render_stuck
    assert services.minutes_render_request(actor=project.member, minutes=minutes) is True
    assert Minutes.objects.get().render_requested_at > long_ago
