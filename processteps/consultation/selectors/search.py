"""Full-text search over one project's reports, transcript passages and fragments.

On PostgreSQL: ``django.contrib.postgres`` search with the Dutch configuration (stemming, so
"woningen" finds "woning"), ranked; ``ts_headline`` tells which words of the text are hits. On other
databases (SQLite in development): every word must occur (case-insensitive), highlighted here.

Snippets are built safely: the text is escaped first and only then are ``<mark>`` tags put
around the hits, so nothing a user typed can become markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from processteps.consultation.models import Fragment, InterviewReport, TranscriptPassage
from processteps.models import Project

CONFIG = "dutch"
LIMIT = 50  # results per kind
SNIPPET_CHARS = 240
MAX_QUERY = 200

# Markers ts_headline puts around hits: characters from Unicode's private use area. Only the
# words between them are used (to mark hits in the text as typed); they never reach the page.
START, STOP = "\ue000", "\ue001"


@dataclass
class SearchResult:
    kind: str  # "report", "passage" or "fragment"
    kind_label: str
    where: str  # e.g. "Verslag van interview met Anna, over oplossingen (wijsheid)"
    time: str  # a transcript passage's time, else ""
    snippet: SafeString
    url: str
    rank: float = 0.0


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def words_of(query: str) -> list[str]:
    return [w for w in re.findall(r"\w+", query.lower()) if w][:10]


def highlight(
    text: str, words: list[str], size: int = SNIPPET_CHARS, *, whole_words: bool = False
) -> SafeString:
    """A snippet of ``text`` around the first hit, escaped, with every hit in ``<mark>``.

    ``words`` are matched case-insensitively anywhere (as the fallback search finds them), or
    with ``whole_words`` only as whole words (the words PostgreSQL reported as hits).
    """
    text = text or ""
    spans = []
    if words:
        alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
        pattern = rf"(?<!\w)(?:{alternatives})(?!\w)" if whole_words else alternatives
        spans = [m.span() for m in re.finditer(pattern, text, re.I)]
    start = 0
    if spans and len(text) > size:
        start = max(0, spans[0][0] - size // 3)
        # Begin at a word boundary.
        space = text.rfind(" ", 0, start)
        start = space + 1 if space != -1 and start - space < 20 else start
    end = min(len(text), start + size)
    parts, cursor = [], start
    if start > 0:
        parts.append("… ")
    for a, b in spans:
        if b <= cursor or a >= end:
            continue
        a = max(a, cursor)
        b = min(b, end)
        parts.append(escape(text[cursor:a]))
        parts.append(f"<mark>{escape(text[a:b])}</mark>")
        cursor = b
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append(" …")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


def hit_words(headline: str) -> list[str]:
    """The words ``ts_headline`` marked as hits (the forms as they occur in the text)."""
    return [w.strip() for w in re.findall(f"{START}(.*?){STOP}", headline or "", re.S) if w.strip()]


def _report_where(report) -> str:
    return _("Verslag van interview met %(name)s") % {
        "name": report.interview.key_figure.display_name
    }


def _report_url(project, report_id, anchor=""):
    url = reverse("consultation:report", kwargs={"project": project.pk, "report": report_id})
    return f"{url}#{anchor}" if anchor else url


def _time(seconds) -> str:
    from processteps.consultation.selectors import format_time

    return format_time(seconds)


def search(project: Project, query: str, *, limit: int = LIMIT) -> list[SearchResult]:
    """Search one project's reports (per field), transcript passages and fragments."""
    query = (query or "").strip()[:MAX_QUERY]
    if not words_of(query):
        return []
    if uses_postgres():
        results = _search_postgres(project, query, limit)
    else:
        results = _search_simple(project, query, limit)
    return results


# -- PostgreSQL ------------------------------------------------------------------------------


def _search_postgres(project, query, limit):
    from django.contrib.postgres.search import (
        SearchHeadline,
        SearchQuery,
        SearchRank,
        SearchVector,
    )

    search_query = SearchQuery(query, config=CONFIG, search_type="websearch")

    def annotated(queryset, field):
        vector = SearchVector(field, config=CONFIG)
        return (
            queryset.annotate(
                _vector=vector,
                _rank=SearchRank(vector, search_query),
                _headline=SearchHeadline(
                    field,
                    search_query,
                    config=CONFIG,
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=35,
                    min_words=15,
                    max_fragments=3,
                ),
            )
            .filter(_vector=search_query)
            .order_by("-_rank", "pk")[:limit]
        )

    fallback_words = words_of(query)

    def snippet(text, headline):
        # ts_headline finds the hits (stemmed: "woningen" finds "woning") but strips markup
        # from the text; the snippet itself is made here from the text as it was typed.
        words = hit_words(headline)
        if words:
            return highlight(text, words, whole_words=True)
        return highlight(text, fallback_words)

    results = []
    reports = InterviewReport.objects.filter(interview__project=project).select_related(
        "interview__key_figure"
    )
    for field in InterviewReport.CONTENT_FIELDS:
        for report in annotated(reports, field):
            text = getattr(report, field)
            results.append(
                _report_result(
                    project, report, field, snippet(text, report._headline), report._rank
                )
            )
    passages = TranscriptPassage.objects.filter(
        transcript__report__interview__project=project
    ).select_related("transcript__report__interview__key_figure")
    for passage in annotated(passages, "text"):
        results.append(
            _passage_result(
                project, passage, snippet(passage.text, passage._headline), passage._rank
            )
        )
    fragments = Fragment.objects.filter(project=project).select_related(
        "report__interview__key_figure", "passage"
    )
    for fragment in annotated(fragments, "text"):
        results.append(
            _fragment_result(
                project, fragment, snippet(fragment.text, fragment._headline), fragment._rank
            )
        )
    results.sort(key=lambda r: -r.rank)
    return results


# -- the simple fallback -----------------------------------------------------------------------


def _all_words(field: str, words: list[str]) -> Q:
    condition = Q()
    for word in words:
        condition &= Q(**{f"{field}__icontains": word})
    return condition


def _search_simple(project, query, limit):
    words = words_of(query)
    results = []
    reports = InterviewReport.objects.filter(interview__project=project).select_related(
        "interview__key_figure"
    )
    any_field = Q()
    for field in InterviewReport.CONTENT_FIELDS:
        any_field |= _all_words(field, words)
    for report in reports.filter(any_field).order_by("pk")[:limit]:
        for field in InterviewReport.CONTENT_FIELDS:
            text = getattr(report, field)
            if all(w in text.lower() for w in words):
                results.append(_report_result(project, report, field, highlight(text, words)))
    passages = (
        TranscriptPassage.objects.filter(transcript__report__interview__project=project)
        .filter(_all_words("text", words))
        .select_related("transcript__report__interview__key_figure")
        .order_by("transcript_id", "index")[:limit]
    )
    for passage in passages:
        results.append(_passage_result(project, passage, highlight(passage.text, words)))
    fragments = (
        Fragment.objects.filter(project=project)
        .filter(_all_words("text", words))
        .select_related("report__interview__key_figure", "passage")
        .order_by("pk")[:limit]
    )
    for fragment in fragments:
        results.append(_fragment_result(project, fragment, highlight(fragment.text, words)))
    return results


# -- results ---------------------------------------------------------------------------------


def _report_result(project, report, field, snippet, rank=0.0):
    from processteps.consultation.selectors import field_label

    return SearchResult(
        kind="report",
        kind_label=_("Verslag"),
        where=f"{_report_where(report)}, {field_label(field)}",
        time="",
        snippet=snippet,
        url=_report_url(project, report.pk, f"field-{field}"),
        rank=rank,
    )


def _passage_result(project, passage, snippet, rank=0.0):
    report = passage.transcript.report
    speaker = f" – {passage.speaker}" if passage.speaker else ""
    return SearchResult(
        kind="passage",
        kind_label=_("Transcript"),
        where=f"{_report_where(report)}, {_('transcript')}{speaker}",
        time=_time(passage.start),
        snippet=snippet,
        url=_report_url(project, report.pk, f"passage-{passage.index}"),
        rank=rank,
    )


def _fragment_result(project, fragment, snippet, rank=0.0):
    url = reverse("consultation:fragments", kwargs={"project": project.pk})
    return SearchResult(
        kind="fragment",
        kind_label=_("Fragment"),
        where=_("Fragment uit: %(where)s") % {"where": _report_where(fragment.report)},
        time=_time(fragment.passage.start) if fragment.passage_id else "",
        snippet=snippet,
        url=f"{url}#fragment-{fragment.pk}",
        rank=rank,
    )
