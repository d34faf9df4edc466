"""Celery tasks of the documents app: they take ids and are safe to run twice.

Renders run on the queue ``render`` (settings.CELERY_TASK_ROUTES) with a soft and a hard time
limit; the worker for that queue must use the prefork pool (the default), which enforces them.
Whatever way a render ends — done, failed, too long, its worker killed — the version does not
stay "being made": a lost worker's message is requeued (acks_late, reject_on_worker_lost), every
start counts as an attempt (capped), and beat runs sweep_stuck_versions for what remains.
"""

import logging
import smtplib
import uuid

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.conf import settings
from django.core.mail import get_connection
from django.db import OperationalError

from samenleving.mail import mail_can_retry, mail_error_is_transient, mail_error_text, mail_retry

logger = logging.getLogger(__name__)

# Errors worth another try: the broker, the database or the disk hiccuped.
TRANSIENT = (ConnectionError, TimeoutError, OperationalError)


class RenderTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        # The hard time limit: the worker killed the process and calls this in its main process.
        if isinstance(exc, TimeLimitExceeded) and args:
            from documents.services.documents import render_too_long_error, version_render_failed

            version_render_failed(version_id=args[0], error=render_too_long_error())


@shared_task(
    bind=True,
    base=RenderTask,
    max_retries=settings.RENDER_MAX_ATTEMPTS,
    soft_time_limit=settings.RENDER_SOFT_TIME_LIMIT,
    time_limit=settings.RENDER_TIME_LIMIT,
)
def render_version(self, version_id: int) -> bool:
    """Render a document version to PDF; on a lasting error, mark it failed with the error.

    Too long (the soft time limit) is final: the same document would take as long again."""
    from documents.models import DocumentVersion
    from documents.services.documents import (
        render_too_long_error,
        version_render,
        version_render_failed,
    )

    try:
        return version_render(version_id=version_id, task_id=self.request.id or "")
    except SoftTimeLimitExceeded:
        version_render_failed(version_id=version_id, error=render_too_long_error())
        return False
    except TRANSIENT as exc:
        attempts = (
            DocumentVersion.objects.filter(pk=version_id)
            .values_list("render_attempts", flat=True)
            .first()
        )
        if (
            not self.request.is_eager
            and attempts is not None
            and attempts < settings.RENDER_MAX_ATTEMPTS
        ):
            raise self.retry(exc=exc, countdown=2 ** (self.request.retries + 1))
        version_render_failed(version_id=version_id, error=f"{type(exc).__name__}: {exc}")
        return False
    except Exception as exc:
        logger.exception("Rendering version %s failed", version_id)
        version_render_failed(version_id=version_id, error=f"{type(exc).__name__}: {exc}")
        return False


@shared_task
def sweep_stuck_versions() -> dict:
    """Requeue or fail renders whose worker is gone (Celery beat, every RENDER_SWEEP_INTERVAL)."""
    from documents.services.documents import versions_sweep_stuck

    counts = versions_sweep_stuck()
    if any(counts.values()):
        logger.warning("Stuck renders: %(requeued)s requeued, %(failed)s failed", counts)
    return counts


@shared_task(bind=True)
def send_publication_mail(self, publication_id: int) -> int:
    """Mail the people a published document is for, each once; returns how many were mailed.

    Each recipient is a recorded delivery (documents.services.deliveries): claimed under a short
    lock, sent with no lock held, then marked sent or failed with the server's answer. A 5xx
    answer fails that address; a 4xx answer for an address puts it back for the next try (30 s,
    60 s …) while the others go on; a lost connection puts back the rest. Those already sent
    are never mailed again; after the last try what still waits ends failed."""
    from documents.services import deliveries

    if not deliveries.publication_mail_plan(publication_id=publication_id):
        return 0
    claimant = self.request.id or f"direct-{uuid.uuid4()}"
    can_retry = mail_can_retry(self)
    sent, deferred, retry_for = 0, [], None
    connection = get_connection()

    def claim(skip=()):
        return deliveries.delivery_claim_next(
            publication_id=publication_id, claimant=claimant, skip=skip
        )

    try:
        while delivery := claim(skip=deferred):
            try:
                connection.open()  # a no-op while it is open: one connection for all
                deliveries.delivery_message(delivery, connection=connection).send()
            except Exception as exc:
                transient = mail_error_is_transient(exc)
                deliveries.delivery_failed(
                    delivery=delivery,
                    claimant=claimant,
                    error=mail_error_text(exc),
                    final=not (transient and can_retry),
                )
                if not transient:
                    continue  # refused for good (5xx, or the message cannot be built)
                retry_for = exc
                if isinstance(exc, smtplib.SMTPRecipientsRefused):
                    deferred.append(delivery.pk)  # this address not now; the others go on
                    continue
                break  # the connection is gone: the rest waits too
            else:
                deliveries.delivery_sent(delivery=delivery, claimant=claimant)
                sent += 1
        if retry_for is not None:
            if can_retry:
                raise mail_retry(self, retry_for)
            while waiting := claim():  # out of tries: what still waits ends failed
                deliveries.delivery_failed(
                    delivery=waiting,
                    claimant=claimant,
                    error=mail_error_text(retry_for),
                    final=True,
                )
    finally:
        connection.close()
        deliveries.publication_mail_finish(publication_id=publication_id)
    return sent
