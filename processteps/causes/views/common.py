"""What the causal-complex views share: fetching objects inside the project (404 outside it),
the step of the tool, redirects back to where the user came from."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from ..models import CausalAnalysis, CausalComplex, CausalFactor, CausalLink, Evidence

STEP_KEY = "causal_complexes"

VIEW = "causes.view"
VIEW_TEAM = "causes.view_team"
DRAFT = "causes.draft"
VIEW_ANALYSIS = "causes.view_analysis"
EDIT_ANALYSIS = "causes.edit_analysis"
SUBMIT_ANALYSIS = "causes.submit_analysis"
MANAGE_TEAM = "causes.manage_team"


def step_of(project):
    """Step 5 of the project (for the breadcrumbs), whatever its number there."""
    return project.steps.filter(key=STEP_KEY).only("pk", "project_id", "number", "name").first()


def get_analysis(project, pk) -> CausalAnalysis:
    analysis = get_object_or_404(
        CausalAnalysis.objects.select_related("owner"), project=project, pk=pk
    )
    analysis.project = project
    return analysis


def get_factor(project, pk) -> CausalFactor:
    factor = get_object_or_404(
        CausalFactor.objects.select_related("analysis__owner", "angle", "complex"),
        analysis__project=project,
        pk=pk,
    )
    factor.analysis.project = project
    return factor


def get_link(project, pk) -> CausalLink:
    link = get_object_or_404(
        CausalLink.objects.select_related("analysis__owner", "source", "target"),
        analysis__project=project,
        pk=pk,
    )
    link.analysis.project = project
    return link


def get_evidence(project, pk) -> Evidence:
    from django.db.models import Q

    evidence = get_object_or_404(
        Evidence.objects.select_related("factor__analysis", "link__analysis", "fragment"),
        Q(factor__analysis__project=project) | Q(link__analysis__project=project),
        pk=pk,
    )
    (evidence.factor or evidence.link).analysis.project = project
    return evidence


def get_complex(project, pk) -> CausalComplex:
    complex_ = get_object_or_404(
        CausalComplex.objects.select_related("analysis"), analysis__project=project, pk=pk
    )
    complex_.analysis.project = project
    return complex_


def analysis_url(analysis: CausalAnalysis) -> str:
    if analysis.is_team:
        return reverse("causes:overview", kwargs={"project": analysis.project_id})
    return reverse(
        "causes:analysis_detail", kwargs={"project": analysis.project_id, "analysis": analysis.pk}
    )


def factor_url(factor: CausalFactor) -> str:
    return reverse(
        "causes:factor_detail", kwargs={"project": factor.analysis.project_id, "factor": factor.pk}
    )


def back_or(request, fallback: str):
    """Back to the page the form was on (a ``next`` on this site), else ``fallback``."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


def form_errors_as_messages(request, form) -> None:
    """A small inline form (no page of its own) tells its errors as messages; a form of more
    than one field names the field."""
    named = len(form.fields) > 1
    for field, errors in form.errors.items():
        label = form.fields[field].label if named and field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
