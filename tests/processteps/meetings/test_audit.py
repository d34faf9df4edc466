"""Every audit action of the meetings is recorded by its service and worded in a sentence
(never the raw action code); entries that name participants are team-only."""

import pytest

from processteps.meetings.models import MeetingKind
from processteps.meetings.services import dialogues as dialogue_services
from processteps.meetings.services import meetings as meeting_services
from processteps.meetings.services import participants as participant_services
from processteps.meetings.services import results as result_services
from processteps.meetings.services import vision as vision_services
from processteps.models import AuditEntry
from processteps.registry import tool
from processteps.services.audit import TEAM_ONLY_ACTIONS, describe

from .support import at, key_figure, plan
from .world import at_review, build_world

pytestmark = pytest.mark.django_db


def test_every_meetings_action_is_recorded_and_described(project, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    w = build_world(project)
    leader, member = project.leader, project.member
    meeting_services.meeting_update(actor=leader, meeting=w.planned, title="Nieuwe titel")
    meeting_services.meeting_split(
        actor=leader,
        meeting=w.planned,
        theme=w.themes[1],
        attendances=[w.attendances[w.expert.pk]],
        starts_at=at(22),
        ends_at=at(22, 12),
    )
    meeting_services.agenda_item_update(actor=leader, item=w.agenda, title="Oorzaken")
    meeting_services.agenda_item_delete(actor=leader, item=w.agenda)
    meeting_services.question_update(actor=leader, question=w.question, text="Waar?")
    extra = meeting_services.question_add(actor=leader, project=project, text="Extra?")
    meeting_services.question_delete(actor=leader, question=extra)
    participant_services.participant_update(actor=leader, participant=w.expert, expertise="X")
    participant_services.participants_from_key_figures(
        actor=leader, project=project, key_figures=[key_figure(project, "Kees Kern")]
    )
    participant_services.participants_import(
        actor=leader,
        project=project,
        upload=SimpleUploadedFile("d.csv", b"naam\nIemand Nieuw\n"),
    )
    participant_services.invitation_template_save(
        actor=leader, project=project, subject="Hallo", body="Beste {{ naam }}"
    )
    participant_services.invitations_send(
        actor=leader, meeting=w.planned, attendances=[w.planned.attendances.first()]
    )
    result_services.minutes_approve(actor=member, meeting=w.held)
    result_services.minutes_reopen(actor=member, meeting=w.held)
    result_services.intervention_point_update(actor=leader, point=w.point, title="Anders")
    spare = result_services.intervention_point_add(
        actor=leader, project=project, cause=w.causes[1], title="Reserve"
    )
    result_services.intervention_point_delete(actor=leader, point=spare)
    dialogue_services.table_update(
        actor=member, table=w.table, host_name="Ria", participant_count=4
    )
    dialogue_services.harvest_update(actor=member, item=w.items[2], text="Anders")
    dialogue_services.harvest_respond(actor=leader, item=w.items[2], response="Nee")
    dialogue_services.harvest_delete(actor=member, item=w.items[2])
    dialogue_services.participation_record(
        actor=member, meeting=w.dialogue, walk_ins=2, freedom="yes"
    )
    dialogue_services.citizen_target_set(actor=leader, project=project, target=5)
    dialogue_services.round_delete(actor=member, cafe_round=w.cafe_round)
    dialogue_services.table_delete(actor=member, table=w.table)
    vision_services.vision_adopt(
        actor=leader,
        project=project,
        meeting=w.political,
        adopted_text="<p>Samen</p>",
        argument="Ja",
    )
    vision_services.target_image_update(
        actor=member,
        image=w.concept,
        domain="werken",
        horizon="long",
        title="Werk!",
        items=[w.items[1]],
    )
    vision_services.target_image_delete(actor=member, image=w.concept)
    later = plan(project, kind=MeetingKind.POLITICAL, days=3)
    meeting_services.meeting_cancel(actor=leader, meeting=later)
    started = plan(project, days=30, chair=member)
    from processteps.meetings.models import Meeting

    Meeting.objects.filter(pk=started.pk).update(starts_at=at(-1, 9), ends_at=at(-1, 11))
    started.refresh_from_db()
    meeting_services.meeting_mark_held(actor=member, meeting=started)
    vision_services.target_image_decide(
        actor=leader,
        image=w.image,
        meeting=w.political,
        outcome="rejected",
        political_argument="Toch niet",
        review_date=at_review(w.political),
    )

    actions = set(tool("meetings").audit_actions)
    entries = list(AuditEntry.objects.filter(project=project, action__in=actions))
    assert {e.action for e in entries} == actions
    for entry in entries:
        text = describe(entry)
        assert entry.action not in text and "%(" not in text, (entry.action, text)
    planned = next(e for e in entries if e.action == "meeting.planned")
    assert describe(planned).startswith("plande de bijeenkomst") and "Expertmeeting)" in describe(
        planned
    )
    decided = [e for e in entries if e.action == "image.decided"]
    assert {describe(e).split(": ")[-1] for e in decided} == {"Vastgesteld", "Verworpen"}
    # Entries whose target names a participant never reach a client.
    assert {
        "participant.added",
        "participant.changed",
        "participant.from_key_figure",
        "attendance.status",
    } <= TEAM_ONLY_ACTIONS
