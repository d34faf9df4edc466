"""Angles and key figures (step 2): propose, approve, move through the pipeline, erase."""

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from processteps.consultation.models import (
    KEY_FIGURE_TRANSITIONS,
    Angle,
    Fragment,
    Interview,
    InterviewReport,
    KeyFigure,
    KeyFigureStatus,
    QuoteConsent,
    ReportAttachment,
    TranscriptPassage,
)

# ``coverage`` is a read, now in the selectors; it stays importable from here for callers not
# yet moved (processteps/implementation/selectors.py on main).
from processteps.consultation.selectors.keyfigures import angle_use, coverage  # noqa: F401
from processteps.models import AuditEntry, Project
from processteps.services.audit import audit_record
from processteps.services.erasure import erase_terms, scrub, term_pattern

KEY_FIGURE_FIELDS = (
    "name",
    "organisation",
    "organisation_type",
    "function",
    "email",
    "phone",
    "address",
    "postcode",
    "city",
    "angle",
    "subangle",
    "is_usual_suspect",
    "proposal_reason",
    "notes",
)


def angle_add(*, actor, project: Project, name: str, parent: Angle | None = None) -> Angle:
    angle = Angle(project=project, name=name.strip(), parent=parent)
    angle.full_clean()
    with transaction.atomic():
        last = project.angles.filter(parent=parent).order_by("-position").first()
        angle.position = (last.position + 1) if last else 1
        angle.save()
        audit_record(actor=actor, project=project, action="angle.added", target=angle)
    return angle


def angle_remove(*, actor, angle: Angle, confirmed: bool = False) -> None:
    """Remove an angle. One in use (key figures or subfunctional angles under it) only when
    ``confirmed``: its key figures stay, without it; its subangles go with it."""
    use = angle_use(angle)
    if use.in_use and not confirmed:
        raise ValidationError(
            _(
                "De invalshoek '%(name)s' is in gebruik (%(figures)s sleutelfiguren, "
                "%(subs)s subfunctionele invalshoeken). Vink aan dat u hem toch wilt verwijderen."
            )
            % {"name": angle.name, "figures": use.figures, "subs": use.subangles},
            code="in_use",
        )
    with transaction.atomic():
        audit_record(actor=actor, project=angle.project, action="angle.removed", target=angle)
        angle.delete()


def key_figure_propose(*, actor, project: Project, **fields) -> KeyFigure:
    """A team member proposes a key figure; the project leader approves it later."""
    unknown = set(fields) - set(KEY_FIGURE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown key figure fields: {sorted(unknown)}")
    key_figure = KeyFigure(project=project, proposed_by=actor, **fields)
    key_figure.full_clean()
    with transaction.atomic():
        key_figure.save()
        audit_record(actor=actor, project=project, action="keyfigure.proposed", target=key_figure)
    return key_figure


def key_figure_update(*, actor, key_figure: KeyFigure, **fields) -> KeyFigure:
    unknown = set(fields) - set(KEY_FIGURE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown key figure fields: {sorted(unknown)}")
    if key_figure.erased_at:
        raise ValidationError(_("De gegevens van deze sleutelfiguur zijn gewist."))
    with transaction.atomic():
        key_figure = KeyFigure.objects.select_for_update().get(pk=key_figure.pk)
        changed = {k: v for k, v in fields.items() if getattr(key_figure, k) != v}
        if not changed:
            return key_figure
        for key, value in changed.items():
            setattr(key_figure, key, value)
        key_figure.full_clean()
        key_figure.save()
        audit_record(
            actor=actor,
            project=key_figure.project,
            action="keyfigure.changed",
            target=key_figure,
            data={"fields": ", ".join(sorted(changed))},
        )
    return key_figure


def key_figure_approve(*, actor, key_figure: KeyFigure) -> KeyFigure:
    with transaction.atomic():
        key_figure = KeyFigure.objects.select_for_update().get(pk=key_figure.pk)
        if key_figure.erased_at:
            raise ValidationError(
                _("De gegevens van deze sleutelfiguur zijn gewist; goedkeuren kan niet meer.")
            )
        if key_figure.is_approved:
            return key_figure
        key_figure.approved_by, key_figure.approved_at = actor, timezone.now()
        key_figure.save(update_fields=["approved_by", "approved_at", "updated_at"])
        audit_record(
            actor=actor, project=key_figure.project, action="keyfigure.approved", target=key_figure
        )
    return key_figure


def key_figure_set_status(*, actor, key_figure: KeyFigure, status: str) -> KeyFigure:
    if status not in KeyFigureStatus.values:
        raise ValidationError({"status": _("Kies een geldige status.")})
    with transaction.atomic():
        key_figure = KeyFigure.objects.select_for_update().get(pk=key_figure.pk)
        if key_figure.status == status:
            return key_figure
        if not key_figure.is_approved:
            raise ValidationError(
                _("De projectleider keurt een voorgestelde sleutelfiguur eerst goed.")
            )
        if status not in KEY_FIGURE_TRANSITIONS[KeyFigureStatus(key_figure.status)]:
            raise ValidationError(
                _("Van '%(old)s' kan een sleutelfiguur niet naar '%(new)s'.")
                % {
                    "old": key_figure.get_status_display(),
                    "new": KeyFigureStatus(status).label,
                }
            )
        key_figure.status = status
        key_figure.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            project=key_figure.project,
            action="keyfigure.status",
            target=key_figure,
            data={"status": status},
        )
    return key_figure


ERASED_NAME = "[naam verwijderd]"


def key_figure_erase(*, actor, key_figure: KeyFigure) -> KeyFigure:
    """Erase a key figure's personal data on request.

    Contact details and name go; organisation type and angles stay (they are no personal
    data and keep the analysis right). Quotes stay only anonymised. Name, e-mail address and
    phone number are scrubbed from everything the project holds (reports, transcripts,
    fragments, sent mails, the audit trail, document versions — whose PDFs are made again —
    and the data of every other tool), as whole words; in the person's own interviews also
    their organisation and the parts of their name. Attachments of their reports go. The
    erasure itself is recorded, without the name.
    """
    with transaction.atomic():
        key_figure = KeyFigure.objects.select_for_update().get(pk=key_figure.pk)
        if key_figure.erased_at:
            return key_figure
        name, organisation = key_figure.name.strip(), key_figure.organisation.strip()
        identity = [name, key_figure.email.strip(), key_figure.phone.strip()]
        own_terms = [organisation] if len(organisation) >= 3 else []
        own_terms += [part for part in name.split() if len(part) >= 4 and part[0].isupper()]
        own = term_pattern([*identity, *own_terms])

        interviews = Interview.objects.filter(key_figure=key_figure)
        interviews.filter(quote_consent=QuoteConsent.BY_NAME).update(
            quote_consent=QuoteConsent.ANONYMOUS
        )
        if own is not None:
            for report in InterviewReport.objects.filter(interview__in=interviews):
                for field in InterviewReport.CONTENT_FIELDS:
                    setattr(report, field, scrub(getattr(report, field), own, ERASED_NAME))
                report.save(update_fields=[*InterviewReport.CONTENT_FIELDS, "updated_at"])
            passages = TranscriptPassage.objects.filter(
                transcript__report__interview__in=interviews
            )
            for passage in passages:
                speaker = passage.speaker
                if speaker and own.search(speaker):
                    speaker = str(_("Sleutelfiguur"))
                passage.speaker, passage.text = speaker, scrub(passage.text, own, ERASED_NAME)
                passage.save(update_fields=["speaker", "text"])
            for fragment in Fragment.objects.filter(report__interview__in=interviews):
                fragment.text = scrub(fragment.text, own, ERASED_NAME)
                fragment.save(update_fields=["text"])
        # Documents they handed over (or that are about them) cannot be scrubbed: they go.
        attachments = list(
            ReportAttachment.objects.filter(report__interview__in=interviews).only("file")
        )
        for attachment in attachments:
            name_on_disk = attachment.file.name
            storage = attachment.file.storage
            transaction.on_commit(lambda n=name_on_disk, s=storage: s.delete(n))
        ReportAttachment.objects.filter(pk__in=[a.pk for a in attachments]).delete()

        for field in KeyFigure.PERSONAL_FIELDS:
            setattr(key_figure, field, "")
        key_figure.organisation = key_figure.function = ""
        key_figure.proposal_reason = ""
        # Earlier audit entries about them named the person: the trail keeps the act only.
        AuditEntry.objects.filter(
            target_type=key_figure._meta.label_lower, target_id=key_figure.pk
        ).update(target_repr=ERASED_NAME)
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(KeyFigure),
            object_id=str(key_figure.pk),
        ).update(object_repr=ERASED_NAME, change_message="")
        key_figure.erased_at = timezone.now()
        key_figure.save()
        # Everywhere else in the project: name, e-mail address and phone number.
        erase_terms(
            project=key_figure.project,
            terms=identity,
            replacement=ERASED_NAME,
            exclude=[(KeyFigure, key_figure.pk)],
        )
        audit_record(
            actor=actor, project=key_figure.project, action="keyfigure.erased", target=key_figure
        )
    return key_figure
