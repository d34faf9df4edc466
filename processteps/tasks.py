"""Celery tasks: they take ids, fetch fresh, and are safe to run twice.

Mail is never sent while a row lock is held (a slow SMTP server would block everyone editing
that row): a task reads what it needs, sends outside any transaction and records the result
with a conditional update. Which errors are tried again: ``samenleving.mail``.
"""

import logging

from celery import shared_task
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from samenleving.mail import mail_error_text, mail_retry_if_transient

logger = logging.getLogger(__name__)


@shared_task(bind=True)
def send_task_assignment(self, task_id: int) -> bool:
    """Mail the assignee of a task, once per assignee."""
    from processteps.models import Task

    task = Task.objects.select_related("project", "step", "assignee").filter(pk=task_id).first()
    if task is None or task.assignee is None or not task.assignee.email:
        return False
    if task.notified_assignee_id == task.assignee_id:
        return False  # already mailed (task ran twice)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "task": task,
            "user": task.assignee,
            "url": settings.SITE_URL
            + (task.step.get_absolute_url() if task.step else task.project.get_absolute_url()),
        }
        subject = render_to_string("emails/task_assigned_subject.txt", context).strip()
        body = render_to_string("emails/task_assigned.txt", context)
    try:
        send_mail(subject, body, None, [task.assignee.email])
    except Exception as exc:
        mail_retry_if_transient(self, exc)
        logger.error("Task %s: mail to its assignee failed: %s", task_id, mail_error_text(exc))
        return False
    Task.objects.filter(pk=task.pk, assignee_id=task.assignee_id).update(
        notified_assignee_id=task.assignee_id
    )
    return True


@shared_task(bind=True)
def send_invitation(self, membership_id: int) -> bool:
    """Mail a new account a link to set a password (Django's reset flow), once."""
    from processteps.models import Membership

    membership = Membership.objects.select_related("project", "user").filter(pk=membership_id)
    membership = membership.first()
    if membership is None or membership.invitation_sent_at is not None:
        return False
    user = membership.user
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "membership": membership,
            "user": user,
            "url": settings.SITE_URL
            + reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token}),
        }
        subject = render_to_string("emails/invitation_subject.txt", context).strip()
        body = render_to_string("emails/invitation.txt", context)
    try:
        send_mail(subject, body, None, [user.email])
    except Exception as exc:
        mail_retry_if_transient(self, exc)
        logger.error("Membership %s: invitation failed: %s", membership_id, mail_error_text(exc))
        return False
    Membership.objects.filter(pk=membership.pk, invitation_sent_at__isnull=True).update(
        invitation_sent_at=timezone.now()
    )
    return True
