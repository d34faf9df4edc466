"""documents.rendering and the print layout: PDF/A-3a output, table of contents, and the sealed
URL fetcher that keeps a document from reaching the network or the file system.

None of these tests needs the database.
"""

import builtins
import datetime
import io
import logging
import os
import random
import re
import shutil
import socket
import subprocess
import urllib.request
from io import BytesIO

import pytest
from django.template.loader import render_to_string
from pypdf import PdfReader

from documents import rendering
from documents.rendering import (
    BASE_URL,
    RefusedURL,
    count_pages,
    render,
    render_pdf,
    sealed_url_fetcher,
)
from tests.conftest import require

WORDS = [
    *("de", "het", "een", "en", "van", "in", "op", "te", "met", "voor", "door", "over"),
    *("bij", "naar", "gemeente", "burgers", "wijk", "samenleving", "beleid", "bewoners"),
    *("vrijwilligers", "ervaring", "gesprek", "zorg", "buurt", "jongeren", "ouderen"),
    *("werk", "school", "vereniging", "toekomst", "vertrouwen", "afspraak", "probleem"),
    *("samenwerking", "oorzaak", "oplossing", "initiatief", "netwerk", "ontmoeting"),
    *("verantwoordelijkheid", "betrokkenheid"),
]


def lorem(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraphs(seed: int, count: int) -> str:
    rng = random.Random(seed)
    return "".join(f"<p>{lorem(rng, 90)}</p>" for _ in range(count))


def print_html(sections, **context) -> str:
    """A document through the print layout, as a builder would produce it."""
    base = {
        "document_title": "Plan van aanpak",
        "project_name": "Eenzaamheid in Oost",
        "step": {"number": 1, "name": "Starten van het proces"},
        "version_label": "Versie 2",
        "date": datetime.date(2025, 3, 14),
        "client": "Gemeente Voorbeeldstad",
        "toc": [{"id": s["anchor"], "title": s["title"], "level": 1} for s in sections],
        "sections": sections,
    }
    base.update(context)
    return render_to_string("documents/print_base.html", base)


def pdf_pages_text(pdf: bytes) -> list[str]:
    """The text of each page (pdftotext, layout mode), index 0 = page 1."""
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    out = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdfinfo(pdf: bytes) -> dict[str, str]:
    require(shutil.which("pdfinfo") is not None, "pdfinfo (poppler-utils) is not installed")
    out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
    info = {}
    for line in out.decode().splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


SECTIONS = [
    {"anchor": "s1-aanleiding", "title": "Aanleiding", "body": paragraphs(1, 3), "compiled": ""},
    {
        "anchor": "s2-analyse",
        "title": "Analyse",
        "body": "<h2>Wat we hoorden</h2>"
        + paragraphs(2, 16)
        + "<blockquote><p>Iedereen wil erbij horen.</p></blockquote>"
        + "<h2>Wat we zagen</h2>"
        + paragraphs(3, 12),
        "compiled": "",
    },
    {
        "anchor": "s3-planning",
        "title": "Planning",
        "body": "",
        "compiled": "<table><thead><tr><th>Stap</th><th>Wanneer</th></tr></thead><tbody>"
        + "".join(f"<tr><td>Stap {i}</td><td>week {i}</td></tr>" for i in range(1, 90))
        + "</tbody></table>",
    },
    {"anchor": "s4-bijlage", "title": "Bijlage", "body": paragraphs(4, 2), "compiled": ""},
]


@pytest.fixture(scope="module")
def document_pdf():
    # Module scope: one render serves the read-only assertions below.
    return render(print_html(SECTIONS))


# -- the document ---------------------------------------------------------------------------


def test_pdf_contains_cover_toc_and_sections(document_pdf):
    pages = pdf_pages_text(document_pdf.data)
    assert len(pages) == document_pdf.pages == count_pages(document_pdf.data)
    cover = pages[0]
    for text in (
        "Eenzaamheid in Oost",
        "Plan van aanpak",
        "Stap 1. Starten van het proces",
        "Versie 2",
        "14 maart 2025",
        "Gemeente Voorbeeldstad",
    ):
        assert text in cover
    assert "Inhoudsopgave" in pages[1]
    full = "\n".join(pages)
    for section in SECTIONS:
        assert section["title"] in full
    assert "Wat we hoorden" in full
    assert "Iedereen wil erbij horen." in full
    assert "Stap 89" in full


def test_pdf_is_pdf_a_3a_and_tagged(document_pdf):
    info = pdfinfo(document_pdf.data)
    assert info["Tagged"] == "yes"
    assert info["Title"] == "Plan van aanpak"
    assert info["Author"] == "Eenzaamheid in Oost"
    assert info["Page size"].endswith("(A4)")

    root = PdfReader(BytesIO(document_pdf.data)).trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfaid:part(=\"|>)3", xmp)
    assert re.search(r"pdfaid:conformance(=\"|>)A", xmp)
    assert root["/Lang"] == "nl"
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert "/OutputIntents" in root


def test_running_header_and_footer_not_on_the_cover(document_pdf):
    # The footer exists only in static/documents/print.css: the stylesheet was fetched.
    pages = pdf_pages_text(document_pdf.data)
    total = len(pages)
    assert "pagina" not in pages[0]
    for number, text in enumerate(pages[1:], start=2):
        assert re.search(rf"pagina {number} van {total}\s*$", text.rstrip()), text[-200:]
        first_line = text.strip().splitlines()[0]
        assert "Plan van aanpak" in first_line and "Eenzaamheid in Oost" in first_line


def test_toc_lists_the_real_page_numbers(document_pdf):
    pages = pdf_pages_text(document_pdf.data)
    toc = {}
    for line in pages[1].splitlines():
        match = re.match(r"^\s*(?P<title>\S.*?)\s*\.{3,}\s*(?P<page>\d+)\s*$", line)
        if match:
            toc[match["title"]] = int(match["page"])
    assert list(toc) == [s["title"] for s in SECTIONS]

    def page_of(heading):
        for number, text in enumerate(pages, start=1):
            if number > 2 and any(line.strip() == heading for line in text.splitlines()):
                return number
        raise AssertionError(f"heading {heading!r} not found")

    for title, number in toc.items():
        assert number == page_of(title), title
    # The long sections push the last chapter well beyond the first pages.
    assert toc["Bijlage"] >= 8
    assert toc["Bijlage"] > toc["Planning"] > toc["Analyse"] + 2 > toc["Aanleiding"]


def test_table_header_repeats_on_every_page(document_pdf):
    pages = pdf_pages_text(document_pdf.data)
    table_pages = [t for t in pages if re.search(r"Stap \d+\s+week \d+", t)]
    assert len(table_pages) >= 2
    for text in table_pages:
        assert re.search(r"Stap\s+Wanneer", text)


def test_headings_become_nested_bookmarks(document_pdf):
    reader = PdfReader(BytesIO(document_pdf.data))
    outline = reader.outline
    titles = [item["/Title"] for item in outline if not isinstance(item, list)]
    assert titles == ["Plan van aanpak", "Inhoudsopgave", *[s["title"] for s in SECTIONS]]
    # h2 headings nest under their chapter: pypdf lists the children right after it.
    analyse = next(
        i
        for i, item in enumerate(outline)
        if not isinstance(item, list) and item["/Title"] == "Analyse"
    )
    children = outline[analyse + 1]
    assert [c["/Title"] for c in children] == ["Wat we hoorden", "Wat we zagen"]


def test_no_attachments_in_a_normal_document(document_pdf):
    assert_no_attachments(document_pdf.data)


def test_rendering_is_deterministic():
    html = print_html(SECTIONS[:1])
    assert render_pdf(html) == render_pdf(html)


def test_page_reference_memo_changes_no_byte(monkeypatch):
    import pydyf

    html = print_html(SECTIONS[:2])
    fast = render_pdf(html)
    memoised = pydyf.PDF.page_references.fget
    assert memoised.original
    monkeypatch.setattr(pydyf.PDF, "page_references", property(memoised.original))
    monkeypatch.setattr(rendering, "_memoise_page_references", lambda: None)
    assert render_pdf(html) == fast


def test_language_comes_from_the_template():
    pdf = render_pdf(print_html(SECTIONS[:1], language="en"))
    assert PdfReader(BytesIO(pdf)).trailer["/Root"]["/Lang"] == "en"


def test_user_text_is_escaped_in_running_texts():
    pdf = render_pdf(print_html(SECTIONS[:1], document_title='Visie "A" & <b>B</b>'))
    pages = pdf_pages_text(pdf)
    assert 'Visie "A" & <b>B</b>' in pages[1].splitlines()[0]
    assert pdfinfo(pdf)["Title"] == 'Visie "A" & <b>B</b>'


def test_dutch_hyphenation_dictionary_is_available():
    import pyphen

    assert pyphen.language_fallback("nl") in pyphen.LANGUAGES
    assert "-" in pyphen.Pyphen(lang="nl").inserted("samenlevingsbeleid")


# -- the sealed fetcher ---------------------------------------------------------------------


def assert_no_attachments(pdf: bytes):
    reader = PdfReader(BytesIO(pdf))
    assert list(reader.attachments) == []
    root = reader.trailer["/Root"]
    assert "/AF" not in root
    if "/Names" in root:
        assert "/EmbeddedFiles" not in root["/Names"].get_object()
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            assert annot.get_object().get("/Subtype") != "/FileAttachment"


@pytest.fixture
def outside_access(monkeypatch):
    """Records (does not just forbid) any network or file-system access a render attempts.

    WeasyPrint swallows exceptions raised while fetching, so raising here would not fail a
    test; the test asserts the record is empty instead.
    """
    calls = []

    def forbidden(name):
        def record(*args, **kwargs):
            calls.append((name, args))
            raise OSError(f"{name} is forbidden in this test")

        return record

    monkeypatch.setattr(urllib.request, "urlopen", forbidden("urlopen"))
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", forbidden("OpenerDirector.open"))
    from weasyprint import urls

    monkeypatch.setattr(urls.URLFetcher, "fetch", forbidden("URLFetcher.fetch"))
    monkeypatch.setattr(socket, "create_connection", forbidden("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", forbidden("socket.getaddrinfo"))
    monkeypatch.setattr(socket.socket, "connect", forbidden("socket.connect"))

    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        path = os.fspath(file) if isinstance(file, str | bytes | os.PathLike) else ""
        if isinstance(path, bytes):
            path = path.decode(errors="replace")
        if path.startswith(("/etc/", "/proc/")):
            calls.append(("open", (path,)))
            raise PermissionError(path)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    return calls


@pytest.fixture
def fetched(monkeypatch):
    """The URLs WeasyPrint asked the sealed fetcher for."""
    urls = []
    real = rendering.sealed_url_fetcher

    def spy(url, *args, **kwargs):
        urls.append(url)
        return real(url, *args, **kwargs)

    monkeypatch.setattr(rendering, "sealed_url_fetcher", spy)
    return urls


HOSTILE = """<!DOCTYPE html><html lang="nl"><head><title>Vijandig</title>
<link rel="stylesheet" href="file:///etc/passwd">
<link rel="stylesheet" href="/static/../../../../etc/passwd">
<link rel="stylesheet" href="/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd">
<link rel="stylesheet" href="/media/../../../etc/passwd">
<link rel="attachment" href="file:///etc/passwd">
<link rel="attachment" href="/media/bijlage.png">
<style>
@import url(http://127.0.0.1:9/evil.css);
@import url("https://example.invalid/evil.css");
@font-face { font-family: Evil; src: url(ftp://127.0.0.1:9/f.woff), url(file:///etc/passwd); }
body { background: url(file:///etc/passwd) }
h1 { background-image: url("data:image/png;base64,iVBORw0KGgo=") }
p.x::after { content: url(file:///etc/hostname) }
</style></head>
<body>
<h1>Vijandige inhoud</h1>
<p class="x">Deze tekst moet blijven staan.</p>
<img src="file:///etc/passwd" alt="">
<img src="http://127.0.0.1:9/x.png" alt="">
<img src="//127.0.0.1:9/y.png" alt="">
<a rel="attachment" href="file:///etc/passwd">bijlage</a>
<a rel="attachment" href="/media/bijlage.png">bijlage uit media</a>
<object data="file:///etc/passwd"></object>
<embed src="https://example.invalid/e.svg">
<iframe src="file:///etc/passwd"></iframe>
<svg width="10" height="10"><image href="file:///etc/passwd" width="10" height="10"/></svg>
</body></html>"""


def test_hostile_document_renders_without_reaching_out(
    outside_access, fetched, caplog, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "bijlage.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with caplog.at_level(logging.WARNING, logger="documents.rendering"):
        pdf = render_pdf(HOSTILE)

    assert outside_access == []
    text = "\n".join(pdf_pages_text(pdf))
    assert "Deze tekst moet blijven staan." in text
    assert "root:x:0:0" not in text
    assert "root:" not in pdf.decode("latin-1")
    assert_no_attachments(pdf)

    # Attachments are dropped before they are fetched, even our own files.
    assert not any("bijlage" in url for url in fetched)
    ours = [r for r in caplog.records if r.name == "documents.rendering"]
    assert all(r.levelno == logging.WARNING for r in ours)
    refused = [r.getMessage() for r in ours]
    for url in (
        "file:///etc/passwd",
        "http://127.0.0.1:9/evil.css",
        "https://example.invalid/evil.css",
        "http://127.0.0.1:9/x.png",
        "app://127.0.0.1:9/y.png",
        "app://document/etc/passwd",
        "app://document/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "data:image/png;base64,iVBORw0KGgo=",
        "https://example.invalid/e.svg",
    ):
        assert any(url in message for message in refused), url
    # Nothing it was asked for was served.
    assert all(url in " ".join(refused) for url in fetched)


def test_static_files_of_the_template_are_served(fetched, caplog):
    with caplog.at_level(logging.WARNING, logger="documents.rendering"):
        render_pdf(print_html(SECTIONS[:1]))
    assert f"{BASE_URL}static/documents/print.css" in fetched
    assert not [r for r in caplog.records if r.name == "documents.rendering"]


# -- the fetcher on its own -----------------------------------------------------------------


def test_fetcher_serves_a_static_file():
    response = sealed_url_fetcher(f"{BASE_URL}static/documents/print.css")
    try:
        assert response.content_type == "text/css"
        assert b"@page" in response.read()
    finally:
        response.close()


def test_fetcher_serves_a_media_image(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "projects" / "1").mkdir(parents=True)
    (tmp_path / "projects" / "1" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\nrest")
    response = sealed_url_fetcher(f"{BASE_URL}media/projects/1/logo.png")
    assert response.content_type == "image/png"
    assert response.read().startswith(b"\x89PNG")


def test_fetcher_serves_collected_static_files(settings, tmp_path):
    # Production templates carry hashed names (ManifestStaticFilesStorage) that only exist
    # in STATIC_ROOT.
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "print.0123abcd.css").write_text("@page { size: A4 }")
    response = sealed_url_fetcher(f"{BASE_URL}static/documents/print.0123abcd.css")
    assert response.read() == b"@page { size: A4 }"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "http://127.0.0.1:9/x.png",
        "https://example.org/print.css",
        "http://testserver/static/documents/print.css",
        "ftp://127.0.0.1/x",
        "data:text/css,body{}",
        "data:image/png;base64,iVBORw0KGgo=",
        "app://evil.example/static/documents/print.css",
        "app:///static/documents/print.css",
        "app://document/etc/passwd",
        "app://document/static/../../../../etc/passwd",
        "app://document/static/documents/../../../../../etc/passwd",
        "app://document/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "app://document/static/%2E%2E%2F%2E%2E%2Fsettings.py",
        "app://document/static/documents/%2e%2e%2f%2e%2e%2fstatic/css/app.css",
        "app://document/static/..%5c..%5cetc/passwd",
        "app://document/static//etc/passwd",
        "app://document/static/",
        "app://document/static/documents/missing.css",
        "app://document/media/../../etc/passwd",
        "app://document/media/%2e%2e/%2e%2e/etc/passwd",
        "app://document/manage.py",
        "static/documents/print.css",
    ],
)
def test_fetcher_refuses(url, caplog):
    with caplog.at_level(logging.WARNING, logger="documents.rendering"), pytest.raises(RefusedURL):
        sealed_url_fetcher(url)
    assert [r.levelno for r in caplog.records if r.name == "documents.rendering"] == [
        logging.WARNING
    ]


def test_fetcher_refuses_files_of_other_types(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "notulen.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / "notities.txt").write_text("geheim")
    for name in ("notulen.pdf", "notities.txt"):
        with pytest.raises(RefusedURL):
            sealed_url_fetcher(f"{BASE_URL}media/{name}")


def test_fetcher_refuses_symlinks_out_of_media(settings, tmp_path):
    media, outside = tmp_path / "media", tmp_path / "outside"
    media.mkdir()
    outside.mkdir()
    (outside / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\nsecret")
    (media / "link.png").symlink_to(outside / "secret.png")
    (media / "dir").symlink_to(outside, target_is_directory=True)
    settings.MEDIA_ROOT = media
    for url in ("media/link.png", "media/dir/secret.png"):
        with pytest.raises(RefusedURL):
            sealed_url_fetcher(BASE_URL + url)


def test_fetcher_refuses_symlinks_out_of_a_static_directory(settings, tmp_path):
    static, outside = tmp_path / "static", tmp_path / "outside"
    static.mkdir()
    outside.mkdir()
    (outside / "secret.css").write_text("body { color: red }")
    (static / "evil.css").symlink_to(outside / "secret.css")
    (static / "good.css").write_text("body { color: green }")
    settings.STATICFILES_DIRS = [static]
    settings.STATIC_ROOT = tmp_path / "collected"
    assert sealed_url_fetcher(f"{BASE_URL}static/good.css").read() == b"body { color: green }"
    with pytest.raises(RefusedURL):
        sealed_url_fetcher(f"{BASE_URL}static/evil.css")
