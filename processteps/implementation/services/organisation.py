"""State changes of the implementation organisation (who steers, who executes) and of the
steering rhythm (meetings and reports), and of the current situations of the integral
framework. Every change is the leader's, checked here as in the views; each one re-derives
the checklist items of step 11."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from processteps.models import Domain
from processteps.services.audit import audit_record

from ..models import DomainSituation, ImplementationBody, SteeringMoment
from .common import implementation_checklist_sync, require

EDIT = "implementation.edit"
BODY_FIELDS = ("name", "kind", "role", "task", "party_kind", "contact")
MOMENT_FIELDS = ("kind", "title", "purpose", "frequency", "responsible", "audience", "first_date")


def _clean_text(fields: dict) -> dict:
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}


def _save_body(body: ImplementationBody) -> None:
    if not body.task:
        raise ValidationError({"task": _("Beschrijf de taak van dit orgaan of deze persoon.")})
    duplicate = ImplementationBody.objects.filter(
        project_id=body.project_id, name__iexact=body.name
    ).exclude(pk=body.pk)
    if duplicate.exists():
        raise ValidationError(
            {"name": _("Er staat al een orgaan of persoon met die naam in de organisatie.")}
        )
    body.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            body.save()
    except IntegrityError as exc:  # a concurrent add of the same name
        raise ValidationError(
            {"name": _("Er staat al een orgaan of persoon met die naam in de organisatie.")}
        ) from exc


def body_add(*, actor, project, name: str, role: str, task: str, kind: str = "body",
             party_kind: str = "", contact: str = "") -> ImplementationBody:  # fmt: skip
    require(actor, EDIT, project)
    fields = _clean_text(
        {
            "name": name,
            "kind": kind,
            "role": role,
            "task": task,
            "party_kind": party_kind,
            "contact": contact,
        }  # fmt: skip
    )
    with transaction.atomic():
        last = ImplementationBody.objects.filter(project=project).aggregate(m=Max("position"))
        body = ImplementationBody(project=project, position=(last["m"] or 0) + 1, **fields)
        _save_body(body)
        audit_record(actor=actor, project=project, action="implbody.added", target=body)
        implementation_checklist_sync(project)
    return body


def body_update(*, actor, body: ImplementationBody, **fields) -> ImplementationBody:
    unknown = set(fields) - set(BODY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown body fields: {sorted(unknown)}")
    project = body.project
    require(actor, EDIT, project)
    with transaction.atomic():
        body = ImplementationBody.objects.select_for_update().get(pk=body.pk)
        changed = {k: v for k, v in _clean_text(fields).items() if getattr(body, k) != v}
        if not changed:
            return body
        for key, value in changed.items():
            setattr(body, key, value)
        _save_body(body)
        audit_record(actor=actor, project=project, action="implbody.changed", target=body)
        implementation_checklist_sync(project)
    return body


def body_delete(*, actor, body: ImplementationBody) -> None:
    """Remove a body; the moments it organised or received lose it (and the checklist says
    so)."""
    project = body.project
    require(actor, EDIT, project)
    with transaction.atomic():
        audit_record(actor=actor, project=project, action="implbody.deleted", target=body)
        body.delete()
        implementation_checklist_sync(project)


# -- the steering rhythm -------------------------------------------------------------------------


def _save_moment(moment: SteeringMoment) -> None:
    if not moment.title:
        raise ValidationError({"title": _("Geef het overleg of de rapportage een naam.")})
    moment.full_clean()
    moment.save()


def moment_add(*, actor, project, kind: str, title: str, frequency: str, purpose: str = "",
               responsible=None, audience=None, first_date=None) -> SteeringMoment:  # fmt: skip
    require(actor, EDIT, project)
    with transaction.atomic():
        last = SteeringMoment.objects.filter(project=project).aggregate(m=Max("position"))
        moment = SteeringMoment(
            project=project, position=(last["m"] or 0) + 1,
            **_clean_text({"kind": kind, "title": title, "frequency": frequency,
                           "purpose": purpose}),
            responsible=responsible, audience=audience, first_date=first_date,
        )  # fmt: skip
        _save_moment(moment)
        audit_record(actor=actor, project=project, action="steering.added", target=moment)
        implementation_checklist_sync(project)
    return moment


def moment_update(*, actor, moment: SteeringMoment, **fields) -> SteeringMoment:
    unknown = set(fields) - set(MOMENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown moment fields: {sorted(unknown)}")
    project = moment.project
    require(actor, EDIT, project)
    with transaction.atomic():
        moment = SteeringMoment.objects.select_for_update().get(pk=moment.pk)
        changed = {k: v for k, v in _clean_text(fields).items() if getattr(moment, k) != v}
        if not changed:
            return moment
        for key, value in changed.items():
            setattr(moment, key, value)
        _save_moment(moment)
        audit_record(actor=actor, project=project, action="steering.changed", target=moment)
        implementation_checklist_sync(project)
    return moment


def moment_delete(*, actor, moment: SteeringMoment) -> None:
    project = moment.project
    require(actor, EDIT, project)
    with transaction.atomic():
        audit_record(actor=actor, project=project, action="steering.deleted", target=moment)
        moment.delete()
        implementation_checklist_sync(project)


# -- the current situation per domain (integral framework) ---------------------------------------


def situation_save(*, actor, project, domain: str, text: str) -> DomainSituation | None:
    """Describe the current situation in ``domain``; an empty text removes the description."""
    require(actor, EDIT, project)
    if domain not in Domain.values:
        raise ValidationError({"domain": _("Kies een domein van het integraal raamwerk.")})
    text = text.strip()
    with transaction.atomic():
        situation = (
            DomainSituation.objects.select_for_update()
            .filter(project=project, domain=domain)
            .first()
        )
        if not text:
            if situation is not None:
                audit_record(
                    actor=actor, project=project, action="situation.deleted", target=situation
                )
                situation.delete()
            return None
        if situation is None:
            situation = DomainSituation(project=project, domain=domain)
        elif situation.text == text:
            return situation
        situation.text = text
        situation.updated_by = actor
        situation.full_clean(validate_constraints=False)
        situation.save()
        audit_record(actor=actor, project=project, action="situation.saved", target=situation)
    return situation
