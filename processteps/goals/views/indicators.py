"""Indicators and measurements: the "gegevensbank". Every indicator with its chart against
baseline and target; entering measurements, importing them from CSV/XLSX, exporting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from processteps.access import get_project
from processteps.views.common import apply_errors

from ..charts import indicator_chart
from ..forms import IndicatorForm, MeasurementForm, MeasurementImportForm
from ..models import IndicatorKind, Measurement, TreeKind
from ..selectors import indicators_ordered, indicators_with_measurements, with_measurements
from ..services import indicators as indicator_services
from ..services import measurement_io
from .common import (
    MANAGE_INDICATORS,
    RECORD_MEASUREMENTS,
    VIEW,
    get_goal,
    get_indicator,
    get_measurement,
    step_of,
)

PER_PAGE = 60
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _indicator_url(indicator) -> str:
    return reverse(
        "goals:indicator_detail",
        kwargs={"project": indicator.project_id, "indicator": indicator.pk},
    )


def _with_charts(indicators):
    for indicator in indicators:
        indicator.chart = indicator_chart(indicator, indicator.measurement_list)
        indicator.latest = indicator.measurement_list[-1] if indicator.measurement_list else None
    return indicators


@login_required
def indicator_list(request, project):
    """Every indicator with its chart, goal indicators first (in the tree's order), a page of
    them at a time (a chart each)."""
    project = get_project(request, project, VIEW)
    everything = indicators_ordered(project)
    page = Paginator(everything, PER_PAGE).get_page(request.GET.get("page"))
    indicators = _with_charts(with_measurements(page.object_list))
    context = {
        "project": project,
        "step": step_of(project),
        "page": page,
        "goal_indicators": [i for i in indicators if i.kind == IndicatorKind.GOAL],
        "implementation_indicators": [
            i for i in indicators if i.kind == IndicatorKind.IMPLEMENTATION
        ],
        "may_record": request.user.has_perm(RECORD_MEASUREMENTS, project),
        "indicator_count": page.paginator.count,
        "measurement_count": Measurement.objects.filter(indicator__project=project).count(),
    }
    return render(request, "goals/indicator_list.html", context)


def _indicator_fields(form) -> dict:
    return dict(form.cleaned_data)


@login_required
def indicator_add(request, project, goal):
    project = get_project(request, project, MANAGE_INDICATORS)
    goal = get_goal(project, goal)
    form = IndicatorForm(request.POST or None)
    if goal.tree.kind != TreeKind.TEAM:
        messages.error(request, _("Indicatoren horen bij doelen van de doelenboom van het team."))
        return redirect("goals:goal_detail", project=project.pk, goal=goal.pk)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = indicator_services.indicator_add(
                actor=request.user, project=project, goal=goal, **_indicator_fields(form)
            )
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("De indicator is toegevoegd."))
            return redirect(_indicator_url(indicator))
    context = {"project": project, "step": step_of(project), "goal": goal, "form": form}
    return render(request, "goals/indicator_form.html", context)


@login_required
def indicator_detail(request, project, indicator, measurement_form=None):
    project = get_project(request, project, VIEW)
    indicator = get_indicator(project, indicator)
    indicator.measurement_list = list(indicator.measurements.order_by("measured_on", "id"))
    may_record = request.user.has_perm(RECORD_MEASUREMENTS, project)
    context = {
        "project": project,
        "step": step_of(project),
        "indicator": indicator,
        "chart": indicator_chart(indicator, indicator.measurement_list),
        "measurements": list(reversed(indicator.measurement_list)),
        "may_record": may_record,
        "may_manage": request.user.has_perm(MANAGE_INDICATORS, project),
    }
    if may_record:
        context["form"] = measurement_form or MeasurementForm(
            initial={"measured_on": timezone.localdate()}
        )
    return render(
        request,
        "goals/indicator_detail.html",
        context,
        status=400 if measurement_form is not None else 200,
    )


@login_required
def indicator_edit(request, project, indicator):
    project = get_project(request, project, MANAGE_INDICATORS)
    indicator = get_indicator(project, indicator)
    initial = {name: getattr(indicator, name) for name in indicator_services.INDICATOR_FIELDS}
    for key in ("baseline_value", "target_value"):
        initial[key] = indicator_services.format_value(initial[key])
    form = IndicatorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            indicator_services.indicator_update(
                actor=request.user, indicator=indicator, **_indicator_fields(form)
            )
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("De indicator is opgeslagen."))
            return redirect(_indicator_url(indicator))
    context = {"project": project, "step": step_of(project), "goal": indicator.goal,
               "indicator": indicator, "form": form}  # fmt: skip
    return render(request, "goals/indicator_form.html", context)


@login_required
@require_POST
def indicator_delete(request, project, indicator):
    project = get_project(request, project, MANAGE_INDICATORS)
    indicator = get_indicator(project, indicator)
    indicator_services.indicator_delete(actor=request.user, indicator=indicator)
    messages.success(
        request, _("De indicator ‘%(name)s’ is verwijderd.") % {"name": indicator.name}
    )
    if indicator.goal_id:
        return redirect("goals:goal_detail", project=project.pk, goal=indicator.goal_id)
    return redirect("goals:indicator_list", project=project.pk)


@login_required
@require_POST
def measurement_add(request, project, indicator):
    project = get_project(request, project, RECORD_MEASUREMENTS)
    indicator = get_indicator(project, indicator)
    form = MeasurementForm(request.POST)
    if form.is_valid():
        try:
            indicator_services.measurement_add(
                actor=request.user, indicator=indicator, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("De meting is vastgelegd."))
            return redirect(_indicator_url(indicator))
    return indicator_detail(request, project.pk, indicator.pk, measurement_form=form)


@login_required
@require_POST
def measurement_delete(request, project, measurement):
    project = get_project(request, project, RECORD_MEASUREMENTS)
    measurement = get_measurement(project, measurement)
    indicator_services.measurement_delete(actor=request.user, measurement=measurement)
    messages.success(request, _("De meting is verwijderd."))
    return redirect(_indicator_url(measurement.indicator))


@login_required
def measurement_import(request, project):
    project = get_project(request, project, RECORD_MEASUREMENTS)
    form = MeasurementImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            result = measurement_io.measurements_import(
                actor=request.user, project=project, upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            problems = exc.messages
        else:
            messages.success(
                request,
                _(
                    "Het bestand is geïmporteerd: %(added)s metingen toegevoegd, %(updated)s "
                    "bijgewerkt, %(unchanged)s ongewijzigd."
                )
                % {"added": result.added, "updated": result.updated, "unchanged": result.unchanged},
            )
            return redirect("goals:indicator_list", project=project.pk)
    context = {
        "project": project,
        "step": step_of(project),
        "form": form,
        "problems": problems,
        "headers": measurement_io.MEASUREMENTS.headers,
        "indicators": list(project.indicators.order_by("name").values_list("name", "unit")),
    }
    return render(
        request, "goals/measurement_import.html", context, status=400 if problems else 200
    )


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def measurement_template(request, project):
    get_project(request, project, RECORD_MEASUREMENTS)
    return _download(measurement_io.measurements_template(), "metingen.csv", "text/csv")


@login_required
def measurement_export_csv(request, project):
    project = get_project(request, project, VIEW)
    indicators = indicators_with_measurements(project)
    return _download(
        measurement_io.measurements_csv(indicators), f"metingen-{project.slug}.csv", "text/csv"
    )


@login_required
def indicator_export_xlsx(request, project):
    project = get_project(request, project, VIEW)
    indicators = indicators_with_measurements(project)
    return _download(
        measurement_io.indicators_xlsx(indicators), f"indicatoren-{project.slug}.xlsx", XLSX
    )
