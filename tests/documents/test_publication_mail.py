"""Mail failures are visible: a real Celery worker on Redis mails a publication through a real
SMTP server (tests/smtp_server.py). A refused address ends "failed" with the server's answer and
is not tried again; a retry after a partial batch mails only those not yet mailed; an address
that stays "try later" ends failed after the last try; and while the mail goes out, no row the
task works with is locked."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from documents.models import (
    Audience,
    DeliveryStatus,
    DocumentVersion,
    Publication,
    PublicationDelivery,
)
from documents.services.documents import publish, version_create
from processteps.models import Role
from tests.conftest import wait_for
from tests.factories import MembershipFactory, UserFactory
from tests.smtp_server import Policy

from .conftest import document_of, logged_in, write

pytestmark = pytest.mark.services

CLIENT, ALDERMAN, COUNCILLOR = (
    "opdrachtgever@example.org",
    "wethouder@example.org",
    "raadslid@example.org",
)


@pytest.fixture
def version(project, render_fast):
    """A rendered Plan van aanpak of a project with three clients."""
    for username in ("wethouder", "raadslid"):
        MembershipFactory(project=project, role=Role.CLIENT, user=UserFactory(username=username))
    document = document_of(project, 1)
    write(document, "aanleiding", "<p>Voor de opdrachtgevers.</p>", actor=project.leader)
    return render_fast(version_create(actor=project.leader, document=document))


def publish_and_wait(project, version) -> Publication:
    publication = publish(actor=project.leader, version=version, audience=Audience.CLIENT)
    wait_for(lambda: Publication.objects.get(pk=publication.pk).notified_at is not None, timeout=30)
    return publication


def deliveries_of(publication) -> dict:
    return {
        d.email: (d.status, d.error, d.attempts)
        for d in PublicationDelivery.objects.filter(publication=publication)
    }


def test_a_refused_address_ends_failed_with_the_answer_and_nothing_is_locked_meanwhile(
    celery_worker_app, project, version, smtp
):
    document = version.document
    locks = []

    def try_to_lock(address):
        # Another database connection, while the SMTP conversation is open.
        try:
            with transaction.atomic():
                for rows in (
                    Publication.objects.filter(document=document),
                    DocumentVersion.objects.filter(pk=version.pk),
                    PublicationDelivery.objects.filter(publication__document=document),
                ):
                    list(rows.select_for_update(nowait=True))
            locks.append("free")
        except DatabaseError as exc:
            locks.append(f"locked: {exc}")
        finally:
            connection.close()

    server = smtp(
        Policy(refuse={ALDERMAN: (550, "5.1.1 Onbekende gebruiker")}, on_rcpt=try_to_lock)
    )

    publication = publish_and_wait(project, version)

    assert deliveries_of(publication) == {
        CLIENT: (DeliveryStatus.SENT, "", 1),
        ALDERMAN: (
            DeliveryStatus.FAILED,
            f"SMTPRecipientsRefused: {ALDERMAN}: 550 5.1.1 Onbekende gebruiker",
            1,
        ),
        COUNCILLOR: (DeliveryStatus.SENT, "", 1),
    }
    assert sorted(server.delivered_to()) == sorted([CLIENT, COUNCILLOR])
    assert server.rcpt_attempts.count(ALDERMAN) == 1, "a refused address is not tried again"
    assert locks == ["free", "free", "free"]
    # The leader sees it on the version's page.
    page = logged_in(project.leader).get(
        reverse("documents:version", kwargs={"project": project.pk, "number": 1, "version": 1})
    )
    html = page.content.decode()
    assert f"Mail aan {ALDERMAN}: Mislukt" in html
    assert "SMTPRecipientsRefused: wethouder@example.org: 550 5.1.1 Onbekende gebruiker" in html
    assert f"Mail aan {CLIENT}: Verstuurd" in html


def test_a_retry_after_a_partial_batch_mails_only_those_not_yet_mailed(
    celery_worker_app, project, version, smtp
):
    # The server hangs up after the first message: the task tries again for the rest.
    server = smtp(Policy(hang_up_after=1))

    publication = publish_and_wait(project, version)

    assert sorted(m.recipients[0] for m in server.received) == sorted(
        [CLIENT, ALDERMAN, COUNCILLOR]
    ), "each person exactly once"
    deliveries = PublicationDelivery.objects.filter(publication=publication).order_by("pk")
    assert [(d.status, d.error) for d in deliveries] == [(DeliveryStatus.SENT, "")] * 3
    # The second was the one the connection dropped on: it took two tries, the others one.
    assert [d.attempts for d in deliveries] == [1, 2, 1]
    # A redelivered task mails nobody again.
    from documents.tasks import send_publication_mail

    assert send_publication_mail(publication.pk) == 0
    assert len(server.received) == 3


def test_an_address_that_stays_try_later_ends_failed_after_the_last_try(
    celery_worker_app, project, version, smtp, settings
):
    settings.MAIL_MAX_RETRIES = 2
    server = smtp(Policy(refuse={ALDERMAN: (451, "4.7.1 Probeer het later")}))

    publication = publish_and_wait(project, version)

    assert deliveries_of(publication) == {
        CLIENT: (DeliveryStatus.SENT, "", 1),
        ALDERMAN: (
            DeliveryStatus.FAILED,
            f"SMTPRecipientsRefused: {ALDERMAN}: 451 4.7.1 Probeer het later",
            3,
        ),
        COUNCILLOR: (DeliveryStatus.SENT, "", 1),  # not held up by the one that waits
    }
    assert server.rcpt_attempts.count(ALDERMAN) == 3, "the first try and two retries"
    assert sorted(server.delivered_to()) == sorted([CLIENT, COUNCILLOR])
