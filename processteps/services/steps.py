"""State changes of a project's steps: details, status transitions, decisions, uncertainty
reduction and the checklist."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from processteps.models import (
    ChecklistItem,
    Decision,
    ProcessStep,
    StepStatus,
    TaskStatus,
    UncertaintyStatus,
)

from .audit import audit_record

STEP_DETAIL_FIELDS = (
    "name",
    "document_name",
    "essence",
    "methodology",
    "communication",
    "data_collection",
    "uncertainty_reduction",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
)


def _locked(step: ProcessStep) -> ProcessStep:
    return ProcessStep.objects.select_for_update().select_related("project").get(pk=step.pk)


def step_update(*, actor, step: ProcessStep, **fields) -> ProcessStep:
    unknown = set(fields) - set(STEP_DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"Unknown step fields: {sorted(unknown)}")
    with transaction.atomic():
        step = _locked(step)
        changed = {k: v for k, v in fields.items() if getattr(step, k) != v}
        if not changed:
            return step
        for key, value in changed.items():
            setattr(step, key, value)
        step.full_clean()
        step.save()
        audit_record(
            actor=actor,
            project=step.project,
            action="step.changed",
            target=step,
            data={"fields": ", ".join(sorted(changed))},
        )
    return step


def completion_blockers(step: ProcessStep, checklist=None) -> list[str]:
    """Why the step cannot simply be completed (empty when it can).

    ``checklist``: the step's items when the caller has them loaded already.
    """
    blockers = []
    if checklist is None:
        open_items = step.checklist_items.filter(is_done=False).count()
    else:
        open_items = sum(1 for item in checklist if not item.is_done)
    if open_items:
        blockers.append(
            _("%(count)d checklistpunt(en) nog niet afgevinkt.") % {"count": open_items}
        )
    if step.uncertainty_status != UncertaintyStatus.REDUCED:
        blockers.append(_("De onzekerheid is nog niet als gereduceerd beoordeeld."))
    return blockers


def _require_decided(step: ProcessStep) -> None:
    if step.decision == Decision.PENDING:
        raise ValidationError(_("Besluit eerst of deze stap wordt uitgevoerd en in welke vorm."))


def step_start(*, actor, step: ProcessStep) -> ProcessStep:
    with transaction.atomic():
        step = _locked(step)
        _require_decided(step)
        if step.status != StepStatus.NOT_STARTED:
            raise ValidationError(_("Alleen een stap die nog niet gestart is kan starten."))
        step.status = StepStatus.IN_PROGRESS
        step.actual_start = step.actual_start or timezone.localdate()
        step.save(update_fields=["status", "actual_start"])
        audit_record(
            actor=actor, project=step.project, action="step.status", target=step,
            data={"status": step.status},
        )  # fmt: skip
    return step


def step_complete(*, actor, step: ProcessStep, override_reason: str = "") -> ProcessStep:
    """Complete the step: checklist complete and uncertainty reduced, or an override reason."""
    override_reason = override_reason.strip()
    with transaction.atomic():
        step = _locked(step)
        _require_decided(step)
        if step.is_closed:
            raise ValidationError(_("Deze stap is al afgesloten."))
        blockers = completion_blockers(step)
        if blockers and not override_reason:
            raise ValidationError([*blockers, _("Vul een reden in om de stap toch af te ronden.")])
        now = timezone.now()
        step.status = StepStatus.COMPLETED
        step.completion_override_reason = override_reason if blockers else ""
        step.completed_by = actor
        step.completed_at = now
        step.actual_start = step.actual_start or timezone.localdate(now)
        step.actual_end = timezone.localdate(now)
        step.save()
        if blockers:
            audit_record(
                actor=actor, project=step.project, action="step.completed_override",
                target=step, data={"reason": override_reason},
            )  # fmt: skip
        else:
            audit_record(actor=actor, project=step.project, action="step.completed", target=step)
    return step


def step_skip(*, actor, step: ProcessStep, reason: str) -> ProcessStep:
    """Decide not to do the step, with a reason that is kept and shown."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Geef een reden om de stap niet te doen.")})
    with transaction.atomic():
        step = _locked(step)
        if step.status == StepStatus.COMPLETED:
            raise ValidationError(_("Een afgeronde stap kan niet meer worden overgeslagen."))
        step.status = StepStatus.SKIPPED
        step.skip_reason = reason
        if step.decision == Decision.PENDING:
            step.decision = Decision.NO_GO
            step.decision_by, step.decision_at = actor, timezone.now()
            # The tasks that waited for this decision are void now.
            step.tasks.filter(status=TaskStatus.DECISION_PENDING).update(
                status=TaskStatus.CANCELLED
            )
        step.save()
        audit_record(
            actor=actor, project=step.project, action="step.skipped", target=step,
            data={"reason": reason},
        )  # fmt: skip
    return step


def step_reopen(*, actor, step: ProcessStep) -> ProcessStep:
    with transaction.atomic():
        step = _locked(step)
        if not step.is_closed:
            raise ValidationError(_("Alleen een afgesloten stap kan worden heropend."))
        step.status = StepStatus.IN_PROGRESS
        step.completed_by = step.completed_at = step.actual_end = None
        step.completion_override_reason = ""
        step.skip_reason = ""
        if step.decision == Decision.NO_GO:
            step.decision = Decision.PENDING
        step.save()
        audit_record(actor=actor, project=step.project, action="step.reopened", target=step)
    return step


def step_decide(*, actor, step: ProcessStep, decision: str, form: str = "", reason: str = ""):
    """Record whether an open step ("te zijner tijd beoordelen") is carried out, and how."""
    if decision not in (Decision.PENDING, Decision.GO, Decision.NO_GO):
        raise ValidationError({"decision": _("Kies een geldig besluit.")})
    if decision == Decision.GO and not form.strip():
        raise ValidationError({"form": _("Beschrijf in welke vorm de stap wordt uitgevoerd.")})
    if decision == Decision.NO_GO and not reason.strip():
        raise ValidationError({"reason": _("Geef een reden om de stap niet uit te voeren.")})
    with transaction.atomic():
        step = _locked(step)
        if step.status == StepStatus.COMPLETED:
            raise ValidationError(_("Over een afgeronde stap valt niets meer te besluiten."))
        step.decision = decision
        step.decision_form = form.strip() if decision == Decision.GO else ""
        step.decision_by, step.decision_at = actor, timezone.now()
        if decision == Decision.NO_GO:
            step.status, step.skip_reason = StepStatus.SKIPPED, reason.strip()
        elif step.status == StepStatus.SKIPPED:
            step.status, step.skip_reason = StepStatus.NOT_STARTED, ""
        step.save()
        audit_record(
            actor=actor, project=step.project, action="step.decision", target=step,
            data={"decision": decision},
        )  # fmt: skip
        # Tasks that waited for this decision are open again (or void).
        if decision != Decision.PENDING:
            step.tasks.filter(status=TaskStatus.DECISION_PENDING).update(
                status=TaskStatus.OPEN if decision == Decision.GO else TaskStatus.CANCELLED
            )
    return step


def uncertainty_judge(*, actor, step: ProcessStep, status: str, justification: str):
    if status not in UncertaintyStatus.values:
        raise ValidationError({"status": _("Kies een geldige status.")})
    justification = justification.strip()
    if status != UncertaintyStatus.OPEN and not justification:
        raise ValidationError({"justification": _("Onderbouw het oordeel kort.")})
    with transaction.atomic():
        step = _locked(step)
        step.uncertainty_status = status
        step.uncertainty_justification = justification
        step.uncertainty_judged_by, step.uncertainty_judged_at = actor, timezone.now()
        step.save(
            update_fields=[
                "uncertainty_status",
                "uncertainty_justification",
                "uncertainty_judged_by",
                "uncertainty_judged_at",
            ]
        )
        audit_record(
            actor=actor, project=step.project, action="step.uncertainty", target=step,
            data={"status": status},
        )  # fmt: skip
    return step


def checklist_set(*, actor, item: ChecklistItem, done: bool) -> ChecklistItem:
    with transaction.atomic():
        item = (
            ChecklistItem.objects.select_for_update()
            .select_related("step__project")
            .get(pk=item.pk)
        )
        if item.step.is_closed:
            raise ValidationError(_("Heropen de stap eerst om de checklist te wijzigen."))
        if item.is_done == done:
            return item
        item.is_done = done
        item.done_by, item.done_at = (actor, timezone.now()) if done else (None, None)
        item.save(update_fields=["is_done", "done_by", "done_at"])
        audit_record(
            actor=actor,
            project=item.step.project,
            action="checklist.ticked" if done else "checklist.unticked",
            target=item,
        )
    return item


def checklist_add(*, actor, step: ProcessStep, text: str) -> ChecklistItem:
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Een checklistpunt heeft tekst nodig.")})
    with transaction.atomic():
        last = step.checklist_items.order_by("-position").values_list("position", flat=True).first()
        item = ChecklistItem.objects.create(step=step, text=text, position=(last or 0) + 1)
        audit_record(actor=actor, project=step.project, action="checklist.added", target=item)
    return item


def checklist_remove(*, actor, item: ChecklistItem) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor, project=item.step.project, action="checklist.removed", target=item
        )
        item.delete()


def checklist_derive(*, project, key: str) -> bool:
    """Tick or untick the project's checklist items that a step tool derives from its data
    (``registry.DerivedItem``), as the data says now. Returns whether the data satisfies them.

    Tools call this after every change that may affect the item; a closed step's checklist is
    frozen and stays as it was.
    """
    from processteps.registry import derived_item

    spec = derived_item(key)
    if spec is None:
        raise ValueError(f"No step tool derives the checklist item {key!r}")
    done = spec.evaluate(project)
    ChecklistItem.objects.filter(step__project=project, derived_from=key).exclude(
        is_done=done
    ).exclude(step__status__in=[StepStatus.COMPLETED, StepStatus.SKIPPED]).update(
        is_done=done, done_at=timezone.now() if done else None, done_by=None
    )
    return done
