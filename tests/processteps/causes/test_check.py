"""The check of the model (five rules), each proven by a failing and a passing model, and the
two step-5 checklist items it ticks (and unticks) from the data."""

import pytest

from processteps.causes.models import CausalLink
from processteps.causes.selectors import AnalysisData, analysis_problems
from processteps.causes.services import analyses as analysis_services
from processteps.causes.services import factors as factor_services

from .helpers import C, R, S, fragments, good_team

pytestmark = pytest.mark.django_db

LOGICAL = "Logisch ontwerp causale relaties"
LAYERED = "Correcte gelaagdheid (symptomen/oorzaken)"


def codes(analysis):
    return sorted(p.code for p in analysis_problems(AnalysisData(analysis)))


def item(project, text):
    return project.steps.get(key="causal_complexes").checklist_items.get(text=text)


@pytest.fixture
def quotes(project):
    return fragments(project)


@pytest.fixture
def good(project, quotes):
    return good_team(project, quotes.anonymous)


def add(project, good, statement, kind):
    return factor_services.factor_add(
        actor=project.leader, analysis=good.analysis, statement=statement, kind=kind
    )


def link(project, good, source, target, **extra):
    return factor_services.link_add(
        actor=project.leader, analysis=good.analysis, source=source, target=target, **extra
    )


def test_the_good_model_passes_and_ticks_both_items(project, good):
    assert codes(good.analysis) == []
    assert item(project, LOGICAL).is_done
    assert item(project, LAYERED).is_done


def test_an_empty_or_missing_team_analysis_ticks_nothing(project):
    assert not item(project, LOGICAL).is_done
    team = analysis_services.team_analysis_ensure(actor=project.leader, project=project)
    assert codes(team) == ["empty"]
    analysis_services.causes_checklist_sync(project)
    assert not item(project, LOGICAL).is_done
    assert not item(project, LAYERED).is_done


def test_a_symptom_without_a_cause_below_fails_layering_until_one_leads_to_it(project, good):
    lonely = add(project, good, "Onrust in de buurt", S)
    # Linked only to another symptom: still no cause below it.
    link(project, good, good.symptom, lonely)
    assert codes(good.analysis) == ["symptom_without_cause"]
    assert not item(project, LAYERED).is_done
    assert item(project, LOGICAL).is_done
    link(project, good, good.cause, lonely)
    assert codes(good.analysis) == []
    assert item(project, LAYERED).is_done


def test_a_link_from_a_symptom_down_to_a_cause_fails_layering(project, good):
    other = add(project, good, "Weinig doorstroming", C)
    wrong = link(project, good, good.symptom, other)
    problems = analysis_problems(AnalysisData(good.analysis))
    assert [p.code for p in problems] == ["layering"]
    assert problems[0].factor == good.symptom
    assert "‘Lange wachtlijsten voor een woning’ (symptoom)" in problems[0].message
    assert not item(project, LAYERED).is_done
    factor_services.link_delete(actor=project.leader, link=wrong)
    link(project, good, other, good.symptom)
    assert codes(good.analysis) == []
    assert item(project, LAYERED).is_done


def test_a_cycle_fails_unless_the_leader_marks_it_a_reinforcing_loop(project, good):
    other = add(project, good, "Hoge huren", C)
    link(project, good, good.cause, other)
    back = link(project, good, other, good.cause)
    assert codes(good.analysis) == ["cycle"]
    problem = analysis_problems(AnalysisData(good.analysis))[0]
    assert {f.pk for f in problem.factors} == {good.cause.pk, other.pk}
    assert not item(project, LOGICAL).is_done
    assert item(project, LAYERED).is_done
    factor_services.link_mark_loop(actor=project.leader, link=back, loop=True)
    assert codes(good.analysis) == []
    assert item(project, LOGICAL).is_done
    factor_services.link_mark_loop(actor=project.leader, link=back, loop=False)
    assert not item(project, LOGICAL).is_done


def test_a_long_cycle_is_found_too(project, good):
    a = add(project, good, "Weinig vertrouwen", C)
    b = add(project, good, "Weinig contact", C)
    link(project, good, good.cause, a)
    link(project, good, a, b)
    link(project, good, b, good.cause)
    assert codes(good.analysis) == ["cycle"]


def test_an_orphan_factor_fails_the_logic_until_it_is_linked(project, good):
    orphan = add(project, good, "Weinig groen", C)
    assert codes(good.analysis) == ["orphan"]
    assert not item(project, LOGICAL).is_done
    link(project, good, orphan, good.symptom)
    assert codes(good.analysis) == []
    assert item(project, LOGICAL).is_done


def test_a_root_cause_without_evidence_fails_the_logic_until_a_fragment_is_cited(
    project, good, quotes
):
    root = add(project, good, "Grondspeculatie", R)
    link(project, good, root, good.cause)
    problems = analysis_problems(AnalysisData(good.analysis))
    assert [p.code for p in problems] == ["root_without_evidence"]
    assert problems[0].factor == root
    assert not item(project, LOGICAL).is_done
    factor_services.evidence_add(actor=project.leader, factor=root, fragment=quotes.by_name)
    assert item(project, LOGICAL).is_done


def test_evidence_on_a_link_from_the_root_cause_counts_for_it(project, good, quotes):
    root = add(project, good, "Grondspeculatie", R)
    into = link(project, good, root, good.cause)
    assert codes(good.analysis) == ["root_without_evidence"]
    factor_services.evidence_add(actor=project.leader, link=into, fragment=quotes.by_name)
    assert codes(good.analysis) == []
    # Evidence on a link leading *to* a root cause does not count for it.
    other = add(project, good, "Speculatie", R)
    toward = link(project, good, root, other)
    factor_services.evidence_add(actor=project.leader, link=toward, fragment=quotes.none)
    assert "root_without_evidence" in codes(good.analysis)


def test_a_closed_step_keeps_its_ticks(project, good):
    from processteps.models import StepStatus

    step = project.steps.get(key="causal_complexes")
    step.status = StepStatus.COMPLETED
    step.save(update_fields=["status"])
    add(project, good, "Weinig groen", C)
    assert item(project, LOGICAL).is_done


def test_the_problem_names_the_factor_and_links_to_it(project, good, client_as):
    orphan = add(project, good, "<b>Weinig</b> groen", C)
    response = client_as("leader").get(f"/projects/{project.pk}/causes/problems/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/projects/{project.pk}/causes/factors/{orphan.pk}/" in html
    assert "&lt;b&gt;Weinig&lt;/b&gt; groen" in html
    assert CausalLink.objects.filter(analysis=good.analysis).count() == 2


def test_the_factories_make_a_linked_pair_in_one_analysis(db):
    from tests.factories import CausalLinkFactory

    link = CausalLinkFactory()
    assert link.source.analysis == link.target.analysis == link.analysis
    assert codes(link.analysis) == ["root_without_evidence"]
