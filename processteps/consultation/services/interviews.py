"""Interviews (step 3): planning, claiming, invitations, the briefing."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from processteps.consultation.models import (
    Briefing,
    BriefingAcknowledgement,
    Interview,
    InvitationTemplate,
    KeyFigure,
    SentMail,
)
from processteps.models import Project, Role
from processteps.services.audit import audit_record

INTERVIEW_FIELDS = ("scheduled_at", "form", "consent_recording", "quote_consent", "report_due")


def _check_interviewers(project: Project, interviewers) -> None:
    team = set(
        project.memberships.filter(role__in=[Role.LEADER, Role.MEMBER]).values_list(
            "user_id", flat=True
        )
    )
    if not interviewers:
        raise ValidationError({"interviewers": _("Kies minstens één interviewer.")})
    if any(user.pk not in team for user in interviewers):
        raise ValidationError({"interviewers": _("Interviewers zijn leden van het team.")})


def interview_create(*, actor, key_figure: KeyFigure, interviewers, **fields) -> Interview:
    project = key_figure.project
    if key_figure.erased_at:
        raise ValidationError(_("De gegevens van deze sleutelfiguur zijn gewist."))
    if not key_figure.is_approved:
        raise ValidationError(
            _("De projectleider keurt een voorgestelde sleutelfiguur eerst goed.")
        )
    _check_interviewers(project, interviewers)
    with transaction.atomic():
        interview = Interview(project=project, key_figure=key_figure, **fields)
        interview.full_clean()
        interview.save()
        interview.interviewers.set(interviewers)
        audit_record(actor=actor, project=project, action="interview.created", target=interview)
    return interview


def interview_claim(*, actor, key_figure: KeyFigure) -> Interview:
    """An interviewer claims a key figure: joins its open interview, or starts one."""
    with transaction.atomic():
        KeyFigure.objects.select_for_update().filter(pk=key_figure.pk).first()
        interview = key_figure.interviews.filter(report__isnull=True).first() or (
            key_figure.interviews.exclude(report__status="accepted").first()
        )
        if interview is None:
            return interview_create(actor=actor, key_figure=key_figure, interviewers=[actor])
        if interview.interviewers.filter(pk=actor.pk).exists():
            return interview
        _check_interviewers(key_figure.project, [actor])
        interview.interviewers.add(actor)
        audit_record(
            actor=actor, project=key_figure.project, action="interview.claimed", target=interview
        )
    return interview


def interview_update(*, actor, interview: Interview, interviewers=None, **fields) -> Interview:
    unknown = set(fields) - set(INTERVIEW_FIELDS)
    if unknown:
        raise TypeError(f"Unknown interview fields: {sorted(unknown)}")
    with transaction.atomic():
        interview = Interview.objects.select_for_update().get(pk=interview.pk)
        for key, value in fields.items():
            setattr(interview, key, value)
        interview.full_clean()
        interview.save()
        if interviewers is not None:
            _check_interviewers(interview.project, interviewers)
            interview.interviewers.set(interviewers)
        audit_record(
            actor=actor, project=interview.project, action="interview.changed", target=interview
        )
    return interview


# -- invitations --------------------------------------------------------------------------------

MERGE_FIELDS = {
    "naam": lambda kf, project, interview: kf.name,
    "organisatie": lambda kf, project, interview: kf.organisation,
    "functie": lambda kf, project, interview: kf.function,
    "project": lambda kf, project, interview: project.name,
    "vraagstuk": lambda kf, project, interview: project.issue,
    "opdrachtgever": lambda kf, project, interview: project.client_organisation,
    "datum": lambda kf, project, interview: (
        timezone.localtime(interview.scheduled_at).strftime("%d-%m-%Y %H:%M")
        if interview and interview.scheduled_at
        else ""
    ),
    "interviewers": lambda kf, project, interview: (
        ", ".join(u.get_full_name() or u.username for u in interview.interviewers.all())
        if interview
        else ""
    ),
}
_FIELD = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")

DEFAULT_SUBJECT = "Uitnodiging voor een gesprek over {{ project }}"
DEFAULT_BODY = (
    "Beste {{ naam }},\n\n"
    "Namens {{ opdrachtgever }} werken wij aan het project '{{ project }}'. We spreken eerst met "
    "mensen uit de samenleving die veel van het vraagstuk weten, en u bent een van hen.\n\n"
    "Wij nodigen u graag uit voor een gesprek van ongeveer een uur. {{ interviewers }} neemt "
    "contact met u op om een moment af te spreken.\n\n"
    "Met vriendelijke groet,\n\nHet projectteam"
)


def template_check(text: str) -> None:
    unknown = sorted({m.group(1) for m in _FIELD.finditer(text)} - set(MERGE_FIELDS))
    if unknown:
        raise ValidationError(
            _("Onbekend invulveld: %(fields)s. Beschikbaar: %(known)s.")
            % {
                "fields": ", ".join(f"{{{{ {f} }}}}" for f in unknown),
                "known": ", ".join(f"{{{{ {f} }}}}" for f in MERGE_FIELDS),
            }
        )


def merge(text: str, key_figure: KeyFigure, interview: Interview | None = None) -> str:
    """Fill the merge fields; plain text only, nothing in the template is executed."""
    project = key_figure.project
    return _FIELD.sub(
        lambda m: (
            MERGE_FIELDS[m.group(1)](key_figure, project, interview)
            if m.group(1) in MERGE_FIELDS
            else m.group(0)
        ),
        text,
    )


def invitation_template_get(project: Project) -> InvitationTemplate:
    template = InvitationTemplate.objects.filter(project=project).first()
    return template or InvitationTemplate(
        project=project, subject=DEFAULT_SUBJECT, body=DEFAULT_BODY
    )


def invitation_template_save(*, actor, project: Project, subject: str, body: str):
    template_check(subject)
    template_check(body)
    with transaction.atomic():
        template, _created = InvitationTemplate.objects.update_or_create(
            project=project, defaults={"subject": subject, "body": body, "updated_by": actor}
        )
        audit_record(actor=actor, project=project, action="invitation.template", target=template)
    return template


def invitation_preview(project: Project, key_figure: KeyFigure) -> tuple[str, str]:
    template = invitation_template_get(project)
    interview = key_figure.interviews.prefetch_related("interviewers").first()
    return merge(template.subject, key_figure, interview), merge(
        template.body, key_figure, interview
    )


def invitations_send(*, actor, project: Project, key_figures) -> list[SentMail]:
    """Queue one invitation per key figure with an e-mail address; a task sends each."""
    from processteps.consultation.tasks import send_invitation_mail

    key_figures = [k for k in key_figures if not k.erased_at]
    missing = [k.name for k in key_figures if not k.email]
    if missing:
        raise ValidationError(
            _("Geen e-mailadres bekend van: %(names)s.") % {"names": ", ".join(missing)}
        )
    if not key_figures:
        raise ValidationError(_("Kies minstens één sleutelfiguur."))
    mails = []
    with transaction.atomic():
        for key_figure in key_figures:
            subject, body = invitation_preview(project, key_figure)
            mail = SentMail.objects.create(
                project=project,
                key_figure=key_figure,
                to=key_figure.email,
                subject=subject,
                body=body,
                sent_by=actor,
            )
            mails.append(mail)
            transaction.on_commit(lambda pk=mail.pk: send_invitation_mail.delay(pk))
        audit_record(
            actor=actor,
            project=project,
            action="invitation.sent",
            target=project,
            data={"count": len(mails)},
        )
    return mails


# -- briefing -----------------------------------------------------------------------------------


def briefing_publish(*, actor, project: Project, text: str) -> Briefing:
    from documents.sanitize import clean_html

    text = clean_html(text)
    if not text.strip():
        raise ValidationError({"text": _("De briefing heeft tekst nodig.")})
    with transaction.atomic():
        briefing, _created = Briefing.objects.select_for_update().get_or_create(
            project=project, defaults={"text": text}
        )
        briefing.text = text
        briefing.revision += 1
        briefing.published_at, briefing.published_by = timezone.now(), actor
        briefing.save()
        audit_record(
            actor=actor,
            project=project,
            action="briefing.published",
            target=briefing,
            data={"revision": briefing.revision},
        )
    return briefing


def briefing_acknowledge(*, actor, briefing: Briefing) -> BriefingAcknowledgement:
    if not briefing.published_at:
        raise ValidationError(_("De briefing is nog niet gepubliceerd."))
    with transaction.atomic():
        ack, created = BriefingAcknowledgement.objects.get_or_create(
            briefing=briefing, user=actor, revision=briefing.revision
        )
        if created:
            audit_record(
                actor=actor, project=briefing.project, action="briefing.acknowledged",
                target=briefing,
            )  # fmt: skip
    return ack
