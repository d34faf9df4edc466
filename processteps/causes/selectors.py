"""Reads of the causal complexes (step 5). Later steps read the team analysis through these.

:class:`AnalysisData` loads a whole analysis — factors, links, evidence, complexes, merges — in
a fixed number of queries, however large it is. :func:`analysis_problems` is the check behind
the two checklist items of step 5 ("Logisch ontwerp causale relaties" and "Correcte
gelaagdheid (symptomen/oorzaken)"). :func:`complex_diagrams` draws the model, one picture per
complex. :func:`disagreements` compares the individual analyses.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from documents.diagrams import Diagram, Edge, Node, render_svg

from .models import (
    LAYER,
    AnalysisKind,
    AnalysisStatus,
    CausalAnalysis,
    CausalComplex,
    CausalFactor,
    CausalLink,
    Confidence,
    Evidence,
    FactorKind,
    FactorMerge,
    Polarity,
)

# Keys of the checklist items this tool ticks from the data (``ChecklistItem.derived_from``).
CAUSES_LOGICAL = "causes_logical_design"
CAUSES_LAYERED = "causes_correct_layering"

# Which rule belongs to which checklist item.
LAYERING_CODES = frozenset({"empty", "symptom_without_cause", "layering"})
LOGIC_CODES = frozenset({"empty", "cycle", "orphan", "root_without_evidence"})

STEP_KEY = "causal_complexes"


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


def own_analysis(project, user) -> CausalAnalysis | None:
    if not user.is_authenticated:
        return None
    return CausalAnalysis.objects.filter(
        project=project, kind=AnalysisKind.INDIVIDUAL, owner=user
    ).first()


def individual_analyses(project, *, submitted_only=False):
    """The team members' own analyses with their number of factors and of factors merged."""
    analyses = CausalAnalysis.objects.filter(project=project, kind=AnalysisKind.INDIVIDUAL)
    if submitted_only:
        analyses = analyses.filter(status=AnalysisStatus.SUBMITTED)
    return (
        analyses.select_related("owner")
        .annotate(
            factor_count=Count("factors", distinct=True),
            merged_count=Count(
                "factors", filter=Q(factors__merged_into__isnull=False), distinct=True
            ),
        )
        .order_by("owner__first_name", "owner__last_name", "id")
    )


def visible_analyses(project, user):
    """The own analyses the user may open: their own, and every submitted one for whoever
    runs the project."""
    analyses = individual_analyses(project)
    if user.has_perm("causes.manage_team", project):
        return analyses.filter(Q(status=AnalysisStatus.SUBMITTED) | Q(owner=user))
    return analyses.filter(owner=user)


# -- one analysis, loaded at once --------------------------------------------------------------

_POLARITY = dict(Polarity.choices)
_CONFIDENCE = dict(Confidence.choices)


class LinkRow:
    """A causal link as a whole model reads it: the fields of ``CausalLink`` and its ends,
    without the cost of a model instance (a model of 1,500 links is read on every page)."""

    FIELDS = ("pk", "source_id", "target_id", "polarity", "confidence", "rationale",
              "is_reinforcing_loop")  # fmt: skip
    __slots__ = (*FIELDS, "analysis", "source", "target", "evidence_list", "quotes", "withheld")

    def __init__(self, pk, source_id, target_id, polarity, confidence, rationale, loop):
        self.pk, self.source_id, self.target_id = pk, source_id, target_id
        self.polarity, self.confidence, self.rationale = polarity, confidence, rationale
        self.is_reinforcing_loop = loop
        self.source = self.target = self.analysis = None
        self.evidence_list = []

    @property
    def id(self):
        return self.pk

    def get_polarity_display(self) -> str:
        return str(_POLARITY.get(self.polarity, self.polarity))

    def get_confidence_display(self) -> str:
        return str(_CONFIDENCE.get(self.confidence, self.confidence))

    def __str__(self):
        return f"{self.source} → {self.target}"


EVIDENCE_RELATED = (
    "fragment__report__interview__key_figure__angle",
    "fragment__passage",
)


class AnalysisData:
    """An analysis with its factors and links, in a fixed number of queries.

    Each factor gets ``outgoing_list`` and ``incoming_list`` (links), ``evidence_list`` (with
    ``evidence=True``: the fragments cited, each with ``publishable`` and ``attribution`` by
    the consent rules) and ``proposers`` (with ``merges=True``: the names of the analysts
    whose proposals were merged into it). Links get ``evidence_list`` too; every factor gets
    ``evidence_count`` (one aggregate query without ``evidence``).
    """

    def __init__(self, analysis: CausalAnalysis, *, evidence=False, merges=False):
        self.analysis = analysis
        self.complexes: list[CausalComplex] = list(
            CausalComplex.objects.filter(analysis=analysis).order_by("position", "name", "id")
        )
        complexes = {c.pk: c for c in self.complexes}
        self.factors: list[CausalFactor] = list(
            CausalFactor.objects.filter(analysis=analysis)
            .select_related("angle")
            .order_by("position", "id")
        )
        self.links: list[LinkRow] = [
            LinkRow(*row)
            for row in CausalLink.objects.filter(analysis=analysis)
            .order_by("id")
            .values_list(*LinkRow.FIELDS)
        ]
        self.by_id = {f.pk: f for f in self.factors}
        for factor in self.factors:
            factor.analysis = analysis
            factor.complex = complexes.get(factor.complex_id)
            factor.outgoing_list, factor.incoming_list = [], []
            factor.evidence_list = []
            factor.proposers = []
        for link in self.links:
            link.analysis = analysis
            link.source = self.by_id[link.source_id]
            link.target = self.by_id[link.target_id]
            link.source.outgoing_list.append(link)
            link.target.incoming_list.append(link)
            link.evidence_list = []
        if merges:
            rows = (
                FactorMerge.objects.filter(team_factor__analysis=analysis)
                .order_by("id")
                .values_list(
                    "team_factor_id",
                    "source_factor__analysis__owner__first_name",
                    "source_factor__analysis__owner__last_name",
                    "source_factor__analysis__owner__username",
                )
            )
            for factor_id, first, last, username in rows:
                name = f"{first or ''} {last or ''}".strip() or username or "—"
                proposers = self.by_id[factor_id].proposers
                if name not in proposers:
                    proposers.append(name)
        if evidence:
            links = {link.pk: link for link in self.links}
            rows = (
                Evidence.objects.filter(Q(factor__analysis=analysis) | Q(link__analysis=analysis))
                .select_related(*EVIDENCE_RELATED)
                .order_by("id")
            )
            for item in rows:
                annotate_citation(item)
                owner = self.by_id.get(item.factor_id) or links.get(item.link_id)
                if owner is not None:
                    owner.evidence_list.append(item)
            for factor in self.factors:
                factor.evidence_count = len(factor.evidence_list)
        else:
            counts = dict(
                Evidence.objects.filter(factor__analysis=analysis)
                .values("factor_id")
                .annotate(n=Count("id"))
                .values_list("factor_id", "n")
            )
            for factor in self.factors:
                factor.evidence_count = counts.get(factor.pk, 0)
        self.evidence_factor_ids = {f.pk for f in self.factors if f.evidence_count}
        # A root cause is evidenced by a fragment cited for it or for a link leading from it.
        if evidence:
            self.evidenced_ids = self.evidence_factor_ids | {
                link.source_id for link in self.links if link.evidence_list
            }
        else:
            self.evidenced_ids = self.evidence_factor_ids | set(
                Evidence.objects.filter(link__analysis=analysis).values_list(
                    "link__source_id", flat=True
                )
            )

    def __len__(self):
        return len(self.factors)

    def of_kind(self, kind) -> list[CausalFactor]:
        return [f for f in self.factors if f.kind == kind]

    def groups(self) -> list[tuple[CausalComplex | None, list[CausalFactor]]]:
        """The factors per complex (in the complexes' order), those in none last."""
        by_complex = defaultdict(list)
        for factor in self.factors:
            by_complex[factor.complex_id].append(factor)
        result = [(c, by_complex[c.pk]) for c in self.complexes if by_complex.get(c.pk)]
        if by_complex.get(None):
            result.append((None, by_complex[None]))
        return result

    def layers(self, factors=None):
        """(kind, label, factors) from the symptoms down to the root causes."""
        factors = self.factors if factors is None else factors
        return [
            (kind, label, [f for f in factors if f.kind == kind])
            for kind, label in FactorKind.choices
        ]


def annotate_citation(item: Evidence) -> Evidence:
    """Give a citation ``publishable`` and ``attribution`` by the consultation's consent rule
    (the one rule: :func:`processteps.consultation.selectors.fragment_attribution`)."""
    from processteps.consultation.selectors import fragment_attribution

    item.publishable, item.attribution = fragment_attribution(item.fragment)
    return item


# -- the check ---------------------------------------------------------------------------------


@dataclass
class Problem:
    """One thing the check found, in Dutch, with the factor it is about (to link to)."""

    code: str
    message: str
    factor: CausalFactor | None = None
    factors: list = field(default_factory=list)

    @property
    def item(self) -> str:
        return CAUSES_LAYERED if self.code in LAYERING_CODES - {"empty"} else CAUSES_LOGICAL


def _cycles(factor_ids, links) -> list[list[int]]:
    """The strongly connected components of more than one factor (Tarjan, iterative): each
    holds at least one cycle."""
    graph = defaultdict(list)
    for link in links:
        graph[link.source_id].append(link.target_id)
    index, low, on_stack, stack, result = {}, {}, set(), [], []
    counter = 0
    for start in factor_ids:
        if start in index:
            continue
        work = [(start, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            successors = graph[node]
            if child < len(successors):
                work.append((node, child + 1))
                nxt = successors[child]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    result.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return result


def _name(factor) -> str:
    return f"‘{factor.statement}’"


def analysis_problems(data: AnalysisData) -> list[Problem]:
    """The check of the model, in Dutch, each with the factor to go to:

    1. every symptom has at least one cause (or root cause) below it leading to it;
    2. no link runs against the layers (from a symptom down to a cause, from a cause down to a
       root cause): a cause lies below what it leads to;
    3. no cycle, unless one of its links is marked as a deliberate reinforcing loop;
    4. no orphan factor (one linked to nothing, in a model of more than one factor);
    5. every root cause has evidence from the consultation round (a fragment cited for it, or
       for a link leading from it).
    """
    problems: list[Problem] = []
    if not data.factors:
        return [Problem("empty", _("De analyse heeft nog geen factoren."))]
    for factor in data.factors:
        if factor.kind != FactorKind.SYMPTOM:
            continue
        if not any(link.source.layer > factor.layer for link in factor.incoming_list):
            problems.append(
                Problem(
                    "symptom_without_cause",
                    _("Het symptoom %(factor)s heeft geen oorzaak eronder die ertoe leidt.")
                    % {"factor": _name(factor)},
                    factor=factor,
                )
            )
    for link in data.links:
        if link.source.layer < link.target.layer:
            problems.append(
                Problem(
                    "layering",
                    _(
                        "%(source)s (%(source_kind)s) leidt tot %(target)s (%(target_kind)s): "
                        "een oorzaak hoort onder wat zij veroorzaakt, niet erboven."
                    )
                    % {
                        "source": _name(link.source),
                        "source_kind": link.source.get_kind_display().lower(),
                        "target": _name(link.target),
                        "target_kind": link.target.get_kind_display().lower(),
                    },
                    factor=link.source,
                )
            )
    unmarked = [link for link in data.links if not link.is_reinforcing_loop]
    for component in _cycles([f.pk for f in data.factors], unmarked):
        members = sorted((data.by_id[pk] for pk in component), key=lambda f: (f.position, f.pk))
        problems.append(
            Problem(
                "cycle",
                _(
                    "Een kringloop zonder bewuste markering: %(factors)s leiden via elkaar tot "
                    "zichzelf. Markeer een verband als bewuste versterkende lus of haal er een weg."
                )
                % {"factors": ", ".join(_name(f) for f in members)},
                factor=members[0],
                factors=members,
            )
        )
    if len(data.factors) > 1:
        for factor in data.factors:
            if not factor.incoming_list and not factor.outgoing_list:
                problems.append(
                    Problem(
                        "orphan",
                        _("De factor %(factor)s is met geen enkele andere factor verbonden.")
                        % {"factor": _name(factor)},
                        factor=factor,
                    )
                )
    for factor in data.factors:
        if factor.kind == FactorKind.ROOT_CAUSE and factor.pk not in data.evidenced_ids:
            problems.append(
                Problem(
                    "root_without_evidence",
                    _(
                        "De grondoorzaak %(factor)s heeft geen bewijs: citeer een fragment uit "
                        "de consultatieronde."
                    )
                    % {"factor": _name(factor)},
                    factor=factor,
                )
            )
    return problems


def _team_problems(project) -> list[Problem] | None:
    analysis = team_analysis(project)
    if analysis is None:
        return None
    return analysis_problems(AnalysisData(analysis))


def causes_logical(project) -> bool:
    """The checklist item "Logisch ontwerp causale relaties": the team analysis has factors,
    no unmarked cycle, no orphan, and evidence for every root cause."""
    problems = _team_problems(project)
    return problems is not None and not any(p.code in LOGIC_CODES for p in problems)


def causes_layered(project) -> bool:
    """The checklist item "Correcte gelaagdheid (symptomen/oorzaken)": the team analysis has
    factors, every symptom a cause below it, and no link against the layers."""
    problems = _team_problems(project)
    return problems is not None and not any(p.code in LAYERING_CODES for p in problems)


# -- the picture -------------------------------------------------------------------------------

RANKS = [kind for kind, _label in FactorKind.choices]  # symptoms on top


def factor_url_prefix(project_pk: int) -> str:
    """The URL of a factor's page without its number (one ``reverse`` for a whole list)."""
    return reverse("causes:overview", kwargs={"project": project_pk}) + "factors/"


def diagram_of(title: str, factors, links, *, links_on: bool) -> Diagram:
    """A layered diagram of ``factors`` (symptoms on top, root causes at the bottom) with the
    ``links`` between them; on the page every factor links to its own page."""
    diagram = Diagram(title=title, direction="BT", rank_order=list(reversed(RANKS)))
    ids = {f.pk for f in factors}
    prefix = factor_url_prefix(factors[0].analysis.project_id) if factors and links_on else ""
    kinds = {code: str(label) for code, label in FactorKind.choices}
    for factor in factors:
        diagram.nodes.append(
            Node(
                id=f"f{factor.pk}",
                label=factor.statement,
                href=f"{prefix}{factor.pk}/" if links_on else "",
                tooltip=f"{kinds[factor.kind]}: {factor.statement}",
                style=factor.kind,
                rank=factor.kind,
            )
        )
    for link in links:
        if link.source_id in ids and link.target_id in ids:
            style = "loop" if link.is_reinforcing_loop else ""
            if link.polarity == Polarity.WEAKENS:
                style = style or "weakens"
            diagram.edges.append(Edge(f"f{link.source_id}", f"f{link.target_id}", style=style))
    return diagram


def complex_diagrams(data: AnalysisData, *, links_on: bool) -> list[tuple[object, list, Diagram]]:
    """(complex, its factors, its diagram) per complex (and for the factors in none), each
    drawn on its own; a
    link between two complexes is drawn in neither (the list beside it names it)."""
    result = []
    for complex_, factors in data.groups():
        ids = {f.pk for f in factors}
        links = [link for link in data.links if link.source_id in ids and link.target_id in ids]
        title = complex_.name if complex_ else (
            _("Oorzakelijk complex") if len(data.complexes) == 0 else _("Zonder complex")
        )  # fmt: skip
        result.append(
            (complex_, factors, diagram_of(str(title), factors, links, links_on=links_on))
        )
    return result


# Graphviz takes seconds on a large complex: a drawing is kept (per process) under a digest of
# its DOT source, so it is laid out again only when the model changed.
SVG_CACHE_SECONDS = 24 * 3600


def draw(diagram: Diagram, *, links: bool, element_id: str) -> str:
    """The diagram as sanitised inline SVG (``documents.diagrams.render_svg``), from the cache
    when this very diagram was drawn before; raises ``DiagramError`` as render_svg does."""
    import hashlib

    from django.core.cache import cache

    # The diagram's own description (nodes, edges, ranks) is what Graphviz draws from.
    digest = hashlib.sha256(f"{element_id}|{links}|{diagram!r}".encode()).hexdigest()
    key = f"causes:svg:{digest}"
    svg = cache.get(key)
    if svg is None:
        svg = render_svg(diagram, links=links, element_id=element_id)
        cache.set(key, svg, SVG_CACHE_SECONDS)
    return svg


# -- disagreements between the analysts --------------------------------------------------------


def _key(statement: str) -> str:
    return " ".join(statement.split()).casefold()


@dataclass
class Disagreements:
    analyses: list
    only_one: list = field(default_factory=list)  # (key label, analysis, factor)
    kinds: list = field(default_factory=list)  # (label, [(analysis, factor)])
    opposite: list = field(default_factory=list)  # (a label, b label, [analysis a→b], [b→a])

    @property
    def total(self) -> int:
        return len(self.only_one) + len(self.kinds) + len(self.opposite)


def disagreements(project) -> Disagreements:
    """Where the submitted own analyses differ: a factor only one analyst has, a factor that
    one analyst calls a symptom and another a cause, a link in opposite directions. Factors
    are the same when the leader merged them onto one team factor, or (not merged yet) when
    their statements are the same. Three queries."""
    analyses = list(individual_analyses(project, submitted_only=True))
    by_pk = {a.pk: a for a in analyses}
    factors = list(
        CausalFactor.objects.filter(analysis__in=by_pk)
        .select_related("merged_into__team_factor")
        .order_by("analysis_id", "position", "id")
    )
    key_of, label_of, members = {}, {}, defaultdict(list)
    for factor in factors:
        factor.analysis = by_pk[factor.analysis_id]
        merge = getattr(factor, "merged_into", None)
        if merge is not None:
            key = f"t{merge.team_factor_id}"
            label_of.setdefault(key, merge.team_factor.statement)
        else:
            key = f"s{_key(factor.statement)}"
            label_of.setdefault(key, factor.statement)
        key_of[factor.pk] = key
        members[key].append(factor)
    result = Disagreements(analyses=analyses)
    if len(analyses) < 2:
        return result
    for key, group in members.items():
        owners = {f.analysis_id for f in group}
        if len(owners) == 1:
            for factor in group:
                result.only_one.append((label_of[key], factor.analysis, factor))
        if len({f.kind for f in group}) > 1:
            result.kinds.append((label_of[key], [(f.analysis, f) for f in group]))
    directions = defaultdict(set)
    for source_id, target_id, analysis_id in CausalLink.objects.filter(
        analysis__in=by_pk
    ).values_list("source_id", "target_id", "analysis_id"):
        directions[(key_of[source_id], key_of[target_id])].add(analysis_id)
    for (a, b), forward in sorted(directions.items()):
        backward = directions.get((b, a))
        if backward and a < b and (forward | backward) - (forward & backward):
            result.opposite.append(
                (
                    label_of[a],
                    label_of[b],
                    [by_pk[pk] for pk in sorted(forward)],
                    [by_pk[pk] for pk in sorted(backward)],
                )
            )
    return result


# -- fragments and who cites them --------------------------------------------------------------


def citations_of(fragment, user) -> list[Evidence]:
    """The factors and links citing ``fragment`` that ``user`` may see (the team analysis, the
    user's own analysis, submitted analyses for the leader), two queries."""
    project = fragment.project
    visible = Q(kind=AnalysisKind.TEAM) | Q(kind=AnalysisKind.INDIVIDUAL, owner=user)
    if user.has_perm("causes.manage_team", project):
        visible |= Q(kind=AnalysisKind.INDIVIDUAL, status=AnalysisStatus.SUBMITTED)
    analyses = CausalAnalysis.objects.filter(visible, project=project)
    return list(
        Evidence.objects.filter(fragment=fragment)
        .filter(Q(factor__analysis__in=analyses) | Q(link__analysis__in=analyses))
        .select_related(
            "factor__analysis__owner",
            "link__analysis__owner",
            "link__source",
            "link__target",
        )
        .order_by("id")
    )


def citable_fragments(project):
    """The fragments of the consultation round a factor or link may cite."""
    from processteps.consultation.models import Fragment

    return (
        Fragment.objects.filter(project=project)
        .select_related("report__interview__key_figure")
        .order_by("id")
    )


# -- the step page -----------------------------------------------------------------------------


def panel_context(request, project, step) -> dict:
    """What the step-5 panel shows: the team analysis's size and the check's findings (to a
    client only once the analysis is published to them)."""
    if not request.user.has_perm("causes.view_team", project):
        return {"hidden": True}
    analysis = team_analysis(project)
    context = {"team": analysis, "own": own_analysis(project, request.user)}
    if analysis is not None:
        data = AnalysisData(analysis)
        context.update(
            factor_count=len(data),
            link_count=len(data.links),
            complex_count=len(data.complexes),
            problems=analysis_problems(data),
        )
    return context


def kind_layer(kind: str) -> int:
    return LAYER[kind]
