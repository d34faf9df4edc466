"""The consultation round in the browser: a team member files a report with a transcript; the
project leader accepts it and marks two fragments under a theme.

(The Bloemlezing part — compiling and rendering it with these quotes — is added by the
documents side.)
"""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from processteps.consultation.models import Fragment, ReportStatus, Transcript
from processteps.consultation.services import interviews as interview_services
from processteps.consultation.services import keyfigures as keyfigure_services
from processteps.models import Membership, Role
from processteps.services.projects import project_create

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-lang-wachtwoord-42"

VTT = b"""WEBVTT

00:00:01.000 --> 00:00:05.000
<v Tim Teamlid>Wat is volgens u het grootste probleem in de wijk?</v>

00:00:07.000 --> 00:00:15.000
<v Anna de Vries>Er zijn te weinig betaalbare woningen voor jonge gezinnen.</v>

00:01:23.000 --> 00:01:30.000
<v Anna de Vries>De buurtkamer is de plek waar mensen elkaar nog ontmoeten.</v>
"""


@pytest.fixture
def consultation():
    User = get_user_model()
    leader = User.objects.create_user(
        "leider", "leider@example.org", PASSWORD, first_name="Lies", last_name="Leider"
    )
    member = User.objects.create_user(
        "teamlid", "teamlid@example.org", PASSWORD, first_name="Tim", last_name="Teamlid"
    )
    project = project_create(
        actor=leader,
        name="Leefbare wijk",
        issue="Hoe houden we de wijk leefbaar?",
        client_organisation="Gemeente Voorbeeld",
        start_date="2026-01-01",
    )
    Membership.objects.create(project=project, user=member, role=Role.MEMBER)
    figure = keyfigure_services.key_figure_propose(
        actor=member,
        project=project,
        name="Anna de Vries",
        organisation="Woonbond Noord",
        organisation_type="Huurdersorganisatie",
        email="anna@example.org",
    )
    figure = keyfigure_services.key_figure_approve(actor=leader, key_figure=figure)
    interview = interview_services.interview_create(
        actor=leader,
        key_figure=figure,
        interviewers=[member],
        scheduled_at=datetime.datetime(2026, 2, 3, 10, 0, tzinfo=datetime.UTC),
        quote_consent="by_name",
        consent_recording=True,
    )
    return project, interview


def test_member_files_a_report_leader_accepts_and_marks_two_fragments(page, consultation):
    project, interview = consultation

    # The team member writes the report and uploads the transcript.
    login(page, "teamlid", PASSWORD)
    page.goto(f"/projects/{project.pk}/interviews/")
    row = page.locator(f"#interview-{interview.pk}")
    expect(row).to_contain_text("Anna de Vries")
    expect(row).to_contain_text("Citeren met naam")
    row.get_by_role("button", name=re.compile("verslag schrijven")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Anna de Vries")
    page.get_by_label("Over het probleem (waarheid)").fill(
        "Er zijn te weinig betaalbare woningen voor jonge gezinnen."
    )
    page.get_by_label("Over waarden (waarachtigheid)").fill("Naar elkaar omzien.")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="Het verslag is opgeslagen.")).to_be_visible()

    page.get_by_label("Transcript (WebVTT, SRT of tekst)").set_input_files(
        files=[{"name": "gesprek.vtt", "mimeType": "text/vtt", "buffer": VTT}]
    )
    page.get_by_role("button", name="Transcript inlezen").click()
    expect(page.get_by_text("Het transcript is ingelezen: 3 passages.")).to_be_visible()
    expect(page.locator("#passage-2")).to_contain_text("00:01:23")
    expect(page.locator("#passage-2")).to_contain_text("Anna de Vries:")

    # The passages are searchable in place.
    page.get_by_placeholder("Zoek in het transcript").fill("buurtkamer")
    expect(page.locator("#passage-list li")).to_have_count(1)
    expect(page.locator("#passage-list")).to_contain_text("De buurtkamer")

    page.get_by_role("button", name="Opslaan en indienen").click()
    expect(page.get_by_text("Het verslag is ingediend bij de projectleider.")).to_be_visible()
    expect(page.locator("#report-status")).to_have_text("Ingediend")
    report_url = page.url
    page.get_by_role("button", name="Uitloggen").click()

    # The project leader accepts the report and sets up a theme.
    login(page, "leider", PASSWORD)
    page.goto(report_url)
    page.get_by_role("button", name="Verslag accepteren").click()
    expect(page.locator("#report-status")).to_have_text("Geaccepteerd")
    page.goto(f"/projects/{project.pk}/themes/")
    page.get_by_label("Naam").fill("Wonen")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.locator("#theme-tree")).to_contain_text("Wonen")

    # Two fragments from the transcript, filed under "Wonen".
    page.goto(report_url)
    page.get_by_role("link", name="markeer als fragment (00:00:07)").click()
    expect(page.get_by_label("Citaat")).to_have_value(
        "Er zijn te weinig betaalbare woningen voor jonge gezinnen."
    )
    page.get_by_label("Wonen").check()
    page.get_by_label("Waarheid", exact=True).check()
    page.get_by_label("Hierna terug naar het verslag").check()
    page.get_by_role("button", name="Fragment opslaan").click()
    expect(page.get_by_text("Het fragment is gemarkeerd.")).to_be_visible()

    page.get_by_role("link", name="markeer als fragment (00:01:23)").click()
    page.get_by_label("Citaat").fill("De buurtkamer is de plek waar mensen elkaar ontmoeten.")
    page.get_by_label("Wonen").check()
    page.get_by_label("Waarachtigheid").check()
    page.get_by_role("button", name="Fragment opslaan").click()

    # The fragments page shows both under the theme, with provenance and attribution.
    expect(page).to_have_url(re.compile(rf"/projects/{project.pk}/fragments/"))
    wonen = page.locator("section", has=page.get_by_role("heading", name=re.compile("^Wonen")))
    expect(wonen.locator("blockquote")).to_have_count(2)
    expect(wonen.locator("blockquote").nth(0)).to_contain_text("betaalbare woningen")
    expect(wonen.locator("blockquote").nth(1)).to_contain_text("De buurtkamer")
    expect(wonen.locator(".attribution").first).to_have_text("Anna de Vries (Woonbond Noord)")
    expect(wonen.locator(".provenance").nth(1)).to_contain_text("transcript 00:01:23")

    # Reorder: the second quote goes first.
    wonen.get_by_role("button", name="Fragment 2 omhoog").click()
    wonen = page.locator("section", has=page.get_by_role("heading", name=re.compile("^Wonen")))
    expect(wonen.locator("blockquote").nth(0)).to_contain_text("De buurtkamer")

    report = interview.__class__.objects.get(pk=interview.pk).report
    assert report.status == ReportStatus.ACCEPTED
    assert Transcript.objects.get(report=report).passages.count() == 3
    assert sorted(Fragment.objects.values_list("dimension", flat=True)) == ["sincerity", "truth"]
