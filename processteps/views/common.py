"""Small helpers shared by the views."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def apply_errors(request, exc: ValidationError, form: Form | None = None) -> None:
    """Show a service's ValidationError: on the form's fields where it can, else as messages."""
    if form is not None and hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return
    for message in exc.messages:
        messages.error(request, message)


def step_for(project, key: str):
    """The project's step with a catalogue key (for a tool's breadcrumbs), whatever its number."""
    return project.steps.filter(key=key).only("pk", "project_id", "number", "name").first()


def back_or(request, fallback: str):
    """Back to the page the form was on (a ``next`` on this site), else ``fallback``."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


def form_errors_as_messages(request, form, *, name_fields: bool | None = None) -> None:
    """A small inline form (no page of its own) tells its errors as messages; a form of more
    than one field names the field (``name_fields=True``: always)."""
    named = len(form.fields) > 1 if name_fields is None else name_fields
    for field, errors in form.errors.items():
        label = form.fields[field].label if named and field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
