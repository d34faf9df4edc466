"""The check behind "Logische opbouw van concreet naar abstract", each rule proven by a tree
that fails it and one that passes; and the two step-9 checklist items ticked from the data."""

import pytest

from processteps.causes.models import CausalFactor, FactorKind
from processteps.goals.models import Goal
from processteps.goals.selectors import TreeData, tree_problems
from processteps.goals.services import derive as derive_services
from processteps.goals.services import trees as services

from .helpers import causal_complex

pytestmark = pytest.mark.django_db


def team_of(project):
    return services.team_tree_ensure(actor=project.leader, project=project)


def codes(tree) -> list[str]:
    return [p.code for p in tree_problems(TreeData(tree))]


def add(project, tree, statement, level=0, parent=None, cause=None, means=True):
    goal = services.goal_add(
        actor=project.leader, tree=tree, statement=statement, level=level, parent=parent,
        cause=cause,
    )  # fmt: skip
    if means:
        services.means_add(actor=project.leader, goal=goal, description=f"Middel voor {statement}")
    return goal


def item(project, text):
    return project.steps.get(key="decision_making").checklist_items.get(text=text)


LOGICAL = "Logische opbouw van concreet naar abstract"


def test_an_empty_tree_does_not_pass(project):
    assert codes(team_of(project)) == ["empty"]


def test_every_goal_except_the_top_hangs_under_a_more_abstract_goal(project):
    tree = team_of(project)
    top = add(project, tree, "Iedereen woont passend")
    loose = add(project, tree, "Genoeg betaalbare woningen", level=1)
    problems = tree_problems(TreeData(tree))
    assert [(p.code, p.goal) for p in problems] == [("no_parent", loose)]
    assert "‘Genoeg betaalbare woningen’ (niveau 1) hangt niet onder een abstracter doel" in (
        problems[0].message
    )

    services.goal_update(actor=project.leader, goal=loose, parent=top)
    assert codes(tree) == []


def test_a_parent_that_is_not_more_abstract_is_found_in_bad_data(project):
    """The services refuse it; data written around them (an import, the admin) is caught."""
    tree = team_of(project)
    top = add(project, tree, "Top", means=False)
    child = add(project, tree, "Kind", level=1, parent=top)
    Goal.objects.filter(pk=top.pk).update(level=2)
    assert "parent_level" in codes(tree)
    Goal.objects.filter(pk=top.pk).update(level=0)
    assert codes(tree) == []
    assert child.parent_id == top.pk


def test_every_root_cause_is_removed_by_a_goal(project):
    cc = causal_complex(project)
    tree = team_of(project)
    top = add(project, tree, "Iedereen woont passend", means=False)
    add(project, tree, "Snelle bouwprocedures", level=1, parent=top, cause=cc.root)
    problems = tree_problems(TreeData(tree))
    assert [(p.code, p.cause) for p in problems] == [("root_cause", cc.trust)]
    assert problems[0].message == (
        "Geen doel neemt de grondoorzaak ‘Weinig vertrouwen tussen buurt en nieuwkomers’ weg."
    )

    add(project, tree, "Buren vertrouwen elkaar", level=1, parent=top, cause=cc.trust)
    assert codes(tree) == []


def test_a_root_cause_of_an_individual_analysis_does_not_count(project):
    from processteps.causes.models import AnalysisKind, CausalAnalysis

    own = CausalAnalysis.objects.create(
        project=project, kind=AnalysisKind.INDIVIDUAL, owner=project.member
    )
    CausalFactor.objects.create(analysis=own, statement="Eigen idee", kind=FactorKind.ROOT_CAUSE)
    tree = team_of(project)
    add(project, tree, "Top")
    assert codes(tree) == []


def test_every_concrete_goal_has_a_means(project):
    tree = team_of(project)
    top = add(project, tree, "Top", means=False)
    concrete = add(project, tree, "Concreet", level=1, parent=top, means=False)
    problems = tree_problems(TreeData(tree))
    assert [(p.code, p.goal) for p in problems] == [("no_means", concrete)]
    assert problems[0].message == "Het concrete doel ‘Concreet’ heeft nog geen middel."

    services.means_add(actor=project.leader, goal=concrete, description="Subsidieregeling")
    assert codes(tree) == []


def test_the_checklist_items_follow_the_team_tree(project):
    """ "Logische opbouw" is ticked when the check passes and unticked when it no longer does;
    "Doelenboom" when the leader adopts the tree."""
    cc = causal_complex(project)
    tree = team_of(project)
    derive_services.tree_derive(actor=project.leader, tree=tree)
    assert not item(project, LOGICAL).is_done
    assert item(project, LOGICAL).derived_from == "goals_tree_logical"

    goals = {g.cause_links.get().cause_id: g for g in tree.goals.all()}
    # The team hangs the loose goals under the symptom's goal and gives the concrete ones means.
    symptom_goal = goals[cc.symptom.pk]
    for factor in (cc.language, cc.trust):
        services.goal_update(actor=project.leader, goal=goals[factor.pk], parent=symptom_goal)
    # The trust goal is level 2 under level 0: fine (more abstract is enough).
    for factor in (cc.root, cc.language, cc.trust):
        services.means_add(actor=project.leader, goal=goals[factor.pk], description="Middel")
    assert item(project, LOGICAL).is_done
    assert not item(project, "Doelenboom").is_done

    services.tree_adopt(actor=project.leader, tree=tree)
    assert item(project, "Doelenboom").is_done

    services.tree_reopen(actor=project.leader, tree=tree)
    assert not item(project, "Doelenboom").is_done
    means = goals[cc.root.pk].means.get()
    services.means_delete(actor=project.leader, means=means)
    assert not item(project, LOGICAL).is_done


def test_an_own_tree_does_not_tick_the_checklist(project):
    own = services.own_tree_ensure(actor=project.member, project=project)
    add(project, own, "Mijn doel")
    assert codes(own) == []
    assert not item(project, LOGICAL).is_done
