"""Celery tasks: they take ids, fetch fresh, and are safe to run twice."""

import logging

from celery import shared_task
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

logger = logging.getLogger(__name__)

TRANSIENT = (ConnectionError, TimeoutError, OSError)


@shared_task(bind=True, autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5)
def send_task_assignment(self, task_id: int) -> bool:
    """Mail the assignee of a task, once per assignee."""
    from processteps.models import Task

    with transaction.atomic():
        task = (
            Task.objects.select_for_update(of=("self",))
            .select_related("project", "step", "assignee")
            .filter(pk=task_id)
            .first()
        )
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
        send_mail(subject, body, None, [task.assignee.email])
        Task.objects.filter(pk=task.pk).update(notified_assignee_id=task.assignee_id)
    return True


@shared_task(bind=True, autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5)
def send_invitation(self, membership_id: int) -> bool:
    """Mail a new account a link to set a password (Django's reset flow), once."""
    from processteps.models import Membership

    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update(of=("self",))
            .select_related("project", "user")
            .filter(pk=membership_id)
            .first()
        )
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
        send_mail(subject, body, None, [user.email])
        membership.invitation_sent_at = timezone.now()
        membership.save(update_fields=["invitation_sent_at"])
    return True
