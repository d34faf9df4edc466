"""Tasks of a project: create, change, delete. Assigning someone mails them (Celery)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from processteps.models import ProcessStep, Project, Role, Task

from .audit import audit_record

TASK_FIELDS = ("title", "step", "assignee", "due_date", "status", "notes")


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
    unknown = set(fields) - set(TASK_FIELDS)
    if unknown:
        raise TypeError(f"Unknown task fields: {sorted(unknown)}")
    with transaction.atomic():
        task = Task.objects.select_for_update().select_related("project").get(pk=task.pk)
        changed = {k: v for k, v in fields.items() if getattr(task, k) != v}
        if not changed:
            return task
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
    with transaction.atomic():
        audit_record(actor=actor, project=task.project, action="task.deleted", target=task)
        task.delete()
