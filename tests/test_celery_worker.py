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


def test_renders_have_a_queue_of_their_own_and_beat_sweeps_stuck_ones(settings):
    from samenleving.celery import app

    def queue_of(task):
        return app.amqp.router.route({}, task)["queue"].name

    assert queue_of("documents.tasks.render_version") == "render"
    for task in (
        "documents.tasks.send_publication_mail",
        "documents.tasks.sweep_stuck_versions",
        "processteps.consultation.tasks.send_invitation_mail",
        "processteps.tasks.send_task_assignment",
        "processteps.tasks.send_invitation",
    ):
        assert queue_of(task) == "default", task
    assert app.conf.task_acks_late and app.conf.task_reject_on_worker_lost
    assert app.conf.worker_prefetch_multiplier == 1
    sweep = app.conf.beat_schedule["sweep-stuck-renders"]
    assert sweep == {"task": "documents.tasks.sweep_stuck_versions", "schedule": 60.0}
    assert "documents.tasks.sweep_stuck_versions" in app.tasks
    # A render is stuck only after the hard time limit has passed: the worker had its chance.
    soft, hard = settings.RENDER_SOFT_TIME_LIMIT, settings.RENDER_TIME_LIMIT
    assert soft < hard < settings.RENDER_STUCK_AFTER
