"""Celery tasks of the documents app: they take ids and are safe to run twice."""

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

logger = logging.getLogger(__name__)

# Errors worth another try: the broker, the database or the disk hiccuped.
TRANSIENT = (ConnectionError, TimeoutError)


@shared_task(bind=True, max_retries=3, acks_late=True)
def render_version(self, version_id: int) -> bool:
    """Render a document version to PDF; on a lasting error, mark it failed with the error."""
    from django.db import OperationalError

    from documents.services.documents import version_render, version_render_failed

    try:
        return version_render(version_id=version_id)
    except (*TRANSIENT, OperationalError) as exc:
        if self.request.retries < self.max_retries and not self.request.is_eager:
            raise self.retry(exc=exc, countdown=2 ** (self.request.retries + 1))
        version_render_failed(version_id=version_id, error=f"{type(exc).__name__}: {exc}")
        return False
    except Exception as exc:
        logger.exception("Rendering version %s failed", version_id)
        version_render_failed(version_id=version_id, error=f"{type(exc).__name__}: {exc}")
        return False


@shared_task(bind=True, autoretry_for=TRANSIENT + (OSError,), retry_backoff=True, max_retries=5)
def send_publication_mail(self, publication_id: int) -> int:
    """Mail the people a published document is for (see publication_recipients), once."""
    from documents.models import Publication

    with transaction.atomic():
        publication = (
            Publication.objects.select_for_update(of=("self",))
            .select_related("document__project", "document__step", "version")
            .filter(pk=publication_id)
            .first()
        )
        if publication is None or publication.notified_at or not publication.is_active:
            return 0
        # One version published to client and public mails each person once.
        already = {
            email.lower()
            for sibling in Publication.objects.filter(
                version_id=publication.version_id, notified_at__isnull=False
            ).select_related("document__project", "document__step")
            for _name, email, _url in publication_recipients(sibling)
        }
        messages = [
            _message(publication, name, email, url)
            for name, email, url in publication_recipients(publication)
            if email.lower() not in already
        ]
        sent = send_mass_mail(messages) if messages else 0
        publication.notified_at = timezone.now()
        publication.save(update_fields=["notified_at"])
    return sent


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


def _message(publication, name: str, email: str, url: str):
    context = {
        "publication": publication,
        "document": publication.document,
        "project": publication.document.project,
        "name": name,
        "url": url,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("emails/published_subject.txt", context).strip()
        body = render_to_string("emails/published.txt", context)
    return (subject, body, None, [email])
