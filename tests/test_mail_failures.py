"""Mail failures are visible, for the one-recipient mails: a real Celery worker on Redis sends
through a real SMTP server (tests/smtp_server.py). An invitation to a key figure whose address
is refused ends "failed" in the mail log with the server's answer, after one try; one the
server keeps deferring ends failed after the last retry; one that goes through is sent once.
No row is locked while the mail goes out."""

import datetime
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction

from processteps.consultation.models import MailStatus, SentMail
from processteps.models import Membership, Role, Task
from processteps.services.projects import project_create
from processteps.services.tasks import task_create
from tests.conftest import wait_for
from tests.smtp_server import Policy

pytestmark = pytest.mark.services

REFUSED = "onbekend@example.org"


@pytest.fixture
def project(transactional_db):
    leader = get_user_model().objects.create_user("leider", "leider@example.org", "x")
    project = project_create(
        actor=leader,
        name="Wonen",
        issue="Woningnood",
        client_organisation="Gemeente",
        start_date=datetime.date(2026, 1, 1),
    )
    project.leader = leader
    return project


def invitation(project, to) -> SentMail:
    from processteps.consultation.tasks import send_invitation_mail

    mail = SentMail.objects.create(
        project=project, to=to, subject="Uitnodiging", body="Wilt u meedoen?", sent_by=None
    )
    send_invitation_mail.delay(mail.pk)
    return mail


def finished(mail):
    return SentMail.objects.filter(pk=mail.pk).exclude(status=MailStatus.QUEUED).first()


def test_a_refused_invitation_is_failed_with_the_answer_after_one_try(
    celery_worker_app, project, smtp
):
    locked = []

    def try_to_lock(address):
        try:
            with transaction.atomic():
                list(SentMail.objects.select_for_update(nowait=True))
            locked.append(False)
        except DatabaseError:
            locked.append(True)
        finally:
            connection.close()

    server = smtp(Policy(refuse={REFUSED: (550, "5.1.1 Onbekende gebruiker")}, on_rcpt=try_to_lock))

    refused = invitation(project, REFUSED)
    accepted = invitation(project, "anna@example.org")

    refused = wait_for(lambda: finished(refused))
    accepted = wait_for(lambda: finished(accepted))
    assert (refused.status, refused.error, refused.sent_at) == (
        MailStatus.FAILED,
        f"SMTPRecipientsRefused: {REFUSED}: 550 5.1.1 Onbekende gebruiker",
        None,
    )
    assert (accepted.status, accepted.error) == (MailStatus.SENT, "")
    assert server.rcpt_attempts.count(REFUSED) == 1, "not retried as if it were transient"
    assert server.delivered_to() == ["anna@example.org"]
    assert locked == [False, False]


def test_an_invitation_the_server_keeps_deferring_fails_after_the_last_retry(
    celery_worker_app, project, smtp, settings
):
    settings.MAIL_MAX_RETRIES = 2
    server = smtp(Policy(refuse={REFUSED: (450, "4.2.1 Postbus tijdelijk vol")}))

    mail = invitation(project, REFUSED)
    mail = wait_for(lambda: finished(mail))

    assert (mail.status, mail.error) == (
        MailStatus.FAILED,
        f"SMTPRecipientsRefused: {REFUSED}: 450 4.2.1 Postbus tijdelijk vol",
    )
    assert server.rcpt_attempts.count(REFUSED) == 3, "the first try and two retries"


def test_a_refused_task_assignment_is_not_retried(celery_worker_app, project, smtp):
    member = get_user_model().objects.create_user("lid", REFUSED, "x")
    Membership.objects.create(project=project, user=member, role=Role.MEMBER)
    server = smtp(Policy(refuse={REFUSED: (550, "5.1.1 Onbekende gebruiker")}))

    task = task_create(actor=project.leader, project=project, title="Bellen", assignee=member)

    wait_for(lambda: server.rcpt_attempts)
    time.sleep(1.5)  # retries would come at once (MAIL_RETRY_DELAY is 0 here)
    assert server.rcpt_attempts == [REFUSED]
    assert Task.objects.get(pk=task.pk).notified_assignee_id is None
