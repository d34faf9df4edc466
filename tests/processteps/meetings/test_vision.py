"""The harvest of the dialogues, the target images built from it, and the political
meeting's decisions kept as a record (with the political argument and a review date)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from processteps.meetings.models import (
    HarvestItem,
    MeetingKind,
    TargetImage,
    TargetImageDecision,
    TargetImageStatus,
)
from processteps.meetings.services import dialogues as dialogue_services
from processteps.meetings.services import results as result_services
from processteps.meetings.services import vision as services
from processteps.models import Domain, Horizon, PartyKind
from tests.factories import ProjectFactory

from .support import plan, team_causes

pytestmark = pytest.mark.django_db

LATER = datetime.date(2100, 1, 1)


@pytest.fixture
def dialogue(project):
    return plan(project, kind=MeetingKind.DIALOGUE, days=-4, chair=project.member)


@pytest.fixture
def political(project):
    return plan(project, kind=MeetingKind.POLITICAL, days=-1, external_chair="Wethouder Wit")


def test_harvest_is_tagged_to_rounds_tables_causes_points_and_domains(project, dialogue):
    causes = team_causes(project)
    point = result_services.intervention_point_add(
        actor=project.leader, project=project, cause=causes[0], title="Bouwen"
    )
    cafe_round = dialogue_services.round_add(
        actor=project.member, meeting=dialogue, question="Wat droom je?", duration_minutes=20
    )
    table = dialogue_services.table_add(
        actor=project.member, meeting=dialogue, host_name="Henk", participant_count=7
    )
    item = dialogue_services.harvest_add(
        actor=project.member,
        meeting=dialogue,
        text="Tiny houses op braakliggend terrein",
        round=cafe_round,
        table=table,
        causes=[causes[0]],
        intervention_points=[point],
        domains=[Domain.HOUSING, Domain.WELLBEING, Domain.HOUSING],
    )
    assert (item.round, item.table) == (cafe_round, table)
    assert list(item.causes.all()) == [causes[0]]
    assert list(item.intervention_points.all()) == [point]
    assert sorted(item.domain_tags.values_list("domain", flat=True)) == ["welzijn", "wonen"]
    dialogue_services.harvest_update(
        actor=project.member, item=item, text="Tiny houses", domains=[Domain.WORK]
    )
    assert list(item.domain_tags.values_list("domain", flat=True)) == ["werken"]
    assert not item.causes.exists()


def test_rounds_and_tables_are_numbered_in_order(project, dialogue):
    numbers = [
        dialogue_services.round_add(
            actor=project.member, meeting=dialogue, question=f"V{i}", duration_minutes=15
        ).number
        for i in range(3)
    ]
    assert numbers == [1, 2, 3]
    tables = [
        dialogue_services.table_add(actor=project.member, meeting=dialogue).number for _ in range(6)
    ]
    assert tables == [1, 2, 3, 4, 5, 6]


def test_harvest_belongs_to_a_dialogue_of_this_project(project, dialogue):
    expert = plan(project, days=-2)
    with pytest.raises(ValidationError, match="Alleen een burgerdialoog"):
        dialogue_services.harvest_add(actor=project.leader, meeting=expert, text="x")
    other = ProjectFactory(leader=project.leader)
    other.leader = project.leader
    foreign = team_causes(other, ["Elders"])[0]
    with pytest.raises(ValidationError, match="oorzaak van een ander project"):
        dialogue_services.harvest_add(
            actor=project.leader, meeting=dialogue, text="x", causes=[foreign]
        )
    other_dialogue = plan(
        other,
        kind=MeetingKind.DIALOGUE,
        days=-3,
        actor=project.leader,
        chair=project.leader,
        hour=15,
    )
    other_round = dialogue_services.round_add(
        actor=project.leader, meeting=other_dialogue, question="?", duration_minutes=5
    )
    with pytest.raises(ValidationError, match="andere bijeenkomst"):
        dialogue_services.harvest_add(
            actor=project.leader, meeting=dialogue, text="x", round=other_round
        )
    assert not HarvestItem.objects.filter(meeting=dialogue).exists()


def test_a_target_image_is_built_from_harvest_it_cites(project, dialogue):
    items = [
        dialogue_services.harvest_add(actor=project.member, meeting=dialogue, text=t)
        for t in ("Meer groen", "Speelplekken")
    ]
    with pytest.raises(ValidationError, match="berust op de oogst"):
        services.target_image_create(
            actor=project.member,
            project=project,
            domain=Domain.WELLBEING,
            horizon=Horizon.SHORT,
            title="Groene wijk",
            items=[],
        )
    image = services.target_image_create(
        actor=project.member,
        project=project,
        domain=Domain.WELLBEING,
        horizon=Horizon.LONG,
        title="Groene wijk",
        text="Elke straat een boom",
        items=items,
    )
    assert image.status == TargetImageStatus.CONCEPT
    assert set(image.cited_items.all()) == set(items)
    assert set(items[0].target_images.all()) == {image}
    with pytest.raises(ValidationError, match="streefbeeld berust op deze opbrengst"):
        dialogue_services.harvest_delete(actor=project.member, item=items[0])


def test_decisions_are_kept_as_a_record_with_argument_and_review_date(project, dialogue, political):
    item = dialogue_services.harvest_add(actor=project.member, meeting=dialogue, text="Huizen")
    image = services.target_image_create(
        actor=project.member,
        project=project,
        domain=Domain.HOUSING,
        horizon=Horizon.SHORT,
        title="Duizend woningen",
        text="In vijf jaar",
        items=[item],
    )
    decide = {"actor": project.leader, "image": image, "meeting": political}
    with pytest.raises(ValidationError) as exc:
        services.target_image_decide(outcome="adopted", political_argument="", **decide)
    assert set(exc.value.error_dict) == {"political_argument", "review_date"}
    with pytest.raises(ValidationError, match="niets gewijzigd"):
        services.target_image_decide(
            outcome="changed",
            political_argument="Ja, maar",
            review_date=LATER,
            title="Duizend woningen",
            text="In vijf jaar",
            **decide,
        )
    assert not TargetImageDecision.objects.exists()

    services.target_image_decide(
        outcome="changed",
        political_argument="Betaalbaar binnen de begroting",
        review_date=LATER,
        title="Vijfhonderd woningen",
        text="In vijf jaar",
        **decide,
    )
    image.refresh_from_db()
    assert (image.status, image.title) == (TargetImageStatus.CHANGED, "Vijfhonderd woningen")
    decision = image.decisions.get()
    assert (decision.title_before, decision.title_after) == (
        "Duizend woningen",
        "Vijfhonderd woningen",
    )
    assert decision.review_date == LATER and decision.meeting == political
    with pytest.raises(ValidationError, match="alleen door een nieuw besluit"):
        services.target_image_update(
            actor=project.member,
            image=image,
            domain=Domain.HOUSING,
            horizon=Horizon.SHORT,
            title="Anders",
            items=[item],
        )
    # A later decision reverses it; both stay on record.
    services.target_image_decide(outcome="rejected", political_argument="Geen geld", **decide)
    image.refresh_from_db()
    assert image.status == TargetImageStatus.REJECTED
    assert image.decisions.count() == 2
    with pytest.raises(ValidationError, match="besluit blijft bewaard"):
        services.target_image_delete(actor=project.leader, image=image)


def test_decisions_belong_to_a_held_political_meeting(project, dialogue):
    item = dialogue_services.harvest_add(actor=project.member, meeting=dialogue, text="x")
    image = services.target_image_create(
        actor=project.member,
        project=project,
        domain=Domain.SAFETY,
        horizon=Horizon.SHORT,
        title="Veilig",
        items=[item],
    )
    planned = plan(project, kind=MeetingKind.POLITICAL, days=10)
    with pytest.raises(ValidationError, match="gehouden bijeenkomst"):
        services.target_image_decide(
            actor=project.leader,
            image=image,
            meeting=planned,
            outcome="rejected",
            political_argument="Nee",
        )
    with pytest.raises(ValidationError, match="politieke bijeenkomst van dit project"):
        services.target_image_decide(
            actor=project.leader,
            image=image,
            meeting=dialogue,
            outcome="rejected",
            political_argument="Nee",
        )
    assert TargetImage.objects.get(pk=image.pk).status == TargetImageStatus.CONCEPT


def test_the_vision_is_drafted_and_adopted_sanitised(project, political):
    services.vision_save(
        actor=project.member,
        project=project,
        concept_text='<p onclick="x()">Samen <script>alert(1)</script></p>',
    )
    vision = services.vision_adopt(
        actor=project.leader,
        project=project,
        meeting=political,
        adopted_text="<p>Samen sterk</p>",
        argument="Unaniem",
    )
    assert "script" not in vision.concept_text and "onclick" not in vision.concept_text
    assert vision.adopted_at_meeting == political and vision.adoption_argument == "Unaniem"
    with pytest.raises(ValidationError, match="politieke argumentatie"):
        services.vision_adopt(
            actor=project.leader,
            project=project,
            meeting=political,
            adopted_text="<p>x</p>",
            argument="",
        )


def test_a_justice_test_names_each_group_and_domain_once(project, dialogue):
    item = dialogue_services.harvest_add(actor=project.member, meeting=dialogue, text="x")
    image = services.target_image_create(
        actor=project.member,
        project=project,
        domain=Domain.SAFETY,
        horizon=Horizon.SHORT,
        title="Veilig",
        items=[item],
    )
    row = {
        "party": PartyKind.CITIZENS,
        "domain": Domain.SAFETY,
        "burdens": "Cameratoezicht",
        "benefits": "",
    }
    with pytest.raises(ValidationError, match="twee keer"):
        services.justice_test_save(
            actor=project.member,
            image=image,
            doability="yes",
            doability_explanation="",
            justification="",
            rows=[row, row],
        )
    test = services.justice_test_save(
        actor=project.member,
        image=image,
        doability="yes",
        doability_explanation="Eenvoudig",
        justification="Openbare orde",
        rows=[row, {"party": "", "domain": "", "burdens": "", "benefits": ""}],
    )
    assert test.rows.count() == 1 and test.is_complete()
