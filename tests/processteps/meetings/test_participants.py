"""Participants: the waiting list of a capped meeting in order, key figures invited without
retyping, the invitation mail (template, Celery task, log) and the all-or-nothing import."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from processteps.consultation.models import MailStatus
from processteps.meetings.models import (
    Attendance,
    AttendanceStatus,
    MeetingMail,
    Participant,
)
from processteps.meetings.services import participants as services
from processteps.meetings.tasks import send_meeting_invitation
from processteps.models import AuditEntry, PartyKind

from .support import invite, key_figure, person, plan

pytestmark = pytest.mark.django_db


def register(attendance, project):
    return services.attendance_register(actor=project.leader, attendance=attendance)


def test_a_full_meeting_puts_registrations_on_a_waiting_list_in_order(project):
    meeting = plan(project, capacity=2)
    people = [person(project, f"Persoon {i}") for i in range(5)]
    attendances = invite(meeting, people)
    order = [attendances[p.pk] for p in people]
    results = [register(a, project) for a in order]
    assert [r.status for r in results] == [
        "registered",
        "registered",
        "waitlisted",
        "waitlisted",
        "waitlisted",
    ]
    waiting = [
        a.participant.name
        for a in meeting.attendances.filter(status="waitlisted").order_by("waitlisted_at", "id")
    ]
    assert waiting == ["Persoon 2", "Persoon 3", "Persoon 4"]

    # A place frees up: the first on the list gets it, not a later one.
    services.attendance_decline(actor=project.leader, attendance=order[0])
    statuses = dict(
        Attendance.objects.filter(meeting=meeting).values_list("participant__name", "status")
    )
    assert statuses["Persoon 2"] == AttendanceStatus.REGISTERED
    assert statuses["Persoon 3"] == statuses["Persoon 4"] == AttendanceStatus.WAITLISTED
    # More places: the list is served in order again.
    from processteps.meetings.services.meetings import meeting_update

    meeting_update(actor=project.leader, meeting=meeting, capacity=3)
    statuses = dict(
        Attendance.objects.filter(meeting=meeting).values_list("participant__name", "status")
    )
    assert statuses["Persoon 3"] == AttendanceStatus.REGISTERED
    assert statuses["Persoon 4"] == AttendanceStatus.WAITLISTED
    assert meeting.attendances.filter(status__in=["registered", "present"]).count() == 3


def test_the_waiting_list_is_shown_in_order_and_a_full_meeting_says_so(project, client_as):
    meeting = plan(project, capacity=1)
    people = [person(project, name) for name in ("Anna", "Bram", "Cor")]
    attendances = invite(meeting, people)
    browser = client_as("leader")
    for p in people:
        url = reverse(
            "meetings:attendance_register", args=[project.pk, meeting.pk, attendances[p.pk].pk]
        )
        response = browser.post(url, follow=True)
    assert "De bijeenkomst is vol: Cor staat op de wachtlijst." in response.content.decode()
    page = browser.get(reverse("meetings:meeting_detail", args=[project.pk, meeting.pk]))
    text = page.content.decode()
    waitlist = text[text.index('id="waitlist"') :]
    assert waitlist.index("Bram") < waitlist.index("Cor")


def test_registering_twice_or_after_the_meeting_is_refused(project):
    meeting = plan(project)
    attendance = invite(meeting, [person(project)]).popitem()[1]
    register(attendance, project)
    with pytest.raises(ValidationError, match="al aangemeld"):
        register(attendance, project)
    held = plan(project, days=-2)
    late = invite(held, [person(project)]).popitem()[1]
    with pytest.raises(ValidationError, match="geplande bijeenkomst"):
        register(late, project)


def test_presence_is_recorded_from_the_start(project):
    meeting = plan(project)
    attendance = invite(meeting, [person(project)]).popitem()[1]
    with pytest.raises(ValidationError, match="vanaf het begin"):
        services.attendance_presence(actor=project.leader, attendance=attendance, present=True)
    held = plan(project, days=-1)
    attendance = invite(held, [person(project)]).popitem()[1]
    services.attendance_presence(actor=project.leader, attendance=attendance, present=False)
    attendance.refresh_from_db()
    assert attendance.status == AttendanceStatus.ABSENT


def test_key_figures_are_invited_without_retyping_them(project, client_as):
    meeting = plan(project)
    figure = key_figure(
        project, "Karin Kern", organisation="GGD", function="Arts", phone="06-12345678"
    )
    url = reverse("meetings:attendance_add", args=[project.pk, meeting.pk])
    client_as("leader").post(url, {"key_figures": [figure.pk]})
    participant = Participant.objects.get()
    assert (participant.name, participant.organisation, participant.expertise) == (
        "Karin Kern",
        "GGD",
        "Arts",
    )
    assert (participant.email, participant.phone, participant.key_figure) == (
        figure.email,
        "06-12345678",
        figure,
    )
    # A second meeting reuses the same participant.
    other = plan(project, days=30)
    people = services.participants_from_key_figures(
        actor=project.leader, project=project, key_figures=[figure]
    )
    services.attendances_add(actor=project.leader, meeting=other, participants=people)
    assert Participant.objects.count() == 1
    assert Attendance.objects.filter(participant=participant).count() == 2
    # Already taken over: no longer offered as a key figure.
    assert figure not in services.invitable_key_figures(project)


def test_invitations_are_merged_sent_by_the_task_and_logged(
    project, client_as, django_capture_on_commit_callbacks
):
    meeting = plan(project, title="Expertmeeting wonen", place="Stadhuis, zaal 2")
    eva = person(project, "Eva Expert", organisation="Woonbond")
    no_mail = person(project, "Zonder Mail", email="")
    attendances = invite(meeting, [eva, no_mail])
    services.invitation_template_save(
        actor=project.leader,
        project=project,
        subject="Welkom bij {{ bijeenkomst }}",
        body="Beste {{ naam }} van {{ organisatie }}, tot {{ datum }} in {{ plaats }}.",
    )
    with pytest.raises(ValidationError, match="Geen e-mailadres bekend van: Zonder Mail"):
        services.invitations_send(
            actor=project.leader, meeting=meeting, attendances=attendances.values()
        )
    assert not MeetingMail.objects.exists()

    url = reverse("meetings:invitations_send", args=[project.pk, meeting.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("leader").post(url, {"attendances": [attendances[eva.pk].pk]})
    assert response.status_code == 302
    sent = MeetingMail.objects.get()
    assert sent.status == MailStatus.SENT  # the task ran (eagerly) after the commit
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Welkom bij Expertmeeting wonen"
    assert "Beste Eva Expert van Woonbond" in mail.outbox[0].body
    assert "Stadhuis, zaal 2" in mail.outbox[0].body
    assert Attendance.objects.get(pk=attendances[eva.pk].pk).invitation_sent_at is not None
    # Safe to run twice: a sent mail is not sent again.
    assert send_meeting_invitation(sent.pk) is False
    assert len(mail.outbox) == 1
    log = client_as("leader").get(reverse("meetings:mails", args=[project.pk]))
    assert "eva.expert@example.org" in log.content.decode()


def test_a_failing_mail_is_marked_failed_in_the_log(
    project, monkeypatch, django_capture_on_commit_callbacks
):
    meeting = plan(project)
    attendance = invite(meeting, [person(project)]).popitem()[1]

    def broken(*args, **kwargs):
        raise ValueError("relay refused")

    monkeypatch.setattr("processteps.meetings.tasks.send_mail", broken)
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(actor=project.leader, meeting=meeting, attendances=[attendance])
    sent = MeetingMail.objects.get()
    assert sent.status == MailStatus.FAILED and "relay refused" in sent.error


def test_an_unknown_merge_field_is_refused(project):
    with pytest.raises(ValidationError, match=r"Onbekend invulveld: \{\{ adres \}\}"):
        services.invitation_template_save(
            actor=project.leader, project=project, subject="Hallo", body="{{ adres }}"
        )


# -- import ---------------------------------------------------------------------------------


def csv_upload(rows, header="naam;organisatie;expertise;groep;e-mail;telefoon;belangen"):
    text = "\n".join([header, *rows]) + "\n"
    return SimpleUploadedFile("deelnemers.csv", text.encode("utf-8"), content_type="text/csv")


def test_a_thousand_row_import_with_errors_saves_nothing_and_names_every_row(project):
    rows = [f"Persoon {i};Org;Zorg;Burgers;p{i}@example.org;;" for i in range(1000)]
    rows[9] = "Fout Adres;Org;;burgers;geen-adres;;"  # row 11
    rows[499] = "Verkeerde Groep;Org;;Marsmannetjes;v@example.org;;"  # row 501
    rows[998] = rows[0]  # row 1000: the same person as row 2
    rows[999] = ";Org;;;x@example.org;;"  # row 1001: no name
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.participants_import(actor=project.leader, project=project, upload=csv_upload(rows))
    problems = exc.value.messages
    assert "Rij 11: e-mailadres 'geen-adres' is ongeldig" in problems
    assert any(p.startswith("Rij 501: groep 'Marsmannetjes' bestaat niet") for p in problems)
    assert "Rij 1000: dezelfde persoon als in rij 2 (Persoon 0)" in problems
    assert "Rij 1001: naam ontbreekt" in problems
    assert len(problems) == 4
    assert not Participant.objects.exists()
    assert AuditEntry.objects.count() == before


def test_a_good_import_creates_everyone_and_invites_them(project, client_as):
    meeting = plan(project)
    rows = [f"Burger {i};;;nieuwe inwoners;b{i}@example.org;;" for i in range(1000)]
    url = reverse("meetings:participant_import", args=[project.pk])
    response = client_as("leader").post(url, {"file": csv_upload(rows), "meeting": meeting.pk})
    assert response.status_code == 302
    assert Participant.objects.filter(group=PartyKind.NEWCOMERS).count() == 1000
    assert meeting.attendances.count() == 1000
    # The same file again: everyone is there already.
    response = client_as("leader").post(url, {"file": csv_upload(rows[:3])})
    assert response.status_code == 400
    assert "Rij 2: Burger 0 staat al bij de deelnemers" in response.content.decode()


def test_the_import_page_lists_the_problems_in_dutch(project, client_as):
    url = reverse("meetings:participant_import", args=[project.pk])
    upload = SimpleUploadedFile("x.xls", b"nope")
    response = client_as("leader").post(url, {"file": upload})
    assert response.status_code == 400
    assert "kan niet worden ingelezen" in response.content.decode()
    template = client_as("leader").get(reverse("meetings:participant_template", args=[project.pk]))
    assert template.content.decode("utf-8-sig").startswith("naam;organisatie;expertise")


def test_an_xlsx_import_reads_the_same_columns(project):
    from processteps import tabular

    data = tabular.write_xlsx(
        [
            (
                "Deelnemers",
                services.HEADERS,
                [["Xia Xlsx", "Org", "", "Ondernemers", "x@example.org", "", ""]],
            )
        ]
    )
    upload = SimpleUploadedFile("d.xlsx", data)
    result = services.participants_import(actor=project.leader, project=project, upload=upload)
    assert result.count == 1
    assert Participant.objects.get().group == PartyKind.BUSINESSES
