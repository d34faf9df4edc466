"""What the meetings yield on paper: minutes with the answers to the fundamental questions
(approved by the chair, rendered to PDF), and the intervention points of step 6."""

import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.models import RenderStatus
from documents.sanitize import clean_html
from processteps.models import Project
from processteps.services.audit import audit_record

from ..models import (
    InterventionPoint,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    QuestionAnswer,
)
from .checklist import FUNDAMENTAL_QUESTIONS, meetings_checklist_sync

logger = logging.getLogger(__name__)


def minutes_for(meeting: Meeting) -> Minutes:
    """The meeting's minutes, or an empty draft (unsaved) before anyone wrote them."""
    found = Minutes.objects.filter(meeting=meeting).first()
    return found or Minutes(meeting=meeting)


def treated_questions(meeting: Meeting):
    """The fundamental questions the meeting's agenda treats (what its minutes answer)."""
    from ..models import FundamentalQuestion

    return (
        FundamentalQuestion.objects.filter(agenda_items__meeting=meeting)
        .distinct()
        .order_by("position", "id")
    )


def minutes_save(*, actor, meeting: Meeting, text: str, revision: int, answers=None) -> Minutes:
    """Save the draft minutes (sanitised) and the answers they record, ``{question: text}``
    (an empty text removes the answer). ``revision`` is the one the writer started from: if
    someone saved in between, nothing is saved."""
    answers = answers or {}
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("Van een afgelaste bijeenkomst wordt geen verslag gemaakt."))
    allowed = {q.pk: q for q in treated_questions(meeting)}
    wrong = [q for q in answers if q.pk not in allowed]
    if wrong:
        raise ValidationError(
            _("De vraag '%(question)s' staat niet op de agenda van deze bijeenkomst.")
            % {"question": wrong[0].text}
        )
    text = clean_html(text)
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        minutes, _created = Minutes.objects.get_or_create(meeting=meeting)
        minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
        if minutes.is_approved:
            raise ValidationError(
                _("Het verslag is goedgekeurd; heropen het eerst om het te wijzigen.")
            )
        if minutes.revision != revision:
            raise ValidationError(
                _("Iemand anders heeft het verslag intussen opgeslagen. Je tekst is niet "
                  "opgeslagen: kopieer hem, herlaad de pagina en voeg je wijziging opnieuw toe."),
                code="stale",
            )  # fmt: skip
        minutes.text = text
        minutes.revision += 1
        minutes.updated_by = actor
        minutes.save()
        for question, answer in answers.items():
            answer = answer.strip()
            if answer:
                QuestionAnswer.objects.update_or_create(
                    meeting=meeting,
                    question=question,
                    defaults={"answer": answer, "updated_by": actor},
                )
            else:
                QuestionAnswer.objects.filter(meeting=meeting, question=question).delete()
        audit_record(actor=actor, project=meeting.project, action="minutes.saved", target=minutes)
    return minutes


def minutes_approve(*, actor, meeting: Meeting) -> Minutes:
    """The chair approves the minutes: they are final, their PDF is rendered (by a task), and
    their answers count for the step-6 checklist."""
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(
            _("Keur het verslag goed nadat de bijeenkomst is gehouden (markeer haar als "
              "gehouden).")
        )  # fmt: skip
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
        if minutes is None or not minutes.text.strip():
            raise ValidationError(_("Schrijf eerst het verslag."))
        if minutes.is_approved:
            raise ValidationError(_("Het verslag is al goedgekeurd."))
        minutes.status = MinutesStatus.APPROVED
        minutes.approved_by, minutes.approved_at = actor, timezone.now()
        minutes.save()
        audit_record(
            actor=actor, project=meeting.project, action="minutes.approved", target=minutes
        )
        _queue_render(minutes)
        meetings_checklist_sync(meeting.project, FUNDAMENTAL_QUESTIONS)
    return minutes


def minutes_reopen(*, actor, meeting: Meeting) -> Minutes:
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
        if minutes is None or not minutes.is_approved:
            raise ValidationError(_("Alleen een goedgekeurd verslag kan worden heropend."))
        minutes.status = MinutesStatus.DRAFT
        minutes.approved_by = minutes.approved_at = None
        minutes.render_status, minutes.render_error = RenderStatus.NONE, ""
        minutes.pdf = ""
        minutes.save()
        audit_record(
            actor=actor, project=meeting.project, action="minutes.reopened", target=minutes
        )
        meetings_checklist_sync(meeting.project, FUNDAMENTAL_QUESTIONS)
    return minutes


def _queue_render(minutes: Minutes) -> None:
    from ..tasks import render_minutes

    Minutes.objects.filter(pk=minutes.pk).update(
        render_status=RenderStatus.QUEUED, render_error="", render_requested_at=timezone.now()
    )
    transaction.on_commit(lambda: render_minutes.delay(minutes.pk))


def minutes_render_request(*, actor, minutes: Minutes) -> bool:
    """Queue the minutes' PDF again (after a failure, or when its render got stuck). False
    when it is there already."""
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
        if not minutes.is_approved:
            raise ValidationError(_("Alleen een goedgekeurd verslag wordt een PDF."))
        if minutes.render_status == RenderStatus.READY and minutes.pdf:
            return False
        if (
            minutes.render_status in (RenderStatus.QUEUED, RenderStatus.RENDERING)
            and not minutes.render_stuck
        ):
            return True
        _queue_render(minutes)
    return True


def minutes_html(minutes: Minutes) -> str:
    """The print HTML of approved minutes (our own template; the text is sanitised)."""
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.utils import translation

    from ..models import ACTIVE_ATTENDANCE, AttendanceStatus

    meeting = (
        Meeting.objects.select_related("project", "chair", "theme")
        .prefetch_related("agenda_items__questions", "agenda_items__causes")
        .get(pk=minutes.meeting_id)
    )
    attendances = list(
        meeting.attendances.filter(status__in=ACTIVE_ATTENDANCE)
        .select_related("participant")
        .order_by("participant__name")
    )
    answers = list(
        QuestionAnswer.objects.filter(meeting=meeting)
        .select_related("question")
        .order_by("question__position", "question_id")
    )
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "meetings/print_minutes.html",
            {
                "meeting": meeting,
                "project": meeting.project,
                "minutes": minutes,
                "text": clean_html(minutes.text),
                "present": [a for a in attendances if a.status == AttendanceStatus.PRESENT],
                "absent_count": sum(1 for a in attendances if a.status != AttendanceStatus.PRESENT),
                "interests": [
                    a
                    for a in attendances
                    if a.status == AttendanceStatus.PRESENT and a.participant.declared_interests
                ]
                if meeting.kind == MeetingKind.EXPERT
                else [],
                "answers": answers,
                "document_title": _("Verslag: %(meeting)s") % {"meeting": meeting.title},
                "language": "nl",
            },
        )


def minutes_render(*, minutes_id: int) -> bool:
    """Render approved minutes to PDF (called by the worker). Safe to run twice: a ready PDF
    is kept; minutes reopened in the meantime are skipped."""
    from documents.rendering import render_pdf

    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().filter(pk=minutes_id).first()
        if minutes is None or not minutes.is_approved:
            return False
        if minutes.render_status == RenderStatus.READY and minutes.pdf:
            return False
        Minutes.objects.filter(pk=minutes.pk).update(
            render_status=RenderStatus.RENDERING, render_requested_at=timezone.now()
        )
    approved_at = minutes.approved_at
    pdf = render_pdf(minutes_html(minutes))
    name = f"verslag-{minutes.meeting_id}-{int(approved_at.timestamp())}.pdf"
    stored = minutes.pdf.storage.save(
        minutes._meta.get_field("pdf").generate_filename(minutes, name), ContentFile(pdf)
    )
    with transaction.atomic():
        # Only if the minutes are still the approved version that was rendered.
        updated = Minutes.objects.filter(
            pk=minutes.pk, status=MinutesStatus.APPROVED, approved_at=approved_at
        ).update(
            render_status=RenderStatus.READY, render_error="", pdf=stored,
            rendered_at=timezone.now(),
        )  # fmt: skip
    if not updated:
        minutes.pdf.storage.delete(stored)
    return bool(updated)


def minutes_render_failed(*, minutes_id: int, error: str) -> None:
    Minutes.objects.filter(pk=minutes_id).update(
        render_status=RenderStatus.FAILED, render_error=error[:2000]
    )


# -- intervention points ------------------------------------------------------------------------

POINT_FIELDS = ("title", "arena", "who_can_act", "argument", "position")


def _check_point(project: Project, cause, meetings) -> None:
    from processteps.causes.models import AnalysisKind, FactorKind

    if cause is None:
        raise ValidationError({"cause": _("Kies de oorzaak waarop kan worden ingegrepen.")})
    if cause.analysis.project_id != project.pk:
        raise ValidationError({"cause": _("Die oorzaak hoort bij een ander project.")})
    if cause.analysis.kind != AnalysisKind.TEAM:
        raise ValidationError({"cause": _("Kies een oorzaak uit de teamanalyse.")})
    if cause.kind == FactorKind.SYMPTOM:
        raise ValidationError(
            {"cause": _("Een interventiepunt is een oorzaak, geen symptoom: kies een oorzaak.")}
        )
    if any(m.project_id != project.pk for m in meetings):
        raise ValidationError({"supporting_meetings": _("Kies bijeenkomsten van dit project.")})


def intervention_point_add(*, actor, project: Project, cause, supporting_meetings=(), **fields):
    unknown = set(fields) - set(POINT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown intervention point fields: {sorted(unknown)}")
    meetings = list(supporting_meetings)
    _check_point(project, cause, meetings)
    with transaction.atomic():
        if "position" not in fields:
            last = project.intervention_points.order_by("-position").values_list(
                "position", flat=True
            )
            fields["position"] = (last.first() or 0) + 1
        point = InterventionPoint(project=project, cause=cause, created_by=actor, **fields)
        point.full_clean()
        point.save()
        point.supporting_meetings.set(meetings)
        audit_record(actor=actor, project=project, action="point.added", target=point)
    return point


def intervention_point_update(
    *, actor, point: InterventionPoint, cause=None, supporting_meetings=None, **fields
):
    unknown = set(fields) - set(POINT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown intervention point fields: {sorted(unknown)}")
    project = point.project
    meetings = list(supporting_meetings) if supporting_meetings is not None else []
    _check_point(project, cause or point.cause, meetings)
    with transaction.atomic():
        if cause is not None:
            point.cause = cause
        for key, value in fields.items():
            setattr(point, key, value)
        point.full_clean()
        point.save()
        if supporting_meetings is not None:
            point.supporting_meetings.set(meetings)
        audit_record(actor=actor, project=project, action="point.changed", target=point)
    return point


def intervention_point_delete(*, actor, point: InterventionPoint) -> None:
    with transaction.atomic():
        audit_record(actor=actor, project=point.project, action="point.removed", target=point)
        point.delete()
