"""Celery tasks of the meetings: they take ids, fetch fresh and are safe to run twice.

Mail is sent with no row lock held, and a refused address ends "failed" with the server's
answer (``samenleving.mail`` decides what is worth another try). The minutes' PDFs render on
the queue ``render``, with the render time limits of the documents app; a render that ends in
any way other than done is marked failed (and offered again), and one that stays "queued" or
"being made" longer than ``RENDER_STUCK_AFTER`` (its worker died) may be requested again.
"""

import logging

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.conf import settings
from django.core.mail import send_mail
from django.db import OperationalError
from django.utils import timezone

from samenleving.mail import mail_error_text, mail_retry_if_transient

logger = logging.getLogger(__name__)


@shared_task(bind=True)
def send_meeting_invitation(self, mail_id: int) -> bool:
    """Send one logged invitation to a meeting; it ends "sent" or "failed" with the error
    (shown in the mail log), and a mail that is no longer queued is not sent again."""
    from processteps.consultation.models import MailStatus

    from .models import Attendance, MeetingMail

    mail = MeetingMail.objects.filter(pk=mail_id).first()
    if mail is None or mail.status != MailStatus.QUEUED:
        return False
    queued = MeetingMail.objects.filter(pk=mail.pk, status=MailStatus.QUEUED)
    try:
        send_mail(mail.subject, mail.body, None, [mail.to])
    except Exception as exc:
        error = mail_error_text(exc)
        queued.update(error=error)  # shown while it waits for its next try
        mail_retry_if_transient(self, exc)
        queued.update(status=MailStatus.FAILED, error=error)
        return False
    now = timezone.now()
    queued.update(status=MailStatus.SENT, error="", sent_at=now)
    if mail.attendance_id:
        Attendance.objects.filter(pk=mail.attendance_id).update(invitation_sent_at=now)
    return True


def _too_long() -> str:
    from documents.services.documents import render_too_long_error

    return render_too_long_error()


class MinutesRenderTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        # The hard time limit: the worker killed the process and calls this in its main process.
        if isinstance(exc, TimeLimitExceeded) and args:
            from .services.results import minutes_render_failed

            minutes_render_failed(minutes_id=args[0], error=_too_long())


@shared_task(
    bind=True,
    base=MinutesRenderTask,
    queue="render",
    acks_late=True,
    max_retries=settings.RENDER_MAX_ATTEMPTS,
    soft_time_limit=settings.RENDER_SOFT_TIME_LIMIT,
    time_limit=settings.RENDER_TIME_LIMIT,
)
def render_minutes(self, minutes_id: int) -> bool:
    """Render approved minutes to PDF; on a lasting error, mark them failed with the error."""
    from .services.results import minutes_render, minutes_render_failed

    try:
        return minutes_render(minutes_id=minutes_id)
    except SoftTimeLimitExceeded:
        minutes_render_failed(minutes_id=minutes_id, error=_too_long())
        return False
    except (ConnectionError, TimeoutError, OperationalError) as exc:
        if self.request.retries < self.max_retries and not self.request.is_eager:
            raise self.retry(exc=exc, countdown=2 ** (self.request.retries + 1))
        minutes_render_failed(minutes_id=minutes_id, error=f"{type(exc).__name__}: {exc}")
        return False
    except Exception as exc:
        logger.exception("Rendering minutes %s failed", minutes_id)
        minutes_render_failed(minutes_id=minutes_id, error=f"{type(exc).__name__}: {exc}")
        return False
