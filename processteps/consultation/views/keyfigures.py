"""The key-figure register of step 2 (Omgevingsanalyse): key figures, angles, coverage, import
and export.

Contact details are for the project leader and the team only: every view here asks at least
``view_key_figures``, which a client does not have (403); a project one is not in is a 404.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from processteps.access import get_project
from processteps.consultation.forms.keyfigures import (
    AngleForm,
    KeyFigureFilterForm,
    KeyFigureForm,
    KeyFigureImportForm,
    KeyFigureStatusForm,
)
from processteps.consultation.models import (
    KEY_FIGURE_TRANSITIONS,
    Angle,
    KeyFigure,
    KeyFigureStatus,
)
from processteps.consultation.selectors.keyfigures import (
    angle_tree,
    angles_with_counts,
    coverage_summary,
    register_counts,
)
from processteps.consultation.services import keyfigure_io
from processteps.consultation.services import keyfigures as keyfigure_services
from processteps.models import AuditEntry
from processteps.pagecache import cached_page
from processteps.services.audit import describe
from processteps.views.common import apply_errors, back_or

VIEW = "consultation.view_key_figures"
PROPOSE = "consultation.propose_key_figure"
UPDATE_STATUS = "consultation.update_key_figure_status"
MANAGE = "consultation.manage_key_figures"
PER_PAGE = 100


def _get_key_figure(project, pk):
    key_figure = get_object_or_404(
        KeyFigure.objects.filter(project=project).select_related(
            "angle", "subangle", "proposed_by", "approved_by"
        ),
        pk=pk,
    )
    key_figure.project = project
    return key_figure


def _perms(request, project) -> dict:
    """What the user may do in the register (the role is cached on the project: no queries)."""
    user = request.user
    return {
        "may_propose": user.has_perm(PROPOSE, project),
        "may_update_status": user.has_perm(UPDATE_STATUS, project),
        "may_manage": user.has_perm(MANAGE, project),
    }


def _detail_path(project, key_figure) -> str:
    return reverse(
        "consultation:keyfigure_detail",
        kwargs={"project": project.pk, "key_figure": key_figure.pk},
    )


def _to_detail(project, key_figure):
    return redirect("consultation:keyfigure_detail", project=project.pk, key_figure=key_figure.pk)


# --- the register -----------------------------------------------------------------------------


@login_required
@cached_page
def keyfigure_list(request, project):
    project = get_project(request, project, VIEW)
    filters = KeyFigureFilterForm(request.GET, project=project)
    counts = register_counts(project)
    figures = filters.filter(project.key_figures.all()).select_related(
        "angle", "subangle", "proposed_by", "approved_by"
    )
    page = Paginator(
        figures.order_by(F("erased_at").asc(nulls_first=True), "name", "id"), PER_PAGE
    ).get_page(request.GET.get("page"))
    context = {
        "project": project,
        "filters": filters,
        "filtered": filters.is_filtered,
        "page": page,
        "counts": counts,
        "status_counts": counts["statuses"],
        "has_angles": bool(filters.angles),
        **_perms(request, project),
    }
    return render(request, "consultation/keyfigures/list.html", context)


@login_required
def keyfigure_detail(request, project, key_figure):
    project = get_project(request, project, VIEW)
    key_figure = _get_key_figure(project, key_figure)
    entries = list(
        AuditEntry.objects.filter(
            project=project, target_type=KeyFigure._meta.label_lower, target_id=key_figure.pk
        )
        .select_related("actor")
        .order_by("-created_at", "-id")[:50]
    )
    for entry in entries:
        # An entry keeps the name the key figure had then; after an erasure it must not show.
        entry.target_repr = key_figure.display_name
        entry.sentence = describe(entry)
    allowed = sorted(
        KEY_FIGURE_TRANSITIONS[KeyFigureStatus(key_figure.status)],
        key=lambda s: KeyFigureStatus.values.index(s),
    )
    context = {
        "project": project,
        "kf": key_figure,
        "next_statuses": [KeyFigureStatus(s) for s in allowed],
        "entries": entries,
        "interview_count": key_figure.interviews.count(),
        **_perms(request, project),
    }
    return render(request, "consultation/keyfigures/detail.html", context)


def _subangle_refresh(request, form):
    """htmx: choosing a functional angle reloads the subangle field (hx-select picks it out)."""
    form.fields["angle"].widget.attrs.update(
        {
            "hx-get": request.path,
            "hx-trigger": "change",
            "hx-target": "#div_id_subangle",
            "hx-select": "#div_id_subangle",
            "hx-swap": "outerHTML",
        }
    )
    return form


@login_required
def keyfigure_add(request, project):
    project = get_project(request, project, PROPOSE)
    form = KeyFigureForm(
        request.POST or None, project=project, selected_angle=request.GET.get("angle")
    )
    if request.method == "POST" and form.is_valid():
        try:
            key_figure = keyfigure_services.key_figure_propose(
                actor=request.user, project=project, **form.service_fields()
            )
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(
                request,
                _("%(name)s is voorgesteld als sleutelfiguur.") % {"name": key_figure.name},
            )
            if request.POST.get("another"):
                return redirect("consultation:keyfigure_add", project=project.pk)
            return _to_detail(project, key_figure)
    return render(
        request,
        "consultation/keyfigures/form.html",
        {"project": project, "form": _subangle_refresh(request, form), "has_angles": True},
    )


@login_required
def keyfigure_edit(request, project, key_figure):
    project = get_project(request, project, PROPOSE)
    key_figure = _get_key_figure(project, key_figure)
    if key_figure.erased_at:
        messages.error(request, _("De gegevens van deze sleutelfiguur zijn gewist."))
        return _to_detail(project, key_figure)
    form = KeyFigureForm(
        request.POST or None,
        project=project,
        instance=key_figure,
        selected_angle=request.GET.get("angle"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            keyfigure_services.key_figure_update(
                actor=request.user, key_figure=key_figure, **form.service_fields()
            )
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("De gegevens zijn opgeslagen."))
            return _to_detail(project, key_figure)
    return render(
        request,
        "consultation/keyfigures/form.html",
        {"project": project, "form": _subangle_refresh(request, form), "kf": key_figure},
    )


@login_required
@require_POST
def keyfigure_approve(request, project, key_figure):
    project = get_project(request, project, MANAGE)
    key_figure = _get_key_figure(project, key_figure)
    if key_figure.erased_at:
        messages.error(request, _("De gegevens van deze sleutelfiguur zijn gewist."))
    elif key_figure.is_approved:
        messages.info(request, _("Deze sleutelfiguur was al goedgekeurd."))
    else:
        keyfigure_services.key_figure_approve(actor=request.user, key_figure=key_figure)
        messages.success(
            request, _("%(name)s is goedgekeurd als sleutelfiguur.") % {"name": key_figure.name}
        )
    return back_or(request, _detail_path(project, key_figure))


@login_required
@require_POST
def keyfigure_status(request, project, key_figure):
    project = get_project(request, project, UPDATE_STATUS)
    key_figure = _get_key_figure(project, key_figure)
    form = KeyFigureStatusForm(request.POST)
    if key_figure.erased_at:
        messages.error(request, _("De gegevens van deze sleutelfiguur zijn gewist."))
    elif not form.is_valid():
        messages.error(request, _("Kies een geldige status."))
    else:
        try:
            key_figure = keyfigure_services.key_figure_set_status(
                actor=request.user, key_figure=key_figure, status=form.cleaned_data["status"]
            )
        except ValidationError as exc:
            apply_errors(request, exc)
        else:
            messages.success(
                request,
                _("De status van %(name)s is nu '%(status)s'.")
                % {"name": key_figure.name, "status": key_figure.get_status_display()},
            )
    return back_or(request, _detail_path(project, key_figure))


@login_required
def keyfigure_erase(request, project, key_figure):
    """GET: what erasing removes and what it keeps; POST: erase."""
    project = get_project(request, project, MANAGE)
    key_figure = _get_key_figure(project, key_figure)
    if request.method == "POST":
        if key_figure.erased_at:
            messages.info(request, _("De persoonsgegevens waren al gewist."))
        else:
            keyfigure_services.key_figure_erase(actor=request.user, key_figure=key_figure)
            messages.success(
                request,
                _(
                    "De persoonsgegevens van de sleutelfiguur zijn gewist. Citaten blijven "
                    "alleen geanonimiseerd bewaard."
                ),
            )
        return _to_detail(project, key_figure)
    context = {
        "project": project,
        "kf": key_figure,
        "interview_count": key_figure.interviews.count(),
    }
    return render(request, "consultation/keyfigures/erase.html", context)


# --- coverage ---------------------------------------------------------------------------------


@login_required
def keyfigure_coverage(request, project):
    project = get_project(request, project, VIEW)
    context = {
        "project": project,
        **coverage_summary(project),
        **_perms(request, project),
    }
    return render(request, "consultation/keyfigures/coverage.html", context)


# --- angles -----------------------------------------------------------------------------------


@login_required
def angle_list(request, project):
    project = get_project(request, project, VIEW)
    functional = angles_with_counts(project)
    may_manage = request.user.has_perm(MANAGE, project)
    return render(
        request,
        "consultation/keyfigures/angles.html",
        {
            "project": project,
            "functional": functional,
            "may_manage": may_manage,
            "form": AngleForm(project=project) if may_manage else None,
        },
    )


@login_required
@require_POST
def angle_add(request, project):
    project = get_project(request, project, MANAGE)
    form = AngleForm(request.POST, project=project)
    if form.is_valid():
        try:
            angle = keyfigure_services.angle_add(
                actor=request.user,
                project=project,
                name=form.cleaned_data["name"],
                parent=form.cleaned_data["parent"],
            )
        except ValidationError as exc:
            apply_errors(request, exc)
        else:
            messages.success(
                request, _("De invalshoek '%(name)s' is toegevoegd.") % {"name": angle}
            )
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
    return redirect("consultation:angle_list", project=project.pk)


@login_required
@require_POST
def angle_remove(request, project, angle):
    project = get_project(request, project, MANAGE)
    angle = get_object_or_404(Angle.objects.filter(project=project), pk=angle)
    angle.project = project
    name = str(angle)
    try:
        keyfigure_services.angle_remove(
            actor=request.user, angle=angle, confirmed=bool(request.POST.get("confirm"))
        )
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(request, _("De invalshoek '%(name)s' is verwijderd.") % {"name": name})
    return redirect("consultation:angle_list", project=project.pk)


# --- import and export ------------------------------------------------------------------------


@login_required
def keyfigure_import(request, project):
    project = get_project(request, project, MANAGE)
    form = KeyFigureImportForm(request.POST or None, request.FILES or None)
    problems = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = keyfigure_io.key_figures_import(
                    actor=request.user,
                    project=project,
                    upload=form.cleaned_data["file"],
                    approve=form.cleaned_data["approve"],
                )
            except ValidationError as exc:
                problems = exc.messages
            else:
                text = (
                    ngettext(
                        "%(count)s sleutelfiguur geïmporteerd en goedgekeurd.",
                        "%(count)s sleutelfiguren geïmporteerd en goedgekeurd.",
                        result.count,
                    )
                    if result.approved
                    else ngettext(
                        "%(count)s sleutelfiguur geïmporteerd; hij wacht op goedkeuring.",
                        "%(count)s sleutelfiguren geïmporteerd; ze wachten op goedkeuring.",
                        result.count,
                    )
                )
                messages.success(request, text % {"count": result.count})
                return redirect("consultation:keyfigure_list", project=project.pk)
        status = 400
    return render(
        request,
        "consultation/keyfigures/import.html",
        {
            "project": project,
            "form": form,
            "problems": problems,
            "headers": keyfigure_io.HEADERS,
            "angle_tree": angle_tree(project),
            "max_rows": keyfigure_io.KEY_FIGURES.max_rows,
        },
        status=status,
    )


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"  # contact details stay off shared caches
    return response


@login_required
def keyfigure_template(request, project):
    get_project(request, project, VIEW)
    return _download(
        keyfigure_io.template_csv(), "text/csv; charset=utf-8", "sleutelfiguren-sjabloon.csv"
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def keyfigure_export(request, project, fmt):
    project = get_project(request, project, VIEW)
    filename = f"sleutelfiguren-{project.slug}-{datetime.date.today():%Y-%m-%d}.{fmt}"
    if fmt == "xlsx":
        return _download(keyfigure_io.export_xlsx(project), XLSX, filename)
    return _download(keyfigure_io.export_csv(project), "text/csv; charset=utf-8", filename)
