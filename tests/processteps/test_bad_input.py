"""Bad input: a Dutch message on the page, and nothing saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from processteps.models import Decision, Membership, StepStatus
from processteps.services import steps as step_services

from .helpers import snapshot

pytestmark = pytest.mark.django_db


def url(name, project, **kwargs):
    return reverse(f"processteps:{name}", kwargs={"project": project.pk, **kwargs})


def files_in(directory) -> list:
    return [p for p in directory.rglob("*") if p.is_file()] if directory.exists() else []


def assert_refused(response, message, before, statuses=(200, 400)):
    assert response.status_code in statuses
    assert message in response.content.decode(), response.content.decode()[-3000:]
    assert snapshot() == before


@pytest.fixture
def leader_browser(project, client_as):
    return client_as("leader")


def test_a_project_needs_a_name(leader_browser, db):
    before = snapshot()
    response = leader_browser.post(
        reverse("processteps:project_create"),
        {"name": "", "issue": "Woningnood", "client_organisation": "Gemeente",
         "start_date": "2024-01-01"},
    )  # fmt: skip
    assert_refused(response, "Dit veld is verplicht.", before)


def test_a_project_needs_a_valid_start_date(leader_browser, db):
    before = snapshot()
    response = leader_browser.post(
        reverse("processteps:project_create"),
        {"name": "Wonen", "issue": "Woningnood", "client_organisation": "Gemeente",
         "start_date": "31-02-2024"},
    )  # fmt: skip
    assert_refused(response, "Voer een geldige datum in.", before)


def test_a_task_due_before_the_project_starts_is_refused(project, leader_browser):
    before = snapshot()
    response = leader_browser.post(
        url("task_add", project),
        {"title": "Te vroeg", "step": "", "assignee": "", "due_date": "2023-12-31",
         "status": "open", "notes": ""},
    )  # fmt: skip
    assert_refused(response, "voor de start van het project (01-01-2024)", before)


def test_a_task_needs_a_title(project, leader_browser):
    before = snapshot()
    response = leader_browser.post(
        url("task_add", project), {"title": "", "status": "open", "assignee": "", "step": ""}
    )
    assert_refused(response, "Dit veld is verplicht.", before)


def test_a_client_cannot_be_chosen_as_assignee(project, leader_browser):
    before = snapshot()
    response = leader_browser.post(
        url("task_add", project),
        {"title": "Lezen", "status": "open", "assignee": project.client.pk, "step": ""},
    )
    assert_refused(response, "Selecteer een geldige keuze.", before)


# --- uploads ------------------------------------------------------------------------------------


def post_source(browser, project, **fields):
    data = {"title": "Bron", "kind": "document", "url": "", "notes": "", **fields}
    return browser.post(url("source_add", project, number=1), data)


def test_an_oversized_upload_is_refused_and_not_stored(
    project, leader_browser, settings, media_root
):
    settings.UPLOAD_MAX_SIZE = 1024
    before = snapshot()
    big = SimpleUploadedFile("verslag.txt", b"x" * 2048, content_type="text/plain")

    response = post_source(leader_browser, project, file=big)

    assert_refused(response, "te groot", before)
    assert "Het bestand is te groot (2,0\xa0KB); het maximum is 1,0\xa0KB." in (
        response.content.decode()
    )
    assert files_in(media_root) == []


@pytest.mark.parametrize(
    "name, content",
    [
        ("installer.exe", b"MZ\x90\x00"),
        ("pagina.html", b"<script>alert(1)</script>"),
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>"),
    ],
)
def test_a_forbidden_file_type_is_refused(project, leader_browser, media_root, name, content):
    before = snapshot()
    response = post_source(leader_browser, project, file=SimpleUploadedFile(name, content))
    assert_refused(response, "niet toegestaan", before)
    assert files_in(media_root) == []


def test_a_pdf_that_is_no_pdf_is_refused(project, leader_browser, media_root):
    before = snapshot()
    fake = SimpleUploadedFile("rapport.pdf", b"<html>geen pdf</html>")
    response = post_source(leader_browser, project, file=fake)
    assert_refused(response, "De inhoud van het bestand past niet bij de extensie", before)
    assert files_in(media_root) == []


def test_a_real_pdf_is_accepted(project, leader_browser, media_root):
    pdf = SimpleUploadedFile("rapport.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    response = post_source(leader_browser, project, file=pdf)
    assert response.status_code == 302
    assert [p.name for p in files_in(media_root)] == ["rapport.pdf"]


def test_a_link_needs_a_url(project, leader_browser):
    before = snapshot()
    response = post_source(leader_browser, project, kind="link")
    assert_refused(response, "Een link heeft een URL nodig.", before)


def test_a_document_needs_a_file_or_url(project, leader_browser):
    before = snapshot()
    response = post_source(leader_browser, project, kind="document")
    assert_refused(response, "Voeg een bestand toe of geef een URL.", before)


# --- steps ------------------------------------------------------------------------------------


def test_skipping_without_a_reason_is_refused(project, leader_browser):
    before = snapshot()
    response = leader_browser.post(url("step_skip", project, number=2), {"reason": ""})
    assert_refused(response, "Dit veld is verplicht.", before)
    assert project.steps.get(number=2).status == StepStatus.NOT_STARTED


def test_deciding_go_without_a_form_is_refused(project, leader_browser):
    sixth = project.steps.get(number=6)
    step_services.step_decide(actor=project.leader, step=sixth, decision=Decision.PENDING)
    before = snapshot()

    response = leader_browser.post(
        url("step_decide", project, number=6), {"decision": "go", "form": "", "reason": ""}
    )

    assert_refused(response, "Beschrijf in welke vorm de stap wordt uitgevoerd.", before)
    sixth.refresh_from_db()
    assert sixth.decision == Decision.PENDING


def test_deciding_no_go_without_a_reason_is_refused(project, leader_browser):
    before = snapshot()
    response = leader_browser.post(
        url("step_decide", project, number=6), {"decision": "no_go", "form": "", "reason": " "}
    )
    assert_refused(response, "Geef een reden om de stap niet uit te voeren.", before)
    assert project.steps.get(number=6).status == StepStatus.NOT_STARTED


def test_judging_without_justification_is_refused(project, leader_browser):
    before = snapshot()
    response = leader_browser.post(
        url("step_uncertainty", project, number=1), {"status": "reduced", "justification": ""}
    )
    assert_refused(response, "Onderbouw het oordeel kort.", before)
    assert project.steps.get(number=1).uncertainty_status == "open"


def test_completing_without_a_reason_shows_what_is_missing(project, leader_browser):
    before = snapshot()
    response = leader_browser.post(
        url("step_complete", project, number=1), {"override_reason": ""}, follow=True
    )
    assert_refused(response, "4 checklistpunt(en) nog niet afgevinkt.", before)
    assert "Vul een reden in om de stap toch af te ronden." in response.content.decode()
    assert project.steps.get(number=1).status == StepStatus.NOT_STARTED


def test_a_planned_end_before_the_start_is_refused(project, leader_browser):
    before = snapshot()
    response = leader_browser.post(
        url("step_edit", project, number=2),
        {"name": "Inventariseren sleutelfiguren", "document_name": "Omgevingsanalyse",
         "planned_start": "2024-03", "planned_end": "2024-01"},
    )  # fmt: skip
    assert_refused(response, "Het einde van de planning ligt voor het begin.", before)
    second = project.steps.get(number=2)
    assert (second.planned_start, second.planned_end) == (None, None)


def test_an_empty_checklist_item_is_refused(project, leader_browser):
    before = snapshot()
    count = project.steps.get(number=1).checklist_items.count()
    response = leader_browser.post(url("checklist_add", project, number=1), {"text": ""})
    assert_refused(response, "Dit veld is verplicht.", before)
    assert project.steps.get(number=1).checklist_items.count() == count


# --- members ----------------------------------------------------------------------------------


def test_adding_an_invalid_email_is_refused(project, leader_browser):
    before, members = snapshot(), Membership.objects.count()
    response = leader_browser.post(
        url("members", project), {"email": "geen-adres", "name": "", "role": "member"}
    )
    assert_refused(response, "Voer een geldig e-mailadres in.", before)
    assert Membership.objects.count() == members


def test_adding_someone_already_in_the_project_is_refused(project, leader_browser):
    before, members = snapshot(), Membership.objects.count()
    response = leader_browser.post(
        url("members", project),
        {"email": project.member.email.upper(), "name": "", "role": "client"},
    )
    assert_refused(response, f"{project.member.email} is al lid van dit project.", before)
    assert Membership.objects.count() == members
    assert project.memberships.get(user=project.member).role == "member"


def test_removing_the_last_leader_is_refused_with_a_message(project, leader_browser):
    before = snapshot()
    own = project.memberships.get(user=project.leader)
    response = leader_browser.post(url("member_remove", project, membership=own.pk), follow=True)
    assert_refused(response, "Een project heeft minstens één projectleider nodig.", before)
    assert Membership.objects.filter(pk=own.pk, role="leader").exists()
