"""Creating and changing projects; team agreements."""

from django.db import transaction
from django.dispatch import Signal
from django.utils.text import slugify

from processteps.models import (
    ChecklistItem,
    Decision,
    Membership,
    MethodStep,
    ProcessStep,
    Project,
    Role,
    TeamAgreement,
)
from processteps.registry import derived_key_for

from .audit import audit_record

PROJECT_FIELDS = ("name", "issue", "client_organisation", "description", "start_date")

# Sent by ``project_create`` (inside its transaction) with ``project``, ``actor``: whoever keeps
# something per step of a project (the documents app: a document per step) makes it here, so
# that opening a page never has to create it.
project_created = Signal()


def _unique_slug(name: str, exclude_pk=None) -> str:
    base = slugify(name)[:70] or "project"
    slug, n = base, 2
    qs = Project.objects.exclude(pk=exclude_pk)
    while qs.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def project_create(
    *, actor, name, issue, client_organisation, start_date, description=""
) -> Project:
    """Create a project, copy the method's eleven steps into it, make ``actor`` its leader."""
    with transaction.atomic():
        project = Project.objects.create(
            name=name,
            slug=_unique_slug(name),
            issue=issue,
            client_organisation=client_organisation,
            description=description,
            start_date=start_date,
            created_by=actor,
        )
        Membership.objects.create(project=project, user=actor, role=Role.LEADER)
        _copy_catalogue(project)
        audit_record(actor=actor, project=project, action="project.created", target=project)
        project_created.send(sender=Project, project=project, actor=actor)
    return project


def _copy_catalogue(project: Project) -> None:
    method_steps = list(MethodStep.objects.prefetch_related("checklist_items"))
    steps = ProcessStep.objects.bulk_create(
        ProcessStep(
            project=project,
            method_step=ms,
            decision=Decision.NOT_REQUIRED,
            **{f: getattr(ms, f) for f in ProcessStep.CONTENT_FIELDS},
        )
        for ms in method_steps
    )
    ChecklistItem.objects.bulk_create(
        ChecklistItem(
            step=step,
            text=item.text,
            position=item.position,
            from_method=True,
            derived_from=derived_key_for(step.key, item.text),
        )
        for step, ms in zip(steps, method_steps, strict=True)
        for item in ms.checklist_items.all()
    )


def project_update(*, actor, project: Project, **fields) -> Project:
    unknown = set(fields) - set(PROJECT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown project fields: {sorted(unknown)}")
    with transaction.atomic():
        changed = {k: v for k, v in fields.items() if getattr(project, k) != v}
        for key, value in changed.items():
            setattr(project, key, value)
        if changed:
            project.full_clean()
            project.save()
            audit_record(
                actor=actor,
                project=project,
                action="project.changed",
                target=project,
                data={"fields": ", ".join(sorted(changed))},
            )
    return project


def agreement_add(*, actor, project: Project, text: str) -> TeamAgreement:
    with transaction.atomic():
        last = project.agreements.order_by("-position").values_list("position", flat=True).first()
        agreement = TeamAgreement.objects.create(
            project=project, text=text.strip(), position=(last or 0) + 1
        )
        audit_record(actor=actor, project=project, action="agreement.added", target=agreement)
    return agreement


def agreement_remove(*, actor, agreement: TeamAgreement) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor, project=agreement.project, action="agreement.removed", target=agreement
        )
        agreement.delete()
