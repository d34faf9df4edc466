"""The goal tree (step 9) in the browser: the project leader derives the team's tree from the
causal complex of step 5, sees the check ask for a means, adds it, and sees the check pass and
the checklist item ticked.

(Writing an action that removes a cause, the evidence chain and the Uitvoeringsplan are added
by the steps 10-11 side.)
"""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from processteps.catalogue_loader import load_catalogue
from processteps.models import MethodChecklistItem, MethodStep
from processteps.services.projects import project_create
from tests.processteps.goals.helpers import causal_complex

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-lang-wachtwoord-42"


@pytest.fixture
def project():
    # A transactional test before this one may have flushed the method catalogue.
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
    cc = causal_complex(project)
    # Only the chain "bouwprocedures → woningen → wachtlijsten": one concrete goal at the end.
    cc.language.delete()
    cc.trust.delete()
    return project


def test_leader_derives_the_tree_adds_a_means_and_the_check_passes(page, project):
    step = project.steps.get(key="decision_making")
    login(page, "leider", PASSWORD)
    page.goto(f"/projects/{project.pk}/steps/{step.number}/")
    panel = page.locator("section.tool-panel", has=page.locator("#tool-goals-heading"))
    expect(panel).to_contain_text("Nog geen doelenboom")
    panel.get_by_role("link", name="Doelenboom", exact=True).click()

    page.get_by_role("button", name="Doelenboom van het team beginnen").click()
    expect(page.get_by_role("status").filter(has_text="Eerste opzet afgeleid")).to_contain_text(
        "3 doelen toegevoegd"
    )
    # The diagram, and the same tree as a list beside it.
    expect(page.locator("#doelenboom-tekening")).to_be_visible()
    listing = page.locator("section", has=page.locator("#list-heading"))
    expect(listing).to_contain_text("Niet langer: Lange wachtlijsten voor een woning")
    expect(listing).to_contain_text("Niet langer: Trage bouwprocedures")
    # The check asks for a means for the concrete goal.
    problems = page.locator("#tree-problems")
    expect(problems).to_contain_text(
        "Het concrete doel ‘Niet langer: Trage bouwprocedures’ heeft nog geen middel."
    )
    problems.get_by_role("link", name="naar het doel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Niet langer: Trage bouwprocedures")
    expect(page.locator("#goal-causes")).to_contain_text("Trage bouwprocedures")

    page.get_by_role("textbox", name="Middel*").fill("Snellere vergunningverlening")
    page.get_by_role("button", name="Middel toevoegen").click()
    expect(page.get_by_role("status").filter(has_text="Het middel is toegevoegd.")).to_be_visible()
    expect(page.locator("#goal-means")).to_contain_text("Snellere vergunningverlening")

    page.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name="Doelenboom").click()
    expect(page.locator("#tree-problems")).to_contain_text("In orde")
    # The diagram shows the means under its goal.
    expect(page.locator("#doelenboom-tekening")).to_contain_text("Snellere")

    page.goto(f"/projects/{project.pk}/steps/{step.number}/")
    expect(
        page.get_by_role("button", name="'Logische opbouw van concreet naar abstract' is afgevinkt")
    ).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#goals-panel-check")).to_have_text(
        re.compile("logisch opgebouwd van concreet naar abstract")
    )
