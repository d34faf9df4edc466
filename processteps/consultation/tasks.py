"""Celery tasks of the consultation round: they take ids and are safe to run twice.

Mail is sent with no row lock held, and a refused address ends "failed" with the server's
answer (``samenleving.mail`` decides what is worth another try)."""

from celery import shared_task
from django.core.mail import send_mail
from django.utils import timezone

from samenleving.mail import mail_error_text, mail_retry_if_transient


@shared_task(bind=True)
def send_invitation_mail(self, sent_mail_id: int) -> bool:
    """Send one logged invitation to a key figure; it ends "sent" or "failed" with the error
    (shown in the mail log), and a mail that is no longer queued is not sent again."""
    from .models import MailStatus, SentMail

    mail = SentMail.objects.filter(pk=sent_mail_id).first()
    if mail is None or mail.status != MailStatus.QUEUED:
        return False
    queued = SentMail.objects.filter(pk=mail.pk, status=MailStatus.QUEUED)
    try:
        send_mail(mail.subject, mail.body, None, [mail.to])
    except Exception as exc:
        error = mail_error_text(exc)
        queued.update(error=error)  # shown while it waits for its next try
        mail_retry_if_transient(self, exc)
        queued.update(status=MailStatus.FAILED, error=error)
        return False
    queued.update(status=MailStatus.SENT, error="", sent_at=timezone.now())
    return True
