"""What the action-book views share: fetching objects inside the project (404 outside it),
the step of the tool."""

from django.shortcuts import get_object_or_404

from processteps.views.common import step_for

from ..models import Action, ActionComment, ActionInvitation, Milestone
from ..selectors import action_loaded

STEP_KEY = "actions"

VIEW = "actions.view"
DRAFT = "actions.draft"
ADOPT = "actions.adopt"
INVITE = "actions.invite"


def step_of(project):
    """Step 10 of the project (for the breadcrumbs), whatever its number there."""
    return step_for(project, STEP_KEY)


def get_action(project, pk, **kwargs) -> Action:
    """The action loaded whole (see ``selectors.action_loaded``), or 404."""
    action = action_loaded(project, pk, **kwargs)
    if action is None:
        raise_404()
    action.project = project
    return action


def raise_404():
    from django.http import Http404

    raise Http404


def get_plain_action(project, pk) -> Action:
    action = get_object_or_404(Action, project=project, pk=pk)
    action.project = project
    return action


def get_milestone(project, pk) -> Milestone:
    milestone = get_object_or_404(
        Milestone.objects.select_related("action"), action__project=project, pk=pk
    )
    milestone.action.project = project
    return milestone


def get_comment(project, pk) -> ActionComment:
    comment = get_object_or_404(
        ActionComment.objects.select_related("action"), action__project=project, pk=pk
    )
    comment.action.project = project
    return comment


def get_invitation(action, pk) -> ActionInvitation:
    return get_object_or_404(ActionInvitation, action=action, pk=pk)
