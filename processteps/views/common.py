"""Small helpers shared by the views."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form


def apply_errors(request, exc: ValidationError, form: Form | None = None) -> None:
    """Show a service's ValidationError: on the form's fields where it can, else as messages."""
    if form is not None and hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return
    for message in exc.messages:
        messages.error(request, message)
