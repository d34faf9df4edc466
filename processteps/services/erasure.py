"""Erasing a person's data on request from everything a project holds.

Every text column (and every string inside a JSON column) of every model that belongs to a
project — found by following foreign keys to ``Project``, so a tool's models are covered
without naming them here — is scrubbed of the given terms, matched as whole words and without
regard to case: erasing "Mark" leaves "markt" alone. Rows are changed with ``update()``, so even
frozen records (a document version's HTML) lose the terms; whoever keeps derived files (the
documents app re-renders PDFs) listens to :data:`project_data_erased`.
"""

from __future__ import annotations

import re
from functools import cache

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.dispatch import Signal

from processteps.models import Project

# Sent after a scrub with ``project`` and ``changed``: {model label: [primary keys]}.
project_data_erased = Signal()

# Apps whose rows are no project data (accounts, sessions, …).
SKIPPED_APPS = {"auth", "contenttypes", "sessions", "admin", "messages", "staticfiles"}
MAX_DEPTH = 4


def term_pattern(terms) -> re.Pattern | None:
    """One regular expression matching any of ``terms`` as a whole word (longest first).

    A phone number also matches with other spacing or dashes between its digits.
    """
    alternatives = []
    for term in sorted({t.strip() for t in terms if t and t.strip()}, key=len, reverse=True):
        digits = re.sub(r"\D", "", term)
        if len(digits) >= 6 and len(digits) >= len(re.sub(r"[\s\-().+]", "", term)):
            alternatives.append(r"[\s\-().]*".join(re.escape(d) for d in digits))
        else:
            alternatives.append(r"\s+".join(re.escape(part) for part in term.split()))
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def scrub(value, pattern: re.Pattern, replacement: str):
    """``value`` (text, or JSON made of dicts, lists and text) without the terms."""
    if isinstance(value, str):
        return pattern.sub(replacement, value)
    if isinstance(value, list):
        return [scrub(v, pattern, replacement) for v in value]
    if isinstance(value, dict):
        return {k: scrub(v, pattern, replacement) for k, v in value.items()}
    return value


@cache
def project_paths() -> tuple[tuple[type[models.Model], str], ...]:
    """Every concrete model that belongs to a project, with the lookup from it to the project
    (``"project"``, ``"document__project"``, ``"report__interview__project"``, …)."""
    found = []
    for model in apps.get_models():
        if model._meta.app_label in SKIPPED_APPS or model._meta.proxy:
            continue
        if model is Project:
            found.append((model, "pk"))
            continue
        path = _path_to_project(model)
        if path:
            found.append((model, path))
    return tuple(found)


def _path_to_project(model, depth: int = 0, seen=()) -> str | None:
    if depth >= MAX_DEPTH:
        return None
    candidates = []
    for field in model._meta.get_fields():
        if not (field.is_relation and field.concrete and (field.many_to_one or field.one_to_one)):
            continue
        related = field.related_model
        if related is Project:
            return field.name
        if related in seen or related is model or related._meta.app_label in SKIPPED_APPS:
            continue
        candidates.append((field.name, related))
    for name, related in candidates:
        rest = _path_to_project(related, depth + 1, (*seen, model))
        if rest:
            return f"{name}__{rest}"
    return None


def _text_fields(model) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | models.JSONField)
        and not f.choices
        and not isinstance(f, models.SlugField)
        and not f.primary_key
    ]


def erase_terms(*, project, terms, replacement: str, exclude=()) -> dict[str, list]:
    """Replace ``terms`` by ``replacement`` in every text of ``project``; returns the changed
    rows as {model label: [pks]} (and sends :data:`project_data_erased` with them).

    ``exclude``: (model, pk) pairs left alone (e.g. the erased record, handled by its owner).
    """
    pattern = term_pattern(terms)
    if pattern is None:
        return {}
    raw_terms = [t.strip() for t in terms if t and t.strip()]
    digit_terms = [re.sub(r"\D", "", t) for t in raw_terms if len(re.sub(r"\D", "", t)) >= 6]
    skip = {(m._meta.label_lower, pk) for m, pk in exclude}
    changed: dict[str, list] = {}
    for model, path in project_paths():
        fields = _text_fields(model)
        if not fields:
            continue
        # A cheap prefilter in SQL; the whole-word match is done here.
        candidates = Q()
        for f in fields:
            for term in raw_terms:
                candidates |= Q(**{f"{f.name}__icontains": term.split()[0]})
            for digits in digit_terms:
                candidates |= Q(**{f"{f.name}__icontains": digits[-4:]})
        rows = model._default_manager.filter(Q(**{path: project.pk}) & candidates)
        label = model._meta.label_lower
        for row in rows.only("pk", *(f.name for f in fields)).iterator():
            if (label, row.pk) in skip:
                continue
            updates = {}
            for f in fields:
                old = getattr(row, f.attname)
                new = scrub(old, pattern, replacement)
                if new != old:
                    updates[f.attname] = new
            if updates:
                model._default_manager.filter(pk=row.pk).update(**updates)
                changed.setdefault(label, []).append(row.pk)
    if changed:
        project_data_erased.send(sender=Project, project=project, changed=changed)
    return changed
