"""The demo's action book (step 10): twelve forms on the demo's goal tree and team causes, ten
complete and adopted, two incomplete on purpose, indicators with measurements, responses, and
the Actieboek published; with or without a team analysis; idempotent."""

import pytest

from documents.models import Audience, Publication
from processteps.actions.demo import demo_load
from processteps.actions.models import Action, ActionComment, ActionStatus
from processteps.actions.selectors import project_actions
from processteps.goals.demo import demo_load as goals_demo_load
from processteps.goals.models import Indicator, IndicatorKind, Measurement
from processteps.meetings.models import InterventionPoint
from tests.documents.conftest import assert_in_pdf, pdf_bytes_of, pdf_text

from .helpers import causal_complex

pytestmark = pytest.mark.django_db


def counts():
    return (Action.objects.count(), ActionComment.objects.count(), Indicator.objects.count(),
            Measurement.objects.count(), Publication.objects.count())  # fmt: skip


def test_the_demo_writes_twelve_forms_and_publishes_the_actieboek(project):
    cc = causal_complex(project)
    for cause, title in ((cc.cause, "Versnel de huisvesting van statushouders"),
                         (cc.trust, "Betrek bewoners vóór een besluit over opvang")):  # fmt: skip
        InterventionPoint.objects.create(project=project, cause=cause, title=title)
    goals_demo_load(project=project, leader=project.leader)

    demo_load(project=project, leader=project.leader)

    actions = project_actions(project)
    assert len(actions) == 12
    complete = [a for a in actions if a.is_complete]
    assert len(complete) == 10
    assert all(a.status == ActionStatus.ADOPTED for a in complete)
    incomplete = {a.title: a.missing for a in actions if not a.is_complete}
    assert set(incomplete) == {"Welkomstgids voor nieuwe inwoners", "Stageplaatsen bij de gemeente"}
    assert (
        "Minstens één oorzaak die de actie wegneemt"
        in incomplete["Welkomstgids voor nieuwe inwoners"]
    )
    # The housing actions remove the housing cause and use the housing intervention point.
    flex = next(a for a in actions if a.title.startswith("Flexwoningen"))
    assert [c.pk for c in flex.cause_list] == [cc.cause.pk]
    assert flex.intervention_point.title == "Versnel de huisvesting van statushouders"
    assert flex.owner.name == "Gemeente Voorbeeld"
    assert Indicator.objects.filter(kind=IndicatorKind.IMPLEMENTATION).count() == 10
    assert Measurement.objects.filter(indicator__kind=IndicatorKind.IMPLEMENTATION).count() > 30
    assert ActionComment.objects.count() == 3
    item = project.steps.get(key="actions").checklist_items.get(
        text="Actieformulieren volledig en goed ingevuld"
    )
    assert not item.is_done  # two forms are still incomplete
    publications = Publication.objects.filter(document__step__key="actions")
    assert {p.audience for p in publications} == {Audience.CLIENT, Audience.PUBLIC}
    text = pdf_text(pdf_bytes_of(publications.first().version))
    assert_in_pdf(
        ["Actie 1: Flexwoningen op tijdelijk vrije bouwlocaties", "Te weinig betaalbare woningen",
         "Woningcorporatie Thuis", "Bewoonde flexwoningen"],
        text,
    )  # fmt: skip
    before = counts()
    demo_load(project=project, leader=project.leader)
    assert counts() == before


def test_without_a_team_analysis_the_forms_leave_the_causes_open(project):
    goals_demo_load(project=project, leader=project.leader)
    demo_load(project=project, leader=project.leader)
    actions = project_actions(project)
    assert len(actions) == 12
    assert all(not a.cause_list and not a.is_complete for a in actions)
    assert all(a.goal_list for a in actions)
    assert not any(a.status == ActionStatus.ADOPTED for a in actions)
