"""The implementation plan (step 11) in the browser: the project leader opens the planning from
the step page and sees the actions on the timeline and the RACI table, reports the status of
an action on the monitoring page, and finds it in the Uitvoeringsplan's PDF."""

import re
from io import BytesIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from pypdf import PdfReader

from processteps.catalogue_loader import load_catalogue
from processteps.models import MethodChecklistItem, MethodStep
from processteps.services.projects import project_create
from tests.documents.conftest import squash
from tests.processteps.implementation.helpers import actions, organisation

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-lang-wachtwoord-42"


@pytest.fixture
def project():
    if MethodStep.objects.count() != 11:
        load_catalogue(MethodStep, MethodChecklistItem)
    leader = get_user_model().objects.create_user(
        "leider", "leider@example.org", PASSWORD, first_name="Lies", last_name="Leider"
    )
    project = project_create(
        actor=leader,
        name="Leefbare wijk",
        issue="Hoe houden we de wijk leefbaar?",
        client_organisation="Gemeente Voorbeeld",
        start_date="2026-01-01",
    )
    project.leader = leader
    organisation(project)
    actions(project)
    return project


def test_leader_sees_the_plan_sets_a_status_and_finds_it_in_the_pdf(page, project):
    step = project.steps.get(key="implementation_plan")
    login(page, "leider", PASSWORD)
    page.goto(f"/projects/{project.pk}/steps/{step.number}/")
    panel = page.locator("section.tool-panel", has=page.locator("#tool-implementation-heading"))
    expect(panel).to_contain_text("De aansturing van de uitvoering is geregeld.")
    panel.get_by_role("link", name="Planning en RACI").click()

    # The timeline: a drawing with its title, a bar (a link) per planned action.
    timeline = page.get_by_role("group", name="Planning van de acties")
    expect(timeline).to_be_visible()
    expect(timeline.locator("g.timeline-row")).to_have_count(2)
    expect(page.get_by_text("Nog zonder begin- of einddatum:")).to_contain_text(
        "Campagne Samen wonen"
    )
    # The RACI matrix from the action forms' parties.
    raci = page.locator("#raci-matrix")
    row = raci.get_by_role("row", name=re.compile("Flexwoningen bouwen"))
    expect(row.get_by_role("cell")).to_have_text(["A", "R", "C"])
    expect(page.locator("#raci-without-owner")).to_contain_text("Taalcafés in de wijk")

    # Report a status on the monitoring page.
    page.get_by_role("navigation", name="Kruimelpad").get_by_role(
        "link", name="Uitvoeringsplan"
    ).click()
    page.get_by_role("navigation", name="Onderdelen van het uitvoeringsplan").get_by_role(
        "link", name="Monitoring"
    ).click()
    row = page.locator("#action-statuses tr", has_text="Taalcafés in de wijk")
    row.get_by_label("Status").select_option(label="Vertraagd")
    row.get_by_label("Toelichting").fill("Geen ruimte in het buurthuis")
    row.get_by_role("button", name="Status melden Taalcafés in de wijk").click()
    expect(page.get_by_role("status").filter(has_text="staat nu op")).to_contain_text(
        "‘Taalcafés in de wijk’ staat nu op ‘Vertraagd’."
    )
    expect(page.locator("#status-counts")).to_contain_text("Vertraagd: 1")

    # The Uitvoeringsplan: a version, rendered, with the status in its PDF.
    page.goto(f"/projects/{project.pk}/documents/{step.number}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Uitvoeringsplan")
    page.get_by_role("button", name="Versie vastleggen en PDF maken").click()
    page.wait_for_url(re.compile(rf"/documents/{step.number}/versions/1/$"))
    expect(page.locator("#render-status .render-state")).to_have_text("Klaar", timeout=60_000)
    link = page.get_by_role("link", name=re.compile(r"PDF downloaden"))
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(response.body())).pages)
    for needle in (
        "Stuurgroep Samenleven",
        "Rollen per actie (RACI)",
        "Taalcafés in de wijk",
        "Geen ruimte in het buurthuis",
    ):
        assert squash(needle) in squash(text), needle


AXE = Path(__file__).parent / "vendor" / "axe.min.js"


def axe_violations(page) -> list[str]:
    """The WCAG 2.1 A/AA violations axe finds in the page's main content (the site's layout
    around it is the core's), as rule and targets."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run('main', {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in result["violations"]]


def test_the_pages_of_step_11_pass_axe(page, project):
    login(page, "leider", PASSWORD)
    for name in ("", "planning/", "monitoring/", "beleidskompas/", "framework/"):
        page.goto(f"/projects/{project.pk}/implementation/{name}")
        assert axe_violations(page) == [], name
