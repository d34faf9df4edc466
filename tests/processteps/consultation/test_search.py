"""Full-text search over one project's reports, transcript passages and fragments.

On PostgreSQL the search uses the Dutch configuration (stemming); elsewhere a simple
case-insensitive fallback. The fallback is also tested directly, so CI (on PostgreSQL) covers
both. Snippets are escaped first, then the hits are marked.
"""

import pytest
from django.db import connection
from django.urls import reverse

from processteps.consultation.selectors import search as search_service
from tests.conftest import require
from tests.factories import ProjectFactory

from .test_interviews_support import (
    accepted_report_with_transcript,
    fragment,
    interview,
    key_figure,
    leader_of,
    report,
    theme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def harvest(project):
    """An accepted report with a transcript and a fragment, plus a draft report."""
    accepted = accepted_report_with_transcript(project)
    wonen = theme(project, "Wonen")
    passage = accepted.transcript.passages.get(index=1)
    fragment(accepted, "Te weinig betaalbare woningen.", wonen, passage=passage)
    report(
        interview(project, key_figure(project, name="Bert Bakker")),
        problem="De huur van een woning is te hoog <script>alert(1)</script> voor starters.",
        causes="Er wordt te weinig gebouwd.",
    )
    return accepted


def kinds(results):
    return sorted((r.kind, r.where) for r in results)


# --- the fallback (SQLite; tested directly on any database) -----------------------------------


def test_the_fallback_finds_reports_passages_and_fragments(project, harvest):
    results = search_service._search_simple(project, "betaalbare woningen", 50)
    assert kinds(results) == [
        ("fragment", "Fragment uit: Verslag van interview met Anna de Vries"),
        ("passage", "Verslag van interview met Anna de Vries, transcript – Anna de Vries"),
        ("report", "Verslag van interview met Anna de Vries, over het probleem (waarheid)"),
    ]
    passage = next(r for r in results if r.kind == "passage")
    assert passage.time == "00:00:07"
    assert passage.url.endswith(f"/reports/{harvest.pk}/#passage-1")
    assert "<mark>betaalbare</mark> <mark>woningen</mark>" in passage.snippet


def test_the_fallback_needs_every_word(project, harvest):
    results = search_service._search_simple(project, "woningen starters", 50)
    assert [r.where for r in results] == [
        "Verslag van interview met Anna de Vries, over oplossingen (wijsheid)"
    ]
    assert str(results[0].snippet) == (
        "Bouw kleine <mark>woningen</mark> voor <mark>starters</mark>."
    )
    assert search_service._search_simple(project, "woningen zwembad", 50) == []


def test_snippets_are_escaped_before_marking():
    text = "De <b>huur</b> & de woning <script>alert('woning')</script>"
    snippet = search_service.highlight(text, ["woning"])
    assert "<script>" not in snippet and "<b>" not in snippet
    assert "&lt;b&gt;huur&lt;/b&gt; &amp; de <mark>woning</mark>" in snippet
    assert "alert(&#x27;<mark>woning</mark>&#x27;)" in snippet
    # A hit word that is also part of an entity is not broken up.
    assert "<mark>" not in search_service.highlight("A &amp; B", ["amp"]).replace(
        "<mark>amp</mark>", ""
    )


def test_a_long_text_is_cut_around_the_first_hit():
    text = "Begin. " + "opvulling " * 100 + "de woning is te duur " + "einde " * 100
    snippet = search_service.highlight(text, ["woning"])
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert "<mark>woning</mark>" in snippet
    assert len(snippet) < 400


def test_the_hits_postgresql_reports_are_marked_as_whole_words():
    start, stop = search_service.START, search_service.STOP
    headline = f"de {start}woning{stop} is <i>duur</i>, {start}Woning{stop}"
    assert search_service.hit_words(headline) == ["woning", "Woning"]
    snippet = search_service.highlight(
        "De woning, woningen en <i>Woning</i>", ["woning", "Woning"], whole_words=True
    )
    assert snippet == "De <mark>woning</mark>, woningen en &lt;i&gt;<mark>Woning</mark>&lt;/i&gt;"


def test_search_stays_in_one_project(project, harvest):
    other = ProjectFactory(leader=leader_of(project), name="Andere wijk")
    other.leader = leader_of(project)
    report(
        interview(other, key_figure(other, name="Elders"), interviewers=[other.leader]),
        problem="Betaalbare woningen elders.",
    )
    for results in (
        search_service.search(project, "woningen"),
        search_service._search_simple(project, "woningen", 50),
    ):
        assert results
        assert all("Elders" not in r.where for r in results)
        assert all(f"/projects/{project.pk}/" in r.url for r in results)


def test_an_empty_query_finds_nothing(project, harvest):
    assert search_service.search(project, "   ") == []
    assert search_service.search(project, "!!!") == []


# --- the configured database ------------------------------------------------------------------


def test_search_on_the_configured_database(project, harvest):
    results = search_service.search(project, "woningen")
    found = {r.kind for r in results}
    assert found == {"report", "passage", "fragment"}
    for result in results:
        assert "<script>" not in result.snippet
        assert "<mark>" in result.snippet


@pytest.mark.postgres
def test_dutch_stemming_on_postgresql(project, harvest):
    require(connection.vendor == "postgresql", "PostgreSQL is not the configured database")
    # Only "woning" (singular) is in Bert Bakker's report; "woningen" finds it by its stem.
    results = search_service.search(project, "woningen")
    bert = [r for r in results if "Bert Bakker" in r.where]
    assert [r.where for r in bert] == [
        "Verslag van interview met Bert Bakker, over het probleem (waarheid)"
    ]
    assert "<mark>woning</mark>" in bert[0].snippet
    assert "&lt;script&gt;" in bert[0].snippet and "<script>" not in bert[0].snippet
    # The other way round, and a word form of a verb.
    assert search_service.search(project, "woning")
    bouwen = search_service.search(project, "bouwen")
    assert [r.where for r in bouwen] == [
        "Verslag van interview met Anna de Vries, over oplossingen (wijsheid)"
    ]
    assert str(bouwen[0].snippet) == "<mark>Bouw</mark> kleine woningen voor starters."
    # websearch syntax: a phrase, and a word left out.
    assert search_service.search(project, '"betaalbare woningen" -buurtkamer')


@pytest.mark.postgres
def test_results_are_ranked_on_postgresql(project, harvest):
    require(connection.vendor == "postgresql", "PostgreSQL is not the configured database")
    results = search_service.search(project, "woningen")
    ranks = [r.rank for r in results]
    assert ranks == sorted(ranks, reverse=True)


# --- the page ---------------------------------------------------------------------------------


def test_the_search_page_shows_where_each_hit_is(project, harvest, client_as):
    url = reverse("consultation:search", args=[project.pk])
    page = client_as("member").get(url, {"q": "buurtkamer"}).content.decode()
    assert "1 resultaat voor 'buurtkamer'" in page
    assert "Verslag van interview met Anna de Vries, transcript" in page
    assert "00:01:23" in page
    assert "De <mark>buurtkamer</mark> is de plek" in page


def test_the_search_page_escapes_the_query_and_the_text(project, harvest, client_as):
    url = reverse("consultation:search", args=[project.pk])
    page = client_as("leader").get(url, {"q": "<script>alert(1)</script> hoog"}).content.decode()
    assert "<script>alert(1)" not in page


def test_the_search_page_without_a_query(project, client_as):
    url = reverse("consultation:search", args=[project.pk])
    page = client_as("member").get(url).content.decode()
    assert 'id="results"' not in page
