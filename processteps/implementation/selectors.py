"""Reads of the implementation plan (step 11): the organisation and the steering rhythm with the
checks that tick the step's checklist items, the state of the gegevensbank, the Beleidskompas
crosswalk and the integral framework. Every read costs a fixed number of queries, however large
the project is.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from processteps.catalogue import BELEIDSKOMPAS_QUESTIONS
from processteps.causes.models import FactorKind
from processteps.causes.selectors import team_factors
from processteps.goals.models import TreeKind
from processteps.goals.selectors import indicators_of, team_goals, team_tree
from processteps.meetings.selectors import adopted_target_images
from processteps.models import Domain, Horizon, PartyKind

from .models import (
    ActionProgress,
    BodyRole,
    DomainSituation,
    ImplementationBody,
    MomentKind,
    ProgressStatus,
    SteeringMoment,
)

# Keys of the checklist items this tool ticks from the data (``ChecklistItem.derived_from``).
ORGANISATION_READY = "implementation_organisation"
STEERING_READY = "implementation_steering"

STEP_KEY = "implementation_plan"


# -- the organisation and the steering rhythm ----------------------------------------------------


def bodies_of(project):
    return ImplementationBody.objects.filter(project=project).order_by("role", "position", "id")


def moments_of(project):
    return (
        SteeringMoment.objects.filter(project=project)
        .select_related("responsible", "audience")
        .order_by("kind", "position", "id")
    )


@dataclass
class Organisation:
    """The bodies by role, in the order steering, executing, advising."""

    bodies: list
    by_role: list = field(default_factory=list)

    def __post_init__(self):
        self.by_role = [
            (role, [b for b in self.bodies if b.role == role.value]) for role in BodyRole
        ]

    def has(self, role) -> bool:
        return any(b.role == role for b in self.bodies)


def organisation(project) -> Organisation:
    return Organisation(list(bodies_of(project)))


def organisation_problems(org: Organisation) -> list[str]:
    """What the checklist item "Uitvoeringsorganisatie" still misses (empty: ticked)."""
    problems = []
    if not org.has(BodyRole.STEERING):
        problems.append(_("Nog geen orgaan of persoon dat de uitvoering stuurt."))
    if not org.has(BodyRole.EXECUTION):
        problems.append(_("Nog geen orgaan of persoon dat uitvoert."))
    return problems


def steering_problems(moments) -> list[str]:
    """What the checklist item "Aansturing uitvoering" still misses (empty: ticked)."""
    problems = []
    if not any(m.kind == MomentKind.MEETING for m in moments):
        problems.append(_("Nog geen overleg in het sturingsritme."))
    if not any(m.kind == MomentKind.REPORT for m in moments):
        problems.append(_("Nog geen rapportage in het sturingsritme."))
    for moment in moments:
        if moment.responsible_id is None:
            problems.append(
                _("Bij ‘%(moment)s’ staat niet wie het organiseert of opstelt.")
                % {"moment": moment.title}
            )
    return problems


def organisation_ready(project) -> bool:
    """The checklist item "Uitvoeringsorganisatie": someone steers and someone executes
    (every body has a task: the database demands it)."""
    roles = set(bodies_of(project).values_list("role", flat=True))
    return {BodyRole.STEERING, BodyRole.EXECUTION} <= roles


def steering_ready(project) -> bool:
    """The checklist item "Aansturing uitvoering": a meeting and a report in the rhythm, each
    with the body that organises it (a frequency is always there)."""
    moments = SteeringMoment.objects.filter(project=project)
    kinds = set(moments.values_list("kind", flat=True))
    return {MomentKind.MEETING, MomentKind.REPORT} <= kinds and not moments.filter(
        responsible__isnull=True
    ).exists()


# -- the gegevensbank (data collection of step 11: "Opzetten gegevensbanken") ---------------------


@dataclass
class Databank:
    indicators: int
    with_measurements: int
    measurements: int
    goal_indicators: int
    implementation_indicators: int

    @property
    def is_set_up(self) -> bool:
        return self.indicators > 0 and self.with_measurements == self.indicators


def databank(project) -> Databank:
    """The gegevensbank of the project: its indicators (doel- and uitvoeringsindicatoren of
    steps 9-10) and their measurements, counted in one query."""
    figures = indicators_of(project).aggregate(
        indicators=Count("id", distinct=True),
        with_measurements=Count("id", filter=Q(measurements__isnull=False), distinct=True),
        measurements=Count("measurements", distinct=True),
        goal=Count("id", filter=Q(kind="goal"), distinct=True),
        implementation=Count("id", filter=Q(kind="implementation"), distinct=True),
    )
    return Databank(
        indicators=figures["indicators"],
        with_measurements=figures["with_measurements"],
        measurements=figures["measurements"],
        goal_indicators=figures["goal"],
        implementation_indicators=figures["implementation"],
    )


# -- the Beleidskompas crosswalk (seed 003) -------------------------------------------------------


@dataclass
class Evidence:
    """A line of an answer, with where it comes from (a link for the team's page; the
    document shows the text only)."""

    text: str
    url: str = ""
    detail: str = ""


@dataclass
class Answer:
    number: int
    question: str
    summary: str
    lines: list[Evidence] = field(default_factory=list)
    # The process documents of the method that answer this question (catalogue mapping).
    documents: list[str] = field(default_factory=list)
    answered: bool = False


def _url(name, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:  # a tool that is not installed
        return ""


def compass(project, *, links: bool = True) -> list[Answer]:
    """The six Beleidskompas questions answered from the project's own data:

    1. the problem: the issue, the symptoms and root causes of the team analysis (step 5)
       with the number of fragments that evidence them (a root cause links to its evidence
       chain in the action book);
    2. the stakeholders: the key figures consulted per functional angle (steps 2-3, counts,
       never names) and the citizens at the dialogues per group (step 7);
    3. the goal: the top goals of the team's goal tree and the adopted target images (8-9);
    4. the options considered per goal, 5. their consequences, 6. the preferred options and
       the decisions taken (the political weighing of step 9).
    """
    from processteps.consultation.services.keyfigures import coverage
    from processteps.goals.models import PolicyOption
    from processteps.meetings.selectors import participation, participation_totals

    questions = dict(BELEIDSKOMPAS_QUESTIONS)
    pk = project.pk
    steps = list(
        project.steps.order_by("number").only(
            "number", "name", "document_name", "beleidskompas", "key", "project_id"
        )
    )
    step_of = {s.key: s for s in steps}

    def documents_for(number):
        return [s.document_name for s in steps if number in (s.beleidskompas or [])]

    def step_url(key):
        step = step_of.get(key)
        return step.get_absolute_url() if step is not None and links else ""

    def link(name, **kwargs):
        return _url(name, project=pk, **kwargs) if links else ""

    # 1. The problem.
    factors = list(
        team_factors(project, kinds=(FactorKind.SYMPTOM, FactorKind.ROOT_CAUSE)).annotate(
            evidence_count=Count("evidence", distinct=True)
        )
    )
    problem_lines = []
    for factor in factors:
        detail = (
            _("%(count)s fragmenten uit de consultatieronde") % {"count": factor.evidence_count}
            if factor.evidence_count
            else ""
        )
        # A root cause links to its evidence chain (its quotes, as their consent allows, the
        # goals and actions that remove it); a symptom to the causal complexes' step.
        url = (
            link("actions:cause_chain", cause=factor.pk)
            if factor.kind == FactorKind.ROOT_CAUSE
            else ""
        ) or step_url("causal_complexes")
        problem_lines.append(
            Evidence(f"{factor.get_kind_display()}: {factor.statement}", url, detail)
        )
    symptoms = sum(1 for f in factors if f.kind == FactorKind.SYMPTOM)
    roots = len(factors) - symptoms
    problem = Answer(
        1,
        questions[1],
        project.issue.strip() or _("Het probleemvermoeden is nog niet beschreven."),
        problem_lines,
        answered=bool(factors),
    )
    if factors:
        problem.summary += " " + _(
            "De probleem- en oorzakenanalyse noemt %(symptoms)s symptomen en "
            "%(roots)s grondoorzaken."
        ) % {"symptoms": symptoms, "roots": roots}

    # 2. The stakeholders.
    rows = [row for row in coverage(project) if row["level"] == 1]
    stakeholder_lines = [
        Evidence(
            row["angle"].name if row["angle"] else _("Zonder invalshoek"),
            link("consultation:keyfigure_coverage"),
            _(
                "%(total)s sleutelfiguren, %(interviewed)s geïnterviewd, %(unusual)s unusual "
                "suspects"
            )
            % row,
        )  # fmt: skip
        for row in rows
    ]
    consulted = sum(row["total"] for row in rows)
    interviewed = sum(row["interviewed"] for row in rows)
    totals = participation_totals(participation(project))
    for label, count in totals["groups"]:
        stakeholder_lines.append(
            Evidence(
                label,
                link("meetings:meetings"),
                _("%(count)s deelnemers aan de burgerdialogen") % {"count": count},
            )
        )
    summary = _(
        "%(consulted)s sleutelfiguren uit %(angles)s functionele invalshoeken, waarvan "
        "%(interviewed)s geïnterviewd; %(citizens)s burgers in %(dialogues)s burgerdialogen."
    ) % {
        "consulted": consulted,
        "angles": sum(1 for row in rows if row["angle"]),
        "interviewed": interviewed,
        "citizens": totals["total"],
        "dialogues": totals["dialogues"],
    }
    stakeholders = Answer(
        2, questions[2], summary, stakeholder_lines, answered=bool(consulted or totals["total"])
    )

    # 3. The goal.
    tree = team_tree(project)
    goals = list(team_goals(project).select_related("decision"))
    top = [g for g in goals if g.level == 0]
    images = list(adopted_target_images(project))
    goal_lines = [
        Evidence(g.statement, link("goals:goal_detail", goal=g.pk), _("topdoel")) for g in top
    ] + [
        Evidence(
            image.title,
            link("meetings:target_images"),
            _("streefbeeld %(domain)s, %(horizon)s")
            % {
                "domain": image.get_domain_display().lower(),
                "horizon": image.get_horizon_display().lower(),
            },
        )  # fmt: skip
        for image in images
    ]
    if tree is None:
        summary = _("Nog geen doelenboom.")
    else:
        summary = _(
            "De doelenboom (%(status)s) telt %(goals)s doelen onder %(top)s topdoelen; "
            "%(images)s vastgestelde streefbeelden."
        ) % {
            "status": tree.get_status_display().lower(),
            "goals": len(goals),
            "top": len(top),
            "images": len(images),
        }
    goal = Answer(3, questions[3], summary, goal_lines, answered=bool(top))

    # 4-6. Options, consequences, the preferred option and the decision.
    options = list(
        PolicyOption.objects.filter(goal__tree__project=project, goal__tree__kind=TreeKind.TEAM)
        .select_related("goal")
        .order_by("goal__level", "goal__position", "goal_id", "position", "id")
    )
    option_lines = [
        Evidence(
            f"{o.goal.statement}: {o.title}",
            link("goals:goal_detail", goal=o.goal_id),
            _("voorkeursoptie") if o.is_preferred else "",
        )
        for o in options
    ]
    weighed = len({o.goal_id for o in options})
    options_answer = Answer(
        4,
        questions[4],
        _("%(options)s opties voor %(goals)s doelen.") % {"options": len(options), "goals": weighed}
        if options
        else _("Nog geen opties vastgelegd."),
        option_lines,
        answered=bool(options),
    )
    consequence_lines = [
        Evidence(f"{o.title}: {o.consequences.strip()}", link("goals:goal_detail", goal=o.goal_id))
        for o in options
        if o.consequences.strip()
    ]
    consequences = Answer(
        5,
        questions[5],
        _("De gevolgen zijn beschreven bij %(counted)s van de %(total)s opties.")
        % {"counted": len(consequence_lines), "total": len(options)}
        if options
        else _("Nog geen opties vastgelegd."),
        consequence_lines,
        answered=bool(consequence_lines),
    )
    decided = {g.pk: getattr(g, "decision", None) for g in goals}
    preferred_lines = []
    for o in options:
        if not o.is_preferred:
            continue
        decision = decided.get(o.goal_id)
        detail = ""
        if decision is not None:
            detail = _("%(outcome)s: %(reference)s van %(date)s") % {
                "outcome": decision.get_outcome_display(),
                "reference": decision.reference,
                "date": decision.decided_on.strftime("%d-%m-%Y"),
            }
        preferred_lines.append(
            Evidence(
                f"{o.goal.statement}: {o.title}", link("goals:goal_detail", goal=o.goal_id), detail
            )  # fmt: skip
        )
    decisions = sum(1 for d in decided.values() if d is not None)
    preferred = Answer(
        6,
        questions[6],
        _("%(preferred)s voorkeursopties; over %(decided)s doelen is besloten.")
        % {"preferred": len(preferred_lines), "decided": decisions}
        if preferred_lines or decisions
        else _("Nog geen voorkeursoptie gekozen."),
        preferred_lines,
        answered=bool(preferred_lines),
    )
    answers = [problem, stakeholders, goal, options_answer, consequences, preferred]
    for answer in answers:
        answer.documents = documents_for(answer.number)
    return answers


# -- the integral framework (seed 004) ------------------------------------------------------------


@dataclass
class FrameworkCell:
    items: list = field(default_factory=list)  # (text, url, source label)


def framework(project, *, links: bool = True, edit_links: bool = False, actions=None) -> dict:
    """The integral framework: the domains × current situation / short-term goal / long-term
    goal, and the domains × the kinds of parties involved.

    Current situation: the team's description per domain. Short- and long-term goal: the
    adopted target images of step 8 and the goals of the team's tree, by their domain and
    horizon (a goal without a horizon counts as long-term when it is a top goal, else
    short-term). ``actions`` (from the action book, when there is one): each with ``domain``,
    ``title``, ``url`` and its parties' kinds, as (party_kind, name) pairs; they are listed
    under the short-term goal and fill the parties table.

    Parties: the bodies of the implementation organisation by their kind of party, and the
    parties of the actions in the domain.

    ``links``: each item links to its page; ``edit_links``: a current situation links to its
    form (for who may edit it; otherwise it is plain text).
    """
    domains = list(Domain)
    situations = {s.domain: s for s in DomainSituation.objects.filter(project=project)}
    images = list(adopted_target_images(project).order_by("domain", "horizon", "position", "id"))
    goals = [g for g in team_goals(project) if g.domain]
    pk = project.pk

    def link(name, **kwargs):
        return _url(name, project=pk, **kwargs) if links else ""

    rows = {
        "current": {d.value: FrameworkCell() for d in domains},
        Horizon.SHORT.value: {d.value: FrameworkCell() for d in domains},
        Horizon.LONG.value: {d.value: FrameworkCell() for d in domains},
    }
    for domain in domains:
        situation = situations.get(domain.value)
        if situation is not None:
            rows["current"][domain.value].items.append(
                (
                    situation.text,
                    link("implementation:situation_edit", domain=domain.value)
                    if edit_links
                    else "",
                    _("huidige situatie"),
                )  # fmt: skip
            )
    for image in images:
        rows[image.horizon][image.domain].items.append(
            (image.title, link("meetings:target_images"), _("streefbeeld"))
        )
    for goal in goals:
        horizon = goal.horizon or (Horizon.LONG if goal.level == 0 else Horizon.SHORT)
        rows[horizon][goal.domain].items.append(
            (goal.statement, link("goals:goal_detail", goal=goal.pk), _("doel"))
        )
    parties = {kind.value: {d.value: FrameworkCell() for d in domains} for kind in PartyKind}
    for action in actions or []:
        if not action.domain:
            continue
        rows[Horizon.SHORT.value][action.domain].items.append(
            (action.title, action.url if links else "", _("actie"))
        )
        for kind, name in action.party_kinds:
            if kind in parties:
                cell = parties[kind][action.domain]
                known = {text.casefold() for text, _u, _s in cell.items}
                if name.casefold() not in known:
                    cell.items.append((name, action.url if links else "", _("actie")))
    bodies = [b for b in bodies_of(project) if b.party_kind]
    return {
        "domains": domains,
        "rows": [
            (_("Huidige situatie"), "current", [rows["current"][d.value] for d in domains]),
            (
                _("Doel korte termijn"),
                "short",
                [rows[Horizon.SHORT.value][d.value] for d in domains],
            ),
            (_("Doel lange termijn"), "long", [rows[Horizon.LONG.value][d.value] for d in domains]),
        ],  # fmt: skip
        "parties": [
            (kind.label, [parties[kind.value][d.value] for d in domains]) for kind in PartyKind
        ],
        "bodies_by_kind": [
            (kind.label, [b for b in bodies if b.party_kind == kind.value]) for kind in PartyKind
        ],
        "situations": situations,
    }


# -- the step page ---------------------------------------------------------------------------------


def panel_context(request, project, step) -> dict:
    """What the step-11 panel shows: the organisation and the rhythm with what they still
    miss, and the state of the gegevensbank (the team only)."""
    if not request.user.has_perm("implementation.view", project):
        return {}
    org = organisation(project)
    moments = list(moments_of(project))
    return {
        "organisation": org,
        "organisation_problems": organisation_problems(org),
        "moments": moments,
        "steering_problems": steering_problems(moments),
        "databank": databank(project),
    }


# -- the actions of the action book (step 10): status, planning, RACI, roll-up ---------------------


def current_progress(action):
    """The action's latest status report, or None (then it is planned)."""
    reports = getattr(action, "progress_list", None)
    if reports is not None:
        return reports[0] if reports else None
    return ActionProgress.objects.filter(action=action).order_by("-reported_on", "-id").first()


def actions_of(project):
    """The actions of the action book (step 10), in their order."""
    from processteps.actions.selectors import actions_of as action_book

    return action_book(project)


class ActionsPlan:
    """The project's actions with what the plan shows of them, in a fixed number of queries:
    as the action book loads them (``party_list``, ``milestone_list``, ``goal_list``, …; see
    ``processteps.actions.selectors.actions_loaded``), and each with ``goal_ids``,
    ``progress_list`` (its status reports, latest first), ``progress`` (the latest or None)
    and ``status`` (its value; "planned" without a report)."""

    def __init__(self, project):
        from processteps.actions.selectors import actions_loaded

        self.project = project
        # The action book's own loading, with the status reports besides.
        self.actions = actions_loaded(
            actions_of(project).prefetch_related(
                Prefetch(
                    "progress_reports",
                    queryset=ActionProgress.objects.select_related("reported_by").order_by(
                        "-reported_on", "-id"
                    ),
                    to_attr="progress_list",
                )
            )
        )
        for action in self.actions:
            action.project = project
            action.goal_ids = {goal.pk for goal in action.goal_list}
            action.progress = current_progress(action)
            action.status = (
                action.progress.status if action.progress else ProgressStatus.PLANNED.value
            )
            action.status_label = ProgressStatus(action.status).label

    def __len__(self):
        return len(self.actions)

    def status_counts(self) -> list[tuple]:
        counts = Counter(a.status for a in self.actions)
        return [(status, counts[status.value]) for status in ProgressStatus]

    def raci(self) -> dict:
        """The RACI table: per action its parties by role, and the matrix of parties
        (columns, in order of appearance, names compared without regard to case) × actions
        with the role letters."""
        from processteps.actions.models import PartyRole

        letters = {
            PartyRole.RESPONSIBLE: "R",
            PartyRole.ACCOUNTABLE: "A",
            PartyRole.CONSULTED: "C",
            PartyRole.INFORMED: "I",
        }
        columns: dict[str, str] = {}
        for action in self.actions:
            for party in action.party_list:
                columns.setdefault(party.name.strip().casefold(), party.name.strip())
        keys = list(columns)
        rows = []
        for action in self.actions:
            by_role = {role: [] for role in letters}
            cells = {key: [] for key in keys}
            for party in action.party_list:
                if party.role in by_role:
                    by_role[party.role].append(party.name)
                    cells[party.name.strip().casefold()].append(letters[party.role])
            rows.append(
                {
                    "action": action,
                    "accountable": by_role[PartyRole.ACCOUNTABLE],
                    "responsible": by_role[PartyRole.RESPONSIBLE],
                    "consulted": by_role[PartyRole.CONSULTED],
                    "informed": by_role[PartyRole.INFORMED],
                    "cells": ["/".join(sorted(set(cells[key]), key="RACI".index)) for key in keys],
                    "has_owner": bool(by_role[PartyRole.ACCOUNTABLE]),
                }
            )
        return {
            "parties": [columns[key] for key in keys],
            "rows": rows,
            "matrix": 0 < len(keys) <= RACI_MATRIX_LIMIT,
            "without_owner": [r["action"] for r in rows if not r["has_owner"]],
        }


# A RACI matrix wider than this many parties is shown as lists per action instead.
RACI_MATRIX_LIMIT = 10


@dataclass
class GoalProgress:
    goal: object
    depth: int
    actions: int
    counts: dict
    done_share: float | None  # done / (actions − stopped), None without such actions

    @property
    def percent(self) -> int | None:
        return None if self.done_share is None else round(self.done_share * 100)


def goal_progress(project, plan: ActionsPlan, tree_data=None) -> list[GoalProgress]:
    """The progress of the actions rolled up to the goals of the team's tree: a goal counts
    the actions serving it and every goal below it (each action once), by status; its share
    done is done / (all − stopped)."""
    from processteps.goals.selectors import TreeData

    if tree_data is None:
        tree = team_tree(project)
        if tree is None:
            return []
        tree_data = TreeData(tree)
    by_goal: dict[int, set] = {}
    status_of = {}
    for action in plan.actions:
        status_of[action.pk] = action.status
        for goal_id in action.goal_ids:
            by_goal.setdefault(goal_id, set()).add(action.pk)
    covered: dict[int, set] = {}

    def collect(goal, seen):
        if goal.pk in covered:
            return covered[goal.pk]
        if goal.pk in seen:  # a cycle in bad data
            return set()
        seen.add(goal.pk)
        mine = set(by_goal.get(goal.pk, ()))
        for child in goal.sub_goals:
            mine |= collect(child, seen)
        covered[goal.pk] = mine
        return mine

    result = []
    for goal, depth in tree_data.walk():
        ids = collect(goal, set())
        counts = Counter(status_of[i] for i in ids)
        stopped = counts[ProgressStatus.STOPPED.value]
        live = len(ids) - stopped
        share = counts[ProgressStatus.DONE.value] / live if live else None
        result.append(
            GoalProgress(
                goal=goal,
                depth=depth,
                actions=len(ids),
                counts={status.value: counts[status.value] for status in ProgressStatus},
                done_share=share,
            )
        )
    return result


def framework_actions(project) -> list:
    """The actions with a domain for the integral framework: each with ``url`` and
    ``party_kinds`` ((kind of party, name) pairs: a party's kind is that of the body of the
    implementation organisation with its name; "" when there is none)."""
    from processteps.actions.models import ActionParty

    kinds = {
        b.name.strip().casefold(): b.party_kind
        for b in ImplementationBody.objects.filter(project=project).only("name", "party_kind")
    }
    actions = list(actions_of(project).exclude(domain="").only("id", "title", "domain"))
    parties = ActionParty.objects.filter(action__in=[a.pk for a in actions]).only(
        "action_id", "name"
    )
    by_action: dict[int, list] = {}
    for party in parties:
        by_action.setdefault(party.action_id, []).append(
            (kinds.get(party.name.strip().casefold(), ""), party.name.strip())
        )
    for action in actions:
        action.url = _url("actions:action_detail", project=project.pk, action=action.pk)
        action.party_kinds = by_action.get(action.pk, [])
    return actions
