"""Celery tasks of the documents app: they take ids and are safe to run twice."""

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
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
    """Mail the project's clients a link to a document published to them, once."""
    from documents.models import Publication
    from processteps.models import Role

    with transaction.atomic():
        publication = (
            Publication.objects.select_for_update(of=("self",))
            .select_related("document__project", "document__step", "version")
            .filter(pk=publication_id)
            .first()
        )
        if publication is None or publication.notified_at or not publication.is_active:
            return 0
        project = publication.document.project
        recipients = list(
            project.memberships.filter(role=Role.CLIENT)
            .exclude(user__email="")
            .select_related("user")
        )
        messages = []
        with translation.override(settings.LANGUAGE_CODE):
            for membership in recipients:
                context = {
                    "publication": publication,
                    "document": publication.document,
                    "project": project,
                    "user": membership.user,
                    "url": settings.SITE_URL + publication.document.get_absolute_url(),
                }
                subject = render_to_string("emails/published_subject.txt", context).strip()
                body = render_to_string("emails/published.txt", context)
                messages.append((subject, body, None, [membership.user.email]))
        sent = send_mass_mail(messages) if messages else 0
        publication.notified_at = timezone.now()
        publication.save(update_fields=["notified_at"])
    return sent
