"""Sections compiled from the project's own data. Each takes the builder and returns HTML
rendered by one of our templates (user text is escaped there, never marked safe)."""

from django.template.loader import render_to_string

from processteps.forms import month_range
from processteps.models import Role


def _render(name: str, builder, **context) -> str:
    return render_to_string(
        f"documents/compiled/{name}.html",
        {"project": builder.project, "step": builder.step, **context},
    )


def project_issue(builder) -> str:
    return _render("issue", builder)


def process_steps(builder) -> str:
    return _render("steps", builder, steps=list(builder.project.steps.order_by("number")))


def team(builder) -> str:
    memberships = builder.project.memberships.select_related("user").filter(
        role__in=[Role.LEADER, Role.MEMBER, Role.CLIENT]
    )
    return _render("team", builder, memberships=memberships)


def planning(builder) -> str:
    steps = list(builder.project.steps.order_by("number"))
    planned = [s for s in steps if s.planned_start]
    months = []
    if planned:
        start = min(s.planned_start for s in planned)
        end = max(s.planned_end or s.planned_start for s in planned)
        months = month_range(start, end)
    rows = [
        {
            "step": s,
            "cells": [
                bool(s.planned_start and s.planned_start <= m <= (s.planned_end or s.planned_start))
                for m in months
            ],
        }
        for s in steps
    ]
    return _render("planning", builder, months=months, rows=rows)


def communication(builder) -> str:
    return _render("communication", builder, steps=list(builder.project.steps.order_by("number")))


def agreements(builder) -> str:
    return _render("agreements", builder, agreements=list(builder.project.agreements.all()))


def project_tasks(builder) -> str:
    tasks = builder.project.tasks.select_related("step", "assignee").order_by(
        "step__number", "position", "id"
    )
    return _render("tasks", builder, tasks=tasks)


def step_sources(builder) -> str:
    sources = builder.step.sources.select_related("added_by").order_by("added_at")
    return _render("sources", builder, sources=sources)


def step_account(builder) -> str:
    return _render("account", builder, checklist=list(builder.step.checklist_items.all()))
