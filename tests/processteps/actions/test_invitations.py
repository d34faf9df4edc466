"""Inviting the parties of an action to comment (a logged mail, sent by a task) and recording
their responses."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from processteps.actions.models import ActionComment, ActionInvitation
from processteps.actions.services import invitations as services
from processteps.actions.tasks import send_action_invitation
from processteps.consultation.models import MailStatus

from .helpers import add_action, world_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(project):
    return add_action(world_of(project))


def test_an_invitation_is_mailed_and_logged(action, project, django_capture_on_commit_callbacks):
    project.member.email = "tim@team.nl"
    project.member.save()
    parties = list(action.parties.order_by("position"))
    with django_capture_on_commit_callbacks(execute=True):
        (invitation,) = services.invitations_send(
            actor=project.member, action=action, parties=parties[:1], message="Graag voor 1 mei."
        )
    invitation.refresh_from_db()
    assert invitation.status == MailStatus.SENT and invitation.sent_at
    (sent,) = mail.outbox
    assert sent.to == ["wethouder@voorbeeld.nl"] and sent.reply_to == ["tim@team.nl"]
    assert "Flexwoningen bouwen" in sent.subject
    assert "Beste A. Wethouder" in sent.body and "Graag voor 1 mei." in sent.body
    assert f"/actions/{action.pk}/" in sent.body
    # Sent once: running the task again sends nothing.
    assert send_action_invitation(invitation.pk) is False
    assert len(mail.outbox) == 1


def test_invitations_need_an_address_and_a_team_member(action, project):
    party = action.parties.get(name="Woningcorporatie Thuis")
    party.contact_email = ""
    party.save()
    with pytest.raises(ValidationError, match="Geen e-mailadres bekend van: Woningcorporatie"):
        services.invitations_send(actor=project.member, action=action, parties=[party])
    with pytest.raises(ValidationError, match="minstens één partij"):
        services.invitations_send(actor=project.member, action=action, parties=[])
    with pytest.raises(PermissionDenied):
        services.invitations_send(
            actor=project.client, action=action, parties=list(action.parties.all())
        )
    assert not ActionInvitation.objects.exists()


def test_a_response_is_recorded_by_a_team_member(action, project):
    party = action.parties.get(name="Gemeente Voorbeeld")
    (invitation,) = services.invitations_send(actor=project.leader, action=action, parties=[party])
    comment = services.comment_record(
        actor=project.member, action=action, organisation="", text=" Wij doen mee. ",
        received_on=datetime.date(2025, 2, 1), invitation=invitation,
    )  # fmt: skip
    assert comment.organisation == "Gemeente Voorbeeld" and comment.text == "Wij doen mee."
    with pytest.raises(ValidationError):
        services.comment_record(
            actor=project.member, action=action, organisation="X", text="",
            received_on=datetime.date(2025, 2, 1),
        )  # fmt: skip
    with pytest.raises(ValidationError, match="toekomst"):
        services.comment_record(
            actor=project.member, action=action, organisation="X", text="Ja",
            received_on=datetime.date.today() + datetime.timedelta(days=2),
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.comment_record(
            actor=project.client, action=action, organisation="X", text="Ja",
            received_on=datetime.date(2025, 2, 1),
        )  # fmt: skip
    assert ActionComment.objects.count() == 1
    services.comment_delete(actor=project.member, comment=comment)
    assert not ActionComment.objects.exists()
