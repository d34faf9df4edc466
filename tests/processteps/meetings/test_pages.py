"""Every page of the meetings renders for the team, also before step 5 has a team analysis,
and costs the same number of queries however much data there is."""

import pytest
from django.urls import reverse

from .world import build_world

pytestmark = pytest.mark.django_db


def page_urls(w) -> dict:
    p = w.project.pk
    m = w.planned.pk
    return {
        "meetings": reverse("meetings:meetings", args=[p]),
        "create": reverse("meetings:meeting_create", args=[p, "dialogue"]),
        "detail": reverse("meetings:meeting_detail", args=[p, m]),
        "detail_dialogue": reverse("meetings:meeting_detail", args=[p, w.dialogue.pk]),
        "edit": reverse("meetings:meeting_edit", args=[p, m]),
        "split": reverse("meetings:meeting_split", args=[p, m]),
        "briefing": reverse("meetings:briefing", args=[p, m]),
        "agenda_edit": reverse("meetings:agenda_edit", args=[p, m, w.agenda.pk]),
        "calendar": reverse("meetings:calendar", args=[p]),
        "participants": reverse("meetings:participants", args=[p]),
        "participant_add": reverse("meetings:participant_add", args=[p]),
        "participant_edit": reverse("meetings:participant_edit", args=[p, w.expert.pk]),
        "participant_import": reverse("meetings:participant_import", args=[p]),
        "invitation": reverse("meetings:invitation", args=[p])
        + f"?attendance={w.attendances[w.expert.pk].pk}",
        "mails": reverse("meetings:mails", args=[p]),
        "minutes": reverse("meetings:minutes", args=[p, w.held.pk]),
        "questions": reverse("meetings:questions", args=[p]),
        "question_edit": reverse("meetings:question_edit", args=[p, w.question.pk]),
        "points": reverse("meetings:intervention_points", args=[p]),
        "point_edit": reverse("meetings:point_edit", args=[p, w.point.pk]),
        "cafe": reverse("meetings:cafe", args=[p, w.dialogue.pk]),
        "meeting_harvest": reverse("meetings:meeting_harvest", args=[p, w.dialogue.pk]),
        "harvest": reverse("meetings:harvest", args=[p]) + "?domain=wonen",
        "harvest_edit": reverse("meetings:harvest_edit", args=[p, w.items[0].pk]),
        "responses": reverse("meetings:responses", args=[p]),
        "participation": reverse("meetings:participation", args=[p]),
        "images": reverse("meetings:target_images", args=[p]),
        "vision_edit": reverse("meetings:vision_edit", args=[p]),
        "vision_adopt": reverse("meetings:vision_adopt", args=[p]),
        "image_create": reverse("meetings:image_create", args=[p]) + "?domain=wonen",
        "image_edit": reverse("meetings:image_edit", args=[p, w.concept.pk]),
        "image_decide": reverse("meetings:image_decide", args=[p, w.concept.pk]),
        "justice": reverse("meetings:justice_test", args=[p, w.image.pk]),
        "step6": reverse("processteps:step", args=[p, 6]),
        "step7": reverse("processteps:step", args=[p, 7]),
        "step8": reverse("processteps:step", args=[p, 8]),
    }


def test_every_page_renders_for_the_leader(project, client_as):
    world = build_world(project)
    browser = client_as("leader")
    for name, url in page_urls(world).items():
        response = browser.get(url)
        assert response.status_code == 200, (name, response.content[:2000])


def test_the_pages_work_before_step_5_has_a_team_analysis(project, client_as):
    from processteps.meetings.models import MeetingKind

    from .support import plan

    meeting = plan(project, kind=MeetingKind.DIALOGUE, days=-1, chair=project.member)
    browser = client_as("leader")
    for url in (
        reverse("meetings:meeting_detail", args=[project.pk, meeting.pk]),
        reverse("meetings:meeting_harvest", args=[project.pk, meeting.pk]),
        reverse("meetings:intervention_points", args=[project.pk]),
        reverse("processteps:step", args=[project.pk, 6]),
    ):
        response = browser.get(url)
        assert response.status_code == 200
    points = browser.get(reverse("meetings:intervention_points", args=[project.pk]))
    assert "Er is nog geen teamanalyse" in points.content.decode()
