"""Interview reports (step 3-4): filing, review, attachments, transcripts, fragments, themes."""

import os

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from processteps.consultation.models import (
    Fragment,
    FragmentTheme,
    Interview,
    InterviewReport,
    KeyFigureStatus,
    ReportAttachment,
    ReportStatus,
    Theme,
    Transcript,
    TranscriptPassage,
)
from processteps.consultation.selectors import REPORTS_PROCESSED
from processteps.models import Project
from processteps.services.audit import audit_record
from processteps.services.sources import validate_upload
from processteps.services.steps import checklist_derive

EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED)


def report_for(interview: Interview) -> InterviewReport:
    """The interview's report, created empty if it has none (the demo, the tests; a person
    goes through :func:`report_open`)."""
    report, _created = InterviewReport.objects.get_or_create(interview=interview)
    return report


def report_open(*, actor, interview: Interview) -> InterviewReport:
    """An interviewer (or whoever runs the project) starts the interview's report: it is
    created empty the first time. Refused to anyone who may not write it."""
    if not actor.has_perm("consultation.edit_report", InterviewReport(interview=interview)):
        raise PermissionDenied
    return report_for(interview)


def report_save(*, actor, report: InterviewReport, version: int, **fields) -> InterviewReport:
    """Save the report's text. ``version`` is the one the form was opened with: when someone
    saved in between, the save is refused with a message and nothing is overwritten."""
    unknown = set(fields) - set(InterviewReport.CONTENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown report fields: {sorted(unknown)}")
    if report.status not in EDITABLE:
        raise ValidationError(_("Een ingediend of geaccepteerd verslag kan niet worden gewijzigd."))
    with transaction.atomic():
        updated = InterviewReport.objects.filter(
            pk=report.pk, version=version, status__in=EDITABLE
        ).update(**fields, version=F("version") + 1, author=actor, updated_at=timezone.now())
        if not updated:
            raise ValidationError(
                _(
                    "Iemand anders heeft dit verslag intussen opgeslagen. Jouw tekst is niet "
                    "opgeslagen en staat hieronder nog in het formulier: kopieer hem, open het "
                    "verslag opnieuw en voeg je wijzigingen toe."
                ),
                code="stale",
            )
        report.refresh_from_db()
        audit_record(
            actor=actor,
            project=report.interview.project,
            action="report.saved",
            target=report,
        )
    return report


def _transition(report, actor, allowed_from, to, action, **changes):
    with transaction.atomic():
        locked = InterviewReport.objects.select_for_update().get(pk=report.pk)
        if locked.status not in allowed_from:
            raise ValidationError(
                _("Dit kan niet bij een verslag met de status '%(status)s'.")
                % {"status": locked.get_status_display()}
            )
        locked.status = to
        for key, value in changes.items():
            setattr(locked, key, value)
        locked.version += 1
        locked.save()
        audit_record(actor=actor, project=locked.interview.project, action=action, target=locked)
    return locked


def report_submit(*, actor, report: InterviewReport) -> InterviewReport:
    if not any(getattr(report, f).strip() for f in InterviewReport.CONTENT_FIELDS) and not (
        hasattr(report, "transcript")
    ):
        raise ValidationError(_("Een leeg verslag kan niet worden ingediend."))
    return _transition(
        report, actor, EDITABLE, ReportStatus.SUBMITTED, "report.submitted",
        submitted_at=timezone.now(),
    )  # fmt: skip


def report_accept(*, actor, report: InterviewReport) -> InterviewReport:
    """Accept a submitted report; its key figure now counts as interviewed."""
    with transaction.atomic():
        report = _transition(
            report, actor, (ReportStatus.SUBMITTED,), ReportStatus.ACCEPTED, "report.accepted",
            accepted_by=actor, accepted_at=timezone.now(), return_comments="",
        )  # fmt: skip
        key_figure = report.interview.key_figure
        if key_figure.status in (KeyFigureStatus.APPROACHED, KeyFigureStatus.AGREED):
            key_figure.status = KeyFigureStatus.INTERVIEWED
            key_figure.save(update_fields=["status", "updated_at"])
            audit_record(
                actor=actor, project=key_figure.project, action="keyfigure.status",
                target=key_figure, data={"status": key_figure.status},
            )  # fmt: skip
    return report


def report_return(*, actor, report: InterviewReport, comments: str) -> InterviewReport:
    if not comments.strip():
        raise ValidationError({"comments": _("Schrijf erbij wat er nog moet gebeuren.")})
    return _transition(
        report, actor, (ReportStatus.SUBMITTED,), ReportStatus.RETURNED, "report.returned",
        return_comments=comments.strip(),
    )  # fmt: skip


def report_mark_processed(*, actor, report: InterviewReport, processed: bool = True):
    if report.status != ReportStatus.ACCEPTED:
        raise ValidationError(_("Alleen een geaccepteerd verslag kan als verwerkt gelden."))
    with transaction.atomic():
        InterviewReport.objects.filter(pk=report.pk).update(
            processed_at=timezone.now() if processed else None
        )
        report.refresh_from_db()
        audit_record(
            actor=actor,
            project=report.interview.project,
            action="report.processed" if processed else "report.unprocessed",
            target=report,
        )
        consultation_checklist_sync(report.interview.project)
    return report


def consultation_checklist_sync(project: Project) -> None:
    """Tick "Alle input consultatieronde verwerkt" when every accepted report is processed."""
    checklist_derive(project=project, key=REPORTS_PROCESSED)


def attachment_add(*, actor, report: InterviewReport, title: str, file) -> ReportAttachment:
    validate_upload(file)
    file.name = get_valid_filename(os.path.basename(file.name))
    attachment = ReportAttachment(
        report=report, title=title.strip() or file.name, uploaded_by=actor
    )
    attachment.file = file
    with transaction.atomic():
        attachment.save()
        audit_record(
            actor=actor, project=report.interview.project, action="report.attachment",
            target=attachment,
        )  # fmt: skip
    return attachment


def transcript_upload(*, actor, report: InterviewReport, upload) -> Transcript:
    """Parse a WebVTT/SRT/text file into passages; a bad file changes nothing."""
    from .transcripts import parse_transcript

    if report.status not in EDITABLE:
        raise ValidationError(_("Een ingediend of geaccepteerd verslag kan niet worden gewijzigd."))
    data = upload.read()
    fmt, passages = parse_transcript(data, filename=upload.name)
    with transaction.atomic():
        Transcript.objects.filter(report=report).delete()
        transcript = Transcript.objects.create(
            report=report, format=fmt, filename=os.path.basename(upload.name), uploaded_by=actor
        )
        TranscriptPassage.objects.bulk_create(
            TranscriptPassage(
                transcript=transcript,
                index=p.index,
                start=p.start,
                end=p.end,
                speaker=p.speaker[:200],
                text=p.text,
            )
            for p in passages
        )
        audit_record(
            actor=actor,
            project=report.interview.project,
            action="report.transcript",
            target=report,
            data={"count": len(passages)},
        )
    return transcript


# -- themes and fragments -------------------------------------------------------------------------


def theme_add(*, actor, project: Project, name: str, parent: Theme | None = None, description=""):
    theme = Theme(project=project, name=name.strip(), parent=parent, description=description)
    theme.full_clean()
    with transaction.atomic():
        last = project.themes.filter(parent=parent).aggregate(m=Max("position"))["m"]
        theme.position = (last or 0) + 1
        theme.save()
        audit_record(actor=actor, project=project, action="theme.added", target=theme)
    return theme


def theme_remove(*, actor, theme: Theme) -> None:
    with transaction.atomic():
        audit_record(actor=actor, project=theme.project, action="theme.removed", target=theme)
        theme.delete()


def fragment_create(
    *,
    actor,
    report: InterviewReport,
    text: str,
    themes=(),
    dimension: str = "",
    passage: TranscriptPassage | None = None,
    source_field: str = "",
) -> Fragment:
    """Mark a quote in an accepted report (or its transcript) and file it under themes."""
    project = report.interview.project
    if report.status != ReportStatus.ACCEPTED:
        raise ValidationError(_("Fragmenten markeer je in een geaccepteerd verslag."))
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Een fragment heeft tekst nodig.")})
    if passage is not None and passage.transcript.report_id != report.pk:
        raise ValidationError({"passage": _("Die passage hoort bij een ander verslag.")})
    if any(theme.project_id != project.pk for theme in themes):
        raise ValidationError({"themes": _("Kies thema's van dit project.")})
    with transaction.atomic():
        fragment = Fragment.objects.create(
            project=project,
            report=report,
            passage=passage,
            source_field=source_field,
            text=text,
            dimension=dimension,
            created_by=actor,
        )
        _set_themes(fragment, themes)
        audit_record(actor=actor, project=project, action="fragment.created", target=fragment)
    return fragment


def _set_themes(fragment: Fragment, themes) -> None:
    wanted = {t.pk for t in themes}
    FragmentTheme.objects.filter(fragment=fragment).exclude(theme_id__in=wanted).delete()
    existing = set(
        FragmentTheme.objects.filter(fragment=fragment).values_list("theme_id", flat=True)
    )
    for theme_id in wanted - existing:
        last = FragmentTheme.objects.filter(theme_id=theme_id).aggregate(m=Max("position"))["m"]
        FragmentTheme.objects.create(fragment=fragment, theme_id=theme_id, position=(last or 0) + 1)


def fragment_update(*, actor, fragment: Fragment, themes=None, dimension=None, text=None):
    with transaction.atomic():
        if text is not None:
            if not text.strip():
                raise ValidationError({"text": _("Een fragment heeft tekst nodig.")})
            fragment.text = text.strip()
        if dimension is not None:
            fragment.dimension = dimension
        fragment.save()
        if themes is not None:
            if any(theme.project_id != fragment.project_id for theme in themes):
                raise ValidationError({"themes": _("Kies thema's van dit project.")})
            _set_themes(fragment, themes)
        audit_record(
            actor=actor, project=fragment.project, action="fragment.changed", target=fragment
        )
    return fragment


def fragment_delete(*, actor, fragment: Fragment) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor, project=fragment.project, action="fragment.deleted", target=fragment
        )
        fragment.delete()


def fragment_move(*, actor, link: FragmentTheme, direction: int) -> None:
    """Move a fragment one place up (-1) or down (+1) within its theme."""
    with transaction.atomic():
        links = list(
            FragmentTheme.objects.select_for_update()
            .filter(theme_id=link.theme_id)
            .order_by("position", "id")
        )
        index = next(i for i, item in enumerate(links) if item.pk == link.pk)
        other = index + direction
        if not 0 <= other < len(links):
            return
        links[index], links[other] = links[other], links[index]
        for position, item in enumerate(links, start=1):
            if item.position != position:
                FragmentTheme.objects.filter(pk=item.pk).update(position=position)
