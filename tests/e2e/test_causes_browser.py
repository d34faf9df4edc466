"""The causal complexes (step 5) in the browser: a team member builds an analysis of their own
(two factors and a link citing a fragment of the consultation round) and submits it; the
project leader merges it into the team analysis and sees the diagram, the list beside it, the
check pass and both checklist items of step 5 ticked."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from processteps.catalogue_loader import load_catalogue
from processteps.models import Membership, MethodChecklistItem, MethodStep, Role
from processteps.services.projects import project_create
from tests.processteps.causes.helpers import fragments

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-lang-wachtwoord-42"


@pytest.fixture
def project():
    # A transactional test before this one may have flushed the method catalogue.
    if MethodStep.objects.count() != 11:
        load_catalogue(MethodStep, MethodChecklistItem)
    users = get_user_model().objects
    leader = users.create_user("leider", "leider@example.org", PASSWORD, first_name="Lies",
                               last_name="Leider")  # fmt: skip
    member = users.create_user("teamlid", "teamlid@example.org", PASSWORD, first_name="Tim",
                               last_name="Teamlid")  # fmt: skip
    project = project_create(
        actor=leader,
        name="Leefbare wijk",
        issue="Hoe houden we de wijk leefbaar?",
        client_organisation="Gemeente Voorbeeld",
        start_date="2026-01-01",
    )
    Membership.objects.create(project=project, user=member, role=Role.MEMBER)
    project.leader, project.member = leader, member
    project.quotes = fragments(project)
    return project


def test_member_submits_an_analysis_and_the_leader_merges_it_and_the_check_passes(page, project):
    step = project.steps.get(key="causal_complexes")
    login(page, "teamlid", PASSWORD)
    page.goto(f"/projects/{project.pk}/steps/{step.number}/")
    panel = page.locator("section.tool-panel", has=page.locator("#tool-causes-heading"))
    expect(panel).to_contain_text("Nog geen analyse")
    panel.get_by_role("link", name="Oorzakelijk complex", exact=True).click()
    page.get_by_role("button", name="Een eigen analyse beginnen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Analyse van Tim Teamlid")

    # Two factors.
    for statement, kind in (("Lange wachtlijsten voor een woning", "Symptoom"),
                            ("Trage bouwprocedures", "Grondoorzaak")):  # fmt: skip
        page.get_by_role("textbox", name="Stelling*").fill(statement)
        page.get_by_role("combobox", name="Soort*").select_option(label=kind)
        page.get_by_role("button", name="Factor toevoegen").click()
        expect(
            page.get_by_role("status").filter(has_text="De factor is toegevoegd.")
        ).to_be_visible()
    # A link between them.
    page.get_by_role("combobox", name="Oorzaak*").select_option(
        label="Grondoorzaak · Trage bouwprocedures"
    )
    page.get_by_role("combobox", name="leidt tot (gevolg)*").select_option(
        label="Symptoom · Lange wachtlijsten voor een woning"
    )
    page.get_by_role("button", name="Verband toevoegen").click()
    expect(page.get_by_role("status").filter(has_text="Het verband is toegevoegd.")).to_be_visible()
    expect(page.locator("#analysis-problems")).to_contain_text("heeft geen bewijs")

    # The link cites a fragment (from the root cause's page).
    page.locator(".causes-list li[id^='factor-'] > a", has_text="Trage bouwprocedures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trage bouwprocedures")
    quote = project.quotes.anonymous
    page.get_by_role("combobox", name="Fragment citeren bij dit verband").select_option(
        value=str(quote.pk)
    )
    page.get_by_role("button", name="citeren", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="als bewijs geciteerd")).to_be_visible()
    expect(page.locator("#factor-links")).to_contain_text(quote.text)
    expect(page.locator("#factor-links")).to_contain_text("Een sleutelfiguur (huurdersorganisatie)")

    page.get_by_role("navigation", name="Kruimelpad").get_by_role(
        "link", name="Analyse van Tim Teamlid"
    ).click()
    expect(page.locator("#analysis-problems")).to_contain_text("In orde")
    page.get_by_role("button", name="Indienen bij de projectleider").click()
    expect(page.locator("#analysis-status")).to_have_text("Ingediend")

    # The leader merges it.
    page.context.clear_cookies()
    login(page, "leider", PASSWORD)
    page.goto(f"/projects/{project.pk}/causes/")
    expect(page.locator("#no-team-analysis")).to_be_visible()
    page.get_by_role("link", name="Eigen analyses samenvoegen").first.click()
    page.get_by_role("button", name="Alles samenvoegen").click()
    expect(page.get_by_role("status").filter(has_text="is samengevoegd")).to_contain_text(
        "2 nieuwe teamfactoren"
    )
    proposed = project.causal_analyses.get(kind="individual").factors.first()
    expect(page.locator(f"#source-{proposed.pk}")).to_contain_text("samengevoegd met")

    page.get_by_role("navigation", name="Kruimelpad").get_by_role(
        "link", name="Oorzakelijk complex"
    ).click()
    # The diagram, each factor a link, and the same model as a list beside it.
    diagram = page.locator("svg#complex-1")
    expect(diagram).to_be_visible()
    expect(diagram.locator("a")).to_have_count(2)
    expect(page.locator(".causes-list")).to_contain_text("veroorzaakt door Trage bouwprocedures")
    expect(page.locator("#analysis-problems")).to_contain_text("In orde")
    expect(page.locator(".causes-list")).to_contain_text("Voorgesteld door: Tim Teamlid")

    page.goto(f"/projects/{project.pk}/steps/{step.number}/")
    for item in ("Logisch ontwerp causale relaties", "Correcte gelaagdheid (symptomen/oorzaken)"):
        expect(page.get_by_role("button", name=f"'{item}' is afgevinkt")).to_have_attribute(
            "aria-pressed", "true"
        )
    expect(page.locator("#causes-panel-check")).to_have_text(
        "Het model is logisch ontworpen en correct gelaagd."
    )


def test_the_team_analysis_page_passes_axe(page, project):
    """The diagram page's content (SVG with links, the list beside it, the forms) has no WCAG
    2.1 A/AA violations that axe finds. (The site's navigation bar is the layout's, checked
    elsewhere.)"""
    from pathlib import Path

    from processteps.causes.services import analyses as analysis_services
    from tests.processteps.causes.helpers import good_team

    good = good_team(project, project.quotes.anonymous)
    analysis_services.complex_add(actor=project.leader, analysis=good.analysis, name="Wonen")
    login(page, "leider", PASSWORD)
    page.goto(f"/projects/{project.pk}/causes/")
    expect(page.locator("svg#complex-1")).to_be_visible()
    page.add_script_tag(path=str(Path(__file__).parent / "vendor" / "axe.min.js"))
    result = page.evaluate(
        "async () => await axe.run('main', {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    problems = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert problems == [], problems
