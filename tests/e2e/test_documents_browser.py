"""The project leader writes, versions, renders and publishes the Plan van aanpak in the
browser; an anonymous visitor reads it on the public page and downloads the PDF."""

import datetime
import re
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from pypdf import PdfReader

from documents.models import Audience, Publication, RenderStatus
from processteps.catalogue_loader import load_catalogue
from processteps.models import MethodChecklistItem, MethodStep
from processteps.services.projects import project_create

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-lang-wachtwoord-42"
WRITTEN = "Wij beginnen in de Rivierenwijk met een open avond voor alle bewoners."


@pytest.fixture
def project():
    # A transactional test before this one may have flushed the method catalogue.
    if MethodStep.objects.count() != 11:
        load_catalogue(MethodStep, MethodChecklistItem)
    leader = get_user_model().objects.create_user(
        "leider", "leider@example.org", PASSWORD, first_name="Lies", last_name="Leider"
    )
    return project_create(
        actor=leader,
        name="Rivierenwijk Samen",
        issue="Bewoners kennen elkaar niet meer",
        client_organisation="Gemeente Voorbeeld",
        start_date=datetime.date(2026, 1, 1),
    )


def test_leader_publishes_a_document_and_a_visitor_downloads_it(page, project):
    login(page, "leider", PASSWORD)
    page.goto(f"/projects/{project.pk}/documents/1/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan van aanpak")

    # Write a section: type the text, make it a paragraph with the toolbar, save.
    page.get_by_role("link", name="bewerken Aanleiding").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanleiding")
    editor = page.get_by_label("Tekst", exact=True)
    editor.press_sequentially(WRITTEN)
    editor.press("Control+a")
    page.get_by_role("button", name="Alinea").click()
    expect(editor).to_have_value(f"<p>{WRITTEN}</p>")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De sectie is opgeslagen.")).to_be_visible()
    expect(page.locator("#s1-aanleiding")).to_contain_text(WRITTEN)

    # Save a version; its PDF is made (in-process here) and the status box says so.
    page.get_by_label("Wat is er veranderd?").fill("Eerste versie voor de bewoners")
    page.get_by_role("button", name="Versie vastleggen en PDF maken").click()
    page.wait_for_url(re.compile(r"/documents/1/versions/1/$"))
    status = page.locator("#render-status .render-state")
    expect(status).to_have_text("Klaar", timeout=30_000)
    expect(
        page.get_by_role("link", name=re.compile(r"PDF downloaden \(\d+ pagina's\)"))
    ).to_be_visible()
    expect(page.locator("#lees-1")).to_contain_text(WRITTEN)

    # Publish it to the public.
    page.get_by_label("Openbaar", exact=True).check()
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("De versie is gepubliceerd.")).to_be_visible()
    publication = Publication.objects.get()
    assert (publication.audience, publication.version.number) == (Audience.PUBLIC, 1)
    assert publication.version.render_status == RenderStatus.READY
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))

    # An anonymous visitor: the public page, the reading view, the PDF.
    page.goto(f"/openbaar/{project.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Documenten")
    expect(page.get_by_role("link", name="Uitloggen")).to_have_count(0)
    page.get_by_role("link", name="Plan van aanpak", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan van aanpak")
    expect(page.get_by_role("main")).to_contain_text(WRITTEN)
    expect(page.get_by_role("main")).to_contain_text("Versie 1, gepubliceerd op")

    link = page.get_by_role("link", name=re.compile(r"PDF downloaden"))
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    assert pdf.startswith(b"%PDF")
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)
    assert squash(WRITTEN) in squash(text)  # the text, whatever hyphenation did to it
    assert "Plan van aanpak" in text

    # The team's pages are not open to the visitor.
    page.goto(f"/projects/{project.pk}/documents/1/versions/1/")
    assert "/accounts/login/" in page.url


def squash(text: str) -> str:
    return re.sub(r"[\s\-\u00ad\u2010]+", "", text)
