"""THE permission matrix of the meetings (steps 6-8): every view against every role.

Reading guide: ``LOGIN`` is a redirect to the login page; 404: the project is not shown to
that person; 403: their role may not do this; 200/302: success (a 302 never with an error
message). Leaders plan and decide; team members see the meetings (participants' contact data
and declared interests are team-only) and write the harvest and minutes of the meetings they
chair — in this world the team member chairs the held expert meeting and the World Café,
the leader the planned expert meeting. Minutes are approved by their chair only (the leader
only when the chair left the team). Clients read published documents only: every page here
is 403 for them. The calendar feed needs no session: its secret URL is the key.
"""

from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from processteps.meetings.models import Meeting
from processteps.meetings.services import results as result_services
from tests.matrix import LOGIN, PermissionMatrix, Request

from .support import at, person, plan
from .world import build_world

pytestmark = pytest.mark.django_db

VIEW = (LOGIN, 404, 403, 200, 200, 200)
MANAGE_GET = (LOGIN, 404, 403, 403, 200, 200)
MANAGE_POST = (LOGIN, 404, 403, 403, 302, 302)
TEAM_POST = (LOGIN, 404, 403, 302, 302, 302)  # the team member chairs / may draft
# The site admin holds every permission (Django: a superuser), so also this one.
CHAIR_ONLY = (LOGIN, 404, 403, 302, 403, 302)
OPEN = (200, 200, 200, 200, 200, 200)

#                                  anonymous outsider client member leader admin
EXPECTED = {
    ("meetings", "GET"): VIEW,
    ("meeting_create", "GET"): MANAGE_GET,
    ("meeting_create", "POST"): MANAGE_POST,
    ("meeting_detail", "GET"): VIEW,
    ("meeting_edit", "GET"): MANAGE_GET,
    ("meeting_edit", "POST"): MANAGE_POST,
    ("meeting_cancel", "POST"): MANAGE_POST,
    ("meeting_held", "POST"): TEAM_POST,
    ("meeting_split", "GET"): MANAGE_GET,
    ("meeting_split", "POST"): MANAGE_POST,
    ("meeting_ics", "GET"): VIEW,
    ("briefing", "GET"): VIEW,
    ("agenda_add", "POST"): MANAGE_POST,
    ("agenda_edit", "GET"): MANAGE_GET,
    ("agenda_edit", "POST"): MANAGE_POST,
    ("agenda_delete", "POST"): MANAGE_POST,
    ("calendar", "GET"): VIEW,
    ("feed_rotate", "POST"): MANAGE_POST,
    ("calendar_feed", "GET"): OPEN,
    ("participants", "GET"): VIEW,
    ("participant_add", "GET"): MANAGE_GET,
    ("participant_add", "POST"): MANAGE_POST,
    ("participant_edit", "GET"): MANAGE_GET,
    ("participant_edit", "POST"): MANAGE_POST,
    ("participant_import", "GET"): MANAGE_GET,
    ("participant_import", "POST"): MANAGE_POST,
    ("participant_template", "GET"): MANAGE_GET,
    ("attendance_add", "POST"): MANAGE_POST,
    ("attendance_register", "POST"): MANAGE_POST,
    ("attendance_decline", "POST"): MANAGE_POST,
    ("attendance_presence", "POST"): TEAM_POST,
    ("invitations_send", "POST"): MANAGE_POST,
    ("invitation", "GET"): MANAGE_GET,
    ("invitation", "POST"): MANAGE_POST,
    ("mails", "GET"): MANAGE_GET,
    ("minutes", "GET"): VIEW,
    ("minutes", "POST"): TEAM_POST,
    ("minutes_approve", "POST"): CHAIR_ONLY,
    ("minutes_reopen", "POST"): CHAIR_ONLY,
    ("minutes_render", "POST"): TEAM_POST,
    ("minutes_pdf", "GET"): VIEW,
    ("questions", "GET"): VIEW,
    ("questions", "POST"): MANAGE_POST,
    ("question_edit", "GET"): MANAGE_GET,
    ("question_edit", "POST"): MANAGE_POST,
    ("question_delete", "POST"): MANAGE_POST,
    ("intervention_points", "GET"): VIEW,
    ("intervention_points", "POST"): MANAGE_POST,
    ("point_edit", "GET"): MANAGE_GET,
    ("point_edit", "POST"): MANAGE_POST,
    ("point_delete", "POST"): MANAGE_POST,
    ("cafe", "GET"): VIEW,
    ("round_add", "POST"): TEAM_POST,
    ("round_delete", "POST"): TEAM_POST,
    ("table_add", "POST"): TEAM_POST,
    ("table_edit", "POST"): TEAM_POST,
    ("table_delete", "POST"): TEAM_POST,
    ("meeting_harvest", "GET"): VIEW,
    ("meeting_harvest", "POST"): TEAM_POST,
    ("participation_record", "POST"): TEAM_POST,
    ("harvest", "GET"): VIEW,
    ("harvest_edit", "GET"): VIEW,
    ("harvest_edit", "POST"): TEAM_POST,
    ("harvest_delete", "POST"): TEAM_POST,
    ("harvest_respond", "POST"): MANAGE_POST,
    ("responses", "GET"): VIEW,
    ("participation", "GET"): VIEW,
    ("participation", "POST"): MANAGE_POST,
    ("target_images", "GET"): VIEW,
    ("vision_edit", "GET"): VIEW,
    ("vision_edit", "POST"): TEAM_POST,
    ("vision_adopt", "GET"): MANAGE_GET,
    ("vision_adopt", "POST"): MANAGE_POST,
    ("image_create", "GET"): VIEW,
    ("image_create", "POST"): TEAM_POST,
    ("image_edit", "GET"): VIEW,
    ("image_edit", "POST"): TEAM_POST,
    ("image_delete", "POST"): TEAM_POST,
    ("image_decide", "GET"): MANAGE_GET,
    ("image_decide", "POST"): MANAGE_POST,
    ("justice_test", "GET"): VIEW,
    ("justice_test", "POST"): TEAM_POST,
}


def P(w):
    return {"project": w.project.pk}


def M(name):
    return lambda w: {"project": w.project.pk, "meeting": getattr(w, name).pk}


def local(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def meeting_payload(w, **overrides):
    data = {
        "format": "expert_meeting",
        "title": "Nieuwe expertmeeting",
        "starts_at": local(at(40)),
        "ends_at": local(at(40, 12)),
        "place": "Stadhuis",
        "chair": w.project.leader.pk,
        "capacity": 12,
    }
    data.update(overrides)
    return data


def csv_file(_w=None):
    return SimpleUploadedFile(
        "deelnemers.csv", b"naam;e-mail\nNieuw Persoon;nieuw@example.org\n", "text/csv"
    )


REQUESTS = {
    "meetings": Request(P),
    "meeting_create": Request(
        lambda w: {"project": w.project.pk, "kind": "expert"}, meeting_payload
    ),
    "meeting_detail": Request(M("planned")),
    "meeting_edit": Request(
        M("planned"),
        lambda w: meeting_payload(
            w,
            title="Andere titel",
            starts_at=local(w.planned.starts_at),
            ends_at=local(w.planned.ends_at),
        ),
    ),
    "meeting_cancel": Request(M("planned")),
    "meeting_held": Request(M("started")),
    "meeting_split": Request(
        M("planned"),
        lambda w: {
            "theme": w.themes[1].pk,
            "attendances": [w.attendances[w.expert.pk].pk],
            "starts_at": local(at(21)),
            "ends_at": local(at(21, 12)),
            "title": "",
        },
    ),
    "meeting_ics": Request(M("planned")),
    "briefing": Request(M("planned")),
    "agenda_add": Request(M("planned"), lambda w: {"title": "Pauze", "duration_minutes": 15}),
    "agenda_edit": Request(
        lambda w: {"project": w.project.pk, "meeting": w.planned.pk, "item": w.agenda.pk},
        lambda w: {"title": "Oorzaken", "duration_minutes": 50},
    ),
    "agenda_delete": Request(
        lambda w: {"project": w.project.pk, "meeting": w.planned.pk, "item": w.agenda.pk}
    ),
    "calendar": Request(P),
    "feed_rotate": Request(P),
    "calendar_feed": Request(lambda w: {"token": w.token}),
    "participants": Request(P),
    "participant_add": Request(P, lambda w: {"name": "Nieuwe Expert", "email": "n@example.org"}),
    "participant_edit": Request(
        lambda w: {"project": w.project.pk, "participant": w.expert.pk},
        lambda w: {"name": "Eva Expert", "organisation": "Huurdersbond"},
    ),
    "participant_import": Request(P, lambda w: {"file": csv_file(), "meeting": ""}),
    "participant_template": Request(P),
    "attendance_add": Request(M("planned"), lambda w: {"participants": [w.loose.pk]}),
    "attendance_register": Request(
        lambda w: {
            "project": w.project.pk,
            "meeting": w.planned.pk,
            "attendance": w.attendances[w.expert.pk].pk,
        }
    ),
    "attendance_decline": Request(
        lambda w: {
            "project": w.project.pk,
            "meeting": w.planned.pk,
            "attendance": w.attendances[w.expert.pk].pk,
        }
    ),
    "attendance_presence": Request(
        lambda w: {"project": w.project.pk, "meeting": w.held.pk, "attendance": w.held_other.pk},
        lambda w: {"present": "1"},
    ),
    "invitations_send": Request(
        M("planned"), lambda w: {"attendances": [w.attendances[w.expert.pk].pk]}
    ),
    "invitation": Request(P, lambda w: {"subject": "Uitnodiging", "body": "Beste {{ naam }}"}),
    "mails": Request(P),
    "minutes": Request(
        M("held"),
        lambda w: {
            "text": "Nieuw verslag",
            "revision": 1,
            f"answer_{w.question.pk}": "Bij de toewijzing",
        },
    ),
    "minutes_approve": Request(M("held")),
    "minutes_reopen": Request(M("approved")),
    "minutes_render": Request(M("unrendered")),
    "minutes_pdf": Request(M("approved")),
    "questions": Request(P, lambda w: {"text": "Wie betaalt?"}),
    "question_edit": Request(
        lambda w: {"project": w.project.pk, "question": w.question.pk},
        lambda w: {"text": "Waar kan de gemeente ingrijpen?"},
    ),
    "question_delete": Request(lambda w: {"project": w.project.pk, "question": w.question.pk}),
    "intervention_points": Request(
        P, lambda w: {"cause": w.causes[1].pk, "title": "Sneller", "arena": "administration"}
    ),
    "point_edit": Request(
        lambda w: {"project": w.project.pk, "point": w.point.pk},
        lambda w: {"cause": w.causes[0].pk, "title": "Meer sociale huur", "arena": "politics"},
    ),
    "point_delete": Request(lambda w: {"project": w.project.pk, "point": w.point.pk}),
    "cafe": Request(M("dialogue")),
    "round_add": Request(M("dialogue"), lambda w: {"question": "Wat nu?", "duration_minutes": 20}),
    "round_delete": Request(
        lambda w: {"project": w.project.pk, "meeting": w.dialogue.pk, "round": w.cafe_round.pk}
    ),
    "table_add": Request(M("dialogue"), lambda w: {"host_name": "Ria", "participant_count": 5}),
    "table_edit": Request(
        lambda w: {"project": w.project.pk, "meeting": w.dialogue.pk, "table": w.table.pk},
        lambda w: {"host_name": "Henk", "participant_count": 8},
    ),
    "table_delete": Request(
        lambda w: {"project": w.project.pk, "meeting": w.dialogue.pk, "table": w.table.pk}
    ),
    "meeting_harvest": Request(
        M("dialogue"), lambda w: {"text": "Meer bankjes", "domains": ["welzijn"]}
    ),
    "participation_record": Request(
        M("dialogue"), lambda w: {"walk_ins": 4, "freedom": "yes", "freedom_note": ""}
    ),
    "harvest": Request(P),
    "harvest_edit": Request(
        lambda w: {"project": w.project.pk, "item": w.items[2].pk},
        lambda w: {"text": "Meer ontmoetingsplekken in het park", "domains": ["welzijn"]},
    ),
    "harvest_delete": Request(lambda w: {"project": w.project.pk, "item": w.items[2].pk}),
    "harvest_respond": Request(
        lambda w: {"project": w.project.pk, "item": w.items[2].pk},
        lambda w: {"response": "Al geregeld"},
    ),
    "responses": Request(P),
    "participation": Request(P, lambda w: {"citizen_target": 50}),
    "target_images": Request(P),
    "vision_edit": Request(P, lambda w: {"concept_text": "Samen verder"}),
    "vision_adopt": Request(
        P, lambda w: {"meeting": w.political.pk, "adopted_text": "Samen", "argument": "Unaniem"}
    ),
    "image_create": Request(
        P,
        lambda w: {
            "domain": "wonen",
            "horizon": "long",
            "title": "Een buurt voor iedereen",
            "items": [w.items[2].pk],
        },
    ),
    "image_edit": Request(
        lambda w: {"project": w.project.pk, "image": w.concept.pk},
        lambda w: {
            "domain": "werken",
            "horizon": "long",
            "title": "Werk voor iedereen!",
            "items": [w.items[1].pk],
        },
    ),
    "image_delete": Request(lambda w: {"project": w.project.pk, "image": w.concept.pk}),
    "image_decide": Request(
        lambda w: {"project": w.project.pk, "image": w.concept.pk},
        lambda w: {
            "meeting": w.political.pk,
            "outcome": "rejected",
            "political_argument": "Geen geld",
            "title": "",
            "text": "",
        },
    ),
    "justice_test": Request(
        lambda w: {"project": w.project.pk, "image": w.image.pk},
        lambda w: {
            "rows-TOTAL_FORMS": 1,
            "rows-INITIAL_FORMS": 0,
            "rows-MIN_NUM_FORMS": 0,
            "rows-MAX_NUM_FORMS": 40,
            "rows-0-party": "burgers",
            "rows-0-domain": "wonen",
            "rows-0-burdens": "Wachten",
            "rows-0-benefits": "Een huis",
            "doability": "yes",
            "doability_explanation": "Eenvoudig",
            "justification": "Zorgplicht",
        },
    ),
}


class TestMeetingsMatrix(PermissionMatrix):
    namespace = "meetings"
    expected = EXPECTED
    requests = REQUESTS

    @classmethod
    def build(cls, people):
        project = people.project
        world = build_world(project)
        leader, member = project.leader, project.member
        world.held_other = world.held.attendances.exclude(participant=world.expert).get()
        world.loose = person(project, "Losse Deelnemer")
        # A meeting of the team member that has begun but is not yet marked held.
        started = plan(project, title="Net begonnen", days=25, chair=member)
        Meeting.objects.filter(pk=started.pk).update(starts_at=at(-1, 9), ends_at=at(-1, 11))
        world.started = Meeting.objects.get(pk=started.pk)
        # Approved minutes with a PDF (the team member chairs), and approved ones without.
        world.approved = plan(project, title="Afgerond", days=-20, chair=member)
        world.unrendered = plan(project, title="Zonder PDF", days=-21, chair=member)
        for meeting in (world.approved, world.unrendered):
            result_services.minutes_save(
                actor=member, meeting=meeting, text="<p>Klaar</p>", revision=0
            )
            result_services.minutes_approve(actor=member, meeting=meeting)
        result_services.minutes_render(minutes_id=world.approved.minutes.pk)
        result_services.minutes_render_failed(
            minutes_id=world.unrendered.minutes.pk, error="Pango ontbreekt"
        )
        world.leader = leader
        return SimpleNamespace(**vars(world))


def test_a_team_member_records_only_the_meetings_they_chair(project, client_as):
    """The matrix's team member chairs its meetings; of a meeting the leader chairs they may
    read everything but write neither minutes nor harvest."""
    from django.urls import reverse

    from processteps.meetings.models import HarvestItem, MeetingKind, Minutes

    dialogue = plan(project, kind=MeetingKind.DIALOGUE, days=-1, chair=project.leader)
    browser = client_as("member")
    args = [project.pk, dialogue.pk]
    assert browser.get(reverse("meetings:meeting_harvest", args=args)).status_code == 200
    assert browser.get(reverse("meetings:minutes", args=args)).status_code == 403
    refused = [
        ("meetings:minutes", {"text": "x", "revision": 0}),
        ("meetings:meeting_harvest", {"text": "x"}),
        ("meetings:round_add", {"question": "x", "duration_minutes": 5}),
        ("meetings:participation_record", {"walk_ins": 1, "freedom": "yes"}),
        ("meetings:minutes_approve", {}),
    ]
    for name, data in refused:
        assert browser.post(reverse(name, args=args), data).status_code == 403, name
    assert not HarvestItem.objects.exists() and not Minutes.objects.exists()
