"""The task services check what the actor's role may change themselves (not only the form):
the leader defines tasks, a team member updates the progress of their own and the team's."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from processteps.models import Task, TaskStatus
from processteps.services import tasks as task_services
from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db


def stored(task):
    return Task.objects.filter(pk=task.pk).values().get()


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "Iets heel anders"},
        {"due_date": datetime.date(2024, 6, 1)},
        {"status": TaskStatus.DONE, "title": "Ook de titel"},
        {"status": TaskStatus.DECISION_PENDING},
    ],
    ids=["title", "due-date", "status-and-title", "decision-pending"],
)
def test_a_member_may_not_change_what_defines_a_task(project, fields):
    task = TaskFactory(project=project, title="Website")
    before = stored(task)
    with pytest.raises(PermissionDenied):
        task_services.task_update(actor=project.member, task=task, **fields)
    assert stored(task) == before


def test_a_member_may_not_assign_a_team_task(project):
    task = TaskFactory(project=project, title="Website")
    with pytest.raises(PermissionDenied):
        task_services.task_update(actor=project.member, task=task, assignee=project.member)
    assert stored(task)["assignee_id"] is None


def test_a_member_updates_the_progress_of_a_team_task_and_of_their_own(project):
    team = TaskFactory(project=project, title="Website")
    own = TaskFactory(project=project, title="Bellen", assignee=project.member)
    task_services.task_update(actor=project.member, task=team, status="done", notes="Online")
    # Passing the values it already has is no change of the definition.
    task_services.task_update(actor=project.member, task=own, title="Bellen", status="in_progress")
    assert (stored(team)["status"], stored(team)["notes"]) == ("done", "Online")
    assert stored(own)["status"] == "in_progress"


def test_a_member_keeps_a_task_that_is_on_hold_on_hold(project):
    task = TaskFactory(project=project, status=TaskStatus.DECISION_PENDING)
    task_services.task_update(
        actor=project.member, task=task, status=TaskStatus.DECISION_PENDING, notes="Wacht"
    )
    assert stored(task)["notes"] == "Wacht"


@pytest.mark.parametrize("who", ["member", "client"])
def test_a_task_of_someone_else_is_refused(project, who):
    task = TaskFactory(project=project, title="Leiderstaak", assignee=project.leader)
    with pytest.raises(PermissionDenied):
        task_services.task_update(actor=getattr(project, who), task=task, status="done")
    assert stored(task)["status"] == "open"


def test_the_leader_changes_anything(project):
    task = TaskFactory(project=project, title="Website")
    task_services.task_update(
        actor=project.leader,
        task=task,
        title="Nieuwe website",
        assignee=project.member,
        status=TaskStatus.DECISION_PENDING,
    )
    assert stored(task)["title"] == "Nieuwe website"
    assert stored(task)["assignee_id"] == project.member.pk


@pytest.mark.parametrize("who", ["member", "client"])
def test_only_the_leader_creates_and_deletes_tasks(project, who):
    actor = getattr(project, who)
    task = TaskFactory(project=project, title="Website")
    with pytest.raises(PermissionDenied):
        task_services.task_create(actor=actor, project=project, title="Eigen plan")
    with pytest.raises(PermissionDenied):
        task_services.task_delete(actor=actor, task=task)
    assert list(project.tasks.values_list("title", flat=True)) == ["Website"]
