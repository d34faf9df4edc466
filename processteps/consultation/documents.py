"""The Bloemlezing (step 4): the harvest of the consultation round, compiled per theme.

Outline of the compiled document:

1. *Inleiding*: written by the team.
2. *Waarheid, wijsheid en waarachtigheid per thema*: a written part and an overview of the
   themes (fragments per theme and per dimension, how many could not be included).
3. One chapter per main theme (in the theme tree's order), with a section per sub-theme. Each
   fragment is a quote with its attribution (by name or anonymised, as the key figure consented,
   see :func:`processteps.consultation.selectors.fragment_attribution`) and its dimension
   (waarheid / wijsheid / waarachtigheid), in the order the team chose
   (``FragmentTheme.position``). Fragments that may not be quoted never appear.
4. *Analyse kenmerken geraadpleegde personen*: the consulted key figures (interviewed, or with
   an accepted report) by functional angle, usual/unusual suspect and organisation type, as
   tables and as inline SVG bar charts (no URL is fetched for them).
5. *Verantwoording*: the step's checklist and uncertainty reduction.
6. *Bijlage: geraadpleegde personen*: by-name consent shows name, organisation and function;
   everyone else appears only as "Een sleutelfiguur (…)" under their angle. Contact details
   never appear.

The theme chapters become chapters of the print layout and entries of its table of contents
(sub-themes as level-2 entries). Everything is loaded with a fixed number of queries
(:class:`BloemlezingData`), however many fragments there are.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.builders import compiled
from documents.builders.base import Builder, BuiltSection, SectionSpec
from documents.builders.types import ACCOUNT
from documents.charts import bar_chart
from documents.sanitize import clean_html
from processteps.consultation.models import (
    Angle,
    Dimension,
    Interview,
    KeyFigure,
    KeyFigureStatus,
    QuoteConsent,
    ReportStatus,
    Theme,
)
from processteps.consultation.selectors import fragments_per_theme

THEMES_KEY = "themas"
THEME_KEY_PREFIX = "thema-"
DIMENSIONS = tuple(Dimension)
# Most restrictive first: a key figure with several interviews is listed as the strictest says.
CONSENT_ORDER = (QuoteConsent.NONE, QuoteConsent.ANONYMOUS, QuoteConsent.BY_NAME)


# -- the data, loaded once ---------------------------------------------------------------------


@dataclass
class Quote:
    text: str
    label: str
    dimension: str  # a Dimension value, or ""
    dimension_label: str


@dataclass
class ThemeNode:
    theme: Theme
    anchor: str
    quotes: list[Quote] = field(default_factory=list)
    children: list["ThemeNode"] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.theme.name

    @property
    def all_quotes(self) -> list[Quote]:
        return self.quotes + [q for child in self.children for q in child.quotes]


@dataclass
class ConsultedPerson:
    """One consulted key figure as the appendix may show them."""

    named: bool
    name: str  # by-name consent only; else the anonymous label
    organisation: str
    function: str
    angle_id: int | None


def _theme_anchor(theme) -> str:
    return f"subthema-{theme.pk}"


class BloemlezingData:
    """Everything the Bloemlezing compiles, in five queries whatever the size of the harvest:
    themes and fragment links (with fragment, report, interview, key figure and angle: see
    :func:`~processteps.consultation.selectors.fragments_per_theme`), key figures (with their
    angles), interviews (with their report's status) and angles."""

    def __init__(self, project):
        self.project = project
        tree = fragments_per_theme(project)
        self.key_figures = list(
            KeyFigure.objects.filter(project=project).select_related("angle", "subangle")
        )
        interviews = list(
            Interview.objects.filter(project=project)
            .values("key_figure_id", "quote_consent", "report__status")
            .order_by("id")
        )
        self.angles = list(Angle.objects.filter(project=project).order_by("position", "name"))

        # Themes in the team's order; under each only the quotes that may be published.
        included, omitted = set(), set()

        def node_of(block) -> ThemeNode:
            node = ThemeNode(block.theme, _theme_anchor(block.theme))
            for entry in block.entries:
                fragment = entry.fragment
                if fragment.report.status != ReportStatus.ACCEPTED or not entry.publishable:
                    omitted.add(fragment.pk)
                    continue
                included.add(fragment.pk)
                node.quotes.append(
                    Quote(
                        text=fragment.text,
                        label=entry.attribution,
                        dimension=fragment.dimension,
                        dimension_label=(
                            fragment.get_dimension_display() if fragment.dimension else ""
                        ),
                    )
                )
            node.children = [node_of(child) for child in block.children]
            return node

        self.themes = [node_of(block) for block in tree]
        self.included_count = len(included)
        self.omitted_count = len(omitted - included)

        # Key figures: who was consulted, and under which consent.
        consents: dict[int, set[str]] = defaultdict(set)
        accepted: set[int] = set()
        self.interviews_held = 0
        for row in interviews:
            consents[row["key_figure_id"]].add(row["quote_consent"])
            if row["report__status"] == ReportStatus.ACCEPTED:
                accepted.add(row["key_figure_id"])
                self.interviews_held += 1
        self.consulted = [
            k
            for k in self.key_figures
            if k.status == KeyFigureStatus.INTERVIEWED or k.pk in accepted
        ]
        self.consent_of = {
            k.pk: next((c for c in CONSENT_ORDER if c in consents[k.pk]), QuoteConsent.NONE)
            for k in self.consulted
        }

    # -- analysis ----------------------------------------------------------------------------
    def register_counts(self) -> list[tuple[str, int]]:
        statuses = Counter(k.status for k in self.key_figures)
        approached = len(self.key_figures) - statuses[KeyFigureStatus.PROPOSED]
        return [
            (_("Sleutelfiguren in het register"), len(self.key_figures)),
            (_("Benaderd"), approached),
            (_("Afgezegd"), statuses[KeyFigureStatus.DECLINED]),
            (_("Geraadpleegd (geïnterviewd)"), len(self.consulted)),
            (_("Interviews met een geaccepteerd verslag"), self.interviews_held),
            (_("Fragmenten in deze bloemlezing"), self.included_count),
        ]

    def by_angle(self) -> list[dict]:
        """Rows per functional angle (level 1) and its subfunctional angles (level 2)."""

        def row(name, people, level):
            usual = sum(1 for k in people if k.is_usual_suspect)
            return {
                "name": name,
                "level": level,
                "total": len(people),
                "usual": usual,
                "unusual": len(people) - usual,
            }

        rows = []
        for angle in (a for a in self.angles if a.parent_id is None):
            mine = [k for k in self.consulted if k.angle_id == angle.pk]
            rows.append(row(angle.name, mine, 1))
            for sub in (a for a in self.angles if a.parent_id == angle.pk):
                theirs = [k for k in mine if k.subangle_id == sub.pk]
                if theirs:
                    rows.append(row(sub.name, theirs, 2))
        unassigned = [k for k in self.consulted if k.angle_id is None]
        if unassigned:
            rows.append(row(_("Zonder invalshoek"), unassigned, 1))
        return rows

    def by_kind(self) -> list[dict]:
        usual = sum(1 for k in self.consulted if k.is_usual_suspect)
        total = len(self.consulted)
        rows = [(_("Usual suspects"), usual), (_("Unusual suspects"), total - usual)]
        return [
            {"name": name, "total": count, "percent": round(100 * count / total) if total else 0}
            for name, count in rows
        ]

    def by_organisation_type(self) -> list[dict]:
        counts = Counter(
            (k.organisation_type.strip() or _("Niet opgegeven")) for k in self.consulted
        )
        total = len(self.consulted)
        return [
            {"name": name, "total": count, "percent": round(100 * count / total) if total else 0}
            for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0].lower()))
        ]

    def consulted_people(self) -> list[dict]:
        """The appendix, grouped by functional angle: by-name consent shows name, organisation
        and function; anyone else only the anonymous label (organisation type or angle)."""
        people = []
        for key_figure in self.consulted:
            named = (
                self.consent_of[key_figure.pk] == QuoteConsent.BY_NAME
                and not key_figure.erased_at
                and bool(key_figure.name.strip())
            )
            if named:
                person = ConsultedPerson(
                    True,
                    key_figure.name,
                    key_figure.organisation,
                    key_figure.function,
                    key_figure.angle_id,
                )
            else:
                person = ConsultedPerson(
                    False, key_figure.anonymous_label(), "", "", key_figure.angle_id
                )
            people.append(person)
        people.sort(key=lambda p: (not p.named, p.name.lower()))
        groups = []
        for angle in (a for a in self.angles if a.parent_id is None):
            mine = [p for p in people if p.angle_id == angle.pk]
            if mine:
                groups.append({"name": angle.name, "people": mine})
        known = {a.pk for a in self.angles if a.parent_id is None}
        rest = [p for p in people if p.angle_id not in known]
        if rest:
            groups.append({"name": _("Zonder invalshoek"), "people": rest})
        return groups


# -- the builder -------------------------------------------------------------------------------


@dataclass
class ThemeSection(BuiltSection):
    """A theme chapter; its sub-themes are level-2 entries of the table of contents."""

    toc_children: list[dict] = field(default_factory=list)


S = SectionSpec


class Bloemlezing(Builder):
    document_type = "bloemlezing"
    # Every theme is a chapter of its own: each starts on a new page.
    chapter_pages = True
    outline = (
        S("inleiding", gettext_lazy("Inleiding")),
        S(
            THEMES_KEY,
            gettext_lazy("Waarheid, wijsheid en waarachtigheid per thema"),
            "bloemlezing_overview",
            gettext_lazy("Gevolgd door een hoofdstuk per thema, samengesteld uit de fragmenten."),
        ),
        S(
            "kenmerken",
            gettext_lazy("Analyse kenmerken geraadpleegde personen"),
            "bloemlezing_characteristics",
        ),
        ACCOUNT,
        S(
            "geraadpleegden",
            gettext_lazy("Bijlage: geraadpleegde personen"),
            "bloemlezing_consulted",
        ),
    )

    def template_names(self) -> list[str]:
        return ["consultation/documents/print_bloemlezing.html"]

    def extra_recipients(self, publication, *, in_app: str, public: str) -> list:
        """Seed 000: "opdrachtgever, sleutelfiguren en interviewers ontvangen Bloemlezing": the
        interviewers, and — when it is public, since they have no account — the key figures who
        agreed to take part."""
        from django.contrib.auth import get_user_model

        from documents.models import Audience

        project = self.project
        interviewers = (
            get_user_model().objects.filter(interviews__project=project).distinct().order_by("pk")
        )
        people = [(u.get_full_name() or u.username, u.email, in_app) for u in interviewers]
        if publication.audience == Audience.PUBLIC:
            key_figures = project.key_figures.active().filter(
                status__in=[KeyFigureStatus.AGREED, KeyFigureStatus.INTERVIEWED]
            )
            people += [(k.name, k.email, public) for k in key_figures]
        return people

    @cached_property
    def data(self) -> BloemlezingData:
        return BloemlezingData(self.project)

    def _render(self, name: str, **context) -> str:
        return render_to_string(
            f"consultation/documents/{name}.html",
            {"project": self.project, "step": self.step, **context},
        )

    # -- compiled sections -------------------------------------------------------------------
    def bloemlezing_overview(self) -> str:
        data = self.data
        rows = []
        for node in data.themes:
            rows.append(self._overview_row(node, 1, node.all_quotes))
            rows.extend(self._overview_row(child, 2, child.quotes) for child in node.children)
        return self._render(
            "bloemlezing_overview",
            rows=rows,
            dimensions=[d.label for d in DIMENSIONS],
            included=data.included_count,
            omitted=data.omitted_count,
        )

    @staticmethod
    def _overview_row(node: ThemeNode, level: int, quotes) -> dict:
        counts = Counter(q.dimension for q in quotes)
        return {
            "name": node.name,
            "level": level,
            "anchor": node.anchor,
            "counts": [counts[d.value] for d in DIMENSIONS],
            "total": len(quotes),
        }

    def bloemlezing_theme(self, node: ThemeNode) -> str:
        return self._render("bloemlezing_theme", node=node)

    def bloemlezing_characteristics(self) -> str:
        data = self.data
        angles = data.by_angle()
        organisation_types = data.by_organisation_type()
        usual, unusual = _("usual"), _("unusual")
        angle_chart = bar_chart(
            chart_id="grafiek-invalshoeken",
            title=_("Geraadpleegde personen per functionele invalshoek"),
            rows=[(r["name"], [r["usual"], r["unusual"]]) for r in angles if r["level"] == 1],
            series=[usual, unusual],
        )
        type_chart = bar_chart(
            chart_id="grafiek-organisaties",
            title=_("Geraadpleegde personen per soort organisatie"),
            rows=[(r["name"], [r["total"]]) for r in organisation_types],
            series=[_("geraadpleegd")],
        )
        return self._render(
            "bloemlezing_characteristics",
            register=data.register_counts(),
            consulted=len(data.consulted),
            angles=angles,
            kinds=data.by_kind(),
            organisation_types=organisation_types,
            angle_chart=angle_chart,
            type_chart=type_chart,
        )

    def bloemlezing_consulted(self) -> str:
        return self._render("bloemlezing_consulted", groups=self.data.consulted_people())

    def _compile(self, name: str) -> str:
        own = getattr(self, name, None)
        return own() if own is not None else getattr(compiled, name)(self)

    # -- sections ------------------------------------------------------------------------------
    def theme_sections(self) -> list[ThemeSection]:
        return [
            ThemeSection(
                key=f"{THEME_KEY_PREFIX}{node.theme.pk}",
                title=node.name,
                body="",
                compiled=self.bloemlezing_theme(node),
                toc_children=[{"id": c.anchor, "title": c.name} for c in node.children],
            )
            for node in self.data.themes
        ]

    def sections(self) -> list[BuiltSection]:
        written = {s.key: s for s in self.document.sections.all()}
        known = {spec.key for spec in self.outline}
        built: list[BuiltSection] = []
        for spec in self.outline:
            section = written.get(spec.key)
            body = clean_html(section.body) if section else ""
            title = section.title if section else str(spec.title)
            html = self._compile(spec.compiled) if spec.compiled else ""
            built.append(BuiltSection(spec.key, title, body, html))
            if spec.key == THEMES_KEY:
                built.extend(self.theme_sections())
        # Sections a team added beyond the outline come after it, in their own order.
        extra = [s for s in written.values() if s.key not in known]
        for section in sorted(extra, key=lambda s: (s.position, s.pk)):
            built.append(BuiltSection(section.key, section.title, clean_html(section.body)))
        for index, section in enumerate(built, start=1):
            section.anchor = f"s{index}-{section.key}"
        return built

    def context(self, sections, *, version_label: str, date=None) -> dict:
        context = super().context(sections, version_label=version_label, date=date)
        toc = []
        for section in sections:
            toc.append({"id": section.anchor, "title": section.title, "level": 1})
            for child in getattr(section, "toc_children", ()):
                toc.append({"id": child["id"], "title": child["title"], "level": 2})
        context["toc"] = toc
        return context
