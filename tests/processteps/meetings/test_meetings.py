"""Planning meetings: the bad input the issue names (a meeting in the past, overlapping
meetings of one chair, a capped meeting over capacity) gets a Dutch error and saves nothing;
an expert meeting of more than ten is split by theme."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from processteps.meetings.models import (
    AttendanceStatus,
    Meeting,
    MeetingFormat,
    MeetingKind,
    MeetingStatus,
)
from processteps.meetings.services import meetings as services
from processteps.meetings.services import participants as participant_services
from processteps.models import AuditEntry
from tests.factories import ProjectFactory, UserFactory

from .support import at, invite, person, plan, theme

pytestmark = pytest.mark.django_db


def fields(project, **overrides):
    data = {
        "format": MeetingFormat.EXPERT_MEETING,
        "title": "Expertmeeting",
        "starts_at": at(7),
        "ends_at": at(7, 12),
        "place": "Stadhuis",
        "chair": project.leader,
    }
    data.update(overrides)
    return data


def messages_of(exc) -> str:
    return " ".join(exc.value.messages)


def test_a_meeting_in_the_past_is_not_planned(project):
    with pytest.raises(ValidationError) as exc:
        services.meeting_plan(
            actor=project.leader,
            project=project,
            kind=MeetingKind.EXPERT,
            **fields(project, starts_at=at(-1), ends_at=at(-1, 12)),
        )
    assert "ligt in het verleden" in messages_of(exc)
    assert "Al gehouden" in messages_of(exc)
    assert not Meeting.objects.exists()
    assert not AuditEntry.objects.filter(action="meeting.planned").exists()


def test_a_held_meeting_is_recorded_afterwards_but_not_in_the_future(project):
    held = services.meeting_plan(
        actor=project.leader,
        project=project,
        kind=MeetingKind.EXPERT,
        already_held=True,
        **fields(project, starts_at=at(-3), ends_at=at(-3, 12)),
    )
    assert held.status == MeetingStatus.HELD
    with pytest.raises(ValidationError) as exc:
        services.meeting_plan(
            actor=project.leader,
            project=project,
            kind=MeetingKind.EXPERT,
            already_held=True,
            **fields(project, title="Later"),
        )
    assert "nog moet beginnen" in messages_of(exc)


def test_the_planning_form_says_so_in_dutch_and_saves_nothing(project, client_as):
    url = reverse("meetings:meeting_create", args=[project.pk, "expert"])
    yesterday = at(-1)
    response = client_as("leader").post(
        url,
        {
            "format": "expert_meeting",
            "title": "Te laat",
            "starts_at": yesterday.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (yesterday + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "place": "Stadhuis",
            "chair": project.leader.pk,
        },
    )
    assert response.status_code == 400
    assert "ligt in het verleden" in response.content.decode()
    assert not Meeting.objects.exists()


def test_one_chair_cannot_chair_two_meetings_at_once(project):
    first = plan(project, title="Eerste", days=7, hour=10, hours=2)
    with pytest.raises(ValidationError) as exc:
        plan(project, title="Tweede", days=7, hour=11, hours=2)
    assert "zit dan al 'Eerste' voor" in messages_of(exc)
    assert Meeting.objects.count() == 1
    # Right after it is fine, and so is another chair at the same time.
    plan(project, title="Daarna", days=7, hour=12)
    plan(project, title="Tegelijk", days=7, hour=10, chair=project.member)
    # A cancelled meeting frees the chair.
    services.meeting_cancel(actor=project.leader, meeting=first)
    plan(project, title="In de plaats", days=7, hour=10)


def test_an_overlap_in_another_project_is_refused_without_naming_it(project):
    other = ProjectFactory(leader=project.leader, name="Ander project")
    other.leader = project.leader
    plan(other, title="Geheime vergadering", days=7, hour=10)
    with pytest.raises(ValidationError) as exc:
        plan(project, days=7, hour=11)
    assert "van een ander project" in messages_of(exc)
    assert "Geheime vergadering" not in messages_of(exc)


def test_moving_a_meeting_onto_another_of_the_chair_is_refused(project):
    plan(project, title="Vast", days=7, hour=10)
    movable = plan(project, title="Beweegbaar", days=8, hour=10)
    with pytest.raises(ValidationError):
        services.meeting_update(
            actor=project.leader, meeting=movable, starts_at=at(7, 11), ends_at=at(7, 13)
        )
    movable.refresh_from_db()
    assert movable.starts_at == at(8, 10)


def test_the_chair_is_a_member_of_the_team(project):
    with pytest.raises(ValidationError) as exc:
        plan(project, chair=project.client)
    assert "lid van het projectteam" in messages_of(exc)
    with pytest.raises(ValidationError):
        plan(project, chair=UserFactory())


def test_a_meeting_needs_a_place_or_a_link_and_a_format_of_its_kind(project):
    with pytest.raises(ValidationError) as exc:
        plan(project, place="")
    assert "plaats" in messages_of(exc)
    with pytest.raises(ValidationError) as exc:
        plan(project, format=MeetingFormat.WORLD_CAFE)
    assert "past niet bij een expertmeeting" in messages_of(exc)
    with pytest.raises(ValidationError) as exc:
        plan(project, format=MeetingFormat.ONLINE, place="")
    assert "link" in messages_of(exc)
    online = plan(
        project, format=MeetingFormat.ONLINE, place="", online_link="https://meet.example.org/x"
    )
    assert online.online_link
    with pytest.raises(ValidationError) as exc:
        plan(project, starts_at=at(9, 12), ends_at=at(9, 11))
    assert "eindigt na het begin" in messages_of(exc)


def test_the_capacity_cannot_drop_below_those_registered(project):
    meeting = plan(project, capacity=5)
    attendances = list(invite(meeting, [person(project) for _ in range(3)]).values())
    for attendance in attendances:
        participant_services.attendance_register(actor=project.leader, attendance=attendance)
    with pytest.raises(ValidationError) as exc:
        services.meeting_update(actor=project.leader, meeting=meeting, capacity=2)
    assert "al 3 deelnemers aangemeld" in messages_of(exc)
    meeting.refresh_from_db()
    assert meeting.capacity == 5
    services.meeting_update(actor=project.leader, meeting=meeting, capacity=3)


def test_marking_held_waits_for_the_start(project):
    meeting = plan(project, days=3)
    with pytest.raises(ValidationError) as exc:
        services.meeting_mark_held(actor=project.leader, meeting=meeting)
    assert "nog niet begonnen" in messages_of(exc)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=at(-1), ends_at=at(-1, 12))
    meeting.refresh_from_db()
    services.meeting_mark_held(actor=project.leader, meeting=meeting)
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.HELD


# -- splitting by theme ---------------------------------------------------------------------------


def test_an_expert_meeting_over_ten_warns_and_splits_by_theme(project, client_as):
    housing, work = theme(project, "Wonen"), theme(project, "Werk")
    meeting = plan(project, title="Expertmeeting", capacity=20)
    services.agenda_item_add(
        actor=project.leader, meeting=meeting, title="Opening", duration_minutes=10
    )
    services.agenda_item_add(
        actor=project.leader, meeting=meeting, title="Over werk", duration_minutes=40, themes=[work]
    )
    services.agenda_item_add(
        actor=project.leader,
        meeting=meeting,
        title="Over wonen",
        duration_minutes=40,
        themes=[housing],
    )
    people = [person(project, f"Expert {i:02d}") for i in range(14)]
    url = reverse("meetings:attendance_add", args=[project.pk, meeting.pk])
    response = client_as("leader").post(url, {"participants": [p.pk for p in people]}, follow=True)
    page = response.content.decode()
    assert "meer dan tien deelnemers" in page
    assert "Naar thema splitsen" in page

    moving = list(meeting.attendances.filter(participant__in=people[:6]))
    new = services.meeting_split(
        actor=project.leader,
        meeting=meeting,
        theme=work,
        attendances=moving,
        starts_at=at(14, 14),
        ends_at=at(14, 16),
    )
    assert new.split_from == meeting and new.theme == work
    assert new.title == "Expertmeeting: Werk"
    assert new.attendances.count() == 6 and meeting.attendances.count() == 8
    assert list(new.agenda_items.values_list("title", flat=True)) == ["Opening", "Over werk"]
    assert (new.place, new.capacity, new.chair) == (meeting.place, 20, meeting.chair)
    response = client_as("leader").get(
        reverse("meetings:meeting_detail", args=[project.pk, meeting.pk])
    )
    assert "Naar thema splitsen" not in response.content.decode()


def test_a_split_at_the_same_time_with_the_same_chair_is_refused(project):
    work = theme(project, "Werk")
    meeting = plan(project, days=14, hour=10)
    attendances = list(invite(meeting, [person(project) for _ in range(3)]).values())
    with pytest.raises(ValidationError) as exc:
        services.meeting_split(
            actor=project.leader,
            meeting=meeting,
            theme=work,
            attendances=attendances[:1],
            starts_at=at(14, 10),
            ends_at=at(14, 12),
        )
    assert "zit dan al" in messages_of(exc)
    assert Meeting.objects.count() == 1
    assert meeting.attendances.count() == 3


def test_a_split_needs_people_on_both_sides_and_no_presence_yet(project):
    work = theme(project, "Werk")
    meeting = plan(project, days=-1)
    attendances = list(invite(meeting, [person(project) for _ in range(2)]).values())
    split = {
        "actor": project.leader,
        "meeting": meeting,
        "theme": work,
        "starts_at": at(-1, 14),
        "ends_at": at(-1, 16),
    }
    with pytest.raises(ValidationError) as exc:
        services.meeting_split(attendances=attendances, **split)
    assert "Laat ook deelnemers achter" in messages_of(exc)
    participant_services.attendance_presence(
        actor=project.leader, attendance=attendances[0], present=True
    )
    with pytest.raises(ValidationError) as exc:
        services.meeting_split(attendances=attendances[1:], **split)
    assert "aanwezigheid is al bijgehouden" in messages_of(exc)
    assert Meeting.objects.count() == 1


def test_only_an_expert_meeting_is_split(project):
    work = theme(project, "Werk")
    dialogue = plan(project, kind=MeetingKind.DIALOGUE)
    attendances = list(invite(dialogue, [person(project) for _ in range(2)]).values())
    with pytest.raises(ValidationError):
        services.meeting_split(
            actor=project.leader,
            meeting=dialogue,
            theme=work,
            attendances=attendances[:1],
            starts_at=at(20),
            ends_at=at(20, 12),
        )


def test_cancelling_keeps_the_attendance_record(project):
    meeting = plan(project)
    invite(meeting, [person(project)])
    services.meeting_cancel(actor=project.leader, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert meeting.attendances.filter(status=AttendanceStatus.INVITED).count() == 1
    with pytest.raises(ValidationError):
        services.meeting_cancel(actor=project.leader, meeting=meeting)
