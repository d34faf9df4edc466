"""The demo's causal complex (step 5): two own analyses merged into a team analysis of about
25 factors in 3 complexes, with evidence from the demo's fragments, passing the check (both
checklist items ticked), and the Probleem- en oorzakenanalyse published."""

import pytest

from documents.models import Audience, Publication
from processteps.causes.demo import demo_load
from processteps.causes.models import AnalysisKind, CausalAnalysis, Evidence, FactorMerge
from processteps.causes.selectors import AnalysisData, analysis_problems, team_analysis
from processteps.consultation.demo import demo_consultation_load
from processteps.consultation.models import QuoteConsent
from processteps.demo import demo_load as project_demo_load
from processteps.models import Role
from tests.documents.conftest import assert_in_pdf, pdf_bytes_of, pdf_text, squash

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    from processteps.catalogue_loader import load_catalogue
    from processteps.models import MethodChecklistItem, MethodStep

    if MethodStep.objects.count() != 11:
        load_catalogue(MethodStep, MethodChecklistItem)
    settings.DEMO_DATA_ALLOWED = True
    settings.MEDIA_ROOT = str(tmp_path / "media")
    project, _password = project_demo_load(password="demo-wachtwoord-123")
    project.leader = project.memberships.get(role=Role.LEADER).user
    project.member = project.memberships.get(role=Role.MEMBER).user
    demo_consultation_load(project=project, leader=project.leader, members=[project.member])
    return project


def test_the_demo_merges_two_analyses_into_a_checked_team_analysis_and_publishes_it(demo):
    demo_load(project=demo, leader=demo.leader)

    own = CausalAnalysis.objects.filter(project=demo, kind=AnalysisKind.INDIVIDUAL)
    assert own.count() == 2
    assert {a.status for a in own} == {"submitted"}
    team = team_analysis(demo)
    data = AnalysisData(team, evidence=True)
    assert 24 <= len(data) <= 30
    assert [c.name for c in data.complexes] == [
        "Opvang en huisvesting", "Werk en meedoen", "Draagvlak en vertrouwen"
    ]  # fmt: skip
    assert all(f.complex_id for f in data.factors)
    assert analysis_problems(data) == []
    assert any(link.is_reinforcing_loop for link in data.links)
    assert FactorMerge.objects.filter(team_factor__analysis=team).count() >= 20
    # Evidence from the demo's fragments, of every consent level.
    consents = set(
        Evidence.objects.filter(factor__analysis=team).values_list(
            "fragment__report__interview__quote_consent", flat=True
        )
    )
    assert consents == {QuoteConsent.BY_NAME, QuoteConsent.ANONYMOUS, QuoteConsent.NONE}
    step = demo.steps.get(key="causal_complexes")
    items = {i.text: i.is_done for i in step.checklist_items.all()}
    assert items["Logisch ontwerp causale relaties"] is True
    assert items["Correcte gelaagdheid (symptomen/oorzaken)"] is True

    publications = Publication.objects.filter(document__step=step)
    assert {p.audience for p in publications} == {Audience.CLIENT, Audience.PUBLIC}
    text = pdf_text(pdf_bytes_of(publications.first().version))
    assert_in_pdf(["Opvang en huisvesting", "Mensen die al een verblijfsvergunning hebben"], text)
    assert squash("De buurt hoorde via de krant") not in squash(text)  # no consent to quote

    # Idempotent.
    before = (team.factors.count(), team.links.count(), publications.count())
    demo_load(project=demo, leader=demo.leader)
    assert (team.factors.count(), team.links.count(), publications.count()) == before
