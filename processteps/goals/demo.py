"""The demo project's goal tree (step 9), loaded through the real services.

As seed 000 has it for step 9 — "Ontwerpen doelenboom individueel (team)", "Ontwerpen
doelenboom team (Peter)": a team member derives a tree of their own from the causal complex of
step 5 (and the target images of step 8), rewords a goal, adds a means and submits it; the
leader merges it into the team's tree, derives whatever is still missing, hangs the loose
goals under a more abstract one, rewords the goals of the main themes, gives every concrete
goal its means, adds doelindicatoren with measurements and the political weighing, adopts the
tree (which ticks both checklist items of step 9) and publishes the Doelenboom. Idempotent:
a project whose team tree has goals keeps it. The material is in :mod:`.demo_data`.
"""

import datetime
import re
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from documents.demo import demo_document_publish
from processteps.causes.selectors import team_factors
from processteps.meetings.selectors import adopted_target_images
from processteps.models import Role

from .demo_data import AGENDA_MEANS, DOELENBOOM_SECTIONS, FALLBACK_TREE, THEMES
from .models import Goal, GoalCause
from .selectors import team_tree
from .services import derive as derive_services
from .services import indicators as indicator_services
from .services import merge as merge_services
from .services import trees as tree_services
from .services import weighing as weighing_services

MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12, "once": 12}


def demo_load(*, project, leader) -> None:
    tree = team_tree(project)
    if tree is None or not tree.goals.exists():
        with transaction.atomic():
            _build(project, leader)
    demo_document_publish(
        project=project,
        leader=leader,
        step_key="decision_making",
        sections=DOELENBOOM_SECTIONS,
        change_note="Doelenboom vastgesteld door het team",
    )


def _build(project, leader) -> None:
    member = (
        project.memberships.filter(role=Role.MEMBER).select_related("user").order_by("pk").first()
    )
    has_material = team_factors(project).exists() or adopted_target_images(project).exists()
    if has_material and member is not None:
        _own_tree(project, member.user, leader)
    team = tree_services.team_tree_ensure(actor=leader, project=project)
    if has_material:
        derive_services.tree_derive(actor=leader, tree=team)
    else:
        _fallback(team, leader)
    themed = _reword(team, leader)
    _attach_loose_goals(team, leader)
    _means(team, leader, themed)
    _indicators(project, leader, themed)
    _weighing(leader, themed)
    tree_services.tree_adopt(actor=leader, tree=team)


def _own_tree(project, member, leader) -> None:
    """The team member's own tree: derived, one goal reworded with a means, submitted, and
    merged by the leader into the team's tree."""
    own = tree_services.own_tree_ensure(actor=member, project=project)
    derive_services.tree_derive(actor=member, tree=own)
    themed = _themed_goals(own)
    if themed:
        theme, goal = themed[0]
        tree_services.goal_update(actor=member, goal=goal, statement=theme["statement"])
        description, details = theme["means"][0]
        tree_services.means_add(actor=member, goal=goal, description=description, details=details)
    tree_services.tree_submit(actor=member, tree=own)
    merge_services.tree_merge_all(actor=leader, tree=own)


def _fallback(team, leader) -> None:
    made = []
    for statement, level, parent, domain, _means in FALLBACK_TREE:
        goal = tree_services.goal_add(
            actor=leader,
            tree=team,
            statement=statement,
            level=level,
            parent=made[parent] if parent is not None else None,
            domain=domain,
        )
        made.append(goal)


def _themed_goals(tree) -> list:
    """(theme, goal) for the first goal of each theme: a goal removing a cause whose statement
    matches the theme, or (without causes) a goal that already has the theme's wording."""
    links = list(
        GoalCause.objects.filter(goal__tree=tree)
        .select_related("goal", "cause")
        .order_by("goal__level", "goal__position", "goal_id")
    )
    found, used = [], set()
    for theme in THEMES:
        pattern = re.compile(theme["keywords"], re.IGNORECASE)
        goal = next(
            (
                link.goal
                for link in links
                if link.goal_id not in used and pattern.search(link.cause.statement)
            ),
            None,
        )
        if goal is None:
            goal = tree.goals.filter(statement=theme["statement"]).exclude(pk__in=used).first()
        if goal is not None:
            used.add(goal.pk)
            goal.tree = tree
            found.append((theme, goal))
    return found


def _reword(team, leader) -> list:
    themed = _themed_goals(team)
    for theme, goal in themed:
        tree_services.goal_update(
            actor=leader,
            goal=goal,
            statement=theme["statement"],
            description=theme.get("description", ""),
            domain=theme["domain"],
        )
    return themed


def _attach_loose_goals(team, leader) -> None:
    """Hang every loose goal below the top under a top goal (the causal complex did not link
    it to anything more abstract), one from the same complex when there is one."""
    if not team.goals.filter(level=0).exists():
        tree_services.goal_add(actor=leader, tree=team, statement=FALLBACK_TREE[0][0], level=0)
    complex_of = dict(
        GoalCause.objects.filter(goal__tree=team).values_list("goal_id", "cause__complex_id")
    )
    goals = list(team.goals.order_by("level", "position", "id"))
    for goal in goals:
        if goal.level == 0 or goal.parent_id is not None:
            continue
        tops = [g for g in goals if g.level == 0]
        parent = next(
            (g for g in tops if g.pk in complex_of and complex_of[g.pk] == complex_of.get(goal.pk)),
            tops[0],
        )
        goal.tree = team
        tree_services.goal_update(actor=leader, goal=goal, parent=parent)
        goal.parent_id = parent.pk


def _means(team, leader, themed) -> None:
    themed_ids = set()
    for theme, goal in themed:
        themed_ids.add(goal.pk)
        for description, details in theme["means"]:
            if not goal.means.filter(description__iexact=description).exists():
                tree_services.means_add(
                    actor=leader, goal=goal, description=description, details=details
                )
    for goal in team.goals.filter(children__isnull=True, means__isnull=True):
        goal.tree = team
        tree_services.means_add(
            actor=leader, goal=goal, description=AGENDA_MEANS[0], details=AGENDA_MEANS[1]
        )


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, 28))


def _indicators(project, leader, themed) -> None:
    today = timezone.localdate()
    for theme, goal in themed:
        spec = theme["indicator"]
        if not spec:
            continue
        baseline_date = datetime.date.fromisoformat(spec["baseline"][0])
        indicator = indicator_services.indicator_add(
            actor=leader,
            project=project,
            goal=Goal.objects.get(pk=goal.pk),
            name=spec["name"],
            definition=spec["definition"],
            unit=spec["unit"],
            baseline_value=Decimal(spec["baseline"][1]),
            baseline_date=baseline_date,
            target_value=Decimal(spec["target"][1]),
            target_date=datetime.date.fromisoformat(spec["target"][0]),
            source=spec["source"],
            method=spec["method"],
            frequency=spec["frequency"],
            measured_by=spec["measured_by"],
        )
        step = MONTHS[spec["frequency"]]
        for index, value in enumerate(spec["series"], start=1):
            day = _add_months(baseline_date, step * index)
            if day > today:
                break
            indicator_services.measurement_add(
                actor=leader, indicator=indicator, measured_on=day, value=value
            )


def _weighing(leader, themed) -> None:
    for theme, goal in themed:
        spec = theme["weighing"]
        if not spec:
            continue
        options = [
            weighing_services.option_add(
                actor=leader,
                goal=goal,
                title=title,
                consequences=consequences,
                is_preferred=preferred,
            )
            for title, consequences, preferred in spec["options"]
        ]
        if spec["decision"]:
            body, body_name, reference, decided_on, outcome = spec["decision"]
            weighing_services.decision_save(
                actor=leader,
                goal=goal,
                body=body,
                body_name=body_name,
                reference=reference,
                decided_on=decided_on,
                outcome=outcome,
                chosen_option=next(o for o in options if o.is_preferred),
                notes="",
            )
