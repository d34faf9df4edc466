"""Reads of the goal tree (step 9) that later steps use."""

from .models import Goal, GoalTree, Indicator, TreeKind


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
