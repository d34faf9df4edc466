"""Diagrams drawn by Graphviz (``dot``) as SVG: causal complexes, goal trees.

A tool describes its graph as :class:`Node` and :class:`Edge` lists (optionally grouped in
ranks); :func:`render_svg` lays it out with Graphviz — never a home-made layout — and returns
SVG markup that is safe to put inline in a page or a print template:

- every label is user text, escaped by the ``graphviz`` package when the DOT source is built;
- the SVG is parsed and rebuilt from a whitelist of elements and attributes (no scripts, no
  event handlers, no external references, no ``<image>``), so nothing in it makes the browser
  or the PDF renderer fetch anything;
- node links (``href``) are kept only when they are relative URLs of this site (the page);
  print drawings pass no links.

The SVG gets ``role="img"`` (``role="group"`` when its nodes are links) and an
``aria-labelledby`` title; a page must always show the same
content as an accessible list or table beside it (the picture is never the only way in).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from defusedxml.ElementTree import fromstring

SVG_NS = "http://www.w3.org/2000/svg"

# Graphviz writes these; anything else is dropped.
ALLOWED_ELEMENTS = {
    "svg", "g", "title", "desc", "polygon", "polyline", "path", "ellipse", "circle", "rect",
    "line", "text", "tspan", "a", "defs", "marker",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "id", "class", "width", "height", "viewBox", "transform", "points", "d", "cx", "cy", "rx",
    "ry", "r", "x", "y", "x1", "y1", "x2", "y2", "fill", "stroke", "stroke-width",
    "stroke-dasharray", "font-family", "font-size", "font-weight", "font-style",
    "text-anchor", "dominant-baseline", "opacity", "fill-opacity", "stroke-opacity",
    "preserveAspectRatio", "role", "aria-labelledby", "aria-hidden", "focusable",
}  # fmt: skip
_SAFE_HREF = re.compile(r"^/[^/\\]")  # a path on this site, never //host or a scheme

FONT = "DejaVu Sans"
# Graphviz runs as a subprocess; a diagram that takes longer than this is refused.
DOT_TIMEOUT = 30


class DiagramError(Exception):
    """Graphviz could not draw the diagram (missing program, timeout, bad graph)."""


@dataclass
class Node:
    id: str
    label: str
    href: str = ""
    tooltip: str = ""
    # Visual style: "symptom", "cause", "root_cause", "goal", "means", … (see STYLES)
    style: str = ""
    rank: str = ""  # nodes with the same rank key are drawn on one row


@dataclass
class Edge:
    source: str
    target: str
    label: str = ""
    style: str = ""  # "weakens", "loop", "derived", …


@dataclass
class Diagram:
    title: str
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    # Rank keys from the top of the picture to the bottom.
    rank_order: list[str] = field(default_factory=list)
    direction: str = "BT"  # edges drawn upward: causes below their effects


# Fill, border and shape per node style; colours pass WCAG contrast with black text.
ROUNDED = "rounded,filled"
STYLES = {
    "symptom": {"shape": "box", "style": ROUNDED, "fillcolor": "#f8d7da", "color": "#842029"},
    "cause": {"shape": "box", "style": ROUNDED, "fillcolor": "#fff3cd", "color": "#664d03"},
    "root_cause": {"shape": "box", "style": "filled", "fillcolor": "#cfe2ff", "color": "#084298"},
    "goal": {"shape": "box", "style": ROUNDED, "fillcolor": "#d1e7dd", "color": "#0f5132"},
    "means": {"shape": "note", "style": "filled", "fillcolor": "#e2e3e5", "color": "#41464b"},
    "": {"shape": "box", "style": "rounded", "color": "#212529"},
}  # fmt: skip
EDGE_STYLES = {
    "weakens": {"style": "dashed", "arrowhead": "tee"},
    "loop": {"color": "#6f42c1", "penwidth": "2"},
    "derived": {"style": "dotted"},
    "": {},
}


def _wrap(text: str, width: int = 28) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "\n".join(lines[:6]) + ("…" if len(lines) > 6 else "")


def dot_source(diagram: Diagram, *, links: bool) -> str:
    """The diagram as DOT (labels escaped by the graphviz package)."""
    import graphviz

    graph = graphviz.Digraph(
        graph_attr={"rankdir": diagram.direction, "fontname": FONT, "nodesep": "0.3",
                    "ranksep": "0.45", "bgcolor": "transparent"},
        node_attr={"fontname": FONT, "fontsize": "10", "margin": "0.12,0.06"},
        edge_attr={"fontname": FONT, "fontsize": "9", "color": "#495057"},
    )  # fmt: skip
    by_rank: dict[str, list[Node]] = {}
    for node in diagram.nodes:
        attrs = dict(STYLES.get(node.style, STYLES[""]))
        if links and node.href and _SAFE_HREF.match(node.href):
            attrs["href"] = node.href
            attrs["target"] = "_top"
        if node.tooltip:
            attrs["tooltip"] = node.tooltip[:200]
        graph.node(node.id, label=_wrap(node.label), **attrs)
        if node.rank:
            by_rank.setdefault(node.rank, []).append(node)
    for rank in diagram.rank_order:
        members = by_rank.get(rank)
        if members:
            with graph.subgraph() as same:
                same.attr(rank="same")
                for node in members:
                    same.node(node.id)
    for edge in diagram.edges:
        attrs = dict(EDGE_STYLES.get(edge.style, {}))
        graph.edge(edge.source, edge.target, label=edge.label[:60], **attrs)
    return graph.source


def render_svg(diagram: Diagram, *, links: bool = True, element_id: str = "diagram") -> str:
    """The diagram as sanitised inline SVG (see the module's docstring)."""
    if not diagram.nodes:
        return ""
    source = dot_source(diagram, links=links)
    program = shutil.which("dot")
    if program is None:
        raise DiagramError("Graphviz (dot) is not installed; install the Debian package graphviz.")
    try:
        done = subprocess.run(
            [program, "-Tsvg"],
            input=source.encode(),
            capture_output=True,
            timeout=DOT_TIMEOUT,
            check=True,
        )
    except subprocess.TimeoutExpired as exc:
        raise DiagramError(f"Graphviz took longer than {DOT_TIMEOUT} s") from exc
    except subprocess.CalledProcessError as exc:
        raise DiagramError(f"Graphviz could not draw the diagram: {exc.stderr[:500]!r}") from exc
    raw = done.stdout
    return sanitise_svg(raw, title=diagram.title, element_id=element_id, links=links)


def sanitise_svg(raw: bytes | str, *, title: str, element_id: str, links: bool) -> str:
    """Rebuild Graphviz's SVG from the whitelist; add an accessible title."""
    root = fromstring(raw if isinstance(raw, bytes) else raw.encode())
    clean = _clean(root, links=links)
    if clean is None:
        return ""
    # Plain element names with the namespace declared on the root: the serialisation does not
    # depend on prefixes other libraries register with ElementTree.
    clean.set("xmlns", SVG_NS)
    # A picture with links in it is a group: as an image its content would be presentational
    # and its links out of reach of a screen reader (axe: nested-interactive).
    clean.set("role", "group" if links else "img")
    clean.set("id", element_id)
    clean.set("aria-labelledby", f"{element_id}-title")
    for child in list(clean):
        if _local(child.tag) == "title":
            clean.remove(child)
    heading = ET.Element("title", {"id": f"{element_id}-title"})
    heading.text = title
    clean.insert(0, heading)
    # Graphviz gives sizes in pt; let the page scale the picture to its container.
    clean.attrib.pop("width", None)
    clean.attrib.pop("height", None)
    return ET.tostring(clean, encoding="unicode")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _clean(element, *, links: bool):
    name = _local(element.tag)
    if name not in ALLOWED_ELEMENTS:
        return None
    attrs = {}
    for key, value in element.attrib.items():
        local = _local(key)
        if local == "href" and name == "a":
            if links and _SAFE_HREF.match(value):
                attrs["href"] = value
            continue
        if local == "title" and name == "a":
            attrs["aria-label"] = value[:200]
            continue
        if local == "id":
            # Graphviz numbers its nodes (node1, edge1, …) in every drawing alike: kept, two
            # diagrams on one page would repeat them. Nothing refers to them (url() is dropped).
            continue
        if local in ALLOWED_ATTRIBUTES and not value.lstrip().lower().startswith(
            ("javascript:", "url(", "data:")
        ):
            attrs[local] = value
    if name == "a" and "href" not in attrs:
        name = "g"  # a link we do not keep is just a group
        attrs.pop("aria-label", None)
    clean = ET.Element(name, attrs)
    clean.text = element.text
    clean.tail = element.tail
    for child in element:
        kept = _clean(child, links=links)
        if kept is not None:
            clean.append(kept)
        elif child.tail:
            clean.tail = (clean.tail or "") + child.tail
    return clean
