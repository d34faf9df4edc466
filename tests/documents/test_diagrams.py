"""Graphviz diagrams: laid out by dot, user text escaped, nothing in the SVG that fetches or
runs anything, links only to this site, and the picture embeds in a sealed PDF as vectors."""

import re

import pytest

from documents.diagrams import Diagram, DiagramError, Edge, Node, render_svg, sanitise_svg
from documents.rendering import count_pages, render_pdf

from .conftest import pdf_text


def causal_diagram():
    return Diagram(
        title="Oorzakelijk complex <Wonen>",
        nodes=[
            Node("s", "Lange wachtlijsten <script>alert(1)</script>", href="/projects/1/f/1/",
                 style="symptom", rank="s"),
            Node("c", "Te weinig sociale huurwoningen", href="javascript:alert(1)",
                 style="cause", rank="c"),
            Node("r", "Dure grond", href="//evil.example/", style="root_cause", rank="r"),
        ],
        edges=[Edge("c", "s"), Edge("r", "c", style="weakens")],
        rank_order=["s", "c", "r"],
    )  # fmt: skip


def test_the_diagram_is_laid_out_by_graphviz_with_escaped_labels():
    svg = render_svg(causal_diagram(), element_id="complex-1", links=False)
    assert svg.startswith("<svg")
    assert 'role="img"' in svg and 'aria-labelledby="complex-1-title"' in svg
    # With its nodes as links it is a group, so a screen reader reaches the links.
    linked = render_svg(causal_diagram(), element_id="complex-1")
    assert 'role="group"' in linked and 'role="img"' not in linked
    assert "Oorzakelijk complex &lt;Wonen&gt;" in svg
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg  # the label is shown as text
    assert svg.count("<polygon") + svg.count("<path") >= 3  # shapes drawn by dot


def test_only_links_within_the_site_survive():
    svg = render_svg(causal_diagram())
    assert 'href="/projects/1/f/1/"' in svg
    assert "javascript" not in svg
    assert "evil.example" not in svg
    assert "href" not in render_svg(causal_diagram(), links=False)


def test_a_hostile_svg_is_rebuilt_from_the_whitelist():
    hostile = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        b'onload="alert(1)"><script>alert(2)</script><image href="http://x/y.png"/>'
        b'<a xlink:href="http://x/"><text fill="url(http://x/#f)" x="1">hi</text></a>'
        b"<foreignObject><p>html</p></foreignObject></svg>"
    )
    svg = sanitise_svg(hostile, title="t", element_id="d", links=True)
    for bad in ("onload", "<script", "<image", "http://x", "foreignObject", "url("):
        assert bad not in svg, bad
    assert ">hi<" in svg


def test_an_empty_diagram_draws_nothing():
    assert render_svg(Diagram(title="Leeg")) == ""


def test_without_graphviz_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setattr("documents.diagrams.shutil.which", lambda name: None)
    with pytest.raises(DiagramError, match="graphviz"):
        render_svg(causal_diagram())


def test_the_svg_embeds_in_the_sealed_pdf_as_vector_graphics():
    svg = render_svg(causal_diagram(), links=False)
    html = f"<html><body><h1>Complex</h1>{svg}</body></html>"
    pdf = render_pdf(html)
    assert count_pages(pdf) == 1
    text = pdf_text(pdf)
    assert "Te weinig sociale" in text  # SVG text stays text (vectors, not a bitmap)


def test_two_diagrams_on_one_page_share_no_id():
    first = render_svg(causal_diagram(), element_id="complex-1")
    second = render_svg(causal_diagram(), element_id="complex-2")
    ids = re.findall(r'\bid="([^"]+)"', first) + re.findall(r'\bid="([^"]+)"', second)
    assert len(ids) == len(set(ids)) == 4  # each drawing's own id and its title's
