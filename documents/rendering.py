"""Turning a document's HTML into a PDF/A-3a file, sealed off from the network and file system.

How URLs are resolved
---------------------
A document is rendered with the private base URL :data:`BASE_URL` (``app://document/``).
The print templates link their assets with ``{% static %}`` (``/static/documents/print.css``)
or media URLs (``/media/…``); WeasyPrint joins those with the base URL into
``app://document/static/documents/print.css`` and hands them to the URL fetcher.

``urllib.parse.urljoin`` only resolves relative references for schemes it knows to be
hierarchical, so :data:`APP_SCHEME` is registered in ``urllib.parse.uses_relative`` and
``uses_netloc`` when this module is imported (a no-op for every other scheme). Dot segments are
resolved by ``urljoin`` before the fetcher sees a URL; the fetcher still refuses any that remain
(also percent-encoded ones).

What the fetcher serves
-----------------------
:func:`sealed_url_fetcher` serves only:

* ``app://document/<STATIC_URL path>…``: a static file found by the staticfiles finders (the
  file must lie inside the finder's directory after resolving symlinks), or, failing that, a
  collected file under ``STATIC_ROOT`` (the hashed names ``ManifestStaticFilesStorage`` puts in
  templates in production);
* ``app://document/<MEDIA_URL path>…``: a file under ``MEDIA_ROOT`` (again after resolving
  symlinks);

and of those only the types a print layout needs (stylesheets, raster and SVG images, fonts).
Everything else is refused with :class:`RefusedURL` and logged at WARNING on the
``documents.rendering`` logger: ``http``, ``https``, ``ftp``, ``file`` and also ``data:`` URLs.
Our own templates do not need ``data:`` URLs (inline ``<svg>`` needs no fetch, and a generated
image can be stored as a media file), so refusing them keeps the rule simple: *the only bytes a
document can pull in are files the application itself serves*. WeasyPrint catches the exception,
logs that the resource failed to load and renders the document without it.

File attachments (``<a rel="attachment">``, ``<link rel="attachment">``) are dropped after
layout and before the PDF is written, so they are never even fetched: a process document
carries no embedded files.

Speed
-----
One layout pass (the table of contents uses CSS ``target-counter()``). PDF/A-3a requires a
tagged PDF, which costs WeasyPrint about a quarter more time than an untagged one; part of that
is a quadratic page lookup in pydyf that :func:`_memoise_page_references` removes (same bytes).
``bench/render.py`` compares this path with bare WeasyPrint.
"""

import functools
import logging
import urllib.parse
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path, PurePosixPath
from typing import NoReturn
from urllib import request

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation

logger = logging.getLogger(__name__)

APP_SCHEME = "app"
APP_HOST = "document"
#: The base URL every document is rendered with.
BASE_URL = f"{APP_SCHEME}://{APP_HOST}/"

#: The PDF variant written: archivable (PDF/A-3) and accessible (level A: tagged, with language).
PDF_VARIANT = "pdf/a-3a"

#: File types the fetcher serves, by extension. Anything else is refused even when it exists.
SERVED_TYPES = {
    ".css": "text/css",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}


def _register_scheme() -> None:
    """Let ``urljoin`` resolve relative references against ``app://document/``."""
    for registry in (urllib.parse.uses_relative, urllib.parse.uses_netloc):
        if APP_SCHEME not in registry:
            registry.append(APP_SCHEME)


_register_scheme()


class RefusedURL(ValueError):
    """The sealed fetcher does not serve this URL."""


def _refuse(url: str, reason: str) -> NoReturn:
    shown = url if len(url) <= 200 else f"{url[:200]}…"
    logger.warning("Refused to fetch %s for a document: %s", shown, reason)
    raise RefusedURL(f"{reason}: {shown}")


def _relative_path(path: str, prefix: str, url: str) -> str:
    """The part of ``path`` after ``prefix``, checked segment by segment."""
    rest = path[len(prefix) :]
    segments = rest.split("/")
    if not rest or any(s in {"", ".", ".."} for s in segments):
        _refuse(url, "not a plain relative path")
    if any("\\" in s or "\x00" in s or ":" in s for s in segments):
        _refuse(url, "unexpected character in path")
    return rest


def _inside(root: Path | str, candidate: Path | str) -> Path | None:
    """``candidate`` resolved, if it is a regular file inside ``root`` (also resolved)."""
    try:
        root = Path(root).resolve(strict=True)
        resolved = Path(candidate).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if resolved.is_relative_to(root) and resolved.is_file():
        return resolved
    return None


def _finder_roots() -> list[Path]:
    roots = []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(location))
    return roots


def _static_file(relative: str) -> Path | None:
    try:
        found = finders.find(relative)
    except (SuspiciousFileOperation, ValueError, OSError):
        return None
    if found:
        for root in _finder_roots():
            inside = _inside(root, found)
            if inside:
                return inside
        return None
    # Collected files (hashed names from a manifest storage live only here).
    if settings.STATIC_ROOT:
        root = Path(settings.STATIC_ROOT)
        return _inside(root, root.joinpath(*PurePosixPath(relative).parts))
    return None


def _media_file(relative: str) -> Path | None:
    if not settings.MEDIA_ROOT:
        return None
    root = Path(settings.MEDIA_ROOT)
    return _inside(root, root.joinpath(*PurePosixPath(relative).parts))


def _url_prefix(setting: str) -> str | None:
    """The path part of STATIC_URL / MEDIA_URL, as it appears under the base URL."""
    value = getattr(settings, setting, "") or ""
    parts = urllib.parse.urlsplit(value)
    if parts.scheme or parts.netloc:
        return None  # served from elsewhere: such absolute URLs are refused anyway
    path = "/" + parts.path.lstrip("/")
    return path if path.endswith("/") else path + "/"


def resolve_app_url(url: str) -> tuple[Path, str]:
    """The file and content type behind an ``app://document/…`` URL, or :class:`RefusedURL`."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        _refuse(url, "malformed URL")
    if parts.scheme.lower() != APP_SCHEME:
        _refuse(url, f"scheme {parts.scheme or '(none)'!r} is not served")
    if parts.netloc.lower() != APP_HOST:
        _refuse(url, "unknown host")
    path = urllib.parse.unquote(parts.path)

    static_prefix, media_prefix = _url_prefix("STATIC_URL"), _url_prefix("MEDIA_URL")
    if static_prefix and path.startswith(static_prefix):
        found = _static_file(_relative_path(path, static_prefix, url))
    elif media_prefix and path.startswith(media_prefix):
        found = _media_file(_relative_path(path, media_prefix, url))
    else:
        _refuse(url, "neither a static nor a media URL")
    if found is None:
        _refuse(url, "no such file")
    content_type = SERVED_TYPES.get(found.suffix.lower())
    if content_type is None:
        _refuse(url, "file type not served")
    return found, content_type


def sealed_url_fetcher(url: str, timeout: float = 10, ssl_context=None):
    """Fetch ``url`` for WeasyPrint from the app's own static and media files only.

    Returns a ``weasyprint.urls.URLFetcherResponse``; raises :class:`RefusedURL` (which
    WeasyPrint treats as a failed fetch) for anything else. ``timeout`` and ``ssl_context``
    are accepted for signature compatibility and unused: nothing goes over a network.
    """
    from weasyprint.urls import URLFetcherResponse

    path, content_type = resolve_app_url(url)
    headers = {"Content-Type": content_type}
    if content_type == "text/css":
        headers["Content-Type"] = "text/css; charset=utf-8"
    return URLFetcherResponse(url, body=BytesIO(path.read_bytes()), headers=headers)


@functools.cache
def _sealed_fetcher_class():
    from weasyprint.urls import HTTP_HEADERS, URLFetcher

    class SealedURLFetcher(URLFetcher):
        """WeasyPrint's fetcher interface around :func:`sealed_url_fetcher`.

        ``URLFetcher.__init__`` is skipped on purpose: it would install urllib's HTTP, FTP,
        file and data handlers, which this fetcher must never use.
        """

        def __init__(self):
            request.OpenerDirector.__init__(self)  # no handlers at all
            self._timeout = 0
            self._http_headers = dict(HTTP_HEADERS)
            self._allowed_protocols = (APP_SCHEME,)
            self._fail_on_errors = False
            self._request = None

        def fetch(self, url, headers=None):
            return sealed_url_fetcher(url)

    return SealedURLFetcher


def make_url_fetcher():
    """A WeasyPrint URL fetcher object that serves only through :func:`sealed_url_fetcher`."""
    return _sealed_fetcher_class()()


def _memoise_page_references() -> None:
    """Make ``pydyf.PDF.page_references`` O(1) per read instead of O(pages).

    pydyf rebuilds the tuple of every page reference on each read, and WeasyPrint's tagging
    (required for PDF/A-3a) reads it once per structure element, so a tagged PDF costs
    O(elements x pages): about 1.5 s of a 300-page document. The memo is keyed on the identity
    and length of the page list (pages are only ever appended) and the output is byte for byte
    the same. Idempotent; does nothing if pydyf no longer has the property.
    """
    import pydyf

    current = getattr(pydyf.PDF, "page_references", None)
    if not isinstance(current, property) or getattr(current.fget, "original", None):
        return
    original = current.fget

    def page_references(self):
        kids = self.pages["Kids"]
        key = (id(kids), len(kids))
        cached = self.__dict__.get("_memoised_page_references")
        if cached is None or cached[0] != key:
            cached = (key, original(self))
            self.__dict__["_memoised_page_references"] = cached
        return cached[1]

    page_references.original = original
    pydyf.PDF.page_references = property(page_references, doc=current.__doc__)


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int


def _drop_attachments(document) -> None:
    """Forget file attachments before the PDF is written (they would be fetched then)."""
    document.metadata.attachments = []
    for page in document.pages:
        page.links = [link for link in page.links if link[0] != "attachment"]


def render(html: str) -> RenderedPdf:
    """Render ``html`` (a complete document from a print template) to PDF/A-3a.

    One layout pass: the table of contents gets its page numbers from CSS
    ``target-counter()``. Title, author and language come from ``<title>``,
    ``<meta name="author">`` and ``<html lang>``.
    """
    import weasyprint

    _memoise_page_references()
    document = weasyprint.HTML(
        string=html, base_url=BASE_URL, url_fetcher=make_url_fetcher()
    ).render(pdf_variant=PDF_VARIANT)
    _drop_attachments(document)
    data = document.write_pdf(pdf_variant=PDF_VARIANT)
    return RenderedPdf(data=data, pages=len(document.pages))


def render_pdf(html: str) -> bytes:
    """The PDF/A-3a bytes for ``html``; see :func:`render`."""
    return render(html).data


def count_pages(pdf: bytes) -> int:
    """The number of pages of a PDF file."""
    from pypdf import PdfReader

    return len(PdfReader(BytesIO(pdf)).pages)
