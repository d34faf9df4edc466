"""Steps 7-8 in the browser: the project leader plans a World Café, enters its harvest, builds
a target image from it, adopts it at the political meeting and renders the visienota."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from documents.models import RenderStatus
from processteps.catalogue_loader import load_catalogue
from processteps.meetings.models import HarvestItem, TargetImage, TargetImageStatus
from processteps.models import MethodChecklistItem, MethodStep
from processteps.services.projects import project_create

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-lang-wachtwoord-42"
HARVEST = "Een buurtkamer in elke straat waar nieuwe en oude bewoners elkaar treffen."
IMAGE = "Ontmoeten om de hoek"


@pytest.fixture
def project():
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


def label(text: str):
    """A form label as crispy renders it: required fields end in an asterisk."""
    return re.compile(rf"^\s*{re.escape(text)}\s*\*?\s*$")


def moment(days: int, hour: int) -> str:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return f"{day.isoformat()}T{hour:02d}:00"


def plan(page, project, kind, *, title, fmt, days, already_held=False):
    page.goto(f"/projects/{project.pk}/meetings/new/{kind}/")
    page.get_by_label(label("Vorm")).select_option(label=fmt)
    page.get_by_label(label("Titel")).fill(title)
    page.get_by_label(label("Begint om")).fill(moment(days, 19))
    page.get_by_label(label("Eindigt om")).fill(moment(days, 22))
    if already_held:
        page.get_by_label("Al gehouden").check()
    page.get_by_label("Plaats", exact=True).fill("Wijkcentrum De Brug")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De bijeenkomst is gepland.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_leader_plans_a_world_cafe_and_adopts_its_target_image(page, project):
    login(page, "leider", PASSWORD)

    # Plan the World Café; give it a round and a table.
    plan(page, project, "dialogue", title="World Café Rivierenwijk", fmt="World Café", days=10)
    page.get_by_role("link", name="Rondes en tafels").click()
    page.get_by_label(label("Vraag van de ronde")).fill("Waar ontmoet u uw buren?")
    page.get_by_label(label("Duur (minuten)")).fill("30")
    page.get_by_role("button", name="Ronde toevoegen").click()
    expect(page.get_by_text("De ronde is toegevoegd.")).to_be_visible()
    page.get_by_label("Tafelgastheer of -vrouw").fill("Henk")
    page.get_by_label(label("Aantal deelnemers aan tafel")).fill("7")
    page.get_by_role("button", name="Tafel toevoegen").click()
    expect(page.locator("#tables")).to_contain_text("Henk")

    # Enter the harvest of the first table, tagged to a domain.
    page.get_by_role("link", name="Oogst", exact=True).click()
    page.get_by_label(label("Opbrengst")).fill(HARVEST)
    page.get_by_label("Ronde").select_option(index=1)
    page.get_by_label("Tafel").select_option(index=1)
    page.get_by_label("Wonen").check()
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_text("De opbrengst is vastgelegd.")).to_be_visible()
    expect(page.locator("#harvest-items")).to_contain_text(HARVEST)
    item = HarvestItem.objects.get()
    assert list(item.domain_tags.values_list("domain", flat=True)) == ["wonen"]

    # Build a target image from it.
    page.goto(f"/projects/{project.pk}/meetings/vision/")
    page.get_by_role("link", name="Streefbeeld schrijven").click()
    page.get_by_label(label("Domein")).select_option(label="Wonen")
    page.get_by_label(label("Termijn")).select_option(label="Korte termijn")
    page.get_by_label(label("Streefbeeld")).fill(IMAGE)
    page.get_by_label(re.compile(r"Een buurtkamer in elke straat")).check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text(f"Het streefbeeld '{IMAGE}' is opgeslagen.")).to_be_visible()
    image = TargetImage.objects.get()
    assert list(image.cited_items.all()) == [item]

    # The political meeting (held already) adopts it.
    plan(
        page,
        project,
        "political",
        title="Raadsbijeenkomst",
        fmt="Openbare bijeenkomst",
        days=-1,
        already_held=True,
    )
    page.goto(f"/projects/{project.pk}/meetings/vision/")
    page.get_by_role("link", name=f"besluit vastleggen {IMAGE}").click()
    page.get_by_label(label("Politieke bijeenkomst")).select_option(label="Raadsbijeenkomst")
    page.get_by_label("Vastgesteld", exact=True).check()
    page.get_by_label(label("Politieke argumentatie")).fill("Past bij het wijkplan")
    review = (timezone.localdate() + datetime.timedelta(days=365)).isoformat()
    page.get_by_label("Opnieuw bezien op").fill(review)
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Het besluit is vastgelegd.")).to_be_visible()
    expect(page.locator(f"#image-status-{image.pk}")).to_have_text("Vastgesteld")
    image.refresh_from_db()
    assert image.status == TargetImageStatus.ADOPTED

    # Render the visienota: the adopted target image and its argument are in it.
    page.goto(f"/projects/{project.pk}/documents/8/")
    page.get_by_label("Wat is er veranderd?").fill("Na de raadsbijeenkomst")
    page.get_by_role("button", name="Versie vastleggen en PDF maken").click()
    page.wait_for_url(re.compile(r"/documents/8/versions/1/$"))
    expect(page.locator("#render-status .render-state")).to_have_text("Klaar", timeout=60_000)
    reading = page.locator("main")
    expect(reading).to_contain_text(IMAGE)
    expect(reading).to_contain_text("Past bij het wijkplan")
    version = project.documents.get(step__number=8).versions.get()
    assert version.render_status == RenderStatus.READY and version.pdf_pages >= 2
