"""Celery tasks of the consultation round: they take ids and are safe to run twice."""

from celery import shared_task
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from processteps.tasks import TRANSIENT


@shared_task(bind=True, autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5)
def send_invitation_mail(self, sent_mail_id: int) -> bool:
    """Send one logged invitation to a key figure; a mail already sent is not sent again."""
    from .models import MailStatus, SentMail

    with transaction.atomic():
        mail = SentMail.objects.select_for_update().filter(pk=sent_mail_id).first()
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
        mail.status, mail.error, mail.sent_at = MailStatus.SENT, "", timezone.now()
        mail.save(update_fields=["status", "error", "sent_at"])
    return True
