"""The project leader runs a step in the browser; the client follows but cannot edit."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from processteps.models import Membership, Role
from processteps.services.projects import project_create

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-lang-wachtwoord-42"


@pytest.fixture
def project():
    User = get_user_model()
    leader = User.objects.create_user("leider", "leider@example.org", PASSWORD, first_name="Lies")
    client = User.objects.create_user("klant", "klant@example.org", PASSWORD, first_name="Karel")
    project = project_create(
        actor=leader,
        name="Aanpak Eenzaamheid",
        issue="Eenzaamheid onder ouderen",
        client_organisation="Gemeente Voorbeeld",
        start_date="2026-01-01",
    )
    Membership.objects.create(project=project, user=client, role=Role.CLIENT)
    return project


def test_leader_completes_a_step_and_client_follows(page, project):
    login(page, "leider", PASSWORD)
    page.goto(f"/projects/{project.pk}/")
    expect(page.get_by_role("heading", name="De elf stappen")).to_be_visible()
    page.get_by_role("link", name="1. Starten van het proces").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Starten van het proces")

    # Tick one item in place: htmx swaps the item, the page itself is not reloaded.
    page.evaluate("window.__samePage = true")
    page.get_by_role("button", name="'Dekking' afvinken").click()
    expect(page.locator("#checklist-count")).to_have_text("1/4")
    expect(page.get_by_role("button", name=re.compile("'Dekking' is afgevinkt"))).to_be_visible()
    assert page.evaluate("window.__samePage") is True
    # Keyboard users keep their place: focus stays on the (swapped) button.
    assert page.evaluate("document.activeElement.id").startswith("check-button-")
    for item in ("Team", "Middelen", "Training"):
        page.get_by_role("button", name=f"'{item}' afvinken").click()
        expect(
            page.get_by_role("button", name=re.compile(f"'{item}' is afgevinkt"))
        ).to_be_visible()
    expect(page.locator("#checklist-count")).to_have_text("4/4")

    # Judge the uncertainty reduced, then complete the step.
    page.reload()
    page.get_by_label("Gereduceerd", exact=True).check()
    page.get_by_label("Onderbouwing").fill("Plan van aanpak akkoord met de opdrachtgever.")
    page.get_by_role("button", name="Oordeel vastleggen").click()
    expect(page.locator("#uncertainty-status")).to_have_text("Gereduceerd")
    page.get_by_role("button", name="Stap afronden").click()
    expect(page.locator("#step-status")).to_have_text("Afgerond")

    page.goto(f"/projects/{project.pk}/")
    card = page.locator("[data-step='1']")
    expect(card.locator(".step-status")).to_contain_text("Afgerond")
    expect(card.locator(".step-checklist")).to_have_text("4/4")
    page.get_by_role("button", name="Uitloggen").click()

    # The client sees the progress, and no way to edit.
    login(page, "klant", PASSWORD)
    page.goto(f"/projects/{project.pk}/")
    expect(page.locator("#progress")).to_contain_text("1 van 11")
    expect(page.locator("[data-step='1'] .step-status")).to_contain_text("Afgerond")
    expect(page.get_by_role("link", name="Project bewerken")).to_have_count(0)
    page.goto(f"/projects/{project.pk}/steps/1/")
    expect(page.get_by_role("link", name="Stap bewerken")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("afvinken|afgevinkt"))).to_have_count(0)
    response = page.goto(f"/projects/{project.pk}/steps/1/edit/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="Geen toegang")).to_be_visible()
