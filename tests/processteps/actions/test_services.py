"""Action forms through the services: the rules (goals and causes of this project's team work,
one owner, dates and milestones, budget), that a refused form saves nothing, drafting by the
team and adoption by the leader, the completeness score and the derived checklist item."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from processteps.actions.models import (
    Action,
    ActionCause,
    ActionGoal,
    ActionIndicator,
    ActionParty,
    ActionStatus,
    BudgetLine,
    Milestone,
    PartyRole,
)
from processteps.actions.selectors import (
    action_loaded,
    form_checks,
    form_score,
    forms_complete,
)
from processteps.actions.services import actions as services
from processteps.causes.models import AnalysisKind, CausalAnalysis, CausalFactor, FactorKind
from processteps.goals.models import Indicator, IndicatorKind
from processteps.goals.services import trees as tree_services
from processteps.models import AuditEntry, ChecklistItem
from tests.factories import ProjectFactory, UserFactory

from .helpers import add_action, complete_form, world_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(project):
    return world_of(project)


def rows():
    return tuple(
        model.objects.count()
        for model in (
            Action, ActionGoal, ActionCause, ActionParty, BudgetLine, Milestone,
            ActionIndicator, Indicator, AuditEntry,
        )
    )  # fmt: skip


def loaded(action):
    return action_loaded(action.project, action.pk)


def test_a_complete_form_is_saved_whole_and_scores_100(w):
    action = add_action(w, actor=w.project.member)
    a = loaded(action)
    assert a.status == ActionStatus.DRAFT and a.created_by == w.project.member
    assert [g.statement for g in a.goal_list] == ["Genoeg betaalbare woningen"]
    assert [c.statement for c in a.cause_list] == ["Te weinig betaalbare woningen"]
    assert a.owner.name == "Gemeente Voorbeeld"
    assert a.budget_list[0].amount == 250000
    assert a.indicator_list[0].kind == IndicatorKind.IMPLEMENTATION
    assert a.indicator_list[0].goal_id is None
    assert all(check.ok for check in form_checks(a)) and form_score(a) == 100
    assert AuditEntry.objects.filter(action="action.added", target_id=action.pk).exists()


def test_the_score_counts_what_is_missing(w):
    form = complete_form(w, risks="", assumptions="")
    form.causes = []
    a = loaded(services.action_save(actor=w.project.leader, project=w.project, form=form))
    assert a.score == round(100 * 9 / 12)
    assert a.missing == [
        "Minstens één oorzaak die de actie wegneemt", "Risico's", "Aannames",
    ]  # fmt: skip
    bare = services.action_save(
        actor=w.project.member, project=w.project, form=services.ActionForm(fields={"title": "X"})
    )
    assert loaded(bare).score == 0


def other_project_work():
    boss = UserFactory()
    other = ProjectFactory(leader=boss, name="Elders")
    analysis = CausalAnalysis.objects.create(project=other, kind=AnalysisKind.TEAM)
    cause = CausalFactor.objects.create(
        analysis=analysis, statement="Elders", kind=FactorKind.CAUSE
    )
    tree = tree_services.team_tree_ensure(actor=boss, project=other)
    goal = tree_services.goal_add(actor=boss, tree=tree, statement="Elders beter")
    return cause, goal


@pytest.mark.parametrize(
    "change, field, message",
    [
        ("foreign_cause", "causes", "Die oorzaak hoort bij een ander project."),
        ("foreign_goal", "goals", "Dat doel hoort bij een ander project."),
        ("individual_cause", "causes", "Een actie neemt oorzaken uit de teamanalyse"),
        ("own_tree_goal", "goals", "Een actie dient doelen uit de doelenboom van het team."),
        ("symptom", "causes", "is een symptoom: een actie neemt de oorzaken ervan weg."),
        ("two_owners", "parties", "precies één eigenaar"),
        ("no_owner", "parties", "Wijs een van de partijen aan als eigenaar"),
        ("end_before_start", "end_date", "De einddatum ligt vóór de startdatum."),
        ("milestone_outside", "milestones", "valt buiten de looptijd"),
        ("negative_budget", "budget", "Een bedrag is niet negatief."),
        ("bad_amount", "budget", "is geen bedrag"),
        ("no_source", "budget", "financieringsbron"),
        ("indicator_dates", "indicators", "De streefdatum ligt vóór de datum van de nulmeting."),
        ("no_title", "title", "Geef de actie een titel."),
        ("foreign_point", "intervention_point", "Dat interventiepunt hoort bij een ander project"),
    ],
)
def test_bad_input_is_refused_in_dutch_and_saves_nothing(w, change, field, message):
    form = complete_form(w)
    if change == "foreign_cause":
        form.causes.append(other_project_work()[0])
    elif change == "foreign_goal":
        form.goals.append(other_project_work()[1])
    elif change == "individual_cause":
        own = CausalAnalysis.objects.create(
            project=w.project, kind=AnalysisKind.INDIVIDUAL, owner=w.project.member
        )
        form.causes = [
            CausalFactor.objects.create(analysis=own, statement="Eigen", kind=FactorKind.CAUSE)
        ]
    elif change == "own_tree_goal":
        own = tree_services.own_tree_ensure(actor=w.project.member, project=w.project)
        form.goals = [tree_services.goal_add(actor=w.project.member, tree=own, statement="Eigen")]
    elif change == "symptom":
        form.causes.append(w.cc.symptom)
    elif change == "two_owners":
        form.parties[1]["role"] = PartyRole.ACCOUNTABLE
    elif change == "no_owner":
        form.parties[0]["role"] = PartyRole.CONSULTED
    elif change == "end_before_start":
        form.fields["end_date"] = datetime.date(2024, 12, 31)
    elif change == "milestone_outside":
        form.milestones[0]["date"] = datetime.date(2027, 1, 1)
    elif change == "negative_budget":
        form.budget[0]["amount"] = "-5"
    elif change == "bad_amount":
        form.budget[0]["amount"] = "veel"
    elif change == "no_source":
        form.budget[0]["source"] = " "
    elif change == "indicator_dates":
        form.indicators[0]["target_date"] = datetime.date(2024, 1, 1)
    elif change == "no_title":
        form.fields["title"] = "  "
    elif change == "foreign_point":
        from processteps.meetings.models import InterventionPoint

        cause, _goal = other_project_work()
        form.fields["intervention_point"] = InterventionPoint.objects.create(
            project=cause.analysis.project, cause=cause, title="Elders"
        )
    before = rows()
    with pytest.raises(ValidationError) as raised:
        services.action_save(actor=w.project.member, project=w.project, form=form)
    assert field in raised.value.message_dict
    assert any(message in m for m in raised.value.message_dict[field])
    assert rows() == before


def test_a_refused_change_to_an_existing_form_keeps_it_as_it_was(w):
    action = add_action(w)
    before = rows()
    form = services.action_form_of(loaded(action))
    form.fields["title"] = "Andere titel"
    form.parties = []  # would be fine…
    form.milestones[0]["date"] = datetime.date(2030, 1, 1)  # …but this is not
    with pytest.raises(ValidationError):
        services.action_save(actor=w.project.member, project=w.project, form=form, action=action)
    assert rows() == before
    action.refresh_from_db()
    assert action.title == "Flexwoningen bouwen"


def test_editing_updates_adds_and_removes_nested_rows(w):
    action = add_action(w)
    form = services.action_form_of(loaded(action))
    # The ownership moves from the municipality to the corporation.
    form.parties[0]["role"], form.parties[1]["role"] = PartyRole.INFORMED, PartyRole.ACCOUNTABLE
    form.budget.append({"amount": 1000, "source": "Eigen middelen", "year": 2026})
    form.milestones = []
    form.indicators[0]["target_value"] = "80"
    form.causes.append(w.cc.root)
    services.action_save(actor=w.project.member, project=w.project, form=form, action=action)
    a = loaded(action)
    assert a.owner.name == "Woningcorporatie Thuis"
    assert [b.year for b in a.budget_list] == [2025, 2026]
    assert a.milestone_list == []
    assert a.indicator_list[0].target_value == 80
    assert {c.pk for c in a.cause_list} == {w.cc.cause.pk, w.cc.root.pk}
    assert AuditEntry.objects.filter(action="action.changed").count() == 1
    # Saving it unchanged records nothing.
    services.action_save(
        actor=w.project.member, project=w.project, form=services.action_form_of(a), action=action
    )
    assert AuditEntry.objects.filter(action="action.changed").count() == 1


def test_a_row_of_another_action_cannot_be_edited_through_this_one(w):
    first, second = add_action(w), add_action(w, title="Tweede")
    form = services.action_form_of(loaded(second))
    form.parties[0]["id"] = loaded(first).party_list[0].pk
    before = rows()
    with pytest.raises(ValidationError):
        services.action_save(actor=w.project.member, project=w.project, form=form, action=second)
    assert rows() == before


def test_a_removed_indicator_without_measurements_goes_with_it(w):
    action = add_action(w)
    form = services.action_form_of(loaded(action))
    form.indicators = []
    services.action_save(actor=w.project.member, project=w.project, form=form, action=action)
    assert not Indicator.objects.filter(kind=IndicatorKind.IMPLEMENTATION).exists()


def test_the_team_drafts_the_leader_adopts_and_an_adopted_form_is_read_only(w):
    action = add_action(w, actor=w.project.member)
    with pytest.raises(PermissionDenied):
        services.action_adopt(actor=w.project.member, action=action)
    with pytest.raises(PermissionDenied):
        services.action_save(actor=w.project.client, project=w.project, form=complete_form(w))
    services.action_adopt(actor=w.project.leader, action=action)
    action.refresh_from_db()
    assert action.status == ActionStatus.ADOPTED and action.adopted_by == w.project.leader
    with pytest.raises(ValidationError, match="vastgesteld"):
        services.action_save(
            actor=w.project.leader, project=w.project, form=complete_form(w), action=action
        )
    with pytest.raises(ValidationError, match="vastgesteld"):
        services.action_delete(actor=w.project.leader, action=action)
    services.action_reopen(actor=w.project.leader, action=action)
    action.refresh_from_db()
    assert action.status == ActionStatus.DRAFT
    services.action_delete(actor=w.project.member, action=action)
    assert not Action.objects.exists()
    assert not Indicator.objects.filter(kind=IndicatorKind.IMPLEMENTATION).exists()


def test_an_incomplete_form_is_not_adopted(w):
    form = complete_form(w)
    form.causes = []
    action = services.action_save(actor=w.project.member, project=w.project, form=form)
    with pytest.raises(ValidationError, match="minstens één oorzaak die de actie wegneemt"):
        services.action_adopt(actor=w.project.leader, action=action)


def test_milestones_are_ticked_off_also_on_an_adopted_form(w):
    action = add_action(w)
    services.action_adopt(actor=w.project.leader, action=action)
    milestone = action.milestones.get()
    services.milestone_toggle(actor=w.project.member, milestone=milestone)
    milestone.refresh_from_db()
    assert milestone.done
    assert AuditEntry.objects.filter(action="milestone.done").exists()


def checklist_item(project):
    return ChecklistItem.objects.get(
        step__project=project, text="Actieformulieren volledig en goed ingevuld"
    )


def test_the_checklist_item_is_ticked_from_the_data(w):
    item = checklist_item(w.project)
    assert item.derived_from == "actions_forms_complete"
    assert not item.is_done and not forms_complete(w.project)
    action = add_action(w)
    item.refresh_from_db()
    assert item.is_done
    form = complete_form(w, title="Onvolledig")
    form.causes = []
    services.action_save(actor=w.project.member, project=w.project, form=form)
    item.refresh_from_db()
    assert not item.is_done
    Action.objects.exclude(pk=action.pk).delete()
    services.action_save(
        actor=w.project.member, project=w.project, form=services.action_form_of(loaded(action)),
        action=action,
    )  # fmt: skip
    item.refresh_from_db()
    assert item.is_done


@pytest.mark.parametrize(
    "typed, amount",
    [("12.500", "12500.00"), ("1.234,56", "1234.56"), ("€ 250 000", "250000.00"),
     ("12.5", "12.50"), ("99,9", "99.90"), (1000, "1000.00")],
)  # fmt: skip
def test_amounts_are_read_as_people_type_them(w, typed, amount):
    form = complete_form(w)
    form.budget = [{"amount": typed, "source": "Gemeente", "year": 2025}]
    action = services.action_save(actor=w.project.member, project=w.project, form=form)
    assert str(action.budget_lines.get().amount) == amount
