"""What the goal-tree views share: fetching objects inside the project (404 outside it), the
step of the tool, redirects back to where the user came from."""

from django.shortcuts import get_object_or_404

# back_or and form_errors_as_messages: the core helpers, imported by this tool's views from here.
from processteps.views.common import back_or, form_errors_as_messages, step_for  # noqa: F401

from ..models import Goal, GoalTree, Indicator, Means, Measurement, PolicyOption

STEP_KEY = "decision_making"

VIEW = "goals.view"
DRAFT = "goals.draft"
EDIT_TREE = "goals.edit_tree"
SUBMIT_TREE = "goals.submit_tree"
REOPEN_TREE = "goals.reopen_tree"
MANAGE_TEAM_TREE = "goals.manage_team_tree"
MANAGE_INDICATORS = "goals.manage_indicators"
RECORD_MEASUREMENTS = "goals.record_measurements"
WEIGH = "goals.weigh"


def step_of(project):
    """Step 9 of the project (for the breadcrumbs), whatever its number there."""
    return step_for(project, STEP_KEY)


def get_tree(project, pk) -> GoalTree:
    tree = get_object_or_404(GoalTree.objects.select_related("owner"), project=project, pk=pk)
    tree.project = project
    return tree


def get_goal(project, pk) -> Goal:
    goal = get_object_or_404(
        Goal.objects.select_related("tree__owner", "parent", "target_image"),
        tree__project=project,
        pk=pk,
    )
    goal.tree.project = project
    return goal


def get_means(project, pk) -> Means:
    means = get_object_or_404(
        Means.objects.select_related("goal__tree"), goal__tree__project=project, pk=pk
    )
    means.goal.tree.project = project
    return means


def get_indicator(project, pk) -> Indicator:
    indicator = get_object_or_404(
        Indicator.objects.select_related("goal__tree"), project=project, pk=pk
    )
    indicator.project = project
    return indicator


def get_measurement(project, pk) -> Measurement:
    measurement = get_object_or_404(
        Measurement.objects.select_related("indicator"), indicator__project=project, pk=pk
    )
    measurement.indicator.project = project
    return measurement


def get_option(project, pk) -> PolicyOption:
    option = get_object_or_404(
        PolicyOption.objects.select_related("goal__tree"), goal__tree__project=project, pk=pk
    )
    option.goal.tree.project = project
    return option
