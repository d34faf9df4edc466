"""Merging the members' own trees into the team's (provenance kept, causes and means along,
no doubles) and the political weighing of a goal (options, one preferred, the decision)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from processteps.goals.models import (
    Goal,
    GoalCause,
    GoalDecision,
    GoalMerge,
    PolicyOption,
    TreeStatus,
)
from processteps.goals.selectors import team_tree
from processteps.goals.services import derive as derive_services
from processteps.goals.services import merge as services
from processteps.goals.services import trees as tree_services
from processteps.goals.services import weighing as weighing_services
from processteps.models import AuditEntry

from .helpers import causal_complex, day

pytestmark = pytest.mark.django_db


def submitted_own_tree(project, member=None):
    member = member or project.member
    own = tree_services.own_tree_ensure(actor=member, project=project)
    derive_services.tree_derive(actor=member, tree=own)
    return own


def goal_of(tree, factor) -> Goal:
    return Goal.objects.get(tree=tree, cause_links__cause=factor)


def test_a_proposed_goal_is_taken_over_with_its_causes_means_and_provenance(project):
    cc = causal_complex(project)
    own = submitted_own_tree(project)
    proposal = goal_of(own, cc.symptom)
    tree_services.goal_update(actor=project.member, goal=proposal, statement="Korte wachtlijsten")
    tree_services.means_add(actor=project.member, goal=proposal, description="Meer woningen")
    tree_services.tree_submit(actor=project.member, tree=own)

    team_goal = services.goal_merge(actor=project.leader, source=proposal)

    assert team_goal.tree == team_tree(project)
    assert (team_goal.statement, team_goal.level) == ("Korte wachtlijsten", 0)
    assert list(team_goal.cause_links.values_list("cause_id", "derived")) == [(cc.symptom.pk, True)]
    assert list(team_goal.means.values_list("description", flat=True)) == ["Meer woningen"]
    merge = GoalMerge.objects.get(team_goal=team_goal)
    assert (merge.source_goal, merge.merged_by) == (proposal, project.leader)
    entry = AuditEntry.objects.get(action="goal.merged")
    assert entry.data == {"source": "Korte wachtlijsten", "owner": "Doelenboom van Tim Teamlid"}
    # The proposal's sub-goal, merged next, hangs under the team goal its parent became.
    child = services.goal_merge(actor=project.leader, source=goal_of(own, cc.cause))
    assert child.parent == team_goal


def test_a_proposal_maps_onto_a_team_goal_without_doubles(project):
    cc = causal_complex(project)
    team = tree_services.team_tree_ensure(actor=project.leader, project=project)
    derive_services.tree_derive(actor=project.leader, tree=team)
    target = goal_of(team, cc.cause)
    tree_services.means_add(actor=project.leader, goal=target, description="Flexwoningen")
    own = submitted_own_tree(project)
    proposal = goal_of(own, cc.cause)
    tree_services.goal_cause_add(actor=project.member, goal=proposal, cause=cc.trust)
    for description in ("flexwoningen", "Huurtoeslag"):
        tree_services.means_add(actor=project.member, goal=proposal, description=description)
    tree_services.tree_submit(actor=project.member, tree=own)
    goals_before = Goal.objects.filter(tree=team).count()

    services.goal_merge(actor=project.leader, source=proposal, into=target)

    assert Goal.objects.filter(tree=team).count() == goals_before
    assert sorted(target.cause_links.values_list("cause_id", flat=True)) == sorted(
        [cc.cause.pk, cc.trust.pk]
    )
    assert sorted(target.means.values_list("description", flat=True)) == [
        "Flexwoningen", "Huurtoeslag",
    ]  # fmt: skip
    with pytest.raises(ValidationError, match="al samengevoegd"):
        services.goal_merge(actor=project.leader, source=proposal, into=target)


def test_merging_a_whole_tree_maps_by_cause_and_takes_over_the_rest(project):
    cc = causal_complex(project)
    team = tree_services.team_tree_ensure(actor=project.leader, project=project)
    tree_services.goal_add(
        actor=project.leader, tree=team, statement="Korte wachtlijsten", cause=cc.symptom
    )
    own = submitted_own_tree(project)
    tree_services.goal_add(actor=project.member, tree=own, statement="Een eigen idee", level=0)
    tree_services.tree_submit(actor=project.member, tree=own)

    result = services.tree_merge_all(actor=project.leader, tree=own)

    # The symptom's goal is mapped onto the team's; the four others and the idea are new.
    assert (result.mapped, result.created) == (1, 5)
    assert GoalMerge.objects.filter(source_goal__tree=own).count() == 6
    team_goals = {g.statement: g for g in team.goals.all()}
    assert (
        team_goals["Niet langer: Te weinig betaalbare woningen"].parent
        == (team_goals["Korte wachtlijsten"])
    )
    assert "Een eigen idee" in team_goals
    # Every cause is removed once in the team tree: nothing doubled.
    assert GoalCause.objects.filter(goal__tree=team).count() == 5
    # Merging again finds nothing left to merge.
    assert services.tree_merge_all(actor=project.leader, tree=own).total == 0


def test_a_draft_own_tree_is_not_merged_and_the_adopted_team_tree_takes_nothing(project):
    cc = causal_complex(project)
    own = submitted_own_tree(project)
    with pytest.raises(ValidationError, match="nog niet ingediend"):
        services.goal_merge(actor=project.leader, source=goal_of(own, cc.root))
    with pytest.raises(ValidationError, match="ingediende eigen doelenboom"):
        services.tree_merge_all(actor=project.leader, tree=own)
    tree_services.tree_submit(actor=project.member, tree=own)
    team = tree_services.team_tree_ensure(actor=project.leader, project=project)
    tree_services.goal_add(actor=project.leader, tree=team, statement="Top")
    tree_services.tree_adopt(actor=project.leader, tree=team)
    with pytest.raises(ValidationError, match="vastgesteld"):
        services.tree_merge_all(actor=project.leader, tree=own)
    assert not GoalMerge.objects.exists()
    tree_services.tree_reopen(actor=project.leader, tree=team)
    with pytest.raises(ValidationError, match="Kies een doel uit de doelenboom van het team"):
        services.goal_merge(
            actor=project.leader, source=goal_of(own, cc.root), into=goal_of(own, cc.cause)
        )


# -- the political weighing --------------------------------------------------------------------


@pytest.fixture
def goal(project):
    team = tree_services.team_tree_ensure(actor=project.leader, project=project)
    return tree_services.goal_add(actor=project.leader, tree=team, statement="Iedereen woont")


def test_one_option_is_preferred(project, goal):
    first = weighing_services.option_add(
        actor=project.leader, goal=goal, title="Flexwoningen", is_preferred=True
    )
    second = weighing_services.option_add(actor=project.leader, goal=goal, title="Nieuwbouw")
    weighing_services.option_prefer(actor=project.leader, option=second)
    assert list(PolicyOption.objects.filter(is_preferred=True)) == [second]
    first.refresh_from_db()
    assert not first.is_preferred
    with pytest.raises(IntegrityError), transaction.atomic():
        PolicyOption.objects.filter(pk=first.pk).update(is_preferred=True)
    assert AuditEntry.objects.filter(action="option.preferred", target_repr="Nieuwbouw").exists()


def test_a_decision_records_body_reference_date_and_chosen_option(project, goal):
    option = weighing_services.option_add(actor=project.leader, goal=goal, title="Flexwoningen")
    decision = weighing_services.decision_save(
        actor=project.leader, goal=goal, body="council", body_name="Gemeenteraad",
        reference="Raadsbesluit 2024-031", decided_on=day("2024-05-23"), outcome="amended",
        chosen_option=option, notes="Met amendement over locaties",
    )  # fmt: skip
    assert decision.get_outcome_display() == "Gewijzigd aangenomen"
    # Saving again corrects the same decision.
    weighing_services.decision_save(
        actor=project.leader, goal=goal, body="council", body_name="Gemeenteraad",
        reference="Raadsbesluit 2024-032", decided_on=day("2024-05-23"), outcome="adopted",
        chosen_option=option, notes="",
    )  # fmt: skip
    goal.refresh_from_db()
    assert goal.decision.reference == "Raadsbesluit 2024-032"


def test_a_decision_in_the_future_or_on_another_goals_option_is_refused(project, goal):
    other = tree_services.goal_add(
        actor=project.leader, tree=goal.tree, statement="Ander doel", level=1, parent=goal
    )
    foreign = weighing_services.option_add(actor=project.leader, goal=other, title="Elders")
    fields = {"body": "board", "body_name": "", "reference": "B&W 2024/1", "outcome": "adopted",
              "notes": ""}  # fmt: skip
    with pytest.raises(ValidationError, match="in de toekomst"):
        weighing_services.decision_save(
            actor=project.leader, goal=goal, decided_on=datetime.date.today()
            + datetime.timedelta(days=1), chosen_option=None, **fields,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="hoort bij een ander doel"):
        weighing_services.decision_save(
            actor=project.leader, goal=goal, decided_on=day("2024-05-01"),
            chosen_option=foreign, **fields,
        )  # fmt: skip
    with pytest.raises(ValidationError):
        weighing_services.decision_save(
            actor=project.leader, goal=goal, decided_on=day("2024-05-01"), chosen_option=None,
            **{**fields, "reference": ""},
        )  # fmt: skip
    assert not GoalDecision.objects.exists()


def test_goals_of_an_own_tree_are_not_weighed(project):
    own = tree_services.own_tree_ensure(actor=project.member, project=project)
    mine = tree_services.goal_add(actor=project.member, tree=own, statement="Mijn doel")
    with pytest.raises(ValidationError, match="politiek gewogen"):
        weighing_services.option_add(actor=project.leader, goal=mine, title="Optie")
    assert not PolicyOption.objects.exists()


def test_the_weighing_goes_on_after_the_tree_is_adopted(project, goal):
    tree = tree_services.tree_adopt(actor=project.leader, tree=goal.tree)
    assert tree.status == TreeStatus.ADOPTED
    option = weighing_services.option_add(actor=project.leader, goal=goal, title="Flexwoningen")
    weighing_services.option_prefer(actor=project.leader, option=option)
    assert PolicyOption.objects.get(goal=goal).is_preferred
