"""State changes of causal analyses: the own analyses (start, edit, submit, withdraw), the
team analysis, and its complexes.

Every change to an analysis locks its row first (``select_for_update``), so two people editing
one analysis never save half of each other's work. A submitted own analysis is read-only until
its owner withdraws it. Every change to the team analysis ticks or unticks step 5's two
checklist items as the model now is.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from processteps.services.audit import audit_record
from processteps.services.steps import checklist_derive

from ..models import AnalysisKind, AnalysisStatus, CausalAnalysis, CausalComplex
from ..selectors import CAUSES_LAYERED, CAUSES_LOGICAL

COMPLEX_FIELDS = ("name", "description", "theme")


def causes_checklist_sync(project) -> None:
    """Tick or untick step 5's items "Logisch ontwerp causale relaties" and "Correcte
    gelaagdheid (symptomen/oorzaken)" as the team analysis now is."""
    checklist_derive(project=project, key=CAUSES_LOGICAL)
    checklist_derive(project=project, key=CAUSES_LAYERED)


def sync_if_team(analysis: CausalAnalysis) -> None:
    if analysis.kind == AnalysisKind.TEAM:
        causes_checklist_sync(analysis.project)


def lock_analysis(analysis: CausalAnalysis) -> CausalAnalysis:
    """The analysis's row, locked for the rest of the transaction."""
    return (
        CausalAnalysis.objects.select_for_update(of=("self",))
        .select_related("project", "owner")
        .get(pk=analysis.pk)
    )


def require_editable(analysis: CausalAnalysis) -> None:
    if analysis.status == AnalysisStatus.SUBMITTED:
        raise ValidationError(
            _("Deze analyse is ingediend. Trek haar eerst terug om haar te wijzigen."),
            code="submitted",
        )


def team_analysis_ensure(*, actor, project) -> CausalAnalysis:
    """The project's team analysis, made the first time it is needed."""
    analysis = CausalAnalysis.objects.filter(project=project, kind=AnalysisKind.TEAM).first()
    if analysis is not None:
        return analysis
    try:
        with transaction.atomic():
            analysis = CausalAnalysis.objects.create(project=project, kind=AnalysisKind.TEAM)
            audit_record(
                actor=actor, project=project, action="causalanalysis.created", target=analysis
            )
    except IntegrityError:  # made at the same moment by someone else
        analysis = CausalAnalysis.objects.get(project=project, kind=AnalysisKind.TEAM)
    return analysis


def own_analysis_ensure(*, actor, project) -> CausalAnalysis:
    """The actor's own analysis in the project, made the first time."""
    found = CausalAnalysis.objects.filter(
        project=project, kind=AnalysisKind.INDIVIDUAL, owner=actor
    ).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            analysis = CausalAnalysis.objects.create(
                project=project, kind=AnalysisKind.INDIVIDUAL, owner=actor
            )
            audit_record(
                actor=actor, project=project, action="causalanalysis.created", target=analysis
            )
    except IntegrityError:
        analysis = CausalAnalysis.objects.get(
            project=project, kind=AnalysisKind.INDIVIDUAL, owner=actor
        )
    return analysis


def analysis_update(*, actor, analysis: CausalAnalysis, problem_statement: str) -> CausalAnalysis:
    """The analysis's problem statement."""
    with transaction.atomic():
        analysis = lock_analysis(analysis)
        require_editable(analysis)
        problem_statement = problem_statement.strip()
        if analysis.problem_statement == problem_statement:
            return analysis
        analysis.problem_statement = problem_statement
        analysis.full_clean()
        analysis.save(update_fields=["problem_statement", "updated_at"])
        audit_record(
            actor=actor, project=analysis.project, action="causalanalysis.changed", target=analysis
        )
    return analysis


def analysis_submit(*, actor, analysis: CausalAnalysis) -> CausalAnalysis:
    """A team member hands their own analysis to the leader to merge."""
    with transaction.atomic():
        analysis = lock_analysis(analysis)
        if analysis.kind != AnalysisKind.INDIVIDUAL:
            raise ValidationError(_("Alleen een eigen analyse wordt ingediend."))
        if analysis.status == AnalysisStatus.SUBMITTED:
            return analysis
        if not analysis.factors.exists():
            raise ValidationError(_("Een lege analyse kan niet worden ingediend."))
        analysis.status, analysis.submitted_at = AnalysisStatus.SUBMITTED, timezone.now()
        analysis.save(update_fields=["status", "submitted_at", "updated_at"])
        audit_record(
            actor=actor,
            project=analysis.project,
            action="causalanalysis.submitted",
            target=analysis,
        )
    return analysis


def analysis_withdraw(*, actor, analysis: CausalAnalysis) -> CausalAnalysis:
    """Back to draft: the owner takes their submitted analysis back to change it (what the
    leader merged from it stays in the team analysis)."""
    with transaction.atomic():
        analysis = lock_analysis(analysis)
        if analysis.status == AnalysisStatus.DRAFT:
            return analysis
        analysis.status, analysis.submitted_at = AnalysisStatus.DRAFT, None
        analysis.save(update_fields=["status", "submitted_at", "updated_at"])
        audit_record(
            actor=actor,
            project=analysis.project,
            action="causalanalysis.withdrawn",
            target=analysis,
        )
    return analysis


# -- complexes ---------------------------------------------------------------------------------


def _check_complex(analysis, complex_: CausalComplex) -> None:
    complex_.name = " ".join(complex_.name.split())
    if complex_.theme_id and complex_.theme.project_id != analysis.project_id:
        raise ValidationError({"theme": _("Dat thema hoort bij een ander project.")})
    same = CausalComplex.objects.filter(analysis=analysis, name__iexact=complex_.name)
    if complex_.pk:
        same = same.exclude(pk=complex_.pk)
    if same.exists():
        raise ValidationError(
            {"name": _("Er is al een complex met de naam ‘%(name)s’.") % {"name": complex_.name}}
        )


def complex_add(
    *, actor, analysis: CausalAnalysis, name: str, description: str = "", theme=None
) -> CausalComplex:
    with transaction.atomic():
        analysis = lock_analysis(analysis)
        require_editable(analysis)
        last = analysis.complexes.aggregate(m=Max("position"))["m"]
        complex_ = CausalComplex(
            analysis=analysis,
            name=name,
            description=description,
            theme=theme,
            position=(last or 0) + 1,
        )
        _check_complex(analysis, complex_)
        complex_.full_clean()
        complex_.save()
        audit_record(actor=actor, project=analysis.project, action="complex.added", target=complex_)
    return complex_


def complex_update(*, actor, complex_: CausalComplex, **fields) -> CausalComplex:
    unknown = set(fields) - set(COMPLEX_FIELDS)
    if unknown:
        raise TypeError(f"Unknown complex fields: {sorted(unknown)}")
    with transaction.atomic():
        analysis = lock_analysis(complex_.analysis)
        require_editable(analysis)
        complex_ = CausalComplex.objects.get(pk=complex_.pk)
        for key, value in fields.items():
            setattr(complex_, key, value)
        _check_complex(analysis, complex_)
        complex_.full_clean()
        complex_.save()
        audit_record(
            actor=actor, project=analysis.project, action="complex.changed", target=complex_
        )
    return complex_


def complex_delete(*, actor, complex_: CausalComplex) -> None:
    """Delete a complex; its factors stay, in no complex."""
    with transaction.atomic():
        analysis = lock_analysis(complex_.analysis)
        require_editable(analysis)
        audit_record(
            actor=actor, project=analysis.project, action="complex.deleted", target=complex_
        )
        complex_.delete()
