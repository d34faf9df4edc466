"""The worker path from the start: a real Celery worker on Redis mails a task assignment."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from processteps.models import Membership, Role, Task
from processteps.services.projects import project_create
from processteps.services.tasks import task_create
from tests.conftest import wait_for

pytestmark = pytest.mark.services


def test_worker_mails_the_assignee_once(celery_worker_app):
    User = get_user_model()
    leader = User.objects.create_user("leider", "leider@example.org", "x")
    member = User.objects.create_user("lid", "lid@example.org", "x", first_name="Lotte")
    project = project_create(
        actor=leader,
        name="Wonen",
        issue="Woningnood",
        client_organisation="Gemeente",
        start_date=datetime.date(2026, 1, 1),
    )
    Membership.objects.create(project=project, user=member, role=Role.MEMBER)
    step = project.steps.get(number=2)

    task = task_create(
        actor=leader, project=project, step=step, title="Sleutelfiguren bellen", assignee=member
    )

    wait_for(lambda: Task.objects.get(pk=task.pk).notified_assignee_id == member.pk)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lid@example.org"]
    assert "Sleutelfiguren bellen" in message.subject
    assert f"/projects/{project.pk}/steps/2/" in message.body

    # Running the task again (a redelivery) mails nobody twice.
    from processteps.tasks import send_task_assignment

    assert send_task_assignment(task.pk) is False
    assert len(mail.outbox) == 1
