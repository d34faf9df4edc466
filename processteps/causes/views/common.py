"""What the causal-complex views share: fetching objects inside the project (404 outside it),
the step of the tool, redirects back to where the user came from."""

from django.shortcuts import get_object_or_404
from django.urls import reverse

# back_or and form_errors_as_messages: the core helpers, imported by this tool's views from here.
from processteps.views.common import back_or, form_errors_as_messages, step_for  # noqa: F401

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
    return step_for(project, STEP_KEY)


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
