"""What the goal-tree views share: fetching objects inside the project (404 outside it), the
step of the tool, redirects back to where the user came from."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme

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
    return project.steps.filter(key=STEP_KEY).only("pk", "project_id", "number", "name").first()


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


def back_or(request, fallback: str):
    """Back to the page the form was on (a ``next`` on this site), else ``fallback``."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


def form_errors_as_messages(request, form) -> None:
    """A small inline form (no page of its own) tells its errors as messages; a form of more
    than one field names the field."""
    named = len(form.fields) > 1
    for field, errors in form.errors.items():
        label = form.fields[field].label if named and field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
