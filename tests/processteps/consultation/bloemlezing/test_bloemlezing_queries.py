"""Compiling the Bloemlezing costs a fixed number of SQL queries, however big the harvest."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.builders import builder_for
from processteps.consultation.models import Dimension, QuoteConsent

from .test_bloemlezing import bloemlezing_of, consultation, interviewed_key_figure, quote

# every request renders its page: these count what rendering costs (not the page cache)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages")]

CONSENTS = (QuoteConsent.BY_NAME, QuoteConsent.ANONYMOUS, QuoteConsent.NONE)
ANGLES = (
    ("Overheid", "Gemeenten"),
    ("Maatschappelijke organisaties", None),
    ("Bedrijfsleven", None),
)


def compile_queries(project) -> tuple[int, str]:
    document = bloemlezing_of(project)
    with CaptureQueriesContext(connection) as queries:
        builder = builder_for(document)
        sections = builder.sections()
        html = builder.build_html(sections, version_label="Versie 1")
    return len(queries), html


def grow(c, *, figures: int, fragments_each: int) -> None:
    """More key figures (all consents and angles), each with fragments under every theme."""
    actor = c.project.leader
    themes = list(c.themes)
    dimensions = list(Dimension)
    for n in range(figures):
        angle, subangle = ANGLES[n % len(ANGLES)]
        name = f"Sleutelfiguur Nummer{n:03d}"
        interviewed_key_figure(
            c,
            actor,
            name=name,
            consent=CONSENTS[n % len(CONSENTS)],
            angle=angle,
            subangle=subangle,
            usual=n % 2 == 0,
            organisation=f"Organisatie {n}",
            organisation_type=("gemeente", "stichting", "bedrijf", "school")[n % 4],
        )
        for i in range(fragments_each):
            quote(
                c,
                actor,
                name,
                f"Citaat {i} van sleutelfiguur {n}: wat er moet gebeuren.",
                [themes[(n + i) % len(themes)]],
                dimensions[(n + i) % len(dimensions)],
            )


def test_compiling_uses_a_fixed_number_of_queries(project):
    c = consultation(project)
    small, small_html = compile_queries(project)

    grow(c, figures=12, fragments_each=6)
    large, large_html = compile_queries(project)

    assert (
        large_html.count('<figure class="fragment">')
        >= 10 * small_html.count('<figure class="fragment">')
        > 0
    )
    assert large == small, (small, large)
    assert small <= 10, small


def test_the_query_count_does_not_depend_on_the_number_of_themes(project):
    from processteps.consultation.services.reports import theme_add

    c = consultation(project)
    before, _html = compile_queries(project)
    for n in range(6):
        parent = theme_add(actor=project.leader, project=project, name=f"Extra thema {n}")
        c.themes[parent.name] = parent
        child = theme_add(
            actor=project.leader, project=project, name=f"Subthema {n}", parent=parent
        )
        c.themes[child.name] = child
    grow(c, figures=3, fragments_each=4)
    after, html = compile_queries(project)
    assert "Extra thema 5" in html and 'id="subthema-' in html
    assert after == before
