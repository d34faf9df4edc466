"""The demo project's causal complex (step 5), loaded through the real services.

As seed 000 has it for step 5 — "Individuele analyse (team)", "Teamanalyse (Peter)": the team
member and the leader each build an analysis of their own from the Bloemlezing's fragments
(citing them as evidence) and submit it; the leader merges both into the team analysis,
groups it into three complexes, adds what the merge left out, resolves the one link the two
analysts drew in opposite directions, marks a deliberate reinforcing loop — after which the
check passes and both checklist items of step 5 are ticked — and publishes the Probleem- en
oorzakenanalyse. Idempotent: a project whose team analysis has factors keeps it. The material
is in :mod:`.demo_data`.
"""

from django.db import transaction

from documents.demo import demo_document_publish
from processteps.models import Role

from . import demo_data as data
from .models import CausalLink
from .selectors import team_analysis
from .services import analyses as analysis_services
from .services import factors as factor_services
from .services import merge as merge_services


def demo_load(*, project, leader) -> None:
    team = team_analysis(project)
    if team is None or not team.factors.exists():
        with transaction.atomic():
            _build(project, leader)
    demo_document_publish(
        project=project,
        leader=leader,
        step_key="causal_complexes",
        sections=data.ANALYSIS_SECTIONS,
        change_note="Teamanalyse samengevoegd en gecontroleerd",
    )


def _fragments(project) -> list:
    from processteps.consultation.models import Fragment

    return list(Fragment.objects.filter(project=project).order_by("id"))


def _cite(actor, fragments, prefixes, *, factor) -> None:
    for prefix in prefixes:
        fragment = next((f for f in fragments if f.text.startswith(prefix)), None)
        if fragment is not None and not factor.evidence.filter(fragment=fragment).exists():
            factor_services.evidence_add(actor=actor, factor=factor, fragment=fragment)


def _own(project, user, who, fragments):
    """An own analysis with the factors and links ``who`` proposes, submitted."""
    analysis = analysis_services.own_analysis_ensure(actor=user, project=project)
    made = {}
    for key, statement, kind, _complex, prefixes, proposers in data.FACTORS:
        if who not in proposers:
            continue
        made[key] = factor_services.factor_add(
            actor=user, analysis=analysis, statement=statement,
            kind=data.KIND_OF.get((who, key), kind),
        )  # fmt: skip
        _cite(user, fragments, prefixes, factor=made[key])
    for source, target, polarity, confidence, rationale, proposers in data.LINKS:
        if who not in proposers or source not in made or target not in made:
            continue
        factor_services.link_add(
            actor=user, analysis=analysis, source=made[source], target=made[target],
            polarity=polarity, confidence=confidence, rationale=rationale,
        )  # fmt: skip
    if who == "l":
        source, target = data.REVERSED
        if source in made and target in made:
            factor_services.link_add(
                actor=user, analysis=analysis, source=made[target], target=made[source]
            )
    analysis_services.analysis_submit(actor=user, analysis=analysis)
    return analysis


def _build(project, leader) -> None:
    fragments = _fragments(project)
    member = (
        project.memberships.filter(role=Role.MEMBER).select_related("user").order_by("pk").first()
    )
    analyses = []
    if member is not None:
        analyses.append(_own(project, member.user, "m", fragments))
    analyses.append(_own(project, leader, "l", fragments))
    for analysis in analyses:
        merge_services.analysis_merge_all(actor=leader, analysis=analysis)
    team = team_analysis(project)
    analysis_services.analysis_update(
        actor=leader, analysis=team, problem_statement=data.PROBLEM_STATEMENT
    )
    from processteps.consultation.models import Theme

    themes = {t.name: t for t in Theme.objects.filter(project=project)}
    complexes = {
        name: analysis_services.complex_add(
            actor=leader, analysis=team, name=name, description=description,
            theme=themes.get(theme),
        )
        for name, description, theme in data.COMPLEXES
    }  # fmt: skip
    by_statement = {f.statement: f for f in team.factors.all()}
    made = {}
    for key, statement, kind, complex_name, prefixes, _proposers in data.FACTORS:
        factor = by_statement.get(statement)
        if factor is None:
            factor = factor_services.factor_add(
                actor=leader, analysis=team, statement=statement, kind=kind
            )
        changes = {}
        if factor.complex_id != complexes[complex_name].pk:
            changes["complex"] = complexes[complex_name]
        if factor.kind != kind:
            changes["kind"] = kind
        if changes:
            factor = factor_services.factor_update(actor=leader, factor=factor, **changes)
        made[key] = factor
        _cite(leader, fragments, prefixes, factor=factor)
    # The direction the analysts disagreed on: the leader keeps the member's.
    source, target = data.REVERSED
    reversed_link = CausalLink.objects.filter(
        analysis=team, source=made[target], target=made[source]
    ).first()
    if reversed_link is not None:
        factor_services.link_delete(actor=leader, link=reversed_link)
    for source, target, polarity, confidence, rationale, _who in data.LINKS:
        if not CausalLink.objects.filter(
            analysis=team, source=made[source], target=made[target]
        ).exists():
            factor_services.link_add(
                actor=leader, analysis=team, source=made[source], target=made[target],
                polarity=polarity, confidence=confidence, rationale=rationale,
            )  # fmt: skip
    source, target = data.LOOP
    factor_services.link_mark_loop(
        actor=leader,
        link=CausalLink.objects.get(analysis=team, source=made[source], target=made[target]),
        loop=True,
    )
