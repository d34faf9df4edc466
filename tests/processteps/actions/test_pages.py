"""The pages of the action book: what they show (completeness, the evidence chain with consent
respected, the gaps), the form with its inline parts, and user content escaped."""

import datetime

import pytest
from django.urls import reverse

from processteps.actions.models import Action, ActionParty, PartyRole
from processteps.actions.selectors import action_loaded
from processteps.causes.models import Evidence
from processteps.consultation.models import QuoteConsent
from processteps.goals.models import IndicatorKind

from .helpers import add_action, world_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(project):
    return world_of(project)


def url(name, project, **kwargs):
    return reverse(f"actions:{name}", kwargs={"project": project.pk, **kwargs})


def test_the_list_the_incomplete_overview_and_the_panel(w, client_as):
    add_action(w)
    add_action(w, title="Taalcafé", risks="")
    browser = client_as("member")
    page = browser.get(url("action_list", w.project)).content.decode()
    assert "Flexwoningen bouwen" in page and "100% volledig" in page
    assert "Taalcafé" in page and "92% volledig" in page
    page = browser.get(url("incomplete", w.project)).content.decode()
    assert "Taalcafé" in page and "Flexwoningen bouwen" not in page and "Risico&#x27;s" in page
    step = w.project.steps.get(key="actions")
    page = browser.get(step.get_absolute_url()).content.decode()
    assert "2 actieformulieren" in page and "Taalcafé" in page


def test_the_form_saves_an_action_with_its_inline_parts(w, client_as):
    data = {
        "title": "Buurtmaaltijden", "description": "Samen eten.", "goals": [w.trust.pk],
        "causes": [w.cc.trust.pk], "intervention_point": "", "domain": "welzijn",
        "start_date": "2025-03-01", "end_date": "2025-12-31",
        "asked_of_citizens": "Koken", "risks": "Weinig animo", "assumptions": "Een zaal",
        "parties-TOTAL_FORMS": "2", "parties-INITIAL_FORMS": "0",
        "parties-0-name": "Buurthuis", "parties-0-role": PartyRole.ACCOUNTABLE,
        "parties-0-contact_email": "buurthuis@example.org",
        "parties-1-name": "", "parties-1-role": "",
        "budget-TOTAL_FORMS": "1", "budget-INITIAL_FORMS": "0",
        "budget-0-amount": "1.500,50", "budget-0-source": "Subsidie", "budget-0-year": "2025",
        "milestones-TOTAL_FORMS": "1", "milestones-INITIAL_FORMS": "0",
        "milestones-0-title": "Eerste maaltijd", "milestones-0-date": "2025-04-01",
        "indicators-TOTAL_FORMS": "1", "indicators-INITIAL_FORMS": "0",
        "indicators-0-name": "Deelnemers", "indicators-0-unit": "personen",
        "indicators-0-baseline_value": "0", "indicators-0-baseline_date": "2025-03-01",
        "indicators-0-target_value": "40", "indicators-0-target_date": "2025-12-31",
    }  # fmt: skip
    browser = client_as("member")
    response = browser.post(url("action_add", w.project), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    action = action_loaded(w.project, Action.objects.get().pk)
    assert action.owner.name == "Buurthuis" and str(action.budget_list[0].amount) == "1500.50"
    assert action.indicator_list[0].kind == IndicatorKind.IMPLEMENTATION
    assert action.missing == ["Het interventiepunt dat de actie benut"]
    # The edit page shows the saved rows; a milestone outside the dates is refused in Dutch.
    page = browser.get(url("action_edit", w.project, action=action.pk)).content.decode()
    assert 'value="Buurthuis"' in page and 'value="Eerste maaltijd"' in page
    data.update({
        "parties-INITIAL_FORMS": "1", "parties-0-id": action.party_list[0].pk,
        "budget-INITIAL_FORMS": "1", "budget-0-id": action.budget_list[0].pk,
        "milestones-INITIAL_FORMS": "1", "milestones-0-id": action.milestone_list[0].pk,
        "milestones-0-date": "2026-04-01",
        "indicators-INITIAL_FORMS": "1", "indicators-0-id": action.indicator_list[0].pk,
    })  # fmt: skip
    response = browser.post(url("action_edit", w.project, action=action.pk), data)
    assert response.status_code == 200
    assert "valt buiten de looptijd van de actie" in response.content.decode()
    assert action_loaded(w.project, action.pk).milestone_list[0].date == datetime.date(2025, 4, 1)


def test_two_owners_in_the_form_are_refused(w, client_as):
    action = action_loaded(w.project, add_action(w).pk)
    from processteps.actions.services.actions import action_form_of

    form = action_form_of(action)
    data = {"title": "Flexwoningen bouwen", "goals": form.goals, "causes": form.causes,
            "parties-TOTAL_FORMS": "2", "parties-INITIAL_FORMS": "2"}  # fmt: skip
    for i, party in enumerate(form.parties):
        data.update({f"parties-{i}-id": party["id"], f"parties-{i}-name": party["name"],
                     f"parties-{i}-role": PartyRole.ACCOUNTABLE})  # fmt: skip
    for key in ("budget", "milestones", "indicators"):
        data.update({f"{key}-TOTAL_FORMS": "0", f"{key}-INITIAL_FORMS": "0"})
    response = client_as("member").post(url("action_edit", w.project, action=action.pk), data)
    assert "precies één eigenaar" in response.content.decode()
    assert ActionParty.objects.filter(role=PartyRole.ACCOUNTABLE).count() == 1


def test_user_content_is_escaped(w, client_as):
    action = add_action(w, title="<script>alert(1)</script>")
    page = client_as("member").get(url("action_detail", w.project, action=action.pk))
    assert b"<script>alert(1)</script>" not in page.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in page.content


def evidence(w, text, consent):
    from tests.processteps.actions.helpers import quote_for

    return quote_for(w.project, w.cc.cause, text=text, consent=consent)


def test_the_evidence_chain_respects_consent(w, client_as):
    action = add_action(w)
    evidence(w, "Ik wacht al zeven jaar op een huis.", QuoteConsent.BY_NAME)
    evidence(w, "Geheim citaat zonder toestemming.", QuoteConsent.NONE)
    assert Evidence.objects.count() == 2
    browser = client_as("member")
    page = browser.get(url("action_chain", w.project, action=action.pk)).content.decode()
    assert "Te weinig betaalbare woningen" in page
    assert "Ik wacht al zeven jaar op een huis." in page
    assert "Geheim citaat zonder toestemming." not in page
    assert "Niet citeerbaar" in page
    assert "Genoeg betaalbare woningen" in page
    page = browser.get(url("cause_chain", w.project, cause=w.cc.cause.pk)).content.decode()
    assert "Flexwoningen bouwen" in page and "Ik wacht al zeven jaar" in page


def test_the_gaps_view(w, client_as):
    form_action = add_action(w, title="Zonder oorzaak")
    form_action.cause_links.all().delete()
    page = client_as("member").get(url("gaps", w.project)).content.decode()
    # The root causes and the language cause have no goal; the trust goal no action; no goal
    # has an indicator; the action removes no cause.
    assert "Trage bouwprocedures" in page and "Weinig aanbod van taallessen" in page
    assert "Vertrouwen in de buurt" in page
    assert "Zonder oorzaak" in page


def test_the_export_is_a_workbook(w, client_as):
    add_action(w)
    response = client_as("member").get(url("export_xlsx", w.project))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "acties", "partijen", "begroting", "mijlpalen", "uitvoeringsindicatoren", "metingen",
    ]  # fmt: skip
    assert book["acties"]["B2"].value == "Flexwoningen bouwen"
    assert book["uitvoeringsindicatoren"]["A2"].value == "Opgeleverde flexwoningen"


def test_the_empty_extra_rows_of_a_new_form_are_left_alone(w, client_as):
    """What the browser sends for a new form with only a title: every extra row as it came."""
    browser = client_as("member")
    page = browser.get(url("action_add", w.project)).content.decode()
    import re

    data = {"title": "Alleen een titel"}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page):
        data[name] = value
    # A select sends its first option, as a browser does.
    for name, value in re.findall(r'<select name="([^"]+)"[^>]*>\s*<option value="([^"]*)"', page):
        data.setdefault(name, value)
    assert "parties-0-role" in data
    response = browser.post(url("action_add", w.project), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Action.objects.get().title == "Alleen een titel"
