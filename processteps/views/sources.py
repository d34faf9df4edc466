"""Data sources of a step: add (upload or link), download through a permission check, delete."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from processteps.access import check, get_project
from processteps.forms import SourceForm
from processteps.models import DataSource
from processteps.services import sources as source_services

from .common import apply_errors
from .steps import _get_step, _rerender


@login_required
@require_POST
def source_add(request, project, number):
    project = get_project(request, project, "processteps.add_source")
    step = _get_step(project, number)
    form = SourceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            source_services.source_add(actor=request.user, step=step, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("De bron is toegevoegd."))
            return redirect(step)
    return _rerender(request, project, number, source_form=form)


def _get_source(project, pk):
    source = get_object_or_404(
        DataSource.objects.filter(step__project=project).select_related("step"), pk=pk
    )
    source.step.project = project
    return source


@login_required
def source_download(request, project, source):
    project = get_project(request, project, "processteps.view_team_work")
    source = _get_source(project, source)
    if not source.file:
        raise Http404
    content_type = mimetypes.guess_type(source.filename)[0] or "application/octet-stream"
    response = FileResponse(
        source.file.open("rb"),
        as_attachment=True,
        filename=source.filename,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def source_delete(request, project, source):
    project = get_project(request, project, "processteps.view_team_work")
    source = _get_source(project, source)
    check(request, "processteps.delete_source", source)
    step = source.step
    source_services.source_delete(actor=request.user, source=source)
    messages.success(request, _("De bron is verwijderd."))
    return redirect(step)
