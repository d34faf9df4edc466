"""Every change to the action book leaves an audit entry that reads as a Dutch sentence, and
a client's activity feed shows only the adoption of forms."""

import datetime

import pytest

from processteps.actions.apps import AUDIT_ACTIONS
from processteps.actions.selectors import action_loaded
from processteps.actions.services import actions as services
from processteps.actions.services import invitations as invitation_services
from processteps.models import AuditEntry
from processteps.services.audit import TEAM_ONLY_ACTIONS

from .helpers import add_action, world_of

pytestmark = pytest.mark.django_db


def action(p):
    return add_action(world_of(p), actor=p.member)


def adopted(p):
    return services.action_adopt(actor=p.leader, action=action(p))


def changed(p):
    a = action(p)
    form = services.action_form_of(action_loaded(p, a.pk))
    form.fields["title"] = "Flexwoningen op vrije kavels"
    return services.action_save(actor=p.member, project=p, form=form, action=a)


def bare(p):
    return services.action_save(
        actor=p.member, project=p, form=services.ActionForm(fields={"title": "Taalcafé"})
    )


def comment(p):
    return invitation_services.comment_record(
        actor=p.member, action=action(p), organisation="Woningcorporatie Thuis",
        text="Akkoord.", received_on=datetime.date(2025, 2, 1),
    )  # fmt: skip


def toggled(p, times=1):
    milestone = action(p).milestones.get()
    for _ in range(times):
        services.milestone_toggle(actor=p.member, milestone=milestone)


AUDITED = {
    "action.added": (action, "member", "voegde de actie ‘Flexwoningen bouwen’ toe"),
    "action.changed": (
        changed,
        "member",
        "wijzigde het actieformulier ‘Flexwoningen op vrije kavels’",
    ),  # fmt: skip
    "action.deleted": (
        lambda p: services.action_delete(actor=p.member, action=bare(p)),
        "member",
        "verwijderde de actie ‘Taalcafé’",
    ),
    "action.adopted": (adopted, "leader", "stelde het actieformulier ‘Flexwoningen bouwen’ vast"),
    "action.reopened": (
        lambda p: services.action_reopen(actor=p.leader, action=adopted(p)),
        "leader",
        "heropende het actieformulier ‘Flexwoningen bouwen’",
    ),
    "action.invited": (
        lambda p: (
            a := action(p),
            invitation_services.invitations_send(
                actor=p.member, action=a, parties=list(a.parties.all())
            ),
        ),
        "member",
        "nodigde 2 partijen uit te reageren op ‘Flexwoningen bouwen’",
    ),  # fmt: skip
    "action.comment_recorded": (
        comment,
        "member",
        "legde de reactie van Woningcorporatie Thuis op ‘Flexwoningen bouwen’ vast",
    ),
    "action.comment_deleted": (
        lambda p: invitation_services.comment_delete(actor=p.member, comment=comment(p)),
        "member",
        "verwijderde de reactie van Woningcorporatie Thuis op ‘Flexwoningen bouwen’",
    ),
    "milestone.done": (
        toggled,
        "member",
        "markeerde de mijlpaal ‘Vergunning verleend’ van ‘Flexwoningen bouwen’ als gehaald",
    ),
    "milestone.undone": (
        lambda p: toggled(p, 2),
        "member",
        "markeerde de mijlpaal ‘Vergunning verleend’ van ‘Flexwoningen bouwen’ als niet gehaald",
    ),
}


def test_every_action_of_the_action_book_is_covered_here():
    assert set(AUDITED) == set(AUDIT_ACTIONS)


@pytest.mark.parametrize("name", sorted(AUDITED))
def test_each_change_leaves_an_audit_entry_that_reads_as_a_dutch_sentence(project, name):
    act, who, sentence = AUDITED[name]
    act(project)
    entry = AuditEntry.objects.filter(project=project).order_by("-id").first()
    assert entry.action == name
    assert entry.actor == getattr(project, who)
    assert entry.message == sentence


def test_only_the_adoption_reaches_a_client():
    shown = {name for name in AUDIT_ACTIONS if name not in TEAM_ONLY_ACTIONS}
    assert shown == {"action.adopted", "action.reopened"}
