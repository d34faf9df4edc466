"""The action book (step 10) in the browser: a team member writes an action that removes a
cause of step 5 and serves a goal of step 9, sees what the form still lacks, and follows the
evidence chain from the action to the cause and the quote that supports it (a quote without
consent stays out), and back from the cause to the action."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from processteps.catalogue_loader import load_catalogue
from processteps.consultation.models import QuoteConsent
from processteps.models import Membership, MethodChecklistItem, MethodStep, Role
from processteps.services.projects import project_create
from tests.processteps.actions.helpers import quote_for, world_of

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-lang-wachtwoord-42"


@pytest.fixture
def project():
    # A transactional test before this one may have flushed the method catalogue.
    if MethodStep.objects.count() != 11:
        load_catalogue(MethodStep, MethodChecklistItem)
    users = get_user_model().objects
    leader = users.create_user("leider", "leider@example.org", PASSWORD, first_name="Lies")
    member = users.create_user("teamlid", "teamlid@example.org", PASSWORD, first_name="Tim")
    project = project_create(
        actor=leader,
        name="Leefbare wijk",
        issue="Hoe houden we de wijk leefbaar?",
        client_organisation="Gemeente Voorbeeld",
        start_date="2026-01-01",
    )
    Membership.objects.create(project=project, user=member, role=Role.MEMBER)
    project.leader = leader
    w = world_of(project)
    quote_for(project, w.cc.cause, text="Ik wacht al zeven jaar op een huis.",
              consent=QuoteConsent.BY_NAME)  # fmt: skip
    quote_for(project, w.cc.cause, text="Zeg dit tegen niemand.", consent=QuoteConsent.NONE,
              name="Anoniem")  # fmt: skip
    return project


def test_member_writes_an_action_removing_a_cause_and_follows_the_evidence_chain(page, project):
    step = project.steps.get(key="actions")
    login(page, "teamlid", PASSWORD)
    page.goto(f"/projects/{project.pk}/steps/{step.number}/")
    panel = page.locator("section.tool-panel", has=page.locator("#tool-actions-heading"))
    expect(panel).to_contain_text("Nog geen actieformulieren")
    panel.get_by_role("link", name="Actieformulieren", exact=True).click()
    page.get_by_role("link", name="Actie toevoegen").click()

    page.get_by_role("textbox", name="Titel*").fill("Flexwoningen bouwen")
    page.get_by_label("Te weinig betaalbare woningen (oorzaak)").check()
    page.get_by_label("1 · Genoeg betaalbare woningen").check()
    page.fill("#id_parties-0-name", "Gemeente Voorbeeld")
    page.select_option("#id_parties-0-role", "accountable")
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("status").filter(has_text="opgeslagen")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Flexwoningen bouwen")
    expect(page.locator("#action-causes")).to_contain_text("Te weinig betaalbare woningen")
    expect(page.locator("#action-parties")).to_contain_text("Eigenaar (eindverantwoordelijk)")
    missing = page.locator("#missing-list")
    expect(missing).to_contain_text("Begroting (bedrag, bron, jaar)")
    expect(missing).not_to_contain_text("Minstens één oorzaak")

    page.get_by_role("link", name="Bewijsketen").click()
    cause = page.locator("article.chain-cause")
    expect(cause).to_contain_text("Te weinig betaalbare woningen")
    expect(cause).to_contain_text("Ik wacht al zeven jaar op een huis.")
    expect(cause).to_contain_text("Fatima Yilmaz (Huurdersvereniging)")
    expect(cause).to_contain_text("Niet citeerbaar")
    expect(cause).not_to_contain_text("Zeg dit tegen niemand.")
    expect(page.locator("article.chain-goal")).to_contain_text("Genoeg betaalbare woningen")

    cause.get_by_role("link", name="Te weinig betaalbare woningen").click()
    expect(page.locator("#cause-actions-list")).to_contain_text("Flexwoningen bouwen")
