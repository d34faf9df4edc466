"""The demo's goal tree (step 9): derived from the demo's causal complex through the services,
a member's own tree merged in, the main goals reworded, every concrete goal with a means,
indicators with measurements, the weighing, the tree adopted and the Doelenboom published.

Until the causes tool's demo is on main, the tests give the project the small causal complex
of ``helpers`` (written through the causes models, as the merged team analysis would be)."""

import pytest

from documents.models import Audience, Publication
from processteps.goals.demo import demo_load
from processteps.goals.demo_data import FALLBACK_TREE, THEMES
from processteps.goals.models import (
    Goal,
    GoalDecision,
    GoalMerge,
    GoalTree,
    Indicator,
    Means,
    Measurement,
    PolicyOption,
    TreeKind,
    TreeStatus,
)
from processteps.goals.selectors import TreeData, team_tree, tree_problems
from tests.documents.conftest import assert_in_pdf, pdf_bytes_of, pdf_text

from .helpers import causal_complex, target_image

pytestmark = pytest.mark.django_db


def counts():
    return tuple(
        model.objects.count()
        for model in (GoalTree, Goal, Means, Indicator, Measurement, PolicyOption, GoalDecision,
                      GoalMerge, Publication)
    )  # fmt: skip


def item(project, text):
    return project.steps.get(key="decision_making").checklist_items.get(text=text)


def test_the_demo_tree_is_derived_merged_adopted_and_published(project):
    cc = causal_complex(project)
    target_image(project, "Iedereen in de gemeente woont passend")

    demo_load(project=project, leader=project.leader)

    tree = team_tree(project)
    assert tree.status == TreeStatus.ADOPTED
    data = TreeData(tree)
    assert tree_problems(data) == []
    assert item(project, "Doelenboom").is_done
    assert item(project, "Logische opbouw van concreet naar abstract").is_done
    # Derived from the causal complex: every factor is removed by a goal, with provenance.
    removed = {link.cause_id for goal in data.goals for link in goal.cause_list}
    assert removed == {f.pk for f in (cc.symptom, cc.cause, cc.language, cc.root, cc.trust)}
    assert all(link.derived for goal in data.goals for link in goal.cause_list)
    # The team member's own tree was submitted and merged (who proposed what is kept).
    own = GoalTree.objects.get(project=project, kind=TreeKind.INDIVIDUAL)
    assert (own.owner, own.status) == (project.member, TreeStatus.SUBMITTED)
    assert GoalMerge.objects.filter(source_goal__tree=own).count() == own.goals.count() == 6
    # The main themes are reworded; a goal of no theme keeps the draft wording.
    statements = {g.statement for g in data.goals}
    assert THEMES[0]["statement"] in statements  # housing
    assert THEMES[2]["statement"] in statements  # language
    assert "Niet langer: Trage bouwprocedures" in statements
    # Indicators with measurements, the weighing and a decision.
    indicator = Indicator.objects.get(name="Gehuisveste statushouders")
    assert indicator.goal.statement == THEMES[0]["statement"]
    assert indicator.measurements.count() == 6
    assert PolicyOption.objects.filter(goal=indicator.goal, is_preferred=True).count() == 1
    assert GoalDecision.objects.get(goal=indicator.goal).reference == "Raadsbesluit 2024-031"
    # The Doelenboom is rendered and published to the client and the public.
    publications = Publication.objects.filter(document__step__key="decision_making")
    assert {p.audience for p in publications} == {Audience.CLIENT, Audience.PUBLIC}
    text = pdf_text(pdf_bytes_of(publications.first().version))
    assert_in_pdf([THEMES[0]["statement"], "Raadsbesluit 2024-031", "Taalcoaches"], text)


def test_the_demo_loads_once(project):
    causal_complex(project)
    demo_load(project=project, leader=project.leader)
    before = counts()
    demo_load(project=project, leader=project.leader)
    assert counts() == before


def test_without_a_causal_complex_the_demo_draws_its_own_small_tree(project):
    demo_load(project=project, leader=project.leader)
    tree = team_tree(project)
    assert tree.status == TreeStatus.ADOPTED
    assert [g.statement for g in tree.goals.order_by("level", "position")] == [
        row[0] for row in FALLBACK_TREE
    ]
    assert tree_problems(TreeData(tree)) == []
    assert Indicator.objects.count() == 4
