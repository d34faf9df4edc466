"""State changes of factors, causal links and evidence, in any analysis (the own ones and the
team's). Bad input gets a Dutch error and nothing is saved: a statement that is empty or
longer than the field allows, a link to a factor of another analysis (or project), a factor
leading to itself, a link that is already there, a fragment of another project."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from processteps.services.audit import audit_record

from ..models import (
    STATEMENT_MAX,
    AnalysisKind,
    CausalAnalysis,
    CausalFactor,
    CausalLink,
    Confidence,
    Evidence,
    FactorKind,
    Polarity,
)
from .analyses import lock_analysis, require_editable, sync_if_team

FACTOR_FIELDS = ("statement", "kind", "description", "angle", "complex")
LINK_FIELDS = ("polarity", "confidence", "rationale")


def clean_statement(statement: str) -> str:
    """A factor's statement on one line; a Dutch error when empty or too long."""
    statement = " ".join((statement or "").split())
    if not statement:
        raise ValidationError({"statement": _("Geef de factor een korte stelling.")}, code="blank")
    if len(statement) > STATEMENT_MAX:
        raise ValidationError(
            {
                "statement": _(
                    "De stelling is te lang (%(length)s tekens, hoogstens %(max)s). Houd haar "
                    "kort en zet de uitleg in de toelichting."
                )
                % {"length": len(statement), "max": STATEMENT_MAX}
            },
            code="max_length",
        )
    return statement


def _check_factor(analysis: CausalAnalysis, factor: CausalFactor) -> None:
    factor.statement = clean_statement(factor.statement)
    if factor.kind not in FactorKind.values:
        raise ValidationError({"kind": _("Kies symptoom, oorzaak of grondoorzaak.")})
    if factor.angle_id and factor.angle.project_id != analysis.project_id:
        raise ValidationError({"angle": _("Die invalshoek hoort bij een ander project.")})
    if factor.complex_id and factor.complex.analysis_id != analysis.pk:
        raise ValidationError({"complex": _("Dat complex hoort bij een andere analyse.")})


def factor_add(*, actor, analysis: CausalAnalysis, **fields) -> CausalFactor:
    unknown = set(fields) - set(FACTOR_FIELDS)
    if unknown:
        raise TypeError(f"Unknown factor fields: {sorted(unknown)}")
    with transaction.atomic():
        analysis = lock_analysis(analysis)
        require_editable(analysis)
        factor = CausalFactor(analysis=analysis, created_by=actor, **fields)
        _check_factor(analysis, factor)
        factor.full_clean(exclude=["position"])
        last = analysis.factors.aggregate(m=Max("position"))["m"]
        factor.position = (last or 0) + 1
        factor.save()
        audit_record(actor=actor, project=analysis.project, action="factor.added", target=factor)
        sync_if_team(analysis)
    return factor


def factor_update(*, actor, factor: CausalFactor, **fields) -> CausalFactor:
    unknown = set(fields) - set(FACTOR_FIELDS)
    if unknown:
        raise TypeError(f"Unknown factor fields: {sorted(unknown)}")
    with transaction.atomic():
        analysis = lock_analysis(factor.analysis)
        require_editable(analysis)
        factor = CausalFactor.objects.select_related("angle", "complex").get(pk=factor.pk)
        factor.analysis = analysis
        if "statement" in fields:
            fields["statement"] = clean_statement(fields["statement"])
        changed = {k: v for k, v in fields.items() if getattr(factor, k) != v}
        if not changed:
            return factor
        for key, value in changed.items():
            setattr(factor, key, value)
        _check_factor(analysis, factor)
        factor.full_clean()
        factor.save()
        audit_record(
            actor=actor,
            project=analysis.project,
            action="factor.changed",
            target=factor,
            data={"fields": ", ".join(sorted(changed))},
        )
        sync_if_team(analysis)
    return factor


def factor_delete(*, actor, factor: CausalFactor) -> None:
    """Delete a factor with its links and evidence."""
    with transaction.atomic():
        analysis = lock_analysis(factor.analysis)
        require_editable(analysis)
        audit_record(actor=actor, project=analysis.project, action="factor.deleted", target=factor)
        factor.delete()
        sync_if_team(analysis)


# -- links -------------------------------------------------------------------------------------


def _check_link_ends(analysis: CausalAnalysis, source, target) -> None:
    if source is None or target is None:
        raise ValidationError(_("Kies de oorzaak en het gevolg van het verband."))
    if source.pk == target.pk:
        raise ValidationError(
            {"target": _("Een factor kan niet naar zichzelf leiden.")}, code="self_link"
        )
    for end in (source, target):
        if end.analysis_id != analysis.pk:
            raise ValidationError(
                {
                    "target": _(
                        "‘%(factor)s’ staat in een andere analyse; een verband verbindt twee "
                        "factoren van dezelfde analyse."
                    )
                    % {"factor": end.statement}
                },
                code="other_analysis",
            )


def link_add(
    *,
    actor,
    analysis: CausalAnalysis,
    source: CausalFactor,
    target: CausalFactor,
    polarity: str = Polarity.STRENGTHENS,
    confidence: str = Confidence.MEDIUM,
    rationale: str = "",
) -> CausalLink:
    """ "``source`` leads to ``target``" in the analysis."""
    with transaction.atomic():
        analysis = lock_analysis(analysis)
        require_editable(analysis)
        _check_link_ends(analysis, source, target)
        if CausalLink.objects.filter(analysis=analysis, source=source, target=target).exists():
            raise ValidationError(
                {
                    "target": _("Het verband ‘%(source)s’ → ‘%(target)s’ bestaat al.")
                    % {"source": source.statement, "target": target.statement}
                },
                code="duplicate",
            )
        link = CausalLink(
            analysis=analysis,
            source=source,
            target=target,
            polarity=polarity,
            confidence=confidence,
            rationale=rationale.strip(),
            created_by=actor,
        )
        link.full_clean(validate_constraints=False)
        link.save()
        audit_record(actor=actor, project=analysis.project, action="causallink.added", target=link)
        sync_if_team(analysis)
    return link


def link_update(*, actor, link: CausalLink, **fields) -> CausalLink:
    unknown = set(fields) - set(LINK_FIELDS)
    if unknown:
        raise TypeError(f"Unknown link fields: {sorted(unknown)}")
    with transaction.atomic():
        analysis = lock_analysis(link.analysis)
        require_editable(analysis)
        link = CausalLink.objects.select_related("source", "target").get(pk=link.pk)
        if "rationale" in fields:
            fields["rationale"] = fields["rationale"].strip()
        changed = {k: v for k, v in fields.items() if getattr(link, k) != v}
        if not changed:
            return link
        for key, value in changed.items():
            setattr(link, key, value)
        link.full_clean(validate_constraints=False)
        link.save()
        audit_record(
            actor=actor, project=analysis.project, action="causallink.changed", target=link
        )
        sync_if_team(analysis)
    return link


def link_delete(*, actor, link: CausalLink) -> None:
    with transaction.atomic():
        analysis = lock_analysis(link.analysis)
        require_editable(analysis)
        audit_record(
            actor=actor, project=analysis.project, action="causallink.deleted", target=link
        )
        link.delete()
        sync_if_team(analysis)


def link_mark_loop(*, actor, link: CausalLink, loop: bool) -> CausalLink:
    """The leader marks (or unmarks) a link of the team analysis as part of a deliberate
    reinforcing loop: a cycle through it is then accepted by the check."""
    with transaction.atomic():
        analysis = lock_analysis(link.analysis)
        if analysis.kind != AnalysisKind.TEAM:
            raise ValidationError(
                _("Alleen in de teamanalyse markeert de projectleider versterkende lussen.")
            )
        link = CausalLink.objects.select_related("source", "target").get(pk=link.pk)
        if link.is_reinforcing_loop == loop:
            return link
        link.is_reinforcing_loop = loop
        link.save(update_fields=["is_reinforcing_loop"])
        audit_record(
            actor=actor,
            project=analysis.project,
            action="causallink.loop_marked" if loop else "causallink.loop_unmarked",
            target=link,
        )
        sync_if_team(analysis)
    return link


# -- evidence ----------------------------------------------------------------------------------


def evidence_add(
    *, actor, fragment, factor: CausalFactor | None = None, link: CausalLink | None = None,
    note: str = "",
) -> Evidence:  # fmt: skip
    """Cite a fragment of the consultation round for a factor or a link. The quote is shown
    as its consent allows (see ``selectors.annotate_citation``); citing it is the team's
    own work and allowed whatever the consent."""
    if (factor is None) == (link is None):
        raise ValueError("Cite for a factor or for a link")
    owner = factor or link
    with transaction.atomic():
        analysis = lock_analysis(owner.analysis)
        require_editable(analysis)
        if fragment is None:
            raise ValidationError({"fragment": _("Kies een fragment uit de consultatieronde.")})
        if fragment.project_id != analysis.project_id:
            raise ValidationError(
                {"fragment": _("Dat fragment hoort bij een ander project.")}, code="other_project"
            )
        if Evidence.objects.filter(factor=factor, link=link, fragment=fragment).exists():
            raise ValidationError(
                {"fragment": _("Dit fragment is hier al als bewijs geciteerd.")}, code="duplicate"
            )
        item = Evidence(factor=factor, link=link, fragment=fragment, note=note.strip(),
                        added_by=actor)  # fmt: skip
        item.full_clean(validate_constraints=False)
        item.save()
        audit_record(
            actor=actor,
            project=analysis.project,
            action="evidence.added",
            target=owner,
            data={"fragment": fragment.pk},
        )
        sync_if_team(analysis)
    return item


def evidence_remove(*, actor, evidence: Evidence) -> None:
    owner = evidence.factor or evidence.link
    with transaction.atomic():
        analysis = lock_analysis(owner.analysis)
        require_editable(analysis)
        audit_record(
            actor=actor,
            project=analysis.project,
            action="evidence.removed",
            target=owner,
            data={"fragment": evidence.fragment_id},
        )
        evidence.delete()
        sync_if_team(analysis)
