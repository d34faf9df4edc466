"""Export of an analysis (CSV, XLSX, JSON for Kumu, GraphML for yEd) and import into one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from processteps.access import check, get_project

from ..forms import ImportForm
from ..services import io
from ..services.io import EXPORT_HEADERS, FACTOR_IMPORT_MAX
from .common import EDIT_ANALYSIS, VIEW, VIEW_ANALYSIS, analysis_url, get_analysis, step_of

FORMATS = {
    "csv": (io.export_csv, "text/csv; charset=utf-8"),
    "xlsx": (
        io.export_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "json": (io.export_json, "application/json"),
    "graphml": (io.export_graphml, "application/graphml+xml"),
}


@login_required
def analysis_export(request, project, analysis, fmt):
    project = get_project(request, project, VIEW)
    analysis = get_analysis(project, analysis)
    check(request, VIEW_ANALYSIS, analysis)
    if fmt not in FORMATS:
        raise Http404
    write, content_type = FORMATS[fmt]
    response = HttpResponse(write(analysis), content_type=content_type)
    name = slugify(f"{project.name} {analysis}") or "analyse"
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def analysis_import(request, project, analysis):
    project = get_project(request, project, VIEW)
    analysis = get_analysis(project, analysis)
    check(request, EDIT_ANALYSIS, analysis)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            result = io.analysis_import(
                actor=request.user, analysis=analysis, upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            problems = exc.messages
        else:
            messages.success(
                request,
                _("Geïmporteerd: %(factors)s factoren en %(links)s verbanden.")
                % {"factors": result.factors, "links": result.links},
            )
            return redirect(analysis_url(analysis))
    elif request.method == "POST":
        problems = [error for errors in form.errors.values() for error in errors]
    context = {
        "project": project,
        "step": step_of(project),
        "analysis": analysis,
        "form": form,
        "problems": problems,
        "headers": EXPORT_HEADERS,
        "limit": FACTOR_IMPORT_MAX,
    }
    return render(request, "causes/import.html", context, status=200)
