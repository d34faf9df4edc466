"""Reads of the goal tree (step 9): what the pages, the Doelenboom and later steps use.

:class:`TreeData` loads a whole tree — goals, their means, the causes they remove, their
indicators with measurements, their options and decisions — in a fixed number of queries,
however large the tree is. :func:`tree_problems` is the check behind the checklist item
"Logische opbouw van concreet naar abstract".
"""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.urls import reverse
from django.utils.translation import gettext as _

from documents.diagrams import Diagram, Edge, Node
from processteps.causes.models import FactorKind
from processteps.causes.selectors import team_factors

from .models import (
    Goal,
    GoalCause,
    GoalMerge,
    GoalTree,
    Indicator,
    IndicatorKind,
    Means,
    Measurement,
    PolicyOption,
    TreeKind,
    TreeStatus,
)

# Keys of the checklist items this tool ticks from the data (``ChecklistItem.derived_from``).
TREE_ADOPTED = "goals_tree_adopted"
TREE_LOGICAL = "goals_tree_logical"

# A diagram with more nodes than this leaves the means out (they stay in the list beside it).
DIAGRAM_MEANS_LIMIT = 400


def team_tree(project) -> GoalTree | None:
    return GoalTree.objects.filter(project=project, kind=TreeKind.TEAM).first()


def team_goals(project):
    return Goal.objects.filter(tree__project=project, tree__kind=TreeKind.TEAM).order_by(
        "level", "position", "id"
    )


def indicators_of(project, *, kind=None):
    indicators = Indicator.objects.filter(project=project)
    if kind:
        indicators = indicators.filter(kind=kind)
    return indicators


def own_tree(project, user) -> GoalTree | None:
    if not user.is_authenticated:
        return None
    return GoalTree.objects.filter(project=project, kind=TreeKind.INDIVIDUAL, owner=user).first()


def individual_trees(project):
    """The team members' own trees, with their number of goals and of goals merged."""
    return (
        GoalTree.objects.filter(project=project, kind=TreeKind.INDIVIDUAL)
        .select_related("owner")
        .annotate(
            goal_count=Count("goals", distinct=True),
            merged_count=Count("goals", filter=Q(goals__merged_into__isnull=False), distinct=True),
        )
        .order_by("owner__first_name", "owner__last_name", "id")
    )


# -- one tree, loaded at once ------------------------------------------------------------------


class TreeData:
    """A tree with everything about its goals, in a fixed number of queries.

    Each goal gets ``sub_goals`` (sub-goals in order), ``means_list``, ``cause_list``
    (``GoalCause`` rows with their cause) and, when asked for, ``indicator_list`` (with
    ``measurement_list``), ``option_list`` and ``merge_list`` (the proposals merged into it,
    with their tree's owner). ``decision`` comes with the goal (``GoalDecision`` or absent).
    """

    def __init__(self, tree: GoalTree, *, indicators=False, weighing=False, merges=False):
        self.tree = tree
        prefetches = [
            Prefetch(
                "means", queryset=Means.objects.order_by("position", "id"), to_attr="means_list"
            ),
            Prefetch(
                "cause_links",
                queryset=GoalCause.objects.select_related("cause").order_by(
                    "cause__position", "id"
                ),
                to_attr="cause_list",
            ),
        ]
        related = ["target_image"]
        if indicators:
            prefetches.append(
                Prefetch(
                    "indicators",
                    queryset=Indicator.objects.order_by("name", "id").prefetch_related(
                        Prefetch(
                            "measurements",
                            queryset=Measurement.objects.order_by("measured_on", "id"),
                            to_attr="measurement_list",
                        )
                    ),
                    to_attr="indicator_list",
                )
            )
        if weighing:
            related += ["decision", "decision__chosen_option"]
            prefetches.append(
                Prefetch(
                    "options",
                    queryset=PolicyOption.objects.order_by("position", "id"),
                    to_attr="option_list",
                )
            )
        if merges:
            prefetches.append(
                Prefetch(
                    "merged_sources",
                    queryset=GoalMerge.objects.select_related("source_goal__tree__owner").order_by(
                        "id"
                    ),
                    to_attr="merge_list",
                )
            )
        self.goals: list[Goal] = list(
            Goal.objects.filter(tree=tree)
            .select_related(*related)
            .prefetch_related(*prefetches)
            .order_by("level", "position", "id")
        )
        self.by_id = {goal.pk: goal for goal in self.goals}
        for goal in self.goals:
            goal.tree = tree
            goal.sub_goals = []
        for goal in self.goals:
            parent = self.by_id.get(goal.parent_id)
            if parent is not None:
                goal.parent = parent
                parent.sub_goals.append(goal)
        self.roots = [g for g in self.goals if g.parent_id is None]

    def __len__(self):
        return len(self.goals)

    def walk(self):
        """The goals depth-first from the roots, as (goal, depth): the order of the list."""
        seen = set()

        def visit(goal, depth):
            if goal.pk in seen:  # a cycle in bad data must not hang the page
                return
            seen.add(goal.pk)
            yield goal, depth
            for child in goal.sub_goals:
                yield from visit(child, depth + 1)

        for root in self.roots:
            yield from visit(root, 0)

    @property
    def levels(self) -> list[tuple[int, list[Goal]]]:
        by_level: dict[int, list[Goal]] = {}
        for goal in self.goals:
            by_level.setdefault(goal.level, []).append(goal)
        return sorted(by_level.items())

    def concrete_goals(self) -> list[Goal]:
        """The goals without sub-goals: where the means are."""
        return [g for g in self.goals if not g.sub_goals]

    def removed_cause_ids(self) -> set[int]:
        return {link.cause_id for goal in self.goals for link in goal.cause_list}


# -- the check ---------------------------------------------------------------------------------


@dataclass
class Problem:
    """One thing the check found, in Dutch, with what it is about (to link to)."""

    code: str
    message: str
    goal: Goal | None = None
    cause: object | None = None


def tree_problems(data: TreeData, root_causes=None) -> list[Problem]:
    """The check of "logische opbouw van concreet naar abstract": every goal except the top
    hangs under a more abstract goal; every root cause of the team analysis is removed by a
    goal; every concrete goal has at least one means.

    ``root_causes``: the root causes of the team analysis (read when not given).
    """
    problems: list[Problem] = []
    if not data.goals:
        problems.append(Problem("empty", _("De doelenboom heeft nog geen doelen.")))
    for goal in data.goals:
        if goal.level > 0 and goal.parent_id is None:
            problems.append(
                Problem(
                    "no_parent",
                    _("‘%(goal)s’ (niveau %(level)s) hangt niet onder een abstracter doel.")
                    % {"goal": goal.statement, "level": goal.level},
                    goal=goal,
                )
            )
        elif goal.parent_id is not None:
            parent = data.by_id.get(goal.parent_id)
            if parent is None or parent.level >= goal.level:
                problems.append(
                    Problem(
                        "parent_level",
                        _("‘%(goal)s’ hangt onder een doel dat niet abstracter is.")
                        % {"goal": goal.statement},
                        goal=goal,
                    )
                )
    if root_causes is None:
        root_causes = list(team_factors(data.tree.project, kinds=(FactorKind.ROOT_CAUSE,)))
    removed = data.removed_cause_ids()
    for cause in root_causes:
        if cause.pk not in removed:
            problems.append(
                Problem(
                    "root_cause",
                    _("Geen doel neemt de grondoorzaak ‘%(cause)s’ weg.")
                    % {"cause": cause.statement},
                    cause=cause,
                )
            )
    for goal in data.concrete_goals():
        if not goal.means_list:
            problems.append(
                Problem(
                    "no_means",
                    _("Het concrete doel ‘%(goal)s’ heeft nog geen middel.")
                    % {"goal": goal.statement},
                    goal=goal,
                )
            )
    return problems


def tree_adopted(project) -> bool:
    """The checklist item "Doelenboom": the team's tree is adopted and has goals."""
    return Goal.objects.filter(
        tree__project=project, tree__kind=TreeKind.TEAM, tree__status=TreeStatus.ADOPTED
    ).exists()


def tree_logical(project) -> bool:
    """The checklist item "Logische opbouw van concreet naar abstract": the check of the
    team's tree finds nothing."""
    tree = team_tree(project)
    if tree is None:
        return False
    return not tree_problems(TreeData(tree))


# -- the picture -------------------------------------------------------------------------------


def tree_diagram(data: TreeData, *, links: bool) -> Diagram:
    """The tree as a Graphviz diagram: abstract goals on top, each concrete goal with its
    means below it; on the page every goal links to its own page."""
    tree = data.tree
    diagram = Diagram(title=str(tree), direction="TB")
    with_means = len(data.goals) + sum(len(g.means_list) for g in data.goals) <= (
        DIAGRAM_MEANS_LIMIT
    )
    levels = sorted({g.level for g in data.goals})
    diagram.rank_order = [f"level-{level}" for level in levels]
    for goal in data.goals:
        href = (
            reverse("goals:goal_detail", kwargs={"project": tree.project_id, "goal": goal.pk})
            if links
            else ""
        )
        diagram.nodes.append(
            Node(
                id=f"g{goal.pk}",
                label=goal.statement,
                href=href,
                tooltip=goal.statement,
                style="goal",
                rank=f"level-{goal.level}",
            )
        )
        if goal.parent_id in data.by_id:
            diagram.edges.append(Edge(f"g{goal.parent_id}", f"g{goal.pk}"))
        if with_means:
            for means in goal.means_list:
                diagram.nodes.append(
                    Node(id=f"m{means.pk}", label=means.description, style="means")
                )
                diagram.edges.append(Edge(f"g{goal.pk}", f"m{means.pk}", style="derived"))
    return diagram


# -- indicators --------------------------------------------------------------------------------


def indicators_ordered(project, *, kind=None):
    """The project's indicators with their goal: goal indicators first, in the tree's order."""
    return (
        indicators_of(project, kind=kind)
        .select_related("goal")
        .order_by("kind", "goal__level", "goal__position", "goal_id", "name", "id")
    )


def with_measurements(indicators):
    """``indicators`` (a queryset or a list) with ``measurement_list`` each, in one query."""
    indicators = list(indicators)
    prefetch_related_objects(
        indicators,
        Prefetch(
            "measurements",
            queryset=Measurement.objects.order_by("measured_on", "id"),
            to_attr="measurement_list",
        ),
    )
    return indicators


def indicators_with_measurements(project, *, kind=None):
    """The project's indicators with ``measurement_list`` and their goal, in two queries."""
    return with_measurements(indicators_ordered(project, kind=kind))


def latest_measurement(indicator):
    measurements = getattr(indicator, "measurement_list", None)
    if measurements is None:
        return indicator.measurements.order_by("-measured_on", "-id").first()
    return measurements[-1] if measurements else None


def goal_indicator_count(project) -> int:
    return indicators_of(project, kind=IndicatorKind.GOAL).count()


# -- the step page -----------------------------------------------------------------------------


def panel_context(request, project, step) -> dict:
    """What the step-9 panel shows: the team tree's state and the check's findings."""
    if not request.user.has_perm("goals.view", project):
        return {}
    tree = team_tree(project)
    context = {"team_tree": tree, "own_tree": own_tree(project, request.user)}
    if tree is not None:
        data = TreeData(tree)
        context.update(
            goal_count=len(data),
            means_count=sum(len(g.means_list) for g in data.goals),
            problems=tree_problems(data),
            indicator_count=goal_indicator_count(project),
        )
    return context
