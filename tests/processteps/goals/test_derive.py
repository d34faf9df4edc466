"""The first draft of a goal tree, derived from the causal complex (step 5) and the adopted
target images (step 8): each cause becomes the goal that removes it, with its provenance."""

import pytest

from processteps.goals.models import Goal, GoalCause, TreeKind
from processteps.goals.services import derive as services
from processteps.goals.services import trees as tree_services
from processteps.meetings.models import TargetImageStatus
from processteps.models import AuditEntry

from .helpers import causal_complex, target_image

pytestmark = pytest.mark.django_db


def team_of(project):
    return tree_services.team_tree_ensure(actor=project.leader, project=project)


def goal_removing(tree, factor) -> Goal:
    return Goal.objects.get(tree=tree, cause_links__cause=factor)


def test_every_factor_becomes_the_goal_that_removes_it_with_provenance(project):
    cc = causal_complex(project)
    tree = team_of(project)

    result = services.tree_derive(actor=project.leader, tree=tree)

    assert (result.from_causes, result.from_images) == (5, 0)
    links = GoalCause.objects.filter(goal__tree=tree)
    assert sorted(link.cause_id for link in links) == sorted(
        f.pk for f in (cc.symptom, cc.cause, cc.language, cc.root, cc.trust)
    )
    assert all(link.derived for link in links)
    goal = goal_removing(tree, cc.root)
    # A draft the team rewords, that says which cause it removes.
    assert goal.statement == "Niet langer: Trage bouwprocedures"
    assert "(grondoorzaak: ‘Trage bouwprocedures’)" in goal.description
    assert AuditEntry.objects.filter(action="goaltree.derived", data__count="5").exists()


def test_the_layer_gives_the_level_and_strengthening_links_the_parents(project):
    cc = causal_complex(project)
    tree = team_of(project)
    services.tree_derive(actor=project.leader, tree=tree)

    symptom, cause = goal_removing(tree, cc.symptom), goal_removing(tree, cc.cause)
    root, trust = goal_removing(tree, cc.root), goal_removing(tree, cc.trust)
    language = goal_removing(tree, cc.language)
    assert (symptom.level, cause.level, root.level) == (0, 1, 2)
    # root cause → cause → symptom: removing the root cause serves removing the cause.
    assert root.parent == cause
    assert cause.parent == symptom
    assert symptom.parent is None
    # A weakening link is no reason to remove anything; an unlinked root cause hangs loose.
    assert language.parent is None
    assert trust.parent is None and trust.level == 2


def test_target_images_become_top_goals_and_the_causes_go_one_level_down(project):
    cc = causal_complex(project)
    image = target_image(project, "Iedereen woont passend", domain="wonen", horizon="long")
    target_image(project, "Nog niet besproken", status=TargetImageStatus.CONCEPT)
    tree = team_of(project)

    result = services.tree_derive(actor=project.leader, tree=tree)

    assert (result.from_images, result.from_causes) == (1, 5)
    top = Goal.objects.get(tree=tree, target_image=image)
    assert (top.level, top.statement, top.domain, top.horizon) == (
        0,
        "Iedereen woont passend",
        "wonen",
        "long",
    )
    symptom = goal_removing(tree, cc.symptom)
    # Under the only target image, one level down; the domain comes along.
    assert (symptom.level, symptom.parent, symptom.domain) == (1, top, "wonen")
    assert goal_removing(tree, cc.root).level == 3
    # A concept target image (not adopted by the political meeting) gives no goal.
    assert not Goal.objects.filter(tree=tree, statement="Nog niet besproken").exists()


def test_deriving_again_adds_only_what_is_missing_and_keeps_the_edits(project):
    cc = causal_complex(project)
    tree = team_of(project)
    services.tree_derive(actor=project.leader, tree=tree)
    goal = goal_removing(tree, cc.cause)
    tree_services.goal_update(
        actor=project.leader, goal=goal, statement="Er zijn genoeg betaalbare woningen"
    )
    from processteps.causes.models import CausalFactor, FactorKind

    extra = CausalFactor.objects.create(
        analysis=cc.analysis, statement="Hoge bouwkosten", kind=FactorKind.ROOT_CAUSE
    )

    result = services.tree_derive(actor=project.leader, tree=tree)

    assert (result.from_causes, result.from_images) == (1, 0)
    assert Goal.objects.filter(tree=tree).count() == 6
    goal.refresh_from_db()
    assert goal.statement == "Er zijn genoeg betaalbare woningen"
    assert goal_removing(tree, extra).statement == "Niet langer: Hoge bouwkosten"
    assert services.tree_derive(actor=project.leader, tree=tree).total == 0


def test_a_member_derives_into_their_own_tree_from_the_team_analysis(project):
    cc = causal_complex(project)
    own = tree_services.own_tree_ensure(actor=project.member, project=project)

    services.tree_derive(actor=project.member, tree=own)

    assert own.kind == TreeKind.INDIVIDUAL
    assert goal_removing(own, cc.root).parent == goal_removing(own, cc.cause)
    assert not Goal.objects.filter(tree__kind=TreeKind.TEAM).exists()


def test_a_long_cause_statement_is_shortened_to_fit(project):
    cc = causal_complex(project)
    cc.root.statement = "x" * 300
    cc.root.save()
    tree = team_of(project)
    services.tree_derive(actor=project.leader, tree=tree)
    statement = goal_removing(tree, cc.root).statement
    assert len(statement) == 300 and statement.endswith("…")


def test_an_adopted_tree_is_not_derived_into(project):
    from django.core.exceptions import ValidationError

    causal_complex(project)
    tree = team_of(project)
    services.tree_derive(actor=project.leader, tree=tree)
    tree_services.tree_adopt(actor=project.leader, tree=tree)
    count = Goal.objects.count()
    with pytest.raises(ValidationError, match="vastgesteld"):
        services.tree_derive(actor=project.leader, tree=tree)
    assert Goal.objects.count() == count
