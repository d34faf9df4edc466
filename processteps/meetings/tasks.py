"""Celery tasks of the meetings: they take ids, fetch fresh and are safe to run twice."""

import logging

from celery import shared_task
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from processteps.tasks import TRANSIENT

logger = logging.getLogger(__name__)


@shared_task(bind=True, autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5)
def send_meeting_invitation(self, mail_id: int) -> bool:
    """Send one logged invitation to a meeting; a mail already sent is not sent again."""
    from processteps.consultation.models import MailStatus

    from .models import Attendance, MeetingMail

    with transaction.atomic():
        mail = MeetingMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.status == MailStatus.SENT:
            return False
        try:
            send_mail(mail.subject, mail.body, None, [mail.to])
        except TRANSIENT:
            raise
        except Exception as exc:  # noqa: BLE001 - a lasting failure is shown in the mail log
            mail.status, mail.error = MailStatus.FAILED, f"{type(exc).__name__}: {exc}"
            mail.save(update_fields=["status", "error"])
            return False
        now = timezone.now()
        mail.status, mail.error, mail.sent_at = MailStatus.SENT, "", now
        mail.save(update_fields=["status", "error", "sent_at"])
        if mail.attendance_id:
            Attendance.objects.filter(pk=mail.attendance_id).update(invitation_sent_at=now)
    return True


@shared_task(bind=True, max_retries=3, acks_late=True)
def render_minutes(self, minutes_id: int) -> bool:
    """Render approved minutes to PDF; on a lasting error, mark them failed with the error."""
    from django.db import OperationalError

    from .services.results import minutes_render, minutes_render_failed

    try:
        return minutes_render(minutes_id=minutes_id)
    except (ConnectionError, TimeoutError, OperationalError) as exc:
        if self.request.retries < self.max_retries and not self.request.is_eager:
            raise self.retry(exc=exc, countdown=2 ** (self.request.retries + 1))
        minutes_render_failed(minutes_id=minutes_id, error=f"{type(exc).__name__}: {exc}")
        return False
    except Exception as exc:
        logger.exception("Rendering minutes %s failed", minutes_id)
        minutes_render_failed(minutes_id=minutes_id, error=f"{type(exc).__name__}: {exc}")
        return False
