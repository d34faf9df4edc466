"""Tasks of a project: create, change, delete. Assigning someone mails them (Celery)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from processteps.models import ProcessStep, Project, Role, Task, TaskStatus

from .audit import audit_record

TASK_FIELDS = ("title", "step", "assignee", "due_date", "status", "notes")
# What a team member may change of their own and of the team's tasks: its progress, not its
# definition (that is the leader's, ``processteps.manage_tasks``).
PROGRESS_FIELDS = ("status", "notes")


def _require(actor, perm: str, obj) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied


def _validate(project: Project, task: Task) -> None:
    errors = {}
    if not (task.title or "").strip():
        errors["title"] = _("Geef de taak een titel.")
    if task.due_date and task.due_date < project.start_date:
        errors["due_date"] = _("De deadline ligt voor de start van het project (%(date)s).") % {
            "date": project.start_date.strftime("%d-%m-%Y")
        }
    if task.step_id and task.step.project_id != project.pk:
        errors["step"] = _("Deze stap hoort niet bij het project.")
    if (
        task.assignee_id
        and not project.memberships.filter(
            user_id=task.assignee_id, role__in=[Role.LEADER, Role.MEMBER]
        ).exists()
    ):
        errors["assignee"] = _("De uitvoerder moet projectleider of teamlid van dit project zijn.")
    if errors:
        raise ValidationError(errors)


def _notify_assignee(task: Task) -> None:
    from processteps.tasks import send_task_assignment

    if task.assignee_id and task.assignee_id != task.notified_assignee_id:
        transaction.on_commit(lambda: send_task_assignment.delay(task.pk))


def task_create(*, actor, project: Project, step: ProcessStep | None = None, **fields) -> Task:
    unknown = set(fields) - set(TASK_FIELDS)
    if unknown:
        raise TypeError(f"Unknown task fields: {sorted(unknown)}")
    _require(actor, "processteps.manage_tasks", project)
    with transaction.atomic():
        task = Task(project=project, step=step, created_by=actor, **fields)
        _validate(project, task)
        task.full_clean(exclude=["project", "step"])
        task.save()
        audit_record(actor=actor, project=project, action="task.created", target=task)
        if task.assignee_id and task.assignee_id != getattr(actor, "pk", None):
            _notify_assignee(task)
    return task


def task_update(*, actor, task: Task, **fields) -> Task:
    """Change a task. The leader changes anything; a team member only the progress
    (:data:`PROGRESS_FIELDS`) of their own tasks and the team's, and does not put a task on
    hold for a decision. Anything else is refused (PermissionDenied), nothing is saved."""
    unknown = set(fields) - set(TASK_FIELDS)
    if unknown:
        raise TypeError(f"Unknown task fields: {sorted(unknown)}")
    with transaction.atomic():
        task = Task.objects.select_for_update().select_related("project").get(pk=task.pk)
        _require(actor, "processteps.update_task", task)
        changed = {k: v for k, v in fields.items() if getattr(task, k) != v}
        if not changed:
            return task
        if not actor.has_perm("processteps.manage_tasks", task.project):
            if set(changed) - set(PROGRESS_FIELDS):
                raise PermissionDenied
            if changed.get("status") == TaskStatus.DECISION_PENDING:
                raise PermissionDenied
        for key, value in changed.items():
            setattr(task, key, value)
        _validate(task.project, task)
        task.full_clean(exclude=["project", "step"])
        task.save()
        if set(changed) == {"status"}:
            audit_record(
                actor=actor, project=task.project, action="task.status", target=task,
                data={"status": task.status},
            )  # fmt: skip
        else:
            audit_record(
                actor=actor, project=task.project, action="task.changed", target=task,
                data={"fields": ", ".join(sorted(changed))},
            )  # fmt: skip
        if "assignee" in changed and task.assignee_id != getattr(actor, "pk", None):
            _notify_assignee(task)
    return task


def task_delete(*, actor, task: Task) -> None:
    _require(actor, "processteps.manage_tasks", task.project)
    with transaction.atomic():
        audit_record(actor=actor, project=task.project, action="task.deleted", target=task)
        task.delete()
