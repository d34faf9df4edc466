"""Helpers of the meetings' views: fetching an object inside the project (404 outside it)."""

from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from processteps.views.common import form_errors_as_messages

from ..models import Meeting

VIEW = "meetings.view"
MANAGE = "meetings.manage"
RECORD = "meetings.record"
APPROVE = "meetings.approve_minutes"
DRAFT = "meetings.draft_vision"


def get_meeting(project, pk, queryset=None) -> Meeting:
    queryset = queryset if queryset is not None else Meeting.objects.select_related("chair")
    meeting = get_object_or_404(queryset.filter(project=project), pk=pk)
    meeting.project = project
    return meeting


def get_in_meeting(model, meeting, pk, **related):
    obj = get_object_or_404(model.objects.filter(meeting=meeting, **related), pk=pk)
    obj.meeting = meeting
    return obj


def get_in_project(model, project, pk, *, select=()):
    obj = get_object_or_404(model.objects.filter(project=project).select_related(*select), pk=pk)
    obj.project = project
    return obj


def meeting_url(meeting, anchor: str = "") -> str:
    url = reverse(
        "meetings:meeting_detail", kwargs={"project": meeting.project_id, "meeting": meeting.pk}
    )
    return f"{url}#{anchor}" if anchor else url


def to_meeting(meeting, anchor: str = ""):
    return redirect(meeting_url(meeting, anchor))


def form_errors(request, form) -> None:
    """A form that failed outside its page: its errors as messages, each naming its field."""
    form_errors_as_messages(request, form, name_fields=True)


def submit(request, form, action, success: str) -> bool:
    """A small form posted from another page: when it is valid, ``action(**cleaned_data)``
    (a service call); its outcome — the success message, the service's or the form's errors —
    is shown as messages on the page the caller redirects to. Returns whether it succeeded."""
    from django.contrib import messages
    from django.core.exceptions import ValidationError

    from processteps.views.common import apply_errors

    if not form.is_valid():
        form_errors(request, form)
        return False
    try:
        action(**form.cleaned_data)
    except ValidationError as exc:
        apply_errors(request, exc)
        return False
    messages.success(request, success)
    return True
