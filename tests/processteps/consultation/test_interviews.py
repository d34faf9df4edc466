"""Interviews in the browser: the overview (load, overdue), planning, claiming, invitations
(template, preview, sending through the Celery task, the log) and the briefing."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from processteps.consultation.models import (
    BriefingAcknowledgement,
    Interview,
    InterviewReport,
    InvitationTemplate,
    MailStatus,
    ReportStatus,
    SentMail,
)
from processteps.consultation.selectors import interviewer_load, interviews_page
from processteps.consultation.services import interviews as interview_services
from processteps.consultation.services import keyfigures as keyfigure_services
from processteps.consultation.services import reports as report_services
from tests.processteps.helpers import error_messages_of, messages_of

from .test_interviews_support import interview, key_figure, report

pytestmark = pytest.mark.django_db


def url(name, project, *args):
    return reverse(f"consultation:{name}", args=[project.pk, *args])


# --- the overview ---------------------------------------------------------------------------


def test_the_overview_lists_interviews_with_consent_status_and_overdue(project, client_as):
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    late = interview(project, key_figure(project, name="Anna de Vries"), report_due=yesterday)
    on_time = interview(
        project,
        key_figure(project, name="Bert Bakker"),
        interviewers=[project.leader, project.member],
        quote_consent="by_name",
        consent_recording=True,
        form="phone",
        report_due=datetime.date.today() + datetime.timedelta(days=7),
    )
    report(on_time, status=ReportStatus.SUBMITTED)

    page = client_as("member").get(url("interviews", project)).content.decode()

    row = page[page.index(f'id="interview-{late.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "Anna de Vries" in row and "te laat" in row and "table-warning" in row
    assert "Tim Teamlid" in row and "Anoniem citeren" in row and "geen opname" in row
    assert "nog geen verslag" in row
    row = page[page.index(f'id="interview-{on_time.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "Telefonisch" in row and "Citeren met naam" in row and "opname toegestaan" in row
    assert "Ingediend" in row and "te laat" not in row
    overdue = page[page.index('id="overdue-list"') :]
    assert "Anna de Vries" in overdue[: overdue.index("</ul>")]
    assert "Bert Bakker" not in overdue[: overdue.index("</ul>")]


def test_load_per_interviewer_counts_interviews_and_open_reports(project):
    today = datetime.date.today()
    a = interview(project, key_figure(project, name="A"), report_due=today - datetime.timedelta(1))
    b = interview(project, key_figure(project, name="B"), interviewers=[project.member,
                  project.leader])  # fmt: skip
    report(b, status=ReportStatus.ACCEPTED)
    c = interview(project, key_figure(project, name="C"), interviewers=[project.leader])
    report(c, status=ReportStatus.SUBMITTED)
    assert a and c

    load = {row.user.username: row for row in interviewer_load(project)}

    member, leader = load["teamlid"], load["leider"]
    assert (member.interviews, member.open_reports, member.accepted, member.overdue) == (2, 1, 1, 1)
    assert (leader.interviews, leader.open_reports, leader.submitted, leader.accepted) == (
        2, 0, 1, 1,
    )  # fmt: skip
    assert "opdrachtgever" not in load, "the client interviews no one"


def test_a_report_due_today_is_not_overdue_yet(project):
    interview(project, report_due=datetime.date.today())
    page = interviews_page(project, 1, per_page=25)
    assert [i.overdue for i in page.object_list] == [False]


# --- planning and claiming ------------------------------------------------------------------


def test_the_leader_plans_an_interview_with_an_approved_key_figure(project, client_as):
    figure = key_figure(project)
    unapproved = key_figure(project, name="Niet Goedgekeurd", approved=False)
    browser = client_as("leader")
    form = browser.get(url("interview_create", project)).content.decode()
    assert figure.name in form and unapproved.name not in form

    response = browser.post(
        url("interview_create", project),
        {"key_figure": figure.pk, "interviewers": [project.member.pk, project.leader.pk],
         "scheduled_at": "2024-05-02T14:30", "form": "in_person", "consent_recording": "on",
         "quote_consent": "by_name", "report_due": "2024-05-16"},
    )  # fmt: skip

    assert response.status_code == 302
    planned = Interview.objects.get(key_figure=figure)
    assert set(planned.interviewers.all()) == {project.member, project.leader}
    assert (planned.form, planned.quote_consent, planned.consent_recording) == (
        "in_person", "by_name", True,
    )  # fmt: skip
    assert planned.report_due == datetime.date(2024, 5, 16)

    refused = browser.post(
        url("interview_create", project),
        {"key_figure": unapproved.pk, "interviewers": [project.member.pk], "form": "online",
         "quote_consent": "none"},
    )  # fmt: skip
    assert refused.status_code == 200
    assert "Selecteer een geldige keuze" in refused.content.decode()
    assert not Interview.objects.filter(key_figure=unapproved).exists()


def test_the_client_cannot_be_an_interviewer(project, client_as):
    figure = key_figure(project)
    response = client_as("leader").post(
        url("interview_create", project),
        {"key_figure": figure.pk, "interviewers": [project.client.pk], "form": "online",
         "quote_consent": "anonymous"},
    )  # fmt: skip
    assert response.status_code == 200
    assert not Interview.objects.exists()


def test_a_member_claims_an_approved_key_figure(project, client_as):
    figure = key_figure(project, name="Carla Claes")
    key_figure(project, name="Nog Niet", approved=False)
    browser = client_as("member")
    page = browser.get(url("interviews", project)).content.decode()
    claimable = page[page.index('id="claimable"') :]
    assert "Carla Claes" in claimable and "Nog Niet" not in claimable

    response = browser.post(url("interview_claim", project, figure.pk))

    assert response.status_code == 302
    assert messages_of(response) == ["Je interviewt nu Carla Claes."]
    claimed = Interview.objects.get(key_figure=figure)
    assert list(claimed.interviewers.all()) == [project.member]
    page = browser.get(url("interviews", project)).content.decode()
    assert "Carla Claes" not in page[page.index('id="claimable"') :]


def test_claiming_an_unapproved_key_figure_is_refused(project, client_as):
    figure = key_figure(project, approved=False)
    response = client_as("member").post(url("interview_claim", project, figure.pk))
    assert error_messages_of(response)
    assert not Interview.objects.exists()


def test_the_interviewer_opens_the_report_once(project, client_as):
    planned = interview(project)
    browser = client_as("member")
    first = browser.post(url("interview_report", project, planned.pk))
    second = browser.post(url("interview_report", project, planned.pk))
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == url("report", project, planned.report.pk)
    assert InterviewReport.objects.filter(interview=planned).count() == 1
    # Once it exists, a GET (a bookmark) leads to it too.
    assert (
        browser.get(url("interview_report", project, planned.pk))["Location"] == first["Location"]
    )


def test_opening_the_interviews_or_an_interview_creates_no_report(project, client_as):
    planned = interview(project)
    browser = client_as("member")
    assert browser.get(url("interviews", project)).status_code == 200
    response = browser.get(url("interview_report", project, planned.pk))
    assert response.status_code == 302
    assert response["Location"] == f"{url('interviews', project)}#interview-{planned.pk}"
    assert not InterviewReport.objects.filter(interview=planned).exists()


def test_the_report_is_started_only_by_whoever_may_write_it(project):
    from django.core.exceptions import PermissionDenied

    planned = interview(project, interviewers=[project.leader])
    with pytest.raises(PermissionDenied):
        report_services.report_open(actor=project.member, interview=planned)
    with pytest.raises(PermissionDenied):
        report_services.report_open(actor=project.client, interview=planned)
    assert not InterviewReport.objects.filter(interview=planned).exists()
    assert report_services.report_open(actor=project.leader, interview=planned).interview == planned


# --- invitations ------------------------------------------------------------------------------


def test_the_invitation_page_lists_the_merge_fields_and_previews_as_plain_text(project, client_as):
    figure = key_figure(project, name="Anna <script>alert(1)</script>")
    interview_services.invitation_template_save(
        actor=project.leader, project=project, subject="Gesprek over {{ project }}",
        body="Beste {{ naam }},\n\nvan {{ organisatie }}",
    )  # fmt: skip
    browser = client_as("leader")

    page = browser.get(url("invitation", project), {"key_figure": figure.pk}).content.decode()

    for field in ("naam", "organisatie", "functie", "project", "datum", "interviewers"):
        assert "{{ %s }}" % field in page  # noqa: UP031 - the literal merge field
    preview = page[page.index('id="preview"') :]
    assert "Gesprek over Leefbare wijk" in preview
    assert "Beste Anna &lt;script&gt;alert(1)&lt;/script&gt;," in preview
    assert "<script>alert" not in page
    assert "van Woonbond Noord" in preview


def test_an_unknown_merge_field_is_refused_in_dutch(project, client_as):
    response = client_as("leader").post(
        url("invitation", project), {"subject": "Hallo {{ voornaam }}", "body": "Beste {{ naam }}"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Onbekend invulveld: {{ voornaam }}. Beschikbaar:" in page
    assert not InvitationTemplate.objects.exists()


def test_the_leader_saves_the_template(project, client_as):
    response = client_as("leader").post(
        url("invitation", project), {"subject": "Over {{ project }}", "body": "Beste {{ naam }}"}
    )
    assert response.status_code == 302
    template = InvitationTemplate.objects.get(project=project)
    assert (template.subject, template.updated_by) == ("Over {{ project }}", project.leader)


def test_sending_invitations_queues_a_task_per_key_figure_and_logs_every_mail(
    project, client_as, django_capture_on_commit_callbacks
):
    anna = key_figure(project, name="Anna de Vries", email="anna@example.org")
    bert = key_figure(project, name="Bert Bakker", email="bert@example.org")
    interview(project, anna, interviewers=[project.member])
    browser = client_as("leader")

    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(
            url("invitation_send", project), {"key_figures": [anna.pk, bert.pk]}
        )

    assert response.status_code == 302
    assert response["Location"] == url("sent_mails", project)
    assert messages_of(response) == [
        "2 uitnodigingen staan klaar om te versturen; de status staat in het logboek."
    ]
    mails = SentMail.objects.order_by("to")
    assert [(m.to, m.status, m.sent_by) for m in mails] == [
        ("anna@example.org", MailStatus.SENT, project.leader),
        ("bert@example.org", MailStatus.SENT, project.leader),
    ]
    assert all(m.sent_at for m in mails)
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "bert@example.org"]
    to_anna = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    assert to_anna.subject == "Uitnodiging voor een gesprek over Leefbare wijk"
    assert "Beste Anna de Vries," in to_anna.body and "Tim Teamlid" in to_anna.body

    log = browser.get(url("sent_mails", project)).content.decode()
    assert log.count('id="mail-') == 2
    assert "anna@example.org" in log and "Verstuurd" in log


def test_a_failed_mail_shows_in_the_log_with_its_error(
    project, client_as, django_capture_on_commit_callbacks, monkeypatch
):
    figure = key_figure(project)

    def broken(*args, **kwargs):
        raise ValueError("Ongeldige afzender")

    monkeypatch.setattr("processteps.consultation.tasks.send_mail", broken)
    with django_capture_on_commit_callbacks(execute=True):
        client_as("leader").post(url("invitation_send", project), {"key_figures": [figure.pk]})

    sent = SentMail.objects.get()
    assert (sent.status, sent.error) == (MailStatus.FAILED, "ValueError: Ongeldige afzender")
    log = client_as("leader").get(url("sent_mails", project)).content.decode()
    assert "Mislukt" in log and "ValueError: Ongeldige afzender" in log


def test_sending_to_a_key_figure_without_an_address_sends_nothing(project, client_as):
    figure = key_figure(project, email="")
    response = client_as("leader").post(
        url("invitation_send", project), {"key_figures": [figure.pk]}
    )
    assert error_messages_of(response) == [f"Geen e-mailadres bekend van: {figure.name}."]
    assert not SentMail.objects.exists()
    assert mail.outbox == []


def test_sending_without_a_choice_says_so(project, client_as):
    response = client_as("leader").post(url("invitation_send", project), {})
    assert error_messages_of(response) == ["Kies minstens één sleutelfiguur."]


def test_an_erased_key_figure_is_not_offered(project, client_as):
    figure = key_figure(project, name="Wordt Gewist")
    keyfigure_services.key_figure_erase(actor=project.leader, key_figure=figure)
    page = client_as("leader").get(url("invitation", project)).content.decode()
    assert "Wordt Gewist" not in page


# --- the briefing ---------------------------------------------------------------------------


def test_the_leader_publishes_the_briefing_and_sees_who_acknowledged(project, client_as):
    leader = client_as("leader")
    response = leader.post(
        url("briefing", project),
        {"text": "Stel open vragen.\n\nVraag <b>altijd</b> toestemming. <script>x()</script>"},
    )
    assert response.status_code == 302
    member = client_as("member")
    page = member.get(url("briefing", project)).content.decode()
    text = page[page.index('id="briefing-text"') :]
    assert "<b>altijd</b>" in text and "<script>" not in text
    assert "Gelezen en begrepen" in page

    response = member.post(url("briefing_acknowledge", project))
    assert messages_of(response) == ["Bevestigd: gelezen en begrepen."]
    assert 'id="acknowledged"' in member.get(url("briefing", project)).content.decode()
    page = leader.get(url("briefing", project)).content.decode()
    acks = page[page.index('id="acknowledgements"') :]
    acks = acks[: acks.index("</ul>")]
    assert "Tim Teamlid" in acks and "bevestigd" in acks
    assert "nog niet" in acks  # the leader has not acknowledged it

    # A new revision must be acknowledged again.
    leader.post(url("briefing", project), {"text": "Versie twee."})
    page = member.get(url("briefing", project)).content.decode()
    assert 'id="acknowledged"' not in page and "Gelezen en begrepen" in page
    member.post(url("briefing_acknowledge", project))
    member.post(url("briefing_acknowledge", project))  # twice is once
    assert list(
        BriefingAcknowledgement.objects.filter(user=project.member)
        .values_list("revision", flat=True)
        .order_by("revision")
    ) == [1, 2]


def test_plain_text_briefing_keeps_its_paragraphs(project, client_as):
    client_as("leader").post(url("briefing", project), {"text": "Eerste alinea.\n\nTweede."})
    page = client_as("member").get(url("briefing", project)).content.decode()
    assert "<p>Eerste alinea.</p>" in page and "<p>Tweede.</p>" in page


def test_an_unpublished_briefing_cannot_be_acknowledged(project, client_as):
    response = client_as("member").post(url("briefing_acknowledge", project))
    assert response.status_code == 404
    assert not BriefingAcknowledgement.objects.exists()
