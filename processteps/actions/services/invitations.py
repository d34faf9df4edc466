"""Inviting the organisations and persons with a role in an action to comment on it (step 10:
"betrekken organisaties en personen die rol hebben in de uitvoering"), and recording their
responses.

An invitation is a mail with the action form's essentials and the link to the action in the
app: the organisation answers the team member who sent it (the mail's reply address), and a
team member records the response from the invitation's page. Every mail is logged as it was
sent; a Celery task sends it after the transaction commits.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from processteps.services.audit import audit_record

from ..models import Action, ActionComment, ActionInvitation, ActionParty
from .actions import require

BODY = gettext_lazy(
    "Beste %(name)s,\n\n"
    "Binnen het project ‘%(project)s’ werken wij aan het actieboek. U heeft een rol in de "
    "actie ‘%(action)s’ (rol: %(role)s) en wij horen graag uw reactie op het actieformulier.\n\n"
    "%(description)s\n\n"
    "%(message)s"
    "U kunt reageren door deze e-mail te beantwoorden; een lid van het projectteam legt uw "
    "reactie vast bij de actie:\n%(url)s\n\n"
    "Met vriendelijke groet,\n%(sender)s"
)


def _url(action: Action) -> str:
    return settings.SITE_URL + reverse(
        "actions:action_detail", kwargs={"project": action.project_id, "action": action.pk}
    )


def invitation_body(action: Action, party: ActionParty, *, message: str, sender) -> str:
    name = party.contact_name or party.name
    return str(BODY) % {
        "name": name,
        "project": action.project.name,
        "action": action.title,
        "role": party.get_role_display().lower(),
        "description": action.description or _("(nog geen beschrijving)"),
        "message": f"{message.strip()}\n\n" if message.strip() else "",
        "url": _url(action),
        "sender": (sender.get_full_name() or sender.get_username()) if sender else "",
    }


def invitations_send(*, actor, action: Action, parties, message: str = "") -> list:
    """Queue one invitation per chosen party of the action (each needs an e-mail address)."""
    from ..tasks import send_action_invitation

    project = action.project
    require(actor, "actions.invite", project)
    parties = list(parties)
    if not parties:
        raise ValidationError(_("Kies minstens één partij om uit te nodigen."))
    if any(p.action_id != action.pk for p in parties):
        raise ValidationError(_("Kies partijen van deze actie."))
    missing = [p.name for p in parties if not p.contact_email]
    if missing:
        raise ValidationError(
            _("Geen e-mailadres bekend van: %(names)s.") % {"names": ", ".join(missing)}
        )
    for party in parties:
        validate_email(party.contact_email)
    if len(message) > 5000:
        raise ValidationError(_("De persoonlijke tekst is te lang (hooguit 5000 tekens)."))
    subject = (_("Uw reactie op de actie ‘%(action)s’") % {"action": action.title})[:300]
    invitations = []
    with transaction.atomic():
        for party in parties:
            invitation = ActionInvitation.objects.create(
                action=action,
                party=party,
                organisation=party.name,
                to=party.contact_email,
                subject=subject,
                body=invitation_body(action, party, message=message, sender=actor),
                sent_by=actor,
            )
            invitations.append(invitation)
            transaction.on_commit(lambda pk=invitation.pk: send_action_invitation.delay(pk))
        audit_record(
            actor=actor,
            project=project,
            action="action.invited",
            target=action,
            data={"count": len(invitations)},
        )
    return invitations


def comment_record(
    *,
    actor,
    action: Action,
    organisation: str,
    text: str,
    received_on: datetime.date,
    invitation: ActionInvitation | None = None,
) -> ActionComment:
    """Record the response of an organisation (in answer to ``invitation``, or otherwise)."""
    project = action.project
    require(actor, "actions.invite", project)
    organisation, text = organisation.strip(), text.strip()
    if invitation is not None:
        if invitation.action_id != action.pk:
            raise ValidationError(_("Die uitnodiging hoort bij een andere actie."))
        organisation = organisation or invitation.organisation
    if not organisation:
        raise ValidationError({"organisation": _("Van wie is de reactie?")})
    if not text:
        raise ValidationError({"text": _("Vul de reactie in.")})
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("Die datum ligt in de toekomst.")})
    comment = ActionComment(
        action=action,
        invitation=invitation,
        organisation=organisation,
        text=text,
        received_on=received_on,
        recorded_by=actor,
    )
    comment.full_clean()
    with transaction.atomic():
        comment.save()
        audit_record(
            actor=actor,
            project=project,
            action="action.comment_recorded",
            target=action,
            data={"organisation": organisation},
        )
    return comment


def comment_delete(*, actor, comment: ActionComment) -> None:
    action = comment.action
    require(actor, "actions.invite", action.project)
    with transaction.atomic():
        audit_record(
            actor=actor,
            project=action.project,
            action="action.comment_deleted",
            target=action,
            data={"organisation": comment.organisation},
        )
        comment.delete()
