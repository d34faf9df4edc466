"""The checklist items of steps 6-8 are ticked from the data, and unticked when the data no
longer satisfies them: every rule proven both ways."""

import datetime

import pytest

from processteps.meetings.models import Freedom, MeetingKind
from processteps.meetings.services import dialogues as dialogue_services
from processteps.meetings.services import meetings as meeting_services
from processteps.meetings.services import participants as participant_services
from processteps.meetings.services import results as result_services
from processteps.meetings.services import vision as vision_services
from processteps.models import Domain, Horizon, PartyKind
from processteps.registry import derived_key_for
from processteps.services import steps as step_services

from .support import invite, person, plan

pytestmark = pytest.mark.django_db


def item(project, step_key, text):
    return project.steps.get(key=step_key).checklist_items.get(text=text)


def ticked(project, step_key, text) -> bool:
    return item(project, step_key, text).is_done


def test_the_catalogue_items_of_steps_6_to_8_are_derived(project):
    expected = {
        ("expert_meetings", "Zijn alle fundamentele vragen beantwoord?"): "fundamental_questions",
        ("citizen_dialogues", "Voldoende burgers betrokken?"): "enough_citizens",
        ("citizen_dialogues", "Bijeenkomsten in alle vrijheid verlopen?"): "dialogues_in_freedom",
        ("political_meeting", "Politiek-bestuurlijke afweging"): "political_weighing",
        ("political_meeting", "Rechtvaardigheidstoets"): "justice_tests",
    }
    for (step_key, text), key in expected.items():
        assert derived_key_for(step_key, text) == key
        assert item(project, step_key, text).derived_from == key


# -- step 6 ---------------------------------------------------------------------------------------

Q6 = ("expert_meetings", "Zijn alle fundamentele vragen beantwoord?")


def test_fundamental_questions_are_answered_when_approved_minutes_answer_each(project):
    leader = project.leader
    first = meeting_services.question_add(actor=leader, project=project, text="Vraag één?")
    second = meeting_services.question_add(actor=leader, project=project, text="Vraag twee?")
    meeting = plan(project, days=-3)
    meeting_services.agenda_item_add(
        actor=leader,
        meeting=meeting,
        title="Vragen",
        duration_minutes=60,
        questions=[first, second],
    )
    result_services.minutes_save(
        actor=leader, meeting=meeting, text="Verslag", revision=0, answers={first: "Antwoord één"}
    )
    result_services.minutes_approve(actor=leader, meeting=meeting)
    assert not ticked(project, *Q6)  # the second question has no answer

    result_services.minutes_reopen(actor=leader, meeting=meeting)
    result_services.minutes_save(
        actor=leader,
        meeting=meeting,
        text="Verslag",
        revision=1,
        answers={first: "Antwoord één", second: "Antwoord twee"},
    )
    assert not ticked(project, *Q6)  # answered in a draft only
    result_services.minutes_approve(actor=leader, meeting=meeting)
    assert ticked(project, *Q6)

    # A new question is open again; reopening the minutes unticks too.
    third = meeting_services.question_add(actor=leader, project=project, text="Vraag drie?")
    assert not ticked(project, *Q6)
    meeting_services.question_delete(actor=leader, question=third)
    assert ticked(project, *Q6)
    result_services.minutes_reopen(actor=leader, meeting=meeting)
    assert not ticked(project, *Q6)


def test_no_questions_is_not_all_answered(project):
    from processteps.meetings.selectors import fundamental_questions_answered

    assert fundamental_questions_answered(project) is False


def test_answers_are_for_the_questions_the_agenda_treats(project):
    question = meeting_services.question_add(actor=project.leader, project=project, text="Waar?")
    meeting = plan(project, days=-1)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="staat niet op de agenda"):
        result_services.minutes_save(
            actor=project.leader, meeting=meeting, text="x", revision=0, answers={question: "Hier"}
        )


# -- step 7 ---------------------------------------------------------------------------------------

CITIZENS = ("citizen_dialogues", "Voldoende burgers betrokken?")
FREEDOM = ("citizen_dialogues", "Bijeenkomsten in alle vrijheid verlopen?")


def test_enough_citizens_is_the_target_reached_by_held_dialogues(project):
    leader = project.leader
    dialogue = plan(project, kind=MeetingKind.DIALOGUE, days=-2, chair=project.member)
    attendances = invite(dialogue, [person(project, group=PartyKind.CITIZENS) for _ in range(4)])
    for attendance in attendances.values():
        participant_services.attendance_presence(actor=leader, attendance=attendance, present=True)
    assert not ticked(project, *CITIZENS)  # no target yet
    dialogue_services.citizen_target_set(actor=leader, project=project, target=10)
    assert not ticked(project, *CITIZENS)  # 4 of 10
    dialogue_services.participation_record(
        actor=project.member, meeting=dialogue, walk_ins=6, freedom=""
    )
    assert ticked(project, *CITIZENS)  # 4 + 6 walk-ins
    dialogue_services.citizen_target_set(actor=leader, project=project, target=11)
    assert not ticked(project, *CITIZENS)
    # Someone marked absent after all counts no more.
    dialogue_services.citizen_target_set(actor=leader, project=project, target=10)
    participant_services.attendance_presence(
        actor=leader, attendance=next(iter(attendances.values())), present=False
    )
    assert not ticked(project, *CITIZENS)


def test_a_planned_dialogue_does_not_count(project):
    dialogue_services.citizen_target_set(actor=project.leader, project=project, target=1)
    planned = plan(project, kind=MeetingKind.DIALOGUE, days=5)
    invite(planned, [person(project)])
    assert not ticked(project, *CITIZENS)


def test_in_freedom_when_the_host_of_every_held_dialogue_says_so(project):
    member = project.member
    first = plan(project, kind=MeetingKind.DIALOGUE, days=-3, chair=member)
    second = plan(project, kind=MeetingKind.DIALOGUE, days=-2, chair=member)
    assert not ticked(project, *FREEDOM)
    dialogue_services.participation_record(
        actor=member, meeting=first, walk_ins=0, freedom=Freedom.YES
    )
    assert not ticked(project, *FREEDOM)  # the second is not judged
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Licht toe"):
        dialogue_services.participation_record(
            actor=member, meeting=second, walk_ins=0, freedom=Freedom.PARTLY
        )
    dialogue_services.participation_record(
        actor=member,
        meeting=second,
        walk_ins=0,
        freedom=Freedom.PARTLY,
        freedom_note="Druk van de pers",
    )
    assert not ticked(project, *FREEDOM)
    dialogue_services.participation_record(
        actor=member, meeting=second, walk_ins=0, freedom=Freedom.YES
    )
    assert ticked(project, *FREEDOM)
    # A dialogue held afterwards and not yet judged unticks it.
    plan(project, kind=MeetingKind.DIALOGUE, days=-1, chair=member)
    assert not ticked(project, *FREEDOM)


# -- step 8 ---------------------------------------------------------------------------------------

WEIGHING = ("political_meeting", "Politiek-bestuurlijke afweging")
JUSTICE = ("political_meeting", "Rechtvaardigheidstoets")


@pytest.fixture
def harvest(project):
    dialogue = plan(project, kind=MeetingKind.DIALOGUE, days=-5, chair=project.member)
    items = [
        dialogue_services.harvest_add(
            actor=project.member, meeting=dialogue, text=text, domains=[Domain.HOUSING]
        )
        for text in ("Meer huizen", "Minder regels", "Een buurthuis")
    ]
    political = plan(project, kind=MeetingKind.POLITICAL, days=-1)
    return items, political


def test_the_political_weighing_needs_every_decision_and_every_response(project, harvest):
    items, political = harvest
    leader = project.leader
    image = vision_services.target_image_create(
        actor=leader,
        project=project,
        domain=Domain.HOUSING,
        horizon=Horizon.SHORT,
        title="Een thuis voor iedereen",
        items=items[:2],
    )
    assert not ticked(project, *WEIGHING)
    vision_services.target_image_decide(
        actor=leader,
        image=image,
        meeting=political,
        outcome="adopted",
        political_argument="Breed gedragen",
        review_date=datetime.date.today().replace(year=2100),
    )
    assert not ticked(project, *WEIGHING)  # "Een buurthuis" has no response yet
    dialogue_services.harvest_respond(
        actor=leader, item=items[2], response="Valt buiten dit vraagstuk"
    )
    assert ticked(project, *WEIGHING)
    # New harvest without a response unticks it; so does a new undecided target image.
    extra = dialogue_services.harvest_add(
        actor=project.member, meeting=items[0].meeting, text="Nog iets"
    )
    assert not ticked(project, *WEIGHING)
    dialogue_services.harvest_respond(actor=leader, item=extra, response="Al geregeld")
    assert ticked(project, *WEIGHING)
    vision_services.target_image_create(
        actor=leader,
        project=project,
        domain=Domain.WORK,
        horizon=Horizon.LONG,
        title="Werk",
        items=[extra],
    )
    assert not ticked(project, *WEIGHING)


def test_every_harvest_item_gets_a_reasoned_response(project, harvest, client_as):
    from django.core.exceptions import ValidationError
    from django.urls import reverse

    from processteps.meetings.selectors import harvest_without_response

    items, _political = harvest
    assert set(harvest_without_response(project)) == set(items)
    with pytest.raises(ValidationError, match="waarom deze opbrengst niet"):
        dialogue_services.harvest_respond(actor=project.leader, item=items[0], response=" ")
    vision_services.target_image_create(
        actor=project.leader,
        project=project,
        domain=Domain.HOUSING,
        horizon=Horizon.SHORT,
        title="Huizen",
        items=[items[0]],
    )
    dialogue_services.harvest_respond(actor=project.leader, item=items[1], response="Te duur")
    assert list(harvest_without_response(project)) == [items[2]]
    page = client_as("leader").get(reverse("meetings:responses", args=[project.pk]))
    text = page.content.decode()
    assert "1 opbrengst heeft nog geen reactie." in text
    assert "Overgenomen in" in text and "Te duur" in text


def test_the_justice_test_is_done_when_every_adopted_image_has_a_complete_one(project, harvest):
    items, political = harvest
    leader = project.leader
    review = datetime.date.today().replace(year=2100)
    first = vision_services.target_image_create(
        actor=leader,
        project=project,
        domain=Domain.HOUSING,
        horizon=Horizon.SHORT,
        title="Eerste",
        items=items[:1],
    )
    second = vision_services.target_image_create(
        actor=leader,
        project=project,
        domain=Domain.HOUSING,
        horizon=Horizon.LONG,
        title="Tweede",
        items=items[1:2],
    )
    assert not ticked(project, *JUSTICE)  # nothing adopted yet
    for image in (first, second):
        vision_services.target_image_decide(
            actor=leader,
            image=image,
            meeting=political,
            outcome="adopted",
            political_argument="Goed",
            review_date=review,
        )
    complete = {
        "doability": "partly",
        "doability_explanation": "Met hulp van de buurtcoach",
        "justification": "Grondwettelijke zorgplicht voor huisvesting",
        "rows": [
            {
                "party": PartyKind.CITIZENS,
                "domain": Domain.HOUSING,
                "burdens": "Langer wachten",
                "benefits": "Betaalbare huur",
            }
        ],
    }
    vision_services.justice_test_save(actor=leader, image=first, **complete)
    assert not ticked(project, *JUSTICE)  # the second has none
    vision_services.justice_test_save(
        actor=leader, image=second, **{**complete, "justification": ""}
    )
    assert not ticked(project, *JUSTICE)  # incomplete: no justification
    vision_services.justice_test_save(actor=leader, image=second, **complete)
    assert ticked(project, *JUSTICE)
    vision_services.justice_test_save(actor=leader, image=second, **{**complete, "rows": []})
    assert not ticked(project, *JUSTICE)  # no burdens or benefits named
    # A rejected image needs no test.
    vision_services.target_image_decide(
        actor=leader,
        image=second,
        meeting=political,
        outcome="rejected",
        political_argument="Toch niet",
    )
    assert ticked(project, *JUSTICE)


def test_a_closed_step_keeps_its_checklist(project, harvest):
    items, political = harvest
    leader = project.leader
    step = project.steps.get(key="political_meeting")
    step_services.step_skip(actor=leader, step=step, reason="Niet nodig")
    image = vision_services.target_image_create(
        actor=leader,
        project=project,
        domain=Domain.HOUSING,
        horizon=Horizon.SHORT,
        title="Eerste",
        items=items,
    )
    vision_services.target_image_decide(
        actor=leader, image=image, meeting=political, outcome="rejected", political_argument="Nee"
    )
    assert not ticked(project, *WEIGHING)
