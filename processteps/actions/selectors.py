"""Reads of the action book (step 10): what the pages, the Actieboek, the checklist and later
steps (the implementation plan of step 11) use.

:func:`actions_loaded` loads a project's action forms with everything on them — goals, causes,
intervention point, parties, budget, milestones, implementation indicators (with their
measurements when asked) — in a fixed number of queries, however many actions there are.
:func:`form_checks` is the completeness check of one form; the checklist item
"Actieformulieren volledig en goed ingevuld" holds when every form passes it.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from processteps.causes.models import CausalFactor, Evidence
from processteps.causes.selectors import team_causes
from processteps.consultation.selectors import fragment_attribution, fragment_provenance
from processteps.goals.models import Goal, GoalCause, Indicator, IndicatorKind, Measurement
from processteps.goals.selectors import team_goals

from .models import (
    Action,
    ActionComment,
    ActionGoal,
    ActionIndicator,
    ActionInvitation,
    ActionParty,
    ActionStatus,
    BudgetLine,
    Milestone,
    PartyRole,
)

# Key of the checklist item this tool ticks from the data (``ChecklistItem.derived_from``).
FORMS_COMPLETE = "actions_forms_complete"

# -- the completeness check of one form ----------------------------------------------------------

# (code, what the form needs) in the order of the form.
CHECKS = (
    ("description", _("Beschrijving")),
    ("goals", _("Minstens één doel dat de actie dient")),
    ("causes", _("Minstens één oorzaak die de actie wegneemt")),
    ("intervention_point", _("Het interventiepunt dat de actie benut")),
    ("owner", _("Eén eigenaar (eindverantwoordelijk)")),
    ("budget", _("Begroting (bedrag, bron, jaar)")),
    ("dates", _("Start- en einddatum")),
    ("milestones", _("Minstens één mijlpaal")),
    ("indicators", _("Minstens één uitvoeringsindicator")),
    ("risks", _("Risico's")),
    ("assumptions", _("Aannames")),
    ("citizens", _("Wat van burgers gevraagd wordt")),
)
CHECK_LABELS = dict(CHECKS)


@dataclass
class Check:
    code: str
    label: str
    ok: bool


def _passes(action: Action, code: str) -> bool:
    if code == "description":
        return bool(action.description.strip())
    if code == "goals":
        return bool(action.goal_list)
    if code == "causes":
        return bool(action.cause_list)
    if code == "intervention_point":
        return action.intervention_point_id is not None
    if code == "owner":
        return sum(1 for p in action.party_list if p.role == PartyRole.ACCOUNTABLE) == 1
    if code == "budget":
        return bool(action.budget_list)
    if code == "dates":
        return bool(action.start_date and action.end_date)
    if code == "milestones":
        return bool(action.milestone_list)
    if code == "indicators":
        return bool(action.indicator_list)
    if code == "risks":
        return bool(action.risks.strip())
    if code == "assumptions":
        return bool(action.assumptions.strip())
    if code == "citizens":
        return bool(action.asked_of_citizens.strip())
    raise ValueError(code)


def form_checks(action: Action) -> list[Check]:
    """The completeness check of a loaded action form (see :func:`actions_loaded`)."""
    return [Check(code, str(label), _passes(action, code)) for code, label in CHECKS]


def form_score(action: Action) -> int:
    """The completeness of a loaded form in percent (whole numbers; 100 only when complete)."""
    checks = form_checks(action)
    done = sum(1 for c in checks if c.ok)
    if done == len(checks):
        return 100
    return min(99, round(100 * done / len(checks)))


def form_missing(action: Action) -> list[str]:
    return [c.label for c in form_checks(action) if not c.ok]


# -- loading ---------------------------------------------------------------------------------


def actions_of(project):
    return Action.objects.filter(project=project).order_by("position", "id")


def _annotate(actions: list[Action]) -> list[Action]:
    for action in actions:
        action.owner = next((p for p in action.party_list if p.role == PartyRole.ACCOUNTABLE), None)
        action.checks = form_checks(action)
        action.score = form_score(action)
        action.is_complete = action.score == 100
        action.missing = [c.label for c in action.checks if not c.ok]
        action.budget_total = sum((b.amount for b in action.budget_list), Decimal(0))
    return actions


def actions_loaded(queryset, *, measurements=False, comments=False) -> list[Action]:
    """The actions of ``queryset`` with ``goal_list``, ``cause_list`` (the goals and causes
    themselves), ``party_list``, ``budget_list``, ``milestone_list``, ``indicator_list`` (each
    with ``measurement_list`` when asked) and, when asked, ``comment_list`` and
    ``invitation_list``; each also gets ``owner``, ``checks``, ``score``, ``is_complete``,
    ``missing`` and ``budget_total``. A fixed number of queries."""
    indicators = Indicator.objects.order_by("name", "id")
    if measurements:
        indicators = indicators.prefetch_related(
            Prefetch(
                "measurements",
                queryset=Measurement.objects.order_by("measured_on", "id"),
                to_attr="measurement_list",
            )
        )
    prefetches = [
        Prefetch(
            "goals",
            queryset=Goal.objects.order_by("level", "position", "id"),
            to_attr="goal_list",
        ),
        Prefetch(
            "causes",
            queryset=CausalFactor.objects.order_by("position", "id"),
            to_attr="cause_list",
        ),
        Prefetch(
            "parties",
            queryset=ActionParty.objects.order_by("position", "id"),
            to_attr="party_list",
        ),
        Prefetch(
            "budget_lines",
            queryset=BudgetLine.objects.order_by("year", "position", "id"),
            to_attr="budget_list",
        ),
        Prefetch(
            "milestones",
            queryset=Milestone.objects.order_by("date", "id"),
            to_attr="milestone_list",
        ),
        Prefetch(
            "indicator_links",
            queryset=ActionIndicator.objects.select_related("indicator").order_by(
                "indicator__name", "id"
            ),
            to_attr="indicator_link_list",
        ),
    ]
    if comments:
        prefetches += [
            Prefetch(
                "comments",
                queryset=ActionComment.objects.select_related("recorded_by").order_by(
                    "-received_on", "-id"
                ),
                to_attr="comment_list",
            ),
            Prefetch(
                "invitations",
                queryset=ActionInvitation.objects.select_related("sent_by").order_by(
                    "-created_at", "-id"
                ),
                to_attr="invitation_list",
            ),
        ]
    actions = list(
        queryset.select_related("intervention_point", "adopted_by").prefetch_related(*prefetches)
    )
    links = [link for action in actions for link in action.indicator_link_list]
    if measurements and links:
        from django.db.models import prefetch_related_objects

        prefetch_related_objects(
            [link.indicator for link in links],
            Prefetch(
                "measurements",
                queryset=Measurement.objects.order_by("measured_on", "id"),
                to_attr="measurement_list",
            ),
        )
    for action in actions:
        action.indicator_list = [link.indicator for link in action.indicator_link_list]
    return _annotate(actions)


def project_actions(project, **kwargs) -> list[Action]:
    return actions_loaded(actions_of(project), **kwargs)


def action_loaded(project, pk, **kwargs) -> Action | None:
    found = actions_loaded(actions_of(project).filter(pk=pk), **kwargs)
    return found[0] if found else None


# -- the checklist ---------------------------------------------------------------------------


def forms_complete(project) -> bool:
    """The checklist item "Actieformulieren volledig en goed ingevuld": the project has action
    forms and every one of them passes the completeness check."""
    actions = project_actions(project)
    return bool(actions) and all(action.is_complete for action in actions)


def incomplete(actions: list[Action]) -> list[Action]:
    return [a for a in actions if not a.is_complete]


@dataclass
class Summary:
    count: int = 0
    complete: int = 0
    adopted: int = 0
    budget: Decimal = Decimal(0)

    @property
    def incomplete(self) -> int:
        return self.count - self.complete


def summary(actions: list[Action]) -> Summary:
    return Summary(
        count=len(actions),
        complete=sum(1 for a in actions if a.is_complete),
        adopted=sum(1 for a in actions if a.status == ActionStatus.ADOPTED),
        budget=sum((a.budget_total for a in actions), Decimal(0)),
    )


# -- choices for the form --------------------------------------------------------------------


def goal_choices(project):
    """The goals an action may serve: those of the team's goal tree."""
    return team_goals(project)


def cause_choices(project):
    """The causes an action may remove: causes and root causes of the team analysis."""
    return team_causes(project)


def implementation_indicators(project):
    return Indicator.objects.filter(project=project, kind=IndicatorKind.IMPLEMENTATION)


# -- the evidence chain ----------------------------------------------------------------------


@dataclass
class Quote:
    """A quote evidencing a cause, as the consent of its interview allows: ``text`` only when
    it may be quoted, else "" (the team follows the interview link to read it there)."""

    evidence: Evidence
    publishable: bool
    attribution: str
    provenance: str
    interview_id: int
    text: str


def _quote(evidence: Evidence) -> Quote:
    fragment = evidence.fragment
    publishable, attribution = fragment_attribution(fragment)
    return Quote(
        evidence=evidence,
        publishable=publishable,
        attribution=attribution,
        provenance=fragment_provenance(fragment).text,
        interview_id=fragment.report.interview_id,
        text=fragment.text if publishable else "",
    )


def evidence_by_cause(cause_ids) -> dict[int, list[Quote]]:
    found: dict[int, list[Quote]] = {}
    evidence = (
        Evidence.objects.filter(factor_id__in=list(cause_ids))
        .select_related("fragment__report__interview__key_figure__angle", "fragment__passage")
        .order_by("id")
    )
    for item in evidence:
        found.setdefault(item.factor_id, []).append(_quote(item))
    return found


@dataclass
class CauseLink:
    cause: CausalFactor
    quotes: list[Quote] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)  # the goals of step 9 that remove it
    actions: list[Action] = field(default_factory=list)


@dataclass
class Chain:
    """From an action: the causes it removes with their quotes and the goals removing them,
    and the goals the action serves with their indicators."""

    action: Action
    causes: list[CauseLink]
    goals: list[Goal]


def action_chain(action: Action) -> Chain:
    """The evidence chain of a loaded action (four more queries, whatever its size)."""
    cause_ids = [c.pk for c in action.cause_list]
    quotes = evidence_by_cause(cause_ids)
    removing: dict[int, list[Goal]] = {}
    for link in (
        GoalCause.objects.filter(cause_id__in=cause_ids, goal__tree__kind="team")
        .select_related("goal")
        .order_by("goal__level", "goal__position", "goal_id")
    ):
        removing.setdefault(link.cause_id, []).append(link.goal)
    goals = list(
        Goal.objects.filter(pk__in=[g.pk for g in action.goal_list])
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.order_by("name", "id"),
                to_attr="indicator_list",
            )
        )
        .order_by("level", "position", "id")
    )
    return Chain(
        action=action,
        causes=[
            CauseLink(cause=c, quotes=quotes.get(c.pk, []), goals=removing.get(c.pk, []))
            for c in action.cause_list
        ],
        goals=goals,
    )


def cause_chain(project, cause: CausalFactor) -> CauseLink:
    """From a cause: its quotes, the goals removing it and the actions addressing it."""
    goals = [
        link.goal
        for link in GoalCause.objects.filter(cause=cause, goal__tree__kind="team")
        .select_related("goal")
        .order_by("goal__level", "goal__position", "goal_id")
    ]
    actions = project_actions_for_cause(project, cause)
    quotes = evidence_by_cause([cause.pk]).get(cause.pk, [])
    return CauseLink(cause=cause, quotes=quotes, goals=goals, actions=actions)


def project_actions_for_cause(project, cause) -> list[Action]:
    return list(
        actions_of(project).filter(cause_links__cause=cause).select_related("intervention_point")
    )


# -- the gaps --------------------------------------------------------------------------------


@dataclass
class Gaps:
    causes_without_goal: list
    goals_without_action: list
    actions_without_cause: list
    goals_without_indicator: list
    actions_without_indicator: list

    @property
    def total(self) -> int:
        return sum(
            len(items)
            for items in (
                self.causes_without_goal,
                self.goals_without_action,
                self.actions_without_cause,
                self.goals_without_indicator,
                self.actions_without_indicator,
            )
        )


def gaps(project, actions: list[Action] | None = None) -> Gaps:
    """Where the chain cause → goal → action → indicator breaks: causes of the team analysis
    no goal removes, goals of the team's tree no action serves (directly or through a
    sub-goal), actions that remove no cause, goals and actions without an indicator."""
    if actions is None:
        actions = project_actions(project)
    causes = list(team_causes(project))
    removed = set(
        GoalCause.objects.filter(goal__tree__project=project, goal__tree__kind="team").values_list(
            "cause_id", flat=True
        )
    )
    goals = list(team_goals(project))
    served = set(
        ActionGoal.objects.filter(action__project=project).values_list("goal_id", flat=True)
    )
    by_id = {g.pk: g for g in goals}
    # A goal is served when it or a goal below it is: walk up from every served goal.
    covered: set[int] = set()
    for goal_id in served:
        seen = set()
        current = by_id.get(goal_id)
        while current is not None and current.pk not in seen:
            seen.add(current.pk)
            covered.add(current.pk)
            current = by_id.get(current.parent_id)
    measured = set(
        Indicator.objects.filter(project=project, kind=IndicatorKind.GOAL).values_list(
            "goal_id", flat=True
        )
    )
    return Gaps(
        causes_without_goal=[c for c in causes if c.pk not in removed],
        goals_without_action=[g for g in goals if g.pk not in covered],
        actions_without_cause=[a for a in actions if not a.cause_list],
        goals_without_indicator=[g for g in goals if g.pk not in measured],
        actions_without_indicator=[a for a in actions if not a.indicator_list],
    )


# -- the step page -----------------------------------------------------------------------------


def panel_context(request, project, step) -> dict:
    """What the step-10 panel shows: how many forms, how many complete, the gaps."""
    if not request.user.has_perm("actions.view", project):
        return {}
    actions = project_actions(project)
    return {
        "summary": summary(actions),
        "incomplete_actions": incomplete(actions)[:5],
        "gap_count": gaps(project, actions).total,
    }
