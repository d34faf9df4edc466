"""Sanitising the rich text a team writes into a document section.

Everything a user types is untrusted: it ends up in the online reading view and in the PDF
renderer. :func:`clean_html` keeps a small rich-text subset and drops everything that could
reach outside the document (images, frames, styles, scripts, non-web links) or interfere with
the print layout (``id``/``class``/``style`` attributes that could collide with the print
template's anchors and rules).
"""

import re

import nh3

#: Tags a section may contain. Headings start at h2: the print template owns h1 (chapters).
ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "h2",
        "h3",
        "h4",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "s",
        "sup",
        "sub",
        "span",
        "code",
        "pre",
        "ul",
        "ol",
        "li",
        "blockquote",
        "a",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "figure",
        "figcaption",
        "hr",
    }
)

#: Tags removed together with everything inside them (the text of a script is not prose).
DROPPED_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "noscript",
        "template",
        "svg",
        "math",
        "head",
        "title",
        "textarea",
        "select",
        "button",
    }
)

#: Attributes per tag. No ``style``, ``class`` or ``id`` anywhere; ``rel`` is forced (below).
#: ``lang`` lets a quote in another language hyphenate (and be read out) correctly.
ALLOWED_ATTRIBUTES = {
    "*": {"lang"},
    "a": {"href", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}

#: Link schemes. Relative URLs are dropped too: in the PDF they would resolve against the
#: renderer's private base URL.
URL_SCHEMES = frozenset({"http", "https", "mailto"})

LINK_REL = "noopener noreferrer"

# Bounds that keep a table or list from asking the layout engine for absurd work.
_MAX_SPAN = 100
_MAX_START = 100_000
_INTEGER = re.compile(r"\s*(\d{1,6})\s*")


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute in {"colspan", "rowspan"}:
        match = _INTEGER.fullmatch(value)
        if not match or not 1 <= int(match[1]) <= _MAX_SPAN:
            return None
        return str(int(match[1]))
    if attribute == "start":
        match = _INTEGER.fullmatch(value)
        if not match or int(match[1]) > _MAX_START:
            return None
        return str(int(match[1]))
    if attribute == "href":
        # Browsers and the renderer read " https://…" as a relative URL; normalise it.
        return value.strip()
    if attribute == "scope":
        return value if value in {"row", "col", "rowgroup", "colgroup"} else None
    return value


_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
    attribute_filter=_filter_attribute,
    strip_comments=True,
    link_rel=LINK_REL,
    url_schemes=set(URL_SCHEMES),
    url_relative="deny",
)


def clean_html(html: str) -> str:
    """Return ``html`` reduced to the allowed rich-text subset (idempotent)."""
    if not html:
        return ""
    return _cleaner.clean(html)
