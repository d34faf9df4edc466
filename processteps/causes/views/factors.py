"""Factors, links and evidence (in any analysis the user may edit), marking loops, and the
fragment → "cited by" view."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from processteps.access import check, get_project
from processteps.views.common import apply_errors

from ..forms import EvidenceForm, FactorForm, LinkEditForm, LinkForm
from ..models import AnalysisStatus, CausalLink, Evidence, FactorMerge
from ..selectors import annotate_citation, citations_of
from ..services import factors as factor_services
from .common import (
    EDIT_ANALYSIS,
    MANAGE_TEAM,
    VIEW,
    VIEW_ANALYSIS,
    VIEW_TEAM,
    analysis_url,
    back_or,
    factor_url,
    form_errors_as_messages,
    get_analysis,
    get_evidence,
    get_factor,
    get_link,
    step_of,
)

FACTOR_FIELDS = ("statement", "kind", "description", "angle", "complex")


def _editable(request, analysis) -> bool:
    return (
        request.user.has_perm(EDIT_ANALYSIS, analysis) and analysis.status == AnalysisStatus.DRAFT
    )


def _factor_fields(form) -> dict:
    return {k: form.cleaned_data[k] for k in FACTOR_FIELDS if k in form.cleaned_data}


@login_required
def factor_add(request, project, analysis):
    project = get_project(request, project, VIEW)
    analysis = get_analysis(project, analysis)
    check(request, EDIT_ANALYSIS, analysis)
    form = FactorForm(request.POST or None, analysis=analysis, prefix="factor")
    if request.method == "POST" and form.is_valid():
        try:
            factor = factor_services.factor_add(
                actor=request.user, analysis=analysis, **_factor_fields(form)
            )
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("De factor is toegevoegd."))
            return back_or(request, factor_url(factor))
    context = {"project": project, "step": step_of(project), "analysis": analysis, "form": form}
    return render(request, "causes/factor_form.html", context)


@login_required
def factor_detail(request, project, factor):
    project = get_project(request, project, VIEW_TEAM)
    factor = get_factor(project, factor)
    analysis = factor.analysis
    team_view = request.user.has_perm(VIEW, project)
    if not (analysis.is_team and not team_view):
        check(request, VIEW_ANALYSIS, analysis)
    may_edit = _editable(request, analysis)
    evidence = [
        annotate_citation(e)
        for e in factor.evidence.select_related(
            "fragment__report__interview__key_figure__angle"
        ).order_by("id")
    ]
    links = list(
        CausalLink.objects.filter(analysis=analysis)
        .filter(source=factor)
        .select_related("target")
        .order_by("id")
    ) + list(
        CausalLink.objects.filter(analysis=analysis)
        .filter(target=factor)
        .select_related("source")
        .order_by("id")
    )
    link_evidence = {}
    for item in Evidence.objects.filter(link__in=links).select_related(
        "fragment__report__interview__key_figure__angle"
    ):
        link_evidence.setdefault(item.link_id, []).append(annotate_citation(item))
    for link in links:
        link.evidence_list = link_evidence.get(link.pk, [])
    if not team_view:
        # A client reads only the quotes whose consent lets them out of the team.
        evidence = [e for e in evidence if e.publishable]
        for link in links:
            link.evidence_list = [e for e in link.evidence_list if e.publishable]
    context = {
        "team_view": team_view,
        "project": project,
        "step": step_of(project),
        "analysis": analysis,
        "factor": factor,
        "evidence": evidence,
        "links": links,
        "merges": list(
            FactorMerge.objects.filter(team_factor=factor).select_related(
                "source_factor__analysis__owner"
            )
        )
        if team_view
        else [],
        "merged_into": FactorMerge.objects.filter(source_factor=factor)
        .select_related("team_factor")
        .first(),
        "may_edit": may_edit,
        "may_mark_loops": analysis.is_team and request.user.has_perm(MANAGE_TEAM, project),
        "analysis_url": analysis_url(analysis),
    }
    if may_edit:
        context["evidence_form"] = EvidenceForm(project=project)
        context["link_form"] = LinkForm(
            analysis=analysis, prefix="link", initial={"source": factor}
        )
    return render(request, "causes/factor_detail.html", context)


@login_required
def factor_edit(request, project, factor):
    project = get_project(request, project, VIEW)
    factor = get_factor(project, factor)
    check(request, EDIT_ANALYSIS, factor.analysis)
    initial = {k: getattr(factor, k) for k in FACTOR_FIELDS}
    form = FactorForm(request.POST or None, analysis=factor.analysis, initial=initial,
                      prefix="factor")  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            factor_services.factor_update(actor=request.user, factor=factor, **_factor_fields(form))
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("De factor is opgeslagen."))
            return redirect(factor_url(factor))
    context = {"project": project, "step": step_of(project), "analysis": factor.analysis,
               "factor": factor, "form": form}  # fmt: skip
    return render(request, "causes/factor_form.html", context)


@login_required
@require_POST
def factor_delete(request, project, factor):
    project = get_project(request, project, VIEW)
    factor = get_factor(project, factor)
    check(request, EDIT_ANALYSIS, factor.analysis)
    try:
        factor_services.factor_delete(actor=request.user, factor=factor)
    except ValidationError as exc:
        apply_errors(request, exc)
        return redirect(factor_url(factor))
    messages.success(
        request, _("De factor ‘%(factor)s’ is verwijderd.") % {"factor": factor.statement}
    )
    return redirect(analysis_url(factor.analysis))


# -- links -------------------------------------------------------------------------------------


@login_required
@require_POST
def link_add(request, project, analysis):
    project = get_project(request, project, VIEW)
    analysis = get_analysis(project, analysis)
    check(request, EDIT_ANALYSIS, analysis)
    form = LinkForm(request.POST, analysis=analysis, prefix="link")
    if form.is_valid():
        try:
            factor_services.link_add(actor=request.user, analysis=analysis, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(request, exc)
        else:
            messages.success(request, _("Het verband is toegevoegd."))
    else:
        form_errors_as_messages(request, form)
    return back_or(request, analysis_url(analysis))


@login_required
def link_edit(request, project, link):
    project = get_project(request, project, VIEW)
    link = get_link(project, link)
    check(request, EDIT_ANALYSIS, link.analysis)
    form = LinkEditForm(
        request.POST or None,
        initial={"polarity": link.polarity, "confidence": link.confidence,
                 "rationale": link.rationale},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            factor_services.link_update(actor=request.user, link=link, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("Het verband is opgeslagen."))
            return redirect(factor_url(link.source))
    context = {"project": project, "step": step_of(project), "analysis": link.analysis,
               "link": link, "form": form}  # fmt: skip
    return render(request, "causes/link_form.html", context)


@login_required
@require_POST
def link_delete(request, project, link):
    project = get_project(request, project, VIEW)
    link = get_link(project, link)
    check(request, EDIT_ANALYSIS, link.analysis)
    try:
        factor_services.link_delete(actor=request.user, link=link)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(request, _("Het verband is verwijderd."))
    return back_or(request, analysis_url(link.analysis))


@login_required
@require_POST
def link_loop(request, project, link):
    """The leader marks a link of the team analysis as a deliberate reinforcing loop (or
    takes the mark off: ``loop=0``)."""
    project = get_project(request, project, MANAGE_TEAM)
    link = get_link(project, link)
    loop = request.POST.get("loop", "1") != "0"
    try:
        factor_services.link_mark_loop(actor=request.user, link=link, loop=loop)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(
            request,
            _("Het verband is gemarkeerd als bewuste versterkende lus.")
            if loop
            else _("De markering als versterkende lus is eraf."),
        )
    return back_or(request, factor_url(link.source))


# -- evidence ----------------------------------------------------------------------------------


@login_required
@require_POST
def evidence_add(request, project, factor):
    project = get_project(request, project, VIEW)
    factor = get_factor(project, factor)
    check(request, EDIT_ANALYSIS, factor.analysis)
    link = None
    if request.POST.get("link", "").isdigit():
        link = get_object_or_404(CausalLink, analysis=factor.analysis, pk=request.POST["link"])
        link.analysis = factor.analysis
    form = EvidenceForm(request.POST, project=project)
    if form.is_valid():
        try:
            factor_services.evidence_add(
                actor=request.user,
                fragment=form.cleaned_data["fragment"],
                factor=None if link else factor,
                link=link,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            apply_errors(request, exc)
        else:
            messages.success(request, _("Het fragment is als bewijs geciteerd."))
    else:
        form_errors_as_messages(request, form)
    return back_or(request, factor_url(factor))


@login_required
@require_POST
def evidence_remove(request, project, evidence):
    project = get_project(request, project, VIEW)
    evidence = get_evidence(project, evidence)
    owner = evidence.factor or evidence.link
    check(request, EDIT_ANALYSIS, owner.analysis)
    try:
        factor_services.evidence_remove(actor=request.user, evidence=evidence)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(request, _("Het geciteerde fragment is weggehaald."))
    return back_or(request, analysis_url(owner.analysis))


@login_required
def fragment_citations(request, project, fragment):
    """A fragment of the consultation round and the factors and links that cite it."""
    from processteps.consultation.models import Fragment

    project = get_project(request, project, VIEW)
    fragment = get_object_or_404(
        Fragment.objects.select_related("report__interview__key_figure__angle"),
        project=project,
        pk=fragment,
    )
    from processteps.consultation.selectors import fragment_attribution

    publishable, attribution = fragment_attribution(fragment)
    context = {
        "project": project,
        "step": step_of(project),
        "fragment": fragment,
        "publishable": publishable,
        "attribution": attribution,
        "citations": citations_of(fragment, request.user),
    }
    return render(request, "causes/fragment_citations.html", context)
