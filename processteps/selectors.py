"""Reads of the core that more than one view needs."""

from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from processteps.forms import month_range
from processteps.models import AuditEntry, Role, Task
from processteps.rules import role_in
from processteps.services.audit import TEAM_ONLY_ACTIONS


def activity_for(user, project, *, limit: int):
    """The project's latest audit entries as ``user`` may read them: a client never sees the
    entries that name people in the data (key figures, participants: the tools mark those
    actions team-only), just as the registers themselves are closed to them."""
    entries = AuditEntry.objects.filter(project=project).select_related("actor")
    if not user.is_superuser and role_in(user, project) == Role.CLIENT:
        entries = entries.exclude(action__in=sorted(TEAM_ONLY_ACTIONS))
    return entries.order_by("-created_at", "-id")[:limit]


DASHBOARD_TASKS = 10


def open_tasks_for(user, project=None):
    """The open tasks of ``user`` (theirs and their teams'), soonest deadline first; of one
    project, or of all their projects."""
    tasks = Task.objects.for_user(user).open().select_related("project", "step", "assignee")
    if project is not None:
        tasks = tasks.filter(project=project)
    return tasks.order_by("due_date", "project__name", "id")


def next_tasks(user, project=None, *, limit: int = DASHBOARD_TASKS) -> tuple[list, int]:
    """The dashboard's "my tasks" (of one project) or the home page's (of all the user's
    projects): the next ``limit`` and how many there are (two queries)."""
    tasks = open_tasks_for(user, project)
    return list(tasks[:limit]), tasks.count()


def steps_timeline(steps) -> dict | None:
    """The dashboard's timeline: a column per month from the first planned month to the last,
    a row per step. The cells are HTML made here, once per kind of cell, not a template's tags
    per cell (11 steps over two years are 264 cells)."""
    planned = [s for s in steps if s.planned_start]
    if not planned:
        return None
    start = min(s.planned_start for s in planned)
    end = max((s.planned_end or s.planned_start) for s in planned)
    months = month_range(start, end)
    label = _("gepland")
    empty = mark_safe("<td></td>")
    rows = []
    for step in steps:
        cell = format_html(
            '<td class="planned {}"><span class="visually-hidden">{}</span></td>',
            step.status,
            label,
        )
        if step.planned_start:
            last = step.planned_end or step.planned_start
            cells = [cell if step.planned_start <= m <= last else empty for m in months]
        else:
            cells = [empty] * len(months)
        rows.append({"step": step, "cells": mark_safe("".join(cells))})
    return {"months": [date_format(m, "M Y") for m in months], "rows": rows}
