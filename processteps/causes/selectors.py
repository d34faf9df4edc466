"""Reads of the causal complexes (step 5). Later steps read the team analysis through these."""

from .models import AnalysisKind, CausalAnalysis, CausalFactor, CausalLink, FactorKind


def team_analysis(project) -> CausalAnalysis | None:
    """The project's team analysis (merged by the leader), or None before the first merge."""
    return CausalAnalysis.objects.filter(project=project, kind=AnalysisKind.TEAM).first()


def team_factors(project, *, kinds=None):
    """The factors of the team analysis (optionally only some kinds), in their order."""
    factors = CausalFactor.objects.filter(
        analysis__project=project, analysis__kind=AnalysisKind.TEAM
    ).select_related("complex", "angle")
    if kinds:
        factors = factors.filter(kind__in=list(kinds))
    return factors.order_by("position", "id")


def team_causes(project):
    """Causes and root causes of the team analysis: what later steps act on."""
    return team_factors(project, kinds=(FactorKind.CAUSE, FactorKind.ROOT_CAUSE))


def team_links(project):
    return CausalLink.objects.filter(
        analysis__project=project, analysis__kind=AnalysisKind.TEAM
    ).select_related("source", "target")
