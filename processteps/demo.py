"""The demo project "Aanpak Migratievraagstuk" (seed 000), loaded by ``manage.py load_demo``."""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from processteps.demo_data import DEMO_PROJECT
from processteps.models import Decision, Membership, Project, Role, TaskStatus
from processteps.services import projects as project_services
from processteps.services import steps as step_services
from processteps.services import tasks as task_services


def _month(value: str) -> datetime.date:
    year, month = value.split("-")
    return datetime.date(int(year), int(month), 1)


def demo_users_ensure(password: str) -> dict:
    """Create or update the demo accounts with ``password``; returns them by role key."""
    User = get_user_model()
    users = {}
    for spec in DEMO_PROJECT["users"]:
        user, _created = User.objects.get_or_create(username=spec["username"])
        user.first_name, user.last_name, user.email = (
            spec["first_name"],
            spec["last_name"],
            spec["email"],
        )
        user.is_superuser = user.is_staff = bool(spec["is_superuser"])
        user.set_password(password)
        user.save()
        users[spec["username"]] = (user, spec)
    return users


def demo_load(*, password: str | None = None) -> tuple[Project, str]:
    """Load the demo project once (idempotent) and (re)set the demo passwords.

    Returns the project and the password. Refused unless the settings allow demo data.
    """
    if not getattr(settings, "DEMO_DATA_ALLOWED", False):
        raise ImproperlyConfigured("Demo data is not allowed with these settings.")
    password = password or secrets.token_urlsafe(9)
    with transaction.atomic():
        users = demo_users_ensure(password)
        leader = users["projectleider"][0]
        project = Project.objects.filter(name=DEMO_PROJECT["name"]).first()
        if project is None:
            project = _create_project(leader, users)
    return project, password


def _create_project(leader, users) -> Project:
    data = DEMO_PROJECT
    project = project_services.project_create(
        actor=leader,
        name=data["name"],
        issue=data["issue"],
        client_organisation=data["client_organisation"],
        description=data["description"],
        start_date=datetime.date.fromisoformat(data["start_date"]),
    )
    for user, spec in users.values():
        if spec["role"] and spec["role"] != Role.LEADER:
            Membership.objects.create(
                project=project, user=user, role=spec["role"], commitment=spec["commitment"]
            )
    for text in data["agreements"]:
        project_services.agreement_add(actor=leader, project=project, text=text)

    steps = {s.number: s for s in project.steps.all()}
    for number, spec in data["steps"].items():
        step = steps[number]
        step_services.step_update(
            actor=leader,
            step=step,
            planned_start=_month(spec["planned_start"]),
            planned_end=_month(spec["planned_end"]),
        )
        if spec["decision_pending"]:
            step_services.step_decide(actor=leader, step=step, decision=Decision.PENDING)
        for task in spec["tasks"]:
            task_services.task_create(
                actor=leader,
                project=project,
                step=step,
                title=task["title"],
                assignee=leader if task["assignee"] == "leader" else None,
                status=task["status"],
            )
    for task in data.get("project_tasks", []):
        task_services.task_create(
            actor=leader,
            project=project,
            title=task["title"],
            assignee=leader if task["assignee"] == "leader" else None,
            status=TaskStatus.OPEN,
        )
    _progress(project, leader, steps)
    return project


def _progress(project, leader, steps) -> None:
    """Where the demo stands: step 1 done, step 2 under way."""
    first = steps[1]
    for item in first.checklist_items.all():
        step_services.checklist_set(actor=leader, item=item, done=True)
    step_services.uncertainty_judge(
        actor=leader,
        step=first,
        status="reduced",
        justification="Plan van aanpak besproken in de introductiebijeenkomst van 18 december.",
    )
    step_services.step_start(actor=leader, step=first)
    step_services.step_complete(actor=leader, step=first)
    first.tasks.update(status=TaskStatus.DONE)
    # The seed's dates: the introduction meeting of 18 December 2023 closed step 1.
    intro = datetime.date.fromisoformat(DEMO_PROJECT["introduction_meeting"])
    step_services.step_update(
        actor=leader, step=first, actual_start=project.start_date, actual_end=intro
    )
    second = steps[2]
    step_services.step_start(actor=leader, step=second)
    step_services.step_update(actor=leader, step=second, actual_start=intro)
    for item in list(second.checklist_items.all())[:2]:
        step_services.checklist_set(actor=leader, item=item, done=True)
    step_services.uncertainty_judge(
        actor=leader,
        step=second,
        status="partly",
        justification="Eerste lijst invalshoeken staat; unusual suspects ontbreken nog.",
    )
