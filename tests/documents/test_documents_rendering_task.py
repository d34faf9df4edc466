"""Rendering a version to PDF: the file is PDF/A-3a and tagged, its table of contents has the
real page numbers; a failed render is shown with its error and can be retried — in-process
(eager tasks) and through a real Celery worker on Redis."""

import random
import re
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from documents import rendering
from documents.models import DocumentVersion, RenderStatus
from documents.services.documents import version_create, version_render, version_render_request
from processteps.models import AuditEntry
from tests.conftest import wait_for

from .conftest import (
    assert_in_pdf,
    body_of,
    document_of,
    pdf_bytes_of,
    pdf_pages_text,
    pdf_text,
    pdfinfo,
    write,
)

WORDS = [
    *("de", "wijk", "bewoners", "gesprek", "vertrouwen", "buurt", "ouderen", "jongeren"),
    *("samenleving", "beleid", "gemeente", "vrijwilligers", "ontmoeting", "netwerk"),
    *("verantwoordelijkheid", "betrokkenheid", "oorzaak", "oplossing"),
]


def long_text(seed: int, paragraphs: int) -> str:
    rng = random.Random(seed)
    return "\n".join(
        "<p>" + " ".join(rng.choice(WORDS) for _ in range(90)).capitalize() + ".</p>"
        for _ in range(paragraphs)
    )


def version_page(project, version, name="documents:version"):
    return reverse(name, kwargs={"project": project.pk, "number": 1, "version": version.number})


# -- the PDF of a real document ---------------------------------------------------------------


@pytest.fixture
def rendered(project):
    """Plan van aanpak with a long first chapter, saved and rendered by the worker's service."""
    document = document_of(project, 1)
    write(document, "aanleiding", long_text(1, 30), actor=project.leader)
    write(
        document, "doel", "<h2>Wat we willen bereiken</h2>" + long_text(2, 3), actor=project.leader
    )
    version = version_create(actor=project.leader, document=document)
    assert version_render(version_id=version.pk) is True
    version.refresh_from_db()
    return version, pdf_bytes_of(version)


@pytest.mark.django_db
def test_the_pdf_is_tagged_and_declares_pdf_a_3a(rendered):
    version, pdf = rendered
    info = pdfinfo(pdf)
    assert info["Tagged"] == "yes"
    assert info["Title"] == "Plan van aanpak"
    assert info["Page size"].endswith("(A4)")
    assert int(info["Pages"]) == version.pdf_pages

    root = PdfReader(BytesIO(pdf)).trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfaid:part(=\"|>)3<?", xmp)
    assert re.search(r"pdfaid:conformance(=\"|>)A", xmp)
    assert root["/Lang"] == "nl"
    assert "/StructTreeRoot" in root


@pytest.mark.django_db
def test_the_contents_list_the_pages_the_headings_are_on(rendered):
    version, pdf = rendered
    pages = pdf_pages_text(pdf)
    contents = next(i for i, text in enumerate(pages) if "Inhoudsopgave" in text)
    toc = {}
    for line in pages[contents].splitlines():
        match = re.match(r"^\s*(?P<title>\S.*?)\s*\.{3,}\s*(?P<page>\d+)\s*$", line)
        if match:
            toc[match["title"]] = int(match["page"])
    titles = [section["title"] for section in version.sections]
    assert list(toc) == titles

    # Where each heading really is: the page its bookmark points at, and the page whose text
    # has the heading on a line of its own.
    reader = PdfReader(BytesIO(pdf))
    bookmarks = {
        item["/Title"]: reader.get_destination_page_number(item) + 1
        for item in reader.outline
        if not isinstance(item, list)
    }

    def page_with_heading(title):
        for number, text in enumerate(pages, start=1):
            if number > contents + 1 and any(line.strip() == title for line in text.splitlines()):
                return number
        raise AssertionError(f"heading {title!r} not found")

    for title, number in toc.items():
        assert number == bookmarks[title] == page_with_heading(title), title
    # The long first chapter pushes the others back: the numbers are not just 3, 4, 5 …
    assert toc["Probleemvermoeden"] >= toc["Aanleiding"] + 4
    assert toc["Taken"] == len(pages)


# -- a failing render, in-process (eager) -----------------------------------------------------


def fail_rendering(monkeypatch, message="Pango kon het lettertype niet laden"):
    def broken(html):
        raise RuntimeError(message)

    monkeypatch.setattr(rendering, "render_pdf", broken)


@pytest.mark.django_db
def test_a_failed_render_is_shown_with_its_error_and_a_retry_succeeds(
    project, client_as, monkeypatch, django_capture_on_commit_callbacks
):
    document = document_of(project, 1)
    write(document, "doel", "<p>Een advies aan de raad.</p>", actor=project.leader)
    leader = client_as("leader")
    fail_rendering(monkeypatch)

    with django_capture_on_commit_callbacks(execute=True):
        response = leader.post(
            reverse("documents:version_create", kwargs={"project": project.pk, "number": 1}),
            {"change_note": "Eerste versie"},
        )

    version = document.versions.get()
    assert response["Location"] == version_page(project, version)
    assert version.render_status == RenderStatus.FAILED
    assert version.render_error == "RuntimeError: Pango kon het lettertype niet laden"
    assert not version.pdf
    page = leader.get(version_page(project, version)).content.decode()
    assert "Mislukt" in page
    assert "Het maken van de PDF is mislukt: RuntimeError: Pango kon het lettertype niet laden" in (
        page
    )
    assert "Opnieuw proberen" in page
    assert 'data-state="failed"' in page
    assert AuditEntry.objects.filter(action="document.render_failed").count() == 1
    # Nothing to download yet.
    pdf_url = version_page(project, version, "documents:version_pdf")
    assert leader.get(pdf_url).status_code == 404

    # The renderer works again; the button tries again (htmx swaps the status box).
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        retried = leader.post(
            version_page(project, version, "documents:version_render"), HTTP_HX_REQUEST="true"
        )

    # The box that replaces the old one is queued and polls (the task runs after the commit).
    assert retried.status_code == 200
    box = retried.content.decode()
    assert 'id="render-status"' in box and "In de wachtrij" in box and "hx-get" in box
    assert "Opnieuw proberen" not in box and "mislukt" not in box
    # Its next poll finds the PDF ready.
    box = leader.get(version_page(project, version, "documents:version_status")).content.decode()
    assert 'data-state="ready"' in box and "Klaar" in box and "PDF downloaden" in box
    assert "hx-get" not in box
    version.refresh_from_db()
    assert (version.render_status, version.render_error) == (RenderStatus.READY, "")
    assert version.render_attempts == 1, "asking again starts a new series of attempts"
    download = leader.get(pdf_url)
    assert download.status_code == 200
    assert body_of(download).startswith(b"%PDF")


@pytest.mark.django_db
def test_the_status_box_polls_while_the_pdf_is_being_made(project, client_as):
    document = document_of(project, 1)
    version = version_create(actor=project.leader, document=document)
    DocumentVersion.objects.filter(pk=version.pk).update(render_status=RenderStatus.QUEUED)
    status_url = version_page(project, version, "documents:version_status")

    box = client_as("leader").get(status_url).content.decode()

    assert "In de wachtrij" in box
    assert f'hx-get="{status_url}"' in box and 'hx-trigger="every 2s"' in box
    DocumentVersion.objects.filter(pk=version.pk).update(render_status=RenderStatus.FAILED)
    box = client_as("leader").get(status_url).content.decode()
    assert "hx-get" not in box, "a finished render stops polling"


# -- a real Celery worker on Redis --------------------------------------------------------------


def status_of(version):
    return DocumentVersion.objects.get(pk=version.pk).render_status


@pytest.mark.services
def test_a_worker_renders_a_version(celery_worker_app, project):
    document = document_of(project, 1)
    write(document, "aanleiding", "<p>Gerenderd door de worker.</p>", actor=project.leader)
    version = version_create(actor=project.leader, document=document)

    assert version_render_request(actor=project.leader, version=version) is True
    # Queued, not rendered by the web process.
    assert status_of(version) in (RenderStatus.QUEUED, RenderStatus.RENDERING, RenderStatus.READY)

    wait_for(lambda: status_of(version) == RenderStatus.READY, timeout=60)
    version.refresh_from_db()
    assert version.pdf and version.pdf_pages >= 3 and version.rendered_at
    pdf = pdf_bytes_of(version)
    assert pdf.startswith(b"%PDF")
    assert_in_pdf(["Gerenderd door de worker.", "Plan van aanpak"], pdf_text(pdf))
    # A ready version is not queued again.
    assert version_render_request(actor=project.leader, version=version) is False


@pytest.mark.services
def test_a_worker_marks_a_failed_render_and_a_retry_succeeds(
    celery_worker_app, project, monkeypatch
):
    document = document_of(project, 1)
    version = version_create(actor=project.leader, document=document)
    fail_rendering(monkeypatch, "geen geheugen meer")

    version_render_request(actor=project.leader, version=version)

    wait_for(lambda: status_of(version) == RenderStatus.FAILED, timeout=60)
    version.refresh_from_db()
    assert version.render_error == "RuntimeError: geen geheugen meer"
    assert version.render_attempts == 1, "a lasting error is not retried"

    monkeypatch.undo()
    assert version_render_request(actor=project.leader, version=version) is True
    wait_for(lambda: status_of(version) == RenderStatus.READY, timeout=60)
    version.refresh_from_db()
    assert version.render_error == "" and version.render_attempts == 1
    assert pdf_bytes_of(version).startswith(b"%PDF")


@pytest.mark.services
def test_a_worker_retries_a_transient_error(celery_worker_app, project, monkeypatch):
    document = document_of(project, 1)
    version = version_create(actor=project.leader, document=document)
    real = rendering.render_pdf
    calls = []

    def flaky(html):
        calls.append(html)
        if len(calls) == 1:
            raise ConnectionError("opslag even niet bereikbaar")
        return real(html)

    monkeypatch.setattr(rendering, "render_pdf", flaky)

    version_render_request(actor=project.leader, version=version)

    wait_for(lambda: status_of(version) == RenderStatus.READY, timeout=60)
    version.refresh_from_db()
    assert len(calls) == 2 and version.render_attempts == 2
    assert version.render_error == ""
