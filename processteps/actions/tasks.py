"""Celery tasks of the action book: they take ids, fetch fresh and are safe to run twice.

Mail is sent with no row lock held; a refused address ends "failed" with the server's answer
(``samenleving.mail`` decides what is worth another try)."""

from celery import shared_task
from django.core.mail import EmailMessage
from django.utils import timezone

from samenleving.mail import mail_error_text, mail_retry_if_transient


@shared_task(bind=True)
def send_action_invitation(self, invitation_id: int) -> bool:
    """Send one logged invitation to comment on an action; it ends "sent" or "failed" with the
    error, and one that is no longer queued is not sent again."""
    from processteps.consultation.models import MailStatus

    from .models import ActionInvitation

    invitation = ActionInvitation.objects.filter(pk=invitation_id).select_related("sent_by").first()
    if invitation is None or invitation.status != MailStatus.QUEUED:
        return False
    queued = ActionInvitation.objects.filter(pk=invitation.pk, status=MailStatus.QUEUED)
    reply_to = [invitation.sent_by.email] if invitation.sent_by and invitation.sent_by.email else []
    try:
        EmailMessage(
            invitation.subject, invitation.body, None, [invitation.to], reply_to=reply_to
        ).send()
    except Exception as exc:
        error = mail_error_text(exc)
        queued.update(error=error)
        mail_retry_if_transient(self, exc)
        queued.update(status=MailStatus.FAILED, error=error)
        return False
    queued.update(status=MailStatus.SENT, error="", sent_at=timezone.now())
    return True
