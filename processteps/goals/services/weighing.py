"""The political-administrative weighing of a goal (step 9, "politiek-bestuurlijke
afwegingen"): the options considered with their consequences, the preferred option, and the
decision of the council or the board. With it the beleidsnota answers the Beleidskompas
questions 4-6 (options, consequences, preferred option) from the project's own material.

Only goals of the team's tree are weighed; the weighing may go on after the tree is adopted.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from processteps.services.audit import audit_record

from ..models import Goal, GoalDecision, PolicyOption, TreeKind

OPTION_FIELDS = ("title", "description", "consequences")
DECISION_FIELDS = (
    "body",
    "body_name",
    "reference",
    "decided_on",
    "outcome",
    "chosen_option",
    "notes",
)


def _team_goal(goal: Goal) -> Goal:
    goal = Goal.objects.select_for_update().select_related("tree__project").get(pk=goal.pk)
    if goal.tree.kind != TreeKind.TEAM:
        raise ValidationError(
            _("Alleen doelen van de doelenboom van het team worden politiek gewogen.")
        )
    return goal


def option_add(*, actor, goal: Goal, title: str, description: str = "", consequences: str = "",
               is_preferred: bool = False) -> PolicyOption:  # fmt: skip
    with transaction.atomic():
        goal = _team_goal(goal)
        last = goal.options.aggregate(m=Max("position"))["m"]
        option = PolicyOption(
            goal=goal, title=title.strip(), description=description, consequences=consequences,
            position=(last or 0) + 1, created_by=actor,
        )  # fmt: skip
        option.full_clean()
        option.save()
        audit_record(actor=actor, project=goal.tree.project, action="option.added", target=option)
        if is_preferred:
            _prefer(goal, option)
    return option


def option_update(*, actor, option: PolicyOption, **fields) -> PolicyOption:
    unknown = set(fields) - set(OPTION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown option fields: {sorted(unknown)}")
    with transaction.atomic():
        goal = _team_goal(option.goal)
        option = PolicyOption.objects.get(pk=option.pk)
        if "title" in fields:
            fields["title"] = fields["title"].strip()
        changed = {k: v for k, v in fields.items() if getattr(option, k) != v}
        if not changed:
            return option
        for key, value in changed.items():
            setattr(option, key, value)
        option.full_clean()
        option.save()
        audit_record(actor=actor, project=goal.tree.project, action="option.changed", target=option)
    return option


def option_delete(*, actor, option: PolicyOption) -> None:
    with transaction.atomic():
        goal = _team_goal(option.goal)
        audit_record(actor=actor, project=goal.tree.project, action="option.deleted", target=option)
        option.delete()


def _prefer(goal: Goal, option: PolicyOption) -> None:
    goal.options.exclude(pk=option.pk).filter(is_preferred=True).update(is_preferred=False)
    PolicyOption.objects.filter(pk=option.pk).update(is_preferred=True)
    option.is_preferred = True


def option_prefer(*, actor, option: PolicyOption) -> PolicyOption:
    """Make ``option`` the goal's preferred option (the one the beleidsnota proposes)."""
    with transaction.atomic():
        goal = _team_goal(option.goal)
        option = PolicyOption.objects.get(pk=option.pk)
        if option.is_preferred:
            return option
        _prefer(goal, option)
        audit_record(
            actor=actor, project=goal.tree.project, action="option.preferred", target=option
        )
    return option


def decision_save(*, actor, goal: Goal, **fields) -> GoalDecision:
    """Record (or correct) the decision taken on the goal."""
    unknown = set(fields) - set(DECISION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown decision fields: {sorted(unknown)}")
    decided_on = fields.get("decided_on")
    if isinstance(decided_on, datetime.date) and decided_on > timezone.localdate():
        raise ValidationError(
            {"decided_on": _("De datum van het besluit ligt in de toekomst.")}, code="future"
        )
    with transaction.atomic():
        goal = _team_goal(goal)
        decision = GoalDecision.objects.filter(goal=goal).first() or GoalDecision(goal=goal)
        for key, value in fields.items():
            setattr(decision, key, value.strip() if isinstance(value, str) else value)
        decision.recorded_by = actor
        decision.full_clean()
        decision.save()
        audit_record(
            actor=actor,
            project=goal.tree.project,
            action="decision.recorded",
            target=goal,
            data={"reference": decision.reference},
        )
    return decision
