"""Meetings (steps 6-8): planning, changing, cancelling, holding, splitting an expert meeting
by theme, and the agenda."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from processteps.causes.models import AnalysisKind
from processteps.models import Project, Role
from processteps.services.audit import audit_record

from ..models import (
    SEAT_TAKING,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    FundamentalQuestion,
    Meeting,
    MeetingKind,
    MeetingStatus,
)
from .checklist import meetings_checklist_sync

MEETING_FIELDS = (
    "kind",
    "format",
    "title",
    "description",
    "theme",
    "starts_at",
    "ends_at",
    "place",
    "online_link",
    "chair",
    "external_chair",
    "capacity",
    "logistics_room",
    "logistics_catering",
    "logistics_gifts",
    "logistics_notes",
)


def _when(value) -> str:
    return date_format(timezone.localtime(value), "j F Y H:i")


def _check_chair(project: Project, chair) -> None:
    if chair is None:
        raise ValidationError({"chair": _("Kies wie de bijeenkomst voorzit.")})
    if not project.memberships.filter(user=chair, role__in=[Role.LEADER, Role.MEMBER]).exists():
        raise ValidationError(
            {"chair": _("De voorzitter of gastheer is een lid van het projectteam.")}
        )


def _check_overlap(meeting: Meeting) -> None:
    """One chair cannot chair two meetings at the same time (in any project)."""
    if meeting.chair_id is None or meeting.status == MeetingStatus.CANCELLED:
        return
    # Two plans for one chair at once wait for each other (the caller runs in a transaction).
    get_user_model().objects.select_for_update().filter(pk=meeting.chair_id).first()
    other = (
        Meeting.objects.filter(
            chair_id=meeting.chair_id,
            starts_at__lt=meeting.ends_at,
            ends_at__gt=meeting.starts_at,
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .exclude(pk=meeting.pk)
        .order_by("starts_at")
        .first()
    )
    if other is None:
        return
    params = {
        "chair": meeting.chair.get_full_name() or meeting.chair.get_username(),
        "start": _when(other.starts_at),
        "end": date_format(timezone.localtime(other.ends_at), "H:i"),
    }
    if other.project_id == meeting.project_id:
        message = _(
            "%(chair)s zit dan al '%(title)s' voor (%(start)s–%(end)s). Kies een ander "
            "tijdstip of een andere voorzitter."
        ) % {**params, "title": other.title}
    else:
        message = (
            _(
                "%(chair)s zit dan al een bijeenkomst van een ander project voor (%(start)s–"
                "%(end)s). Kies een ander tijdstip of een andere voorzitter."
            )
            % params
        )
    raise ValidationError({"starts_at": message})


def _check_not_past(starts_at) -> None:
    if starts_at is not None and starts_at <= timezone.now():
        raise ValidationError(
            {
                "starts_at": _(
                    "Dit tijdstip (%(when)s) ligt in het verleden: een bijeenkomst plan je "
                    "vooruit. Leg je een bijeenkomst vast die al gehouden is, vink dan 'Al "
                    "gehouden' aan."
                )
                % {"when": _when(starts_at)}
            }
        )


def meeting_plan(*, actor, project: Project, already_held: bool = False, **fields) -> Meeting:
    """Plan a meeting (in the future), or record one that was held already (in the past)."""
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"Unknown meeting fields: {sorted(unknown)}")
    starts_at = fields.get("starts_at")
    if already_held:
        if starts_at is not None and starts_at > timezone.now():
            raise ValidationError(
                {"starts_at": _("Een bijeenkomst die nog moet beginnen is niet al gehouden.")}
            )
    else:
        _check_not_past(starts_at)
    _check_chair(project, fields.get("chair"))
    meeting = Meeting(
        project=project,
        created_by=actor,
        status=MeetingStatus.HELD if already_held else MeetingStatus.PLANNED,
        **fields,
    )
    meeting.full_clean()
    with transaction.atomic():
        _check_overlap(meeting)
        meeting.save()
        audit_record(
            actor=actor, project=project, action="meeting.planned", target=meeting,
            data={"kind": meeting.kind},
        )  # fmt: skip
        if already_held:
            meetings_checklist_sync(project)
    return meeting


def _seats_taken(meeting: Meeting) -> int:
    return meeting.attendances.filter(status__in=SEAT_TAKING).count()


def meeting_update(*, actor, meeting: Meeting, **fields) -> Meeting:
    from .participants import waitlist_promote

    unknown = set(fields) - set(MEETING_FIELDS) | ({"kind"} & set(fields))
    if unknown:
        raise TypeError(f"Unknown or fixed meeting fields: {sorted(unknown)}")
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("project").get(pk=meeting.pk)
        if meeting.status == MeetingStatus.CANCELLED:
            raise ValidationError(_("Een afgelaste bijeenkomst kan niet meer worden gewijzigd."))
        changed = {k: v for k, v in fields.items() if getattr(meeting, k) != v}
        if not changed:
            return meeting
        if "starts_at" in changed and meeting.status == MeetingStatus.PLANNED:
            _check_not_past(changed["starts_at"])
        if "chair" in changed:
            _check_chair(meeting.project, changed["chair"])
        capacity = changed.get("capacity", meeting.capacity)
        if "capacity" in changed and capacity is not None:
            taken = _seats_taken(meeting)
            if capacity < taken:
                raise ValidationError(
                    {
                        "capacity": _(
                            "Er hebben zich al %(taken)s deelnemers aangemeld; het maximum kan "
                            "niet lager dan %(taken)s. Meld eerst deelnemers af."
                        )
                        % {"taken": taken}
                    }
                )
        for key, value in changed.items():
            setattr(meeting, key, value)
        meeting.full_clean()
        _check_overlap(meeting)
        meeting.save()
        audit_record(
            actor=actor, project=meeting.project, action="meeting.changed", target=meeting,
            data={"fields": ", ".join(sorted(changed))},
        )  # fmt: skip
        if "capacity" in changed:
            waitlist_promote(actor=actor, meeting=meeting)
    return meeting


def meeting_cancel(*, actor, meeting: Meeting) -> Meeting:
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("project").get(pk=meeting.pk)
        if meeting.status != MeetingStatus.PLANNED:
            raise ValidationError(_("Alleen een geplande bijeenkomst kan worden afgelast."))
        meeting.status = MeetingStatus.CANCELLED
        meeting.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor, project=meeting.project, action="meeting.cancelled", target=meeting
        )
        meetings_checklist_sync(meeting.project)
    return meeting


def meeting_mark_held(*, actor, meeting: Meeting) -> Meeting:
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("project").get(pk=meeting.pk)
        if meeting.status != MeetingStatus.PLANNED:
            raise ValidationError(_("Alleen een geplande bijeenkomst kan als gehouden gelden."))
        if meeting.starts_at > timezone.now():
            raise ValidationError(
                _("De bijeenkomst is nog niet begonnen (%(when)s).")
                % {"when": _when(meeting.starts_at)}
            )
        meeting.status = MeetingStatus.HELD
        meeting.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, project=meeting.project, action="meeting.held", target=meeting)
        meetings_checklist_sync(meeting.project)
    return meeting


def meeting_split(
    *, actor, meeting: Meeting, theme, attendances, starts_at, ends_at, chair=None, title=""
) -> Meeting:
    """Seed 001: an expert meeting of more than about ten people is split by theme. The chosen
    participants move to a new meeting on ``theme``, with the same format, place and
    logistics; the agenda items about that theme (and those about no theme) are copied."""
    project = meeting.project
    if meeting.kind != MeetingKind.EXPERT:
        raise ValidationError(_("Alleen een expertmeeting wordt naar thema gesplitst."))
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("Een afgelaste bijeenkomst kan niet worden gesplitst."))
    if theme is None or theme.project_id != project.pk:
        raise ValidationError({"theme": _("Kies een thema van dit project.")})
    moving = list(attendances)
    if not moving:
        raise ValidationError({"attendances": _("Kies wie naar de nieuwe bijeenkomst gaan.")})
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("project").get(pk=meeting.pk)
        ids = {a.pk for a in moving}
        mine = set(meeting.attendances.values_list("pk", flat=True))
        if not ids <= mine:
            raise ValidationError(
                {"attendances": _("Kies alleen deelnemers van deze bijeenkomst.")}
            )
        if ids == mine:
            raise ValidationError(
                {"attendances": _("Laat ook deelnemers achter: anders is het geen splitsing.")}
            )
        if meeting.attendances.filter(
            status__in=[AttendanceStatus.PRESENT, AttendanceStatus.ABSENT]
        ).exists():
            raise ValidationError(
                _("De aanwezigheid is al bijgehouden: deze bijeenkomst kan niet meer worden "
                  "gesplitst.")
            )  # fmt: skip
        new = meeting_plan(
            actor=actor,
            project=project,
            already_held=meeting.status == MeetingStatus.HELD,
            kind=meeting.kind,
            format=meeting.format,
            title=title.strip() or f"{meeting.title}: {theme.name}"[:200],
            description=meeting.description,
            theme=theme,
            starts_at=starts_at,
            ends_at=ends_at,
            place=meeting.place,
            online_link=meeting.online_link,
            chair=chair or meeting.chair,
            external_chair=meeting.external_chair,
            capacity=meeting.capacity,
            logistics_room=meeting.logistics_room,
            logistics_catering=meeting.logistics_catering,
            logistics_gifts=meeting.logistics_gifts,
            logistics_notes=meeting.logistics_notes,
        )
        Meeting.objects.filter(pk=new.pk).update(split_from=meeting)
        new.split_from = meeting
        Attendance.objects.filter(pk__in=ids).update(meeting=new, updated_at=timezone.now())
        items = meeting.agenda_items.prefetch_related("causes", "themes", "questions")
        for item in items:
            item_themes = list(item.themes.all())
            if item_themes and theme not in item_themes:
                continue
            copy = AgendaItem.objects.create(
                meeting=new,
                title=item.title,
                duration_minutes=item.duration_minutes,
                notes=item.notes,
                position=item.position,
            )
            copy.causes.set(item.causes.all())
            copy.themes.set(item_themes)
            copy.questions.set(item.questions.all())
        audit_record(
            actor=actor, project=project, action="meeting.split", target=meeting,
            data={"count": len(ids), "theme": theme.name},
        )  # fmt: skip
    return new


# -- the agenda ---------------------------------------------------------------------------------


def _check_links(project: Project, *, causes=(), themes=(), questions=()) -> None:
    """What an agenda item (or a harvest item) points at belongs to this project: causes of
    its team analysis (step 5), its themes (step 4), its fundamental questions."""
    wrong = [c for c in causes if c.analysis.project_id != project.pk]
    if wrong:
        raise ValidationError(
            {
                "causes": _("'%(cause)s' is een oorzaak van een ander project.")
                % {"cause": wrong[0].statement}
            }
        )
    individual = [c for c in causes if c.analysis.kind != AnalysisKind.TEAM]
    if individual:
        raise ValidationError(
            {
                "causes": _(
                    "'%(cause)s' staat in een individuele analyse; kies oorzaken uit de "
                    "teamanalyse."
                )
                % {"cause": individual[0].statement}
            }
        )
    if any(t.project_id != project.pk for t in themes):
        raise ValidationError({"themes": _("Kies thema's van dit project.")})
    if any(q.project_id != project.pk for q in questions):
        raise ValidationError({"questions": _("Kies fundamentele vragen van dit project.")})


def _causes_loaded(causes):
    from processteps.causes.models import CausalFactor

    ids = [c.pk for c in causes]
    return list(CausalFactor.objects.filter(pk__in=ids).select_related("analysis"))


AGENDA_FIELDS = ("title", "duration_minutes", "notes", "position")


def agenda_item_add(
    *, actor, meeting: Meeting, causes=(), themes=(), questions=(), **fields
) -> AgendaItem:
    unknown = set(fields) - set(AGENDA_FIELDS)
    if unknown:
        raise TypeError(f"Unknown agenda fields: {sorted(unknown)}")
    project = meeting.project
    causes, themes, questions = _causes_loaded(causes), list(themes), list(questions)
    _check_links(project, causes=causes, themes=themes, questions=questions)
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("Een afgelaste bijeenkomst heeft geen agenda meer."))
    with transaction.atomic():
        if "position" not in fields:
            last = meeting.agenda_items.order_by("-position").values_list("position", flat=True)
            fields["position"] = (last.first() or 0) + 1
        item = AgendaItem(meeting=meeting, **fields)
        item.full_clean()
        item.save()
        item.causes.set(causes)
        item.themes.set(themes)
        item.questions.set(questions)
        audit_record(actor=actor, project=project, action="agenda.added", target=item)
    return item


def agenda_item_update(
    *, actor, item: AgendaItem, causes=None, themes=None, questions=None, **fields
) -> AgendaItem:
    unknown = set(fields) - set(AGENDA_FIELDS)
    if unknown:
        raise TypeError(f"Unknown agenda fields: {sorted(unknown)}")
    project = item.meeting.project
    causes = _causes_loaded(causes) if causes is not None else None
    _check_links(
        project, causes=causes or (), themes=list(themes or ()), questions=list(questions or ())
    )
    with transaction.atomic():
        for key, value in fields.items():
            setattr(item, key, value)
        item.full_clean()
        item.save()
        if causes is not None:
            item.causes.set(causes)
        if themes is not None:
            item.themes.set(themes)
        if questions is not None:
            item.questions.set(questions)
        audit_record(actor=actor, project=project, action="agenda.changed", target=item)
    return item


def agenda_item_delete(*, actor, item: AgendaItem) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor, project=item.meeting.project, action="agenda.removed", target=item
        )
        item.delete()


# -- fundamental questions ----------------------------------------------------------------------


def question_add(*, actor, project: Project, text: str, explanation: str = ""):
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Een fundamentele vraag heeft tekst nodig.")})
    if FundamentalQuestion.objects.filter(project=project, text__iexact=text).exists():
        raise ValidationError({"text": _("Deze vraag staat er al.")})
    with transaction.atomic():
        last = project.fundamental_questions.order_by("-position").values_list(
            "position", flat=True
        )
        question = FundamentalQuestion.objects.create(
            project=project,
            text=text,
            explanation=explanation.strip(),
            position=(last.first() or 0) + 1,
        )
        audit_record(actor=actor, project=project, action="question.added", target=question)
        meetings_checklist_sync(project, "fundamental_questions")
    return question


def question_update(*, actor, question: FundamentalQuestion, text: str, explanation: str = ""):
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Een fundamentele vraag heeft tekst nodig.")})
    project = question.project
    if (
        FundamentalQuestion.objects.filter(project=project, text__iexact=text)
        .exclude(pk=question.pk)
        .exists()
    ):
        raise ValidationError({"text": _("Deze vraag staat er al.")})
    with transaction.atomic():
        question.text, question.explanation = text, explanation.strip()
        question.full_clean()
        question.save()
        audit_record(actor=actor, project=project, action="question.changed", target=question)
    return question


def question_delete(*, actor, question: FundamentalQuestion) -> None:
    project = question.project
    with transaction.atomic():
        audit_record(actor=actor, project=project, action="question.removed", target=question)
        question.delete()
        meetings_checklist_sync(project, "fundamental_questions")
