"""Mailing the people a publication is for, one recorded delivery per person.

The mail task (documents.tasks.send_publication_mail) first fixes the list of recipients
(publication_mail_plan), then claims one delivery at a time under a short lock, sends it with no
lock held, and records the outcome: sent, failed with the server's answer, or back in the queue
for the task's next try. So a retry after a partial batch mails only those not yet mailed, a
refused address is shown as failed instead of being tried for ever, and a slow SMTP server
blocks no one.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from documents.models import (
    DeliveryStatus,
    DocumentVersion,
    Publication,
    PublicationDelivery,
)

#: A delivery claimed this long ago by another task is free again (that task died mid-send;
#: one SMTP exchange is bounded by EMAIL_TIMEOUT).
CLAIM_EXPIRES = timedelta(minutes=5)


def publication_recipients(publication) -> list[tuple[str, str, str]]:
    """Who is mailed about a publication, as (name, e-mail, link) — each address once.

    The client always (a link into the app); a document's builder may add people of its own
    (``Builder.extra_recipients``: the Bloemlezing adds the interviewers and key figures).
    """
    from documents.builders import builder_for
    from processteps.models import Role

    document = publication.document
    project = document.project
    in_app = settings.SITE_URL + document.get_absolute_url()
    public = settings.SITE_URL + reverse(
        "documents:public_document", kwargs={"slug": project.slug, "number": document.step.number}
    )
    people = [
        (m.user.get_full_name() or m.user.username, m.user.email, in_app)
        for m in project.memberships.filter(role=Role.CLIENT).select_related("user")
    ]
    people += builder_for(document).extra_recipients(publication, in_app=in_app, public=public)
    seen, result = set(), []
    for name, email, url in people:
        if email and email.lower() not in seen:
            seen.add(email.lower())
            result.append((name, email, url))
    return result


def publication_mail_plan(*, publication_id: int) -> bool:
    """Fix, once, who is mailed about a publication; True while some of them are not done.

    A person already mailed about the same version (published to the client and then to the
    public) is not mailed again. A publication taken offline before its mail went out mails
    nobody."""
    version_id = (
        Publication.objects.filter(pk=publication_id).values_list("version_id", flat=True).first()
    )
    if version_id is None:
        return False
    with transaction.atomic():
        # The version's lock orders the plans of its publications (client and public at once).
        DocumentVersion.objects.select_for_update().filter(pk=version_id).first()
        publication = (
            Publication.objects.select_for_update(of=("self",))
            .select_related("document__project", "document__step", "version")
            .filter(pk=publication_id)
            .first()
        )
        if publication is None or publication.notified_at or not publication.is_active:
            return False
        if publication.deliveries.exists():
            return publication.deliveries.filter(
                status__in=[DeliveryStatus.QUEUED, DeliveryStatus.SENDING]
            ).exists()
        already = {
            email.lower()
            for email in PublicationDelivery.objects.filter(
                publication__version_id=publication.version_id
            ).values_list("email", flat=True)
        }
        deliveries = [
            PublicationDelivery(publication=publication, name=name[:200], email=email, url=url)
            for name, email, url in publication_recipients(publication)
            if email.lower() not in already
        ]
        if not deliveries:
            Publication.objects.filter(pk=publication.pk).update(notified_at=timezone.now())
            return False
        PublicationDelivery.objects.bulk_create(deliveries)
    return True


def delivery_claim_next(
    *, publication_id: int, claimant: str, skip=()
) -> PublicationDelivery | None:
    """The next delivery to send (not one of the ids in ``skip``), marked as being sent by
    ``claimant`` (a task id).

    Free are: queued ones, ones this task claimed before it was redelivered (its worker died),
    and claims that expired."""
    now = timezone.now()
    free = (
        Q(status=DeliveryStatus.QUEUED)
        | Q(status=DeliveryStatus.SENDING, claimed_by=claimant)
        | Q(status=DeliveryStatus.SENDING, claimed_at__lt=now - CLAIM_EXPIRES)
    )
    with transaction.atomic():
        delivery = (
            PublicationDelivery.objects.select_for_update(of=("self",))
            .filter(free, publication_id=publication_id)
            .exclude(pk__in=list(skip))
            .order_by("pk")
            .first()
        )
        if delivery is None:
            return None
        PublicationDelivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.SENDING,
            claimed_by=claimant,
            claimed_at=now,
            attempts=delivery.attempts + 1,
        )
    return (
        PublicationDelivery.objects.select_related(
            "publication__document__project", "publication__version"
        )
        .filter(pk=delivery.pk)
        .get()
    )


def delivery_message(delivery: PublicationDelivery, *, connection=None) -> EmailMessage:
    publication = delivery.publication
    context = {
        "publication": publication,
        "document": publication.document,
        "project": publication.document.project,
        "name": delivery.name,
        "url": delivery.url,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("emails/published_subject.txt", context).strip()
        body = render_to_string("emails/published.txt", context)
    return EmailMessage(subject, body, None, [delivery.email], connection=connection)


def _claimed(delivery: PublicationDelivery, claimant: str):
    return PublicationDelivery.objects.filter(
        pk=delivery.pk, status=DeliveryStatus.SENDING, claimed_by=claimant
    )


def delivery_sent(*, delivery: PublicationDelivery, claimant: str) -> None:
    _claimed(delivery, claimant).update(
        status=DeliveryStatus.SENT, error="", sent_at=timezone.now(), claimed_by=""
    )


def delivery_failed(
    *, delivery: PublicationDelivery, claimant: str, error: str, final: bool
) -> None:
    """Record a failed send: ``final`` (refused, or out of tries) ends it "failed"; otherwise
    it waits, with its error, for the task's next try."""
    _claimed(delivery, claimant).update(
        status=DeliveryStatus.FAILED if final else DeliveryStatus.QUEUED,
        error=error[:2000],
        claimed_by="",
    )


def publication_mail_finish(*, publication_id: int) -> None:
    """Once no delivery waits any more, the publication's mail is done (sent or failed)."""
    with transaction.atomic():
        pending = PublicationDelivery.objects.filter(
            publication_id=publication_id,
            status__in=[DeliveryStatus.QUEUED, DeliveryStatus.SENDING],
        )
        if not pending.exists():
            Publication.objects.filter(pk=publication_id, notified_at__isnull=True).update(
                notified_at=timezone.now()
            )
