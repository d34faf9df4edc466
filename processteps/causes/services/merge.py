"""Merging the team members' own analyses into the team analysis.

The leader picks a proposed factor into the team analysis (a new team factor) or maps it onto
a team factor that says the same; several proposals may map onto one canonical factor.
``FactorMerge`` keeps who proposed what. The evidence of a proposal comes along; the links
between proposals come along as soon as both ends are merged, onto the team factors they were
merged into, without doubles (and without a factor leading to itself).

Everything is written in bulk: merging a whole analysis costs a fixed number of queries,
however many factors it has.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from processteps.services.audit import audit_record

from ..models import (
    AnalysisKind,
    AnalysisStatus,
    CausalAnalysis,
    CausalComplex,
    CausalFactor,
    CausalLink,
    Evidence,
    FactorMerge,
)
from .analyses import lock_analysis, sync_if_team, team_analysis_ensure


@dataclass
class Merged:
    created: int = 0
    mapped: int = 0
    links: int = 0

    @property
    def total(self) -> int:
        return self.created + self.mapped


def statement_key(statement: str) -> str:
    """Statements compared when merging: case and spacing do not matter."""
    return " ".join(statement.split()).casefold()


def _check_source(source: CausalFactor, project) -> None:
    analysis = source.analysis
    if analysis.project_id != project.pk:
        raise ValidationError(_("Die factor hoort bij een ander project."), code="other_project")
    if analysis.kind != AnalysisKind.INDIVIDUAL:
        raise ValidationError(_("Alleen factoren uit een eigen analyse worden samengevoegd."))
    if analysis.status != AnalysisStatus.SUBMITTED:
        raise ValidationError(
            _("Deze analyse is nog niet ingediend; samenvoegen kan pas daarna."),
            code="not_submitted",
        )


def _merge(*, actor, team: CausalAnalysis, pairs) -> Merged:
    """Merge ``pairs`` of (source factor, team factor or None) into ``team``: new team factors
    for the None ones, ``FactorMerge`` rows, the evidence and the links that follow."""
    result = Merged()
    pairs = [(s, into) for s, into in pairs]
    if not pairs:
        return result
    # Complexes of the proposals, by name, into the team analysis.
    complex_names = {
        s.complex.name for s, into in pairs if into is None and s.complex_id is not None
    }
    team_complexes = {c.name.casefold(): c for c in team.complexes.all()}
    missing = sorted(n for n in complex_names if n.casefold() not in team_complexes)
    if missing:
        last = team.complexes.aggregate(m=Max("position"))["m"] or 0
        for offset, name in enumerate(missing, start=1):
            team_complexes[name.casefold()] = CausalComplex.objects.create(
                analysis=team, name=name, position=last + offset
            )
    # New team factors.
    position = team.factors.aggregate(m=Max("position"))["m"] or 0
    new = []
    for source, into in pairs:
        if into is not None:
            continue
        position += 1
        new.append(
            CausalFactor(
                analysis=team,
                statement=source.statement,
                kind=source.kind,
                description=source.description,
                angle_id=source.angle_id,
                complex=team_complexes[source.complex.name.casefold()]
                if source.complex_id
                else None,
                position=position,
                created_by=actor,
            )
        )
    created = iter(CausalFactor.objects.bulk_create(new))
    targets = []
    for source, into in pairs:
        target = into if into is not None else next(created)
        targets.append((source, target))
        if into is None:
            result.created += 1
        else:
            result.mapped += 1
    FactorMerge.objects.bulk_create(
        FactorMerge(team_factor=target, source_factor=source, merged_by=actor)
        for source, target in targets
    )
    # Evidence of the factors.
    team_ids = {t.pk for _s, t in targets}
    have = set(
        Evidence.objects.filter(factor_id__in=team_ids).values_list("factor_id", "fragment_id")
    )
    target_of = {s.pk: t.pk for s, t in targets}
    copies = []
    for item in Evidence.objects.filter(factor_id__in=target_of).order_by("id"):
        key = (target_of[item.factor_id], item.fragment_id)
        if key in have:
            continue
        have.add(key)
        copies.append(
            Evidence(
                factor_id=key[0],
                fragment_id=item.fragment_id,
                note=item.note,
                added_by=item.added_by,
            )  # fmt: skip
        )
    Evidence.objects.bulk_create(copies)
    # Links whose ends are now both merged.
    mapping = dict(
        FactorMerge.objects.filter(source_factor__analysis__project=team.project).values_list(
            "source_factor_id", "team_factor_id"
        )
    )
    sources = list(target_of)
    source_links = list(
        CausalLink.objects.filter(Q(source_id__in=sources) | Q(target_id__in=sources))
        .exclude(analysis=team)
        .order_by("id")
    )
    existing = {
        (s, t): pk
        for s, t, pk in CausalLink.objects.filter(analysis=team).values_list(
            "source_id", "target_id", "pk"
        )
    }
    new_links, team_link_of = [], {}
    for link in source_links:
        a, b = mapping.get(link.source_id), mapping.get(link.target_id)
        if a is None or b is None or a == b:
            continue
        if (a, b) in existing:
            team_link_of[link.pk] = (a, b)
            continue
        existing[(a, b)] = None
        team_link_of[link.pk] = (a, b)
        new_links.append(
            CausalLink(
                analysis=team,
                source_id=a,
                target_id=b,
                polarity=link.polarity,
                confidence=link.confidence,
                rationale=link.rationale,
                created_by=actor,
            )
        )
    for made in CausalLink.objects.bulk_create(new_links):
        existing[(made.source_id, made.target_id)] = made.pk
    result.links = len(new_links)
    # Evidence of the links that came along.
    if team_link_of:
        have = set(
            Evidence.objects.filter(link__analysis=team).values_list("link_id", "fragment_id")
        )
        copies = []
        for item in Evidence.objects.filter(link_id__in=team_link_of).order_by("id"):
            key = (existing[team_link_of[item.link_id]], item.fragment_id)
            if key in have:
                continue
            have.add(key)
            copies.append(
                Evidence(
                    link_id=key[0],
                    fragment_id=item.fragment_id,
                    note=item.note,
                    added_by=item.added_by,
                )  # fmt: skip
            )
        Evidence.objects.bulk_create(copies)
    return result


def factor_merge(*, actor, source: CausalFactor, into: CausalFactor | None = None) -> CausalFactor:
    """Merge one proposed factor into the team analysis: as a new factor, or onto ``into``."""
    project = source.analysis.project
    team = team_analysis_ensure(actor=actor, project=project)
    with transaction.atomic():
        team = lock_analysis(team)
        source = CausalFactor.objects.select_related("analysis__owner", "complex").get(pk=source.pk)
        _check_source(source, project)
        if FactorMerge.objects.filter(source_factor=source).exists():
            raise ValidationError(
                _("‘%(factor)s’ is al samengevoegd.") % {"factor": source.statement},
                code="merged",
            )
        if into is not None and into.analysis_id != team.pk:
            raise ValidationError(
                {"into": _("Kies een factor uit de teamanalyse.")}, code="wrong_analysis"
            )
        _merge(actor=actor, team=team, pairs=[(source, into)])
        target = FactorMerge.objects.select_related("team_factor").get(source_factor=source)
        audit_record(
            actor=actor,
            project=project,
            action="factor.merged",
            target=target.team_factor,
            data={"source": source.statement, "owner": str(source.analysis)},
        )
        sync_if_team(team)
    return target.team_factor


def analysis_merge_all(*, actor, analysis: CausalAnalysis) -> Merged:
    """Merge every factor of a submitted own analysis not merged yet: a factor whose statement
    a team factor already has is mapped onto it, any other one is taken over as new."""
    project = analysis.project
    team = team_analysis_ensure(actor=actor, project=project)
    with transaction.atomic():
        team = lock_analysis(team)
        analysis = CausalAnalysis.objects.select_related("project", "owner").get(pk=analysis.pk)
        if analysis.kind != AnalysisKind.INDIVIDUAL or analysis.status != AnalysisStatus.SUBMITTED:
            raise ValidationError(_("Alleen een ingediende eigen analyse kan worden samengevoegd."))
        if analysis.project_id != project.pk:
            raise ValidationError(_("Die analyse hoort bij een ander project."))
        by_statement = {}
        for factor in team.factors.order_by("position", "id"):
            by_statement.setdefault(statement_key(factor.statement), factor)
        pairs = []
        sources = (
            analysis.factors.filter(merged_into__isnull=True)
            .select_related("complex")
            .order_by("position", "id")
        )
        for source in sources:
            key = statement_key(source.statement)
            into = by_statement.get(key)
            pairs.append((source, into))
            if into is None:
                by_statement[key] = None  # a double within the analysis: see below
        # Two proposals with the same statement in one analysis become one new team factor.
        firsts, rest = {}, []
        for source, into in pairs:
            key = statement_key(source.statement)
            if into is None and key in firsts:
                rest.append(source)
            else:
                firsts.setdefault(key, (source, into))
        result = _merge(actor=actor, team=team, pairs=list(firsts.values()))
        if rest:
            merged = dict(
                FactorMerge.objects.filter(source_factor__analysis=analysis).values_list(
                    "source_factor__statement", "team_factor_id"
                )
            )
            team_by_key = {statement_key(k): v for k, v in merged.items()}
            later = _merge(
                actor=actor,
                team=team,
                pairs=[
                    (s, CausalFactor(pk=team_by_key[statement_key(s.statement)],
                                     analysis_id=team.pk))
                    for s in rest
                ],
            )  # fmt: skip
            result.mapped += later.mapped
            result.links += later.links
        audit_record(
            actor=actor,
            project=project,
            action="causalanalysis.merged",
            target=analysis,
            data={"created": result.created, "mapped": result.mapped, "links": result.links},
        )
        sync_if_team(team)
    return result
