"""Read helpers for the consultation round (steps 3-4): interviews, load, overdue reports,
fragments per theme with their provenance, and THE attribution rule of a quote.

Every helper here costs a fixed number of queries, however many interviews, passages or
fragments a project has.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Case, Count, Prefetch, Q, When
from django.utils import timezone
from django.utils.translation import gettext as _

from processteps.consultation.models import (
    Fragment,
    FragmentTheme,
    Interview,
    InterviewReport,
    KeyFigure,
    QuoteConsent,
    ReportStatus,
    Theme,
)
from processteps.consultation.services.transcripts import format_timestamp
from processteps.models import Project, Role

#: Report states in which the interviewer still has work to do.
OPEN_STATES = (ReportStatus.DRAFT, ReportStatus.RETURNED)


# -- attribution -----------------------------------------------------------------------------


def fragment_attribution(fragment: Fragment) -> tuple[bool, str]:
    """Whether a quote may be published, and how it is attributed.

    Consent is the interview's ``quote_consent``:

    - ``by_name``: the key figure's name, with the organisation when known; a key figure whose
      personal data were erased is attributed anonymously instead;
    - ``anonymous``: ``KeyFigure.anonymous_label()`` (organisation type or angle; never a name,
      organisation name, e-mail address or phone number);
    - ``none``: not publishable (the label only says so, for the team's screens).

    Reads ``fragment.report.interview.key_figure`` (and its angle): select them with the
    fragment (see :func:`fragments_per_theme`) to keep a list of quotes at a fixed cost.
    """
    interview = fragment.report.interview
    key_figure = interview.key_figure
    consent = interview.quote_consent
    if consent == QuoteConsent.BY_NAME and not key_figure.erased_at:
        name = key_figure.name.strip()
        organisation = key_figure.organisation.strip()
        if name:
            return True, f"{name} ({organisation})" if organisation else name
        return True, key_figure.anonymous_label()
    if consent in (QuoteConsent.BY_NAME, QuoteConsent.ANONYMOUS):
        return True, key_figure.anonymous_label()
    return False, _("Niet citeerbaar: geen toestemming om te citeren")


# -- provenance --------------------------------------------------------------------------------


def format_time(seconds: float | None) -> str:
    """A transcript time for display (``00:01:23``); "" when unknown."""
    return format_timestamp(seconds)


@dataclass
class Provenance:
    """Where a quote comes from: report → interview → key figure → transcript time."""

    report: InterviewReport
    interview: Interview
    key_figure_label: str  # the name for the team; "[gewist]" once erased
    source: str  # "transcript" or the report field's label
    time: str  # the passage's start time, "" when not from a transcript
    speaker: str

    @property
    def text(self) -> str:
        parts = [str(_("Verslag van interview met %(name)s")) % {"name": self.key_figure_label}]
        if self.interview.scheduled_at:
            parts.append(timezone.localtime(self.interview.scheduled_at).strftime("%d-%m-%Y"))
        if self.time:
            parts.append(_("transcript %(time)s") % {"time": self.time})
        elif self.source:
            parts.append(self.source)
        return ", ".join(str(p) for p in parts)


def field_label(name: str) -> str:
    """The label of a report field (``problem`` → "over het probleem (waarheid)")."""
    if name in InterviewReport.CONTENT_FIELDS:
        return str(InterviewReport._meta.get_field(name).verbose_name)
    return ""


def fragment_provenance(fragment: Fragment) -> Provenance:
    report = fragment.report
    interview = report.interview
    passage = fragment.passage
    return Provenance(
        report=report,
        interview=interview,
        key_figure_label=interview.key_figure.display_name,
        source="transcript" if passage is not None else field_label(fragment.source_field),
        time=format_time(passage.start) if passage is not None else "",
        speaker=passage.speaker if passage is not None else "",
    )


# -- fragments per theme ---------------------------------------------------------------------

FRAGMENT_RELATED = (
    "report__interview__key_figure__angle",
    "passage",
    "created_by",
)


@dataclass
class FragmentEntry:
    """A fragment as it stands under one theme: its place, provenance and attribution."""

    fragment: Fragment
    link: FragmentTheme | None  # None for a fragment without a theme
    publishable: bool
    attribution: str
    provenance: Provenance

    @property
    def position(self) -> int:
        return self.link.position if self.link else 0


@dataclass
class ThemeBlock:
    """A theme (level 1) or sub-theme (level 2) with its fragments in their chosen order."""

    theme: Theme
    level: int
    entries: list[FragmentEntry] = field(default_factory=list)
    children: list[ThemeBlock] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.entries) + sum(child.total for child in self.children)


def entry_for(fragment: Fragment, link: FragmentTheme | None = None) -> FragmentEntry:
    publishable, attribution = fragment_attribution(fragment)
    return FragmentEntry(
        fragment=fragment,
        link=link,
        publishable=publishable,
        attribution=attribution,
        provenance=fragment_provenance(fragment),
    )


def theme_tree(project: Project) -> list[tuple[Theme, list[Theme]]]:
    """Main themes in order, each with its sub-themes in order (one query)."""
    themes = list(project.themes.all())
    return [
        (theme, [t for t in themes if t.parent_id == theme.pk])
        for theme in themes
        if theme.parent_id is None
    ]


def theme_tree_with_counts(project: Project) -> list[tuple[Theme, list[Theme]]]:
    """:func:`theme_tree` with ``fragment_count`` on every theme: the fragments filed under it
    (a fragment under two themes counts for both). Two queries."""
    counts = dict(
        FragmentTheme.objects.filter(theme__project=project)
        .values("theme_id")
        .annotate(n=Count("pk"))
        .values_list("theme_id", "n")
    )
    tree = theme_tree(project)
    for main, children in tree:
        main.fragment_count = counts.get(main.pk, 0)
        for child in children:
            child.fragment_count = counts.get(child.pk, 0)
    return tree


def accepted_reports(project: Project):
    """The project's accepted reports (fragments are marked in these), by key figure."""
    return (
        InterviewReport.objects.filter(interview__project=project, status=ReportStatus.ACCEPTED)
        .select_related("interview__key_figure")
        # the list shows a name and a badge: not the reports' texts nor the contact data
        .only(
            "processed_at",
            "interview__key_figure__name",
            "interview__key_figure__erased_at",
        )
        .order_by("interview__key_figure__name", "pk")
    )


FRAGMENTS_PER_PAGE = 30
NO_THEME = "geen"


@dataclass
class FragmentsPage:
    """What the fragments page shows: the theme tree with counts (the navigation), and one main
    theme's section (``section``, its sub-themes inside) or the fragments without a theme
    (``without_theme``), a page of ``FRAGMENTS_PER_PAGE`` at a time (``page``)."""

    tree: list[tuple[Theme, list[Theme]]]
    without_theme_count: int
    selected: str
    page: object
    section: ThemeBlock | None = None
    without_theme: list[FragmentEntry] = field(default_factory=list)


def fragments_page(project: Project, theme: str | None, number) -> FragmentsPage:
    """The fragments page, loaded on demand: ``theme`` is a theme's pk (a sub-theme selects its
    main theme's section), ``NO_THEME``, or empty for the first main theme (or, without themes,
    the fragments without one). Entries carry ``rank`` (their place in the theme, over all
    pages), ``is_first``/``is_last`` and ``anchor``. Five queries, whatever the round's size."""
    tree = theme_tree_with_counts(project)
    unthemed = Fragment.objects.filter(project=project, theme_links__isnull=True)
    without_count = unthemed.count()
    chosen = None
    if theme != NO_THEME:
        for main, children in tree:
            if str(main.pk) == theme or any(str(c.pk) == theme for c in children):
                chosen = (main, children)
        if chosen is None and tree:
            chosen = tree[0]
    if chosen is None:
        paginator = Paginator(
            unthemed.select_related(*FRAGMENT_RELATED).order_by("id"), FRAGMENTS_PER_PAGE
        )
        paginator.count = without_count  # known: no second count
        page = paginator.get_page(number)
        entries = []
        for i, fragment in enumerate(page.object_list, start=page.start_index()):
            entry = entry_for(fragment)
            entry.rank, entry.anchor = i, True
            entries.append(entry)
        return FragmentsPage(tree, without_count, NO_THEME, page, without_theme=entries)

    main, children = chosen
    order = [main, *children]
    links = (
        FragmentTheme.objects.filter(theme__in=order)
        .select_related(*(f"fragment__{path}" for path in FRAGMENT_RELATED))
        .order_by(
            Case(*(When(theme_id=t.pk, then=i) for i, t in enumerate(order))), "position", "id"
        )
    )
    paginator = Paginator(links, FRAGMENTS_PER_PAGE)
    paginator.count = sum(t.fragment_count for t in order)
    page = paginator.get_page(number)
    blocks = {t.pk: ThemeBlock(theme=t, level=1 if t is main else 2) for t in order}
    starts, before = {}, 0
    for t in order:
        starts[t.pk], before = before, before + t.fragment_count
    totals = {t.pk: t.fragment_count for t in order}
    seen = set()  # a fragment under a theme and its sub-theme: the first place has the anchor
    for i, link in enumerate(page.object_list, start=page.start_index()):
        entry = entry_for(link.fragment, link)
        entry.rank = i - starts[link.theme_id]
        entry.is_first, entry.is_last = entry.rank == 1, entry.rank == totals[link.theme_id]
        entry.anchor = link.fragment_id not in seen
        seen.add(link.fragment_id)
        blocks[link.theme_id].entries.append(entry)
    section = blocks[main.pk]
    section.children = [blocks[c.pk] for c in children]
    return FragmentsPage(tree, without_count, str(main.pk), page, section=section)


def fragment_page_query(fragment: Fragment, theme_id: int | None = None) -> str:
    """The query of the fragments page that shows ``fragment`` (under ``theme_id``, or the first
    of its themes in the tree's order): ``thema=…&page=…``."""
    links = FragmentTheme.objects.filter(fragment=fragment).select_related("theme")
    if theme_id is not None:
        links = links.filter(theme_id=theme_id)
    link = links.order_by("theme__position", "theme__name").first()
    if link is None:
        before = Fragment.objects.filter(
            project_id=fragment.project_id, theme_links__isnull=True, pk__lt=fragment.pk
        ).count()
        return f"thema={NO_THEME}&page={before // FRAGMENTS_PER_PAGE + 1}"
    main_id = link.theme.parent_id or link.theme_id
    order = [main_id, *Theme.objects.filter(parent_id=main_id).values_list("pk", flat=True)]
    earlier = order[: order.index(link.theme_id)]
    before = FragmentTheme.objects.filter(theme_id__in=earlier).count()
    before += (
        FragmentTheme.objects.filter(theme_id=link.theme_id)
        .filter(Q(position__lt=link.position) | Q(position=link.position, pk__lt=link.pk))
        .count()
    )
    return f"thema={main_id}&page={before // FRAGMENTS_PER_PAGE + 1}"


def fragments_per_theme(project: Project, *, publishable_only: bool = False) -> list[ThemeBlock]:
    """The project's themes as a two-level tree, each with its fragments in their order.

    Two queries, whatever the number of themes and fragments: the themes, and the links with
    their fragment, report, interview, key figure (and angle) and passage. A fragment under two
    themes appears under both. With ``publishable_only`` quotes without consent are left out
    (for the Bloemlezing); the team's pages show them, marked as not publishable.
    """
    themes = list(project.themes.all())
    links = (
        FragmentTheme.objects.filter(theme__project=project)
        .select_related(*(f"fragment__{path}" for path in FRAGMENT_RELATED))
        .order_by("theme_id", "position", "id")
    )
    blocks = {
        theme.pk: ThemeBlock(theme=theme, level=2 if theme.parent_id else 1) for theme in themes
    }
    for link in links:
        entry = entry_for(link.fragment, link)
        if publishable_only and not entry.publishable:
            continue
        blocks[link.theme_id].entries.append(entry)
    tree = []
    for theme in themes:
        block = blocks[theme.pk]
        if theme.parent_id is None:
            tree.append(block)
        elif theme.parent_id in blocks:
            blocks[theme.parent_id].children.append(block)
    return tree


def fragments_without_theme(project: Project) -> list[FragmentEntry]:
    """Fragments not (yet) filed under any theme (one query)."""
    fragments = (
        Fragment.objects.filter(project=project, theme_links__isnull=True)
        .select_related(*FRAGMENT_RELATED)
        .order_by("id")
    )
    return [entry_for(fragment) for fragment in fragments]


def fragments_of_report(report: InterviewReport) -> list[FragmentEntry]:
    """A report's fragments with their themes (two queries)."""
    fragments = (
        Fragment.objects.filter(report=report)
        .select_related(*FRAGMENT_RELATED)
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.select_related("parent")))
        .order_by("id")
    )
    return [entry_for(fragment) for fragment in fragments]


# -- interviews, load, overdue -----------------------------------------------------------------


def report_of(interview: Interview) -> InterviewReport | None:
    """The interview's report, or None (no query when ``report`` was selected)."""
    try:
        return interview.report
    except InterviewReport.DoesNotExist:
        return None


def is_overdue(interview: Interview, today: datetime.date | None = None) -> bool:
    """The report was due before today and is not filed yet (none, a draft, or returned)."""
    today = today or timezone.localdate()
    if interview.report_due is None or interview.report_due >= today:
        return False
    report = report_of(interview)
    return report is None or report.status in OPEN_STATES


def _interviews(project: Project):
    return (
        Interview.objects.filter(project=project)
        .select_related("key_figure", "report")
        .prefetch_related(
            Prefetch("interviewers", queryset=get_user_model().objects.order_by("first_name", "id"))
        )
        .order_by("scheduled_at", "id")
    )


def _with_report_state(interviews, today: datetime.date) -> list[Interview]:
    interviews = list(interviews)
    for interview in interviews:
        interview.report_obj = report_of(interview)
        interview.overdue = is_overdue(interview, today)
    return interviews


def interviews_page(project: Project, number, *, per_page: int, today=None):
    """A page of the project's interviews with key figure, report and interviewers (a count and
    three queries, for the page's interviews only); each gets ``report_obj`` (the report or
    None) and ``overdue``."""
    page = Paginator(_interviews(project), per_page).get_page(number)
    page.object_list = _with_report_state(page.object_list, today or timezone.localdate())
    return page


def overdue_in_order(project: Project, today: datetime.date | None = None) -> list[Interview]:
    """The interviews whose report is overdue, in the overview's order (two queries)."""
    today = today or timezone.localdate()
    late = _interviews(project).filter(
        Q(report__isnull=True) | Q(report__status__in=OPEN_STATES), report_due__lt=today
    )
    return _with_report_state(late, today)


@dataclass
class InterviewerLoad:
    user: object
    role: str
    interviews: int = 0
    open_reports: int = 0  # no report yet, a draft, or returned
    submitted: int = 0  # waiting for the leader
    accepted: int = 0
    overdue: int = 0


def interviewer_load(project: Project) -> list[InterviewerLoad]:
    """Per team member (leader and members): interviews and the state of their reports, from
    one row per interviewer and interview (their user, the report's status and due date),
    without loading the interviews themselves; someone no longer on the team is still counted,
    under their name. Three queries."""
    memberships = project.memberships.filter(role__in=[Role.LEADER, Role.MEMBER]).select_related(
        "user"
    )
    loads = {m.user_id: InterviewerLoad(user=m.user, role=m.role) for m in memberships}
    today = timezone.localdate()
    rows = list(
        Interview.interviewers.through.objects.filter(interview__project=project).values_list(
            "user_id", "interview__report__status", "interview__report_due"
        )
    )
    gone = {user_id for user_id, _status, _due in rows if user_id not in loads}
    for person in get_user_model().objects.filter(pk__in=gone) if gone else ():
        loads[person.pk] = InterviewerLoad(user=person, role="")  # no longer on the team
    for user_id, status, due in rows:
        load = loads[user_id]
        load.interviews += 1
        still_open = status is None or status in OPEN_STATES
        if still_open:
            load.open_reports += 1
        elif status == ReportStatus.SUBMITTED:
            load.submitted += 1
        else:
            load.accepted += 1
        if still_open and due is not None and due < today:
            load.overdue += 1
    return sorted(
        loads.values(),
        key=lambda load: (-load.interviews, (load.user.get_full_name() or load.user.username)),
    )


def _claimable(project: Project, user):
    return (
        KeyFigure.objects.active()
        .filter(project=project, approved_at__isnull=False)
        .exclude(status="declined")
        .exclude(interviews__interviewers=user)
        .prefetch_related(
            Prefetch("interviews", queryset=Interview.objects.prefetch_related("interviewers"))
        )
        .order_by("name", "id")
    )


def _with_current_interviewers(figures) -> list[KeyFigure]:
    result = []
    for figure in figures:
        figure.current_interviewers = [
            person
            for interview in figure.interviews.all()
            for person in interview.interviewers.all()
        ]
        result.append(figure)
    return result


def claimable_page(project: Project, user, number, *, per_page: int):
    """Approved key figures (not erased, not declined) the user does not interview yet, a page
    at a time; each has ``current_interviewers`` (the people already interviewing them). A
    count, and the page's figures with their interviews and interviewers."""
    page = Paginator(_claimable(project, user), per_page).get_page(number)
    page.object_list = _with_current_interviewers(page.object_list)
    return page


# The key of step 4's checklist item that the consultation round ticks from its data.
REPORTS_PROCESSED = "reports_processed"


def reports_all_processed(project: Project) -> bool:
    """Whether "Alle input consultatieronde verwerkt" holds: there are accepted reports, every
    one of them is processed, and none waits for review."""
    reports = InterviewReport.objects.filter(interview__project=project)
    accepted = reports.filter(status=ReportStatus.ACCEPTED)
    done = accepted.exists() and not accepted.filter(processed_at__isnull=True).exists()
    return done and not reports.filter(status=ReportStatus.SUBMITTED).exists()
