"""What the views of step 11 share: fetching objects inside the project (404 outside it), the
step of the tool."""

from django.shortcuts import get_object_or_404

from processteps.views.common import step_for

from ..models import ImplementationBody, SteeringMoment

STEP_KEY = "implementation_plan"

VIEW = "implementation.view"
EDIT = "implementation.edit"
REPORT_STATUS = "implementation.report_status"


def step_of(project):
    """Step 11 of the project (for the breadcrumbs), whatever its number there."""
    return step_for(project, STEP_KEY)


def get_body(project, pk) -> ImplementationBody:
    body = get_object_or_404(ImplementationBody, project=project, pk=pk)
    body.project = project
    return body


def get_moment(project, pk) -> SteeringMoment:
    moment = get_object_or_404(
        SteeringMoment.objects.select_related("responsible", "audience"), project=project, pk=pk
    )
    moment.project = project
    return moment
