"""Goal trees, goals and means through the services: the tree's invariants (no cycle, a parent
more abstract than its sub-goals), the locks of submitted and adopted trees, causes of another
project, and that a refused change saves nothing."""

import pytest
from django.core.exceptions import ValidationError

from processteps.goals.models import Goal, GoalCause, GoalTree, Means, TreeKind, TreeStatus
from processteps.goals.services import trees as services
from processteps.models import AuditEntry
from tests.factories import ProjectFactory, UserFactory

from .helpers import causal_complex

pytestmark = pytest.mark.django_db


def team_of(project):
    return services.team_tree_ensure(actor=project.leader, project=project)


def chain(project, tree, count=3):
    """Goals on levels 0..count-1, each under the one before."""
    goals, parent = [], None
    for level in range(count):
        parent = services.goal_add(
            actor=project.leader, tree=tree, statement=f"Doel {level}", level=level, parent=parent
        )
        goals.append(parent)
    return goals


def rows():
    return (Goal.objects.count(), GoalCause.objects.count(), Means.objects.count(),
            AuditEntry.objects.count())  # fmt: skip


def test_one_team_tree_and_one_own_tree_per_member(project):
    assert team_of(project) == team_of(project)
    own = services.own_tree_ensure(actor=project.member, project=project)
    assert services.own_tree_ensure(actor=project.member, project=project) == own
    assert (own.kind, own.owner) == (TreeKind.INDIVIDUAL, project.member)
    assert GoalTree.objects.filter(project=project).count() == 2
    assert str(own) == "Doelenboom van Tim Teamlid"


def test_hanging_a_goal_under_its_own_sub_goal_is_a_cycle(project):
    tree = team_of(project)
    top, middle, bottom = chain(project, tree)
    before = rows()
    with pytest.raises(ValidationError) as error:
        services.goal_update(actor=project.leader, goal=top, parent=bottom, level=3)
    assert "kring in de doelenboom" in str(error.value)
    assert "‘Doel 2’ hangt zelf (via andere doelen) onder dit doel" in str(error.value)
    assert rows() == before
    top.refresh_from_db()
    assert (top.parent_id, top.level) == (None, 0)


def test_a_goal_is_not_its_own_parent(project):
    tree = team_of(project)
    (top,) = chain(project, tree, 1)
    with pytest.raises(ValidationError, match="kring"):
        services.goal_update(actor=project.leader, goal=top, parent=top, level=1)


def test_a_parent_must_be_more_abstract(project):
    tree = team_of(project)
    top, middle = chain(project, tree, 2)
    with pytest.raises(ValidationError) as error:
        services.goal_add(
            actor=project.leader, tree=tree, statement="Zelfde niveau", level=1, parent=middle
        )
    assert "staat op niveau 1; een subdoel moet concreter zijn" in str(error.value)
    assert not Goal.objects.filter(statement="Zelfde niveau").exists()


def test_a_goal_cannot_become_as_concrete_as_its_sub_goals(project):
    tree = team_of(project)
    top, middle, bottom = chain(project, tree)
    with pytest.raises(ValidationError, match="subdoel van dit doel staat op niveau 2"):
        services.goal_update(actor=project.leader, goal=middle, level=2)
    middle.refresh_from_db()
    assert middle.level == 1


def test_a_parent_from_another_tree_is_refused(project):
    tree = team_of(project)
    own = services.own_tree_ensure(actor=project.member, project=project)
    (elsewhere,) = chain(project, own, 1)
    with pytest.raises(ValidationError, match="andere doelenboom"):
        services.goal_add(actor=project.leader, tree=tree, statement="X", level=1, parent=elsewhere)


def test_deleting_a_goal_moves_its_sub_goals_up(project):
    tree = team_of(project)
    top, middle, bottom = chain(project, tree)
    services.means_add(actor=project.leader, goal=middle, description="Weg ermee")
    services.goal_delete(actor=project.leader, goal=middle)
    bottom.refresh_from_db()
    assert bottom.parent == top
    assert not Means.objects.filter(description="Weg ermee").exists()
    assert AuditEntry.objects.filter(action="goal.deleted", target_repr="Doel 1").exists()


def test_a_goal_removes_a_cause_of_this_projects_team_analysis_only(project):
    cc = causal_complex(project)
    other = ProjectFactory(leader=UserFactory(username="ander"))
    foreign = causal_complex(other)
    tree = team_of(project)
    (goal,) = chain(project, tree, 1)
    before = rows()
    with pytest.raises(ValidationError) as error:
        services.goal_cause_add(actor=project.leader, goal=goal, cause=foreign.root)
    assert "Die oorzaak hoort bij een ander project." in str(error.value)
    with pytest.raises(ValidationError, match="ander project"):
        services.goal_add(
            actor=project.leader, tree=tree, statement="Nieuw", level=1, parent=goal,
            cause=foreign.root,
        )  # fmt: skip
    assert rows() == before

    services.goal_cause_add(actor=project.leader, goal=goal, cause=cc.root)
    with pytest.raises(ValidationError, match="neemt die oorzaak al weg"):
        services.goal_cause_add(actor=project.leader, goal=goal, cause=cc.root)
    link = GoalCause.objects.get(goal=goal)
    assert not link.derived
    services.goal_cause_remove(actor=project.leader, link=link)
    assert not GoalCause.objects.exists()


def test_a_cause_of_an_individual_analysis_is_refused(project):
    from processteps.causes.models import AnalysisKind, CausalAnalysis, CausalFactor

    own = CausalAnalysis.objects.create(
        project=project, kind=AnalysisKind.INDIVIDUAL, owner=project.member
    )
    draft = CausalFactor.objects.create(analysis=own, statement="Eigen", kind="cause")
    (goal,) = chain(project, team_of(project), 1)
    with pytest.raises(ValidationError, match="teamanalyse van stap 5"):
        services.goal_cause_add(actor=project.leader, goal=goal, cause=draft)


def test_an_adopted_tree_is_read_only_until_reopened(project):
    tree = team_of(project)
    (goal,) = chain(project, tree, 1)
    services.tree_adopt(actor=project.leader, tree=tree)
    tree.refresh_from_db()
    assert (tree.status, tree.adopted_by) == (TreeStatus.ADOPTED, project.leader)
    before = rows()
    for attempt in (
        lambda: services.goal_add(actor=project.leader, tree=tree, statement="Nieuw"),
        lambda: services.goal_update(actor=project.leader, goal=goal, statement="Anders"),
        lambda: services.means_add(actor=project.leader, goal=goal, description="Middel"),
        lambda: services.goal_delete(actor=project.leader, goal=goal),
    ):
        with pytest.raises(ValidationError, match="vastgesteld. Heropen hem eerst"):
            attempt()
    assert rows() == before

    services.tree_reopen(actor=project.leader, tree=tree)
    services.goal_update(actor=project.leader, goal=goal, statement="Anders")
    goal.refresh_from_db()
    assert goal.statement == "Anders"


def test_an_empty_tree_is_neither_adopted_nor_submitted(project):
    with pytest.raises(ValidationError, match="lege doelenboom"):
        services.tree_adopt(actor=project.leader, tree=team_of(project))
    own = services.own_tree_ensure(actor=project.member, project=project)
    with pytest.raises(ValidationError, match="lege doelenboom"):
        services.tree_submit(actor=project.member, tree=own)


def test_a_submitted_own_tree_is_read_only_until_withdrawn(project):
    own = services.own_tree_ensure(actor=project.member, project=project)
    (goal,) = chain(project, own, 1)
    services.tree_submit(actor=project.member, tree=own)
    own.refresh_from_db()
    assert own.status == TreeStatus.SUBMITTED and own.submitted_at
    with pytest.raises(ValidationError, match="ingediend. Trek hem eerst terug"):
        services.means_add(actor=project.member, goal=goal, description="Middel")
    services.tree_reopen(actor=project.member, tree=own)
    services.means_add(actor=project.member, goal=goal, description="Middel")
    with pytest.raises(ValidationError, match="Alleen een eigen doelenboom"):
        services.tree_submit(actor=project.leader, tree=team_of(project))


def test_the_database_refuses_what_the_services_refuse(project):
    from django.db import IntegrityError, transaction

    tree = team_of(project)
    (goal,) = chain(project, tree, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Goal.objects.filter(pk=goal.pk).update(parent=goal)
    with pytest.raises(IntegrityError), transaction.atomic():
        GoalTree.objects.filter(pk=tree.pk).update(status=TreeStatus.SUBMITTED)
    with pytest.raises(IntegrityError), transaction.atomic():
        GoalTree.objects.create(project=project, kind=TreeKind.TEAM)


def test_means_are_added_edited_and_deleted_with_an_audit_trail(project):
    tree = team_of(project)
    (goal,) = chain(project, tree, 1)
    with pytest.raises(ValidationError):
        services.means_add(actor=project.leader, goal=goal, description="   ")
    means = services.means_add(actor=project.leader, goal=goal, description="Subsidie")
    services.means_update(actor=project.leader, means=means, description="Subsidieregeling")
    means.refresh_from_db()
    assert means.description == "Subsidieregeling"
    services.means_delete(actor=project.leader, means=means)
    actions = list(
        AuditEntry.objects.filter(action__startswith="means.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["means.added", "means.changed", "means.deleted"]
