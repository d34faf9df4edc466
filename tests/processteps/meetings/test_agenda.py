"""The agenda: items with durations that treat causes of step 5's team analysis, themes of
step 4 and fundamental questions — never those of another project."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from processteps.causes.models import AnalysisKind, CausalAnalysis, CausalFactor, FactorKind
from processteps.meetings.models import AgendaItem
from processteps.meetings.services import meetings as services
from tests.factories import ProjectFactory

from .support import plan, team_causes, theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_project(project):
    other = ProjectFactory(leader=project.leader, name="Buurproject")
    other.leader = project.leader
    return other


def test_an_item_records_duration_causes_themes_and_questions(project):
    causes = team_causes(project)
    housing = theme(project)
    question = services.question_add(actor=project.leader, project=project, text="Wie betaalt?")
    meeting = plan(project)
    item = services.agenda_item_add(
        actor=project.leader,
        meeting=meeting,
        title="Oorzaken",
        duration_minutes=45,
        causes=causes,
        themes=[housing],
        questions=[question],
    )
    assert item.position == 1
    assert set(item.causes.all()) == set(causes)
    assert list(item.themes.all()) == [housing] and list(item.questions.all()) == [question]
    second = services.agenda_item_add(
        actor=project.leader, meeting=meeting, title="Rondvraag", duration_minutes=10
    )
    assert second.position == 2


def test_a_cause_of_another_project_is_refused(project, other_project):
    foreign = team_causes(other_project, ["Oorzaak van de buren"])[0]
    meeting = plan(project)
    with pytest.raises(ValidationError) as exc:
        services.agenda_item_add(
            actor=project.leader,
            meeting=meeting,
            title="Fout",
            duration_minutes=10,
            causes=[foreign],
        )
    assert "'Oorzaak van de buren' is een oorzaak van een ander project." in exc.value.messages
    assert not AgendaItem.objects.exists()


def test_a_crafted_post_with_a_foreign_cause_saves_nothing(project, other_project, client_as):
    team_causes(project)
    foreign = team_causes(other_project, ["Oorzaak van de buren"])[0]
    meeting = plan(project)
    url = reverse("meetings:agenda_add", args=[project.pk, meeting.pk])
    response = client_as("leader").post(
        url, {"title": "Fout", "duration_minutes": 10, "causes": [foreign.pk]}, follow=True
    )
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_a_cause_of_an_individual_analysis_is_refused(project):
    analysis = CausalAnalysis.objects.create(
        project=project, kind=AnalysisKind.INDIVIDUAL, owner=project.member
    )
    own = CausalFactor.objects.create(
        analysis=analysis, statement="Mijn idee", kind=FactorKind.CAUSE
    )
    with pytest.raises(ValidationError, match="individuele analyse"):
        services.agenda_item_add(
            actor=project.leader, meeting=plan(project), title="X", duration_minutes=5, causes=[own]
        )


def test_themes_and_questions_of_another_project_are_refused(project, other_project):
    meeting = plan(project)
    with pytest.raises(ValidationError, match="thema's van dit project"):
        services.agenda_item_add(
            actor=project.leader,
            meeting=meeting,
            title="X",
            duration_minutes=5,
            themes=[theme(other_project)],
        )
    question = services.question_add(actor=project.leader, project=other_project, text="Elders?")
    with pytest.raises(ValidationError, match="vragen van dit project"):
        services.agenda_item_add(
            actor=project.leader,
            meeting=meeting,
            title="X",
            duration_minutes=5,
            questions=[question],
        )


def test_a_duration_out_of_range_is_refused(project):
    with pytest.raises(ValidationError):
        services.agenda_item_add(
            actor=project.leader, meeting=plan(project), title="Lang", duration_minutes=0
        )


def test_without_a_team_analysis_no_causes_are_offered(project, client_as):
    meeting = plan(project)
    page = client_as("leader").get(
        reverse("meetings:meeting_detail", args=[project.pk, meeting.pk])
    )
    assert "Er is nog geen teamanalyse van stap 5" in page.content.decode()
    team_causes(project, ["Te weinig woningen"])
    page = client_as("leader").get(
        reverse("meetings:meeting_detail", args=[project.pk, meeting.pk])
    )
    text = page.content.decode()
    assert "Te weinig woningen (oorzaak)" in text
    assert "Onrust in de wijk (symptoom)" in text  # agenda items may discuss any factor
