"""State changes of the action book (step 10): an action form saved whole (its fields, goals,
causes, parties, budget, milestones and implementation indicators in one transaction, so a
refused form leaves nothing half-saved), adopting and reopening a form, deleting a draft.

The rules checked here, whatever the caller: goals come from the project's team goal tree and
causes from its team analysis (another project's goal or cause is refused in Dutch); at most
one accountable party (the owner) — exactly one once the form has parties; the end date is not
before the start date and milestones lie between them; budget amounts are not negative. A
team member drafts, the leader adopts; an adopted form is read-only until the leader reopens
it. After every change the step-10 checklist item is derived again.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from processteps.causes.models import AnalysisKind, CausalFactor, FactorKind
from processteps.goals.models import Goal, Indicator, IndicatorKind, TreeKind
from processteps.goals.services import indicators as indicator_services
from processteps.meetings.models import InterventionPoint
from processteps.services.audit import audit_record
from processteps.services.steps import checklist_derive

from ..models import (
    Action,
    ActionCause,
    ActionGoal,
    ActionIndicator,
    ActionParty,
    ActionStatus,
    BudgetLine,
    Milestone,
    PartyRole,
)
from ..selectors import FORMS_COMPLETE, action_loaded, form_missing

ACTION_FIELDS = (
    "title",
    "description",
    "intervention_point",
    "domain",
    "asked_of_citizens",
    "risks",
    "assumptions",
    "start_date",
    "end_date",
)
PARTY_FIELDS = ("name", "role", "contact_name", "contact_email", "contact_phone")
BUDGET_FIELDS = ("amount", "source", "year")
MILESTONE_FIELDS = ("title", "date", "done")
INDICATOR_FIELDS = indicator_services.INDICATOR_FIELDS


def actions_checklist_sync(project) -> None:
    """Tick or untick step 10's "Actieformulieren volledig en goed ingevuld" as the forms now
    are."""
    checklist_derive(project=project, key=FORMS_COMPLETE)


def require(actor, perm: str, project) -> None:
    if actor is None or not actor.has_perm(perm, project):
        raise PermissionDenied


def require_editable(action: Action) -> None:
    if action.status == ActionStatus.ADOPTED:
        raise ValidationError(
            _("Dit actieformulier is vastgesteld. De projectleider heropent het eerst.")
        )


def lock(action: Action) -> Action:
    return (
        Action.objects.select_for_update(of=("self",)).select_related("project").get(pk=action.pk)
    )


def _date(value) -> str:
    return formats.date_format(value, "j F Y")


# -- the form as a whole ---------------------------------------------------------------------


@dataclass
class ActionForm:
    """Everything on one action form. Nested items are dicts of their fields; an item with an
    ``id`` updates that row of this action, one without is new, and a row of the action not
    among them is deleted (an indicator is unlinked, and deleted when nothing else uses it
    and it has no measurements)."""

    fields: dict
    goals: list = field(default_factory=list)
    causes: list = field(default_factory=list)
    parties: list = field(default_factory=list)
    budget: list = field(default_factory=list)
    milestones: list = field(default_factory=list)
    indicators: list = field(default_factory=list)


def _check_fields(project, fields: dict) -> dict:
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown action fields: {sorted(unknown)}")
    fields = dict(fields)
    for key in ("title", "description", "asked_of_citizens", "risks", "assumptions", "domain"):
        if key in fields:
            fields[key] = (fields[key] or "").strip()
    if "title" in fields and not fields["title"]:
        raise ValidationError({"title": _("Geef de actie een titel.")})
    point = fields.get("intervention_point")
    if point is not None:
        if not isinstance(point, InterventionPoint):
            point = InterventionPoint.objects.filter(pk=point).first()
        if point is None or point.project_id != project.pk:
            raise ValidationError(
                {"intervention_point": _("Dat interventiepunt hoort bij een ander project.")}
            )
        fields["intervention_point"] = point
    start, end = fields.get("start_date"), fields.get("end_date")
    if start and end and end < start:
        raise ValidationError({"end_date": _("De einddatum ligt vóór de startdatum.")})
    return fields


def _check_goals(project, goals) -> list[Goal]:
    ids = [g.pk if isinstance(g, Goal) else int(g) for g in goals]
    found = {g.pk: g for g in Goal.objects.filter(pk__in=ids).select_related("tree")}
    result = []
    for pk in dict.fromkeys(ids):
        goal = found.get(pk)
        if goal is None or goal.tree.project_id != project.pk:
            raise ValidationError({"goals": _("Dat doel hoort bij een ander project.")})
        if goal.tree.kind != TreeKind.TEAM:
            raise ValidationError(
                {"goals": _("Een actie dient doelen uit de doelenboom van het team.")}
            )
        result.append(goal)
    return result


def _check_causes(project, causes) -> list[CausalFactor]:
    ids = [c.pk if isinstance(c, CausalFactor) else int(c) for c in causes]
    found = {c.pk: c for c in CausalFactor.objects.filter(pk__in=ids).select_related("analysis")}
    result = []
    for pk in dict.fromkeys(ids):
        cause = found.get(pk)
        if cause is None or cause.analysis.project_id != project.pk:
            raise ValidationError({"causes": _("Die oorzaak hoort bij een ander project.")})
        if cause.analysis.kind != AnalysisKind.TEAM:
            raise ValidationError(
                {"causes": _("Een actie neemt oorzaken uit de teamanalyse van stap 5 weg.")}
            )
        if cause.kind == FactorKind.SYMPTOM:
            raise ValidationError(
                {
                    "causes": _(
                        "‘%(cause)s’ is een symptoom: een actie neemt de oorzaken ervan weg."
                    )
                    % {"cause": cause.statement}
                }
            )
        result.append(cause)
    return result


def _amount(value) -> Decimal:
    if isinstance(value, str):
        text = re.sub(r"\s+", "", value.replace("€", ""))
        if "," in text:  # 1.234,50: dots group the thousands, the comma is the decimal one
            text = text.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", text):  # 12.500 is twelve thousand
            text = text.replace(".", "")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValidationError(
                {"budget": _("‘%(text)s’ is geen bedrag.") % {"text": value}}
            ) from None
    value = Decimal(value)
    if not value.is_finite():
        raise ValidationError({"budget": _("Dat is geen bedrag.")})
    if value < 0:
        raise ValidationError({"budget": _("Een bedrag is niet negatief.")})
    if value >= Decimal(10) ** 12:
        raise ValidationError({"budget": _("Dat bedrag is te groot.")})
    return value.quantize(Decimal("0.01"))


def _check_parties(parties: list[dict]) -> list[dict]:
    result = []
    for item in parties:
        item = {k: (v.strip() if isinstance(v, str) else v) for k, v in item.items()}
        if not item.get("name"):
            raise ValidationError({"parties": _("Geef elke partij een naam.")})
        if item.get("role") not in PartyRole.values:
            raise ValidationError({"parties": _("Kies de rol van %(name)s.") % item})
        result.append(item)
    accountable = sum(1 for p in result if p["role"] == PartyRole.ACCOUNTABLE)
    if accountable > 1:
        raise ValidationError(
            {"parties": _("Een actie heeft precies één eigenaar (eindverantwoordelijk).")}
        )
    if result and accountable == 0:
        raise ValidationError(
            {
                "parties": _(
                    "Wijs een van de partijen aan als eigenaar (eindverantwoordelijk): een actie "
                    "heeft precies één eigenaar."
                )
            }
        )
    return result


def _check_budget(lines: list[dict]) -> list[dict]:
    result = []
    for item in lines:
        item = dict(item)
        item["amount"] = _amount(item.get("amount"))
        item["source"] = (item.get("source") or "").strip()
        if not item["source"]:
            raise ValidationError({"budget": _("Geef bij elk bedrag de financieringsbron.")})
        try:
            item["year"] = int(item.get("year"))
        except (TypeError, ValueError):
            raise ValidationError({"budget": _("Geef bij elk bedrag het jaar.")}) from None
        if not 1900 <= item["year"] <= 2200:
            raise ValidationError({"budget": _("%(year)s is geen begrotingsjaar.") % item})
        result.append(item)
    return result


def _check_milestones(items: list[dict], start, end) -> list[dict]:
    result = []
    for item in items:
        item = dict(item)
        item["title"] = (item.get("title") or "").strip()
        if not item["title"]:
            raise ValidationError({"milestones": _("Geef elke mijlpaal een naam.")})
        if not isinstance(item.get("date"), datetime.date):
            raise ValidationError(
                {"milestones": _("Geef de mijlpaal ‘%(title)s’ een datum.") % item}
            )
        item["done"] = bool(item.get("done"))
        if (start and item["date"] < start) or (end and item["date"] > end):
            raise ValidationError(
                {
                    "milestones": _(
                        "De mijlpaal ‘%(title)s’ (%(date)s) valt buiten de looptijd van de actie."
                    )
                    % {"title": item["title"], "date": _date(item["date"])}
                }
            )
        result.append(item)
    return result


def _sync_rows(model, action, items: list[dict], names, *, position=True) -> bool:
    """Update, create and delete the rows of ``model`` of ``action`` to match ``items``."""
    existing = {row.pk: row for row in model.objects.filter(action=action)}
    wanted = {int(item["id"]) for item in items if item.get("id")}
    unknown = wanted - set(existing)
    if unknown:
        raise ValidationError(_("Dat onderdeel hoort bij een andere actie."))
    gone = [pk for pk in existing if pk not in wanted]
    changed = bool(gone)
    if gone:
        model.objects.filter(pk__in=gone).delete()
    # The owner last, so that handing the role from one party to another never has two at once.
    order = sorted(enumerate(items), key=lambda pair: pair[1].get("role") == PartyRole.ACCOUNTABLE)
    for index, item in order:
        pk = item.get("id")
        values = {k: item.get(k, "" if k not in ("done",) else False) for k in names}
        if position:
            values["position"] = index
        if pk:
            row = existing[int(pk)]
            if any(getattr(row, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(row, k, v)
                row.full_clean(exclude=["action"])
                row.save()
                changed = True
        else:
            row = model(action=action, **values)
            row.full_clean(exclude=["action"])
            row.save()
            changed = True
    return changed


def _sync_links(model, action, attr: str, objects) -> bool:
    wanted = {o.pk for o in objects}
    have = set(model.objects.filter(action=action).values_list(f"{attr}_id", flat=True))
    if wanted == have:
        return False
    model.objects.filter(action=action).exclude(**{f"{attr}_id__in": wanted}).delete()
    model.objects.bulk_create([model(action=action, **{f"{attr}_id": pk}) for pk in wanted - have])
    return True


def _sync_indicators(actor, action, items: list[dict]) -> bool:
    links = {
        link.indicator_id: link
        for link in ActionIndicator.objects.filter(action=action).select_related("indicator")
    }
    keep, changed = set(), False
    for item in items:
        values = {k: v for k, v in item.items() if k in INDICATOR_FIELDS}
        pk = item.get("id")
        if pk:
            link = links.get(int(pk))
            if link is None:
                raise ValidationError({"indicators": _("Die indicator hoort niet bij deze actie.")})
            keep.add(link.indicator_id)
            before = link.indicator.updated_at
            indicator = indicator_services.indicator_update(
                actor=actor, indicator=link.indicator, **values
            )
            changed |= indicator.updated_at != before
        else:
            indicator = indicator_services.indicator_add(
                actor=actor, project=action.project, kind=IndicatorKind.IMPLEMENTATION, **values
            )
            ActionIndicator.objects.create(action=action, indicator=indicator)
            keep.add(indicator.pk)
            changed = True
    for indicator_id, link in links.items():
        if indicator_id in keep:
            continue
        link.delete()
        changed = True
        indicator = link.indicator
        if not indicator.action_links.exists() and not indicator.measurements.exists():
            indicator_services.indicator_delete(actor=actor, indicator=indicator)
    return changed


def _wrap(exc: ValidationError, prefix: str) -> ValidationError:
    """An error of a nested row, told under the part of the form it belongs to."""
    if hasattr(exc, "error_dict"):
        messages = [m for errors in exc.message_dict.values() for m in errors]
    else:
        messages = exc.messages
    return ValidationError({prefix: messages})


def action_save(*, actor, project, form: ActionForm, action: Action | None = None) -> Action:
    """Create an action form (``action`` None) or save an existing one whole."""
    require(actor, "actions.draft", project)
    fields = _check_fields(project, form.fields)
    if action is None and not fields.get("title"):
        raise ValidationError({"title": _("Geef de actie een titel.")})
    goals = _check_goals(project, form.goals)
    causes = _check_causes(project, form.causes)
    parties = _check_parties(form.parties)
    budget = _check_budget(form.budget)
    with transaction.atomic():
        if action is None:
            position = Action.objects.filter(project=project).aggregate(m=Max("position"))["m"]
            action = Action(
                project=project, created_by=actor,
                position=0 if position is None else position + 1, **fields,
            )  # fmt: skip
            action.full_clean()
            action.save()
            created, changed = True, True
        else:
            if action.project_id != project.pk:
                raise PermissionDenied
            action = lock(action)
            require_editable(action)
            created = False
            changed_fields = {k: v for k, v in fields.items() if getattr(action, k) != v}
            for key, value in changed_fields.items():
                setattr(action, key, value)
            action.full_clean()
            if changed_fields:
                action.save()
            changed = bool(changed_fields)
        milestones = _check_milestones(form.milestones, action.start_date, action.end_date)
        changed |= _sync_links(ActionGoal, action, "goal", goals)
        changed |= _sync_links(ActionCause, action, "cause", causes)
        for model, items, names, key in (
            (ActionParty, parties, PARTY_FIELDS, "parties"),
            (BudgetLine, budget, BUDGET_FIELDS, "budget"),
            (Milestone, milestones, MILESTONE_FIELDS, "milestones"),
        ):
            try:
                changed |= _sync_rows(model, action, items, names, position=model is not Milestone)
            except ValidationError as exc:
                raise _wrap(exc, key) from None
        try:
            changed |= _sync_indicators(actor, action, form.indicators)
        except ValidationError as exc:
            raise _wrap(exc, "indicators") from None
        if created:
            audit_record(actor=actor, project=project, action="action.added", target=action)
        elif changed:
            Action.objects.filter(pk=action.pk).update(updated_at=timezone.now())
            audit_record(actor=actor, project=project, action="action.changed", target=action)
        actions_checklist_sync(project)
    return action


def action_form_of(action: Action) -> ActionForm:
    """The form of a loaded action (see ``selectors.action_loaded``) as ``action_save`` takes
    it: to change one part and save the rest as it was."""

    def rows(items, names):
        return [{"id": row.pk, **{k: getattr(row, k) for k in names}} for row in items]

    return ActionForm(
        fields={k: getattr(action, k) for k in ACTION_FIELDS},
        goals=[g.pk for g in action.goal_list],
        causes=[c.pk for c in action.cause_list],
        parties=rows(action.party_list, PARTY_FIELDS),
        budget=rows(action.budget_list, BUDGET_FIELDS),
        milestones=rows(action.milestone_list, MILESTONE_FIELDS),
        indicators=rows(action.indicator_list, INDICATOR_FIELDS),
    )


def milestone_toggle(*, actor, milestone: Milestone) -> Milestone:
    """Mark a milestone done (or not done again): the team's progress, also on an adopted
    form."""
    action = milestone.action
    require(actor, "actions.draft", action.project)
    with transaction.atomic():
        milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
        milestone.done = not milestone.done
        milestone.save(update_fields=["done"])
        audit_record(
            actor=actor, project=action.project,
            action="milestone.done" if milestone.done else "milestone.undone", target=milestone,
            data={"action": action.title},
        )  # fmt: skip
    return milestone


def action_delete(*, actor, action: Action) -> None:
    project = action.project
    require(actor, "actions.draft", project)
    with transaction.atomic():
        action = lock(action)
        require_editable(action)
        indicators = list(Indicator.objects.filter(action_links__action=action).distinct())
        audit_record(actor=actor, project=project, action="action.deleted", target=action)
        action.delete()
        for indicator in indicators:
            if not indicator.action_links.exists() and not indicator.measurements.exists():
                indicator_services.indicator_delete(actor=actor, indicator=indicator)
        actions_checklist_sync(project)


def action_adopt(*, actor, action: Action) -> Action:
    """The leader adopts (stelt vast) a complete action form; it is read-only from then on."""
    project = action.project
    require(actor, "actions.adopt", project)
    with transaction.atomic():
        action = lock(action)
        if action.status == ActionStatus.ADOPTED:
            return action
        missing = form_missing(action_loaded(project, action.pk))
        if missing:
            raise ValidationError(
                _(
                    "Een onvolledig actieformulier kan niet worden vastgesteld. Nog nodig: "
                    "%(missing)s."
                )
                % {"missing": "; ".join(m[0].lower() + m[1:] for m in missing)}
            )
        action.status, action.adopted_at, action.adopted_by = (
            ActionStatus.ADOPTED, timezone.now(), actor,
        )  # fmt: skip
        action.save(update_fields=["status", "adopted_at", "adopted_by", "updated_at"])
        audit_record(actor=actor, project=project, action="action.adopted", target=action)
    return action


def action_reopen(*, actor, action: Action) -> Action:
    project = action.project
    require(actor, "actions.adopt", project)
    with transaction.atomic():
        action = lock(action)
        if action.status == ActionStatus.DRAFT:
            return action
        action.status, action.adopted_at, action.adopted_by = ActionStatus.DRAFT, None, None
        action.save(update_fields=["status", "adopted_at", "adopted_by", "updated_at"])
        audit_record(actor=actor, project=project, action="action.reopened", target=action)
    return action
