"""THE permission matrix of the action book (step 10): every view of the "actions" namespace
against every role.

Reading guide: ``LOGIN`` is a redirect to the login page; 404: the project is not shown to that
person; 403: their role may not do this; 200/302: success. The team drafts the forms, invites
and records responses; the leader adopts and reopens. A client sees none of this work (so no
budget and no contact data), only the Actieboek once it is published to them.

The world: the causal complex, an intervention point and the team's goal tree; a complete
draft action with a comment, and an adopted one.
"""

import datetime
from types import SimpleNamespace

import pytest

from processteps.actions.selectors import action_loaded
from processteps.actions.services import actions as services
from processteps.actions.services import invitations as invitation_services
from tests.matrix import LOGIN, PermissionMatrix, Request

from .helpers import add_action, post_data, world_of

pytestmark = pytest.mark.django_db

#                                          anonymous outsider client member leader admin
EXPECTED = {
    ("action_list", "GET"):                (LOGIN, 404, 403, 200, 200, 200),
    ("incomplete", "GET"):                 (LOGIN, 404, 403, 200, 200, 200),
    ("gaps", "GET"):                       (LOGIN, 404, 403, 200, 200, 200),
    ("export_xlsx", "GET"):                (LOGIN, 404, 403, 200, 200, 200),
    ("cause_chain", "GET"):                (LOGIN, 404, 403, 200, 200, 200),
    ("action_add", "GET"):                 (LOGIN, 404, 403, 200, 200, 200),
    ("action_add", "POST"):                (LOGIN, 404, 403, 302, 302, 302),
    ("action_detail", "GET"):              (LOGIN, 404, 403, 200, 200, 200),
    ("action_chain", "GET"):               (LOGIN, 404, 403, 200, 200, 200),
    ("action_edit", "GET"):                (LOGIN, 404, 403, 200, 200, 200),
    ("action_edit", "POST"):               (LOGIN, 404, 403, 302, 302, 302),
    ("action_delete", "POST"):             (LOGIN, 404, 403, 302, 302, 302),
    # The leader adopts and reopens.
    ("action_adopt", "POST"):              (LOGIN, 404, 403, 403, 302, 302),
    ("action_reopen", "POST"):             (LOGIN, 404, 403, 403, 302, 302),
    ("milestone_toggle", "POST"):          (LOGIN, 404, 403, 302, 302, 302),
    # Involving the organisations with a role: the team.
    ("action_invite", "GET"):              (LOGIN, 404, 403, 200, 200, 200),
    ("action_invite", "POST"):             (LOGIN, 404, 403, 302, 302, 302),
    ("comment_add", "GET"):                (LOGIN, 404, 403, 200, 200, 200),
    ("comment_add", "POST"):               (LOGIN, 404, 403, 302, 302, 302),
    ("comment_delete", "POST"):            (LOGIN, 404, 403, 302, 302, 302),
}  # fmt: skip


def build_world(people) -> SimpleNamespace:
    w = world_of(people.project)
    w.action = add_action(w, actor=people.member)
    w.adopted = add_action(w, title="Taalmaatjes")
    services.action_adopt(actor=people.leader, action=w.adopted)
    w.cause = w.cc.cause
    w.milestone = w.action.milestones.get()
    w.party = w.action.parties.get(role="accountable")
    w.comment = invitation_services.comment_record(
        actor=people.member, action=w.action, organisation="Gemeente Voorbeeld",
        text="Akkoord.", received_on=datetime.date(2025, 1, 15),
    )  # fmt: skip
    w.edit_payload = post_data(
        action_loaded(w.project, w.action.pk), title="Flexwoningen op vrije kavels"
    )
    return w


def kw(**names):
    return lambda w: {"project": w.project.pk, **{k: getattr(w, v).pk for k, v in names.items()}}


def project_kw(w):
    return {"project": w.project.pk}


def new_action(w):
    data = {k: v for k, v in w.edit_payload.items() if not k.endswith("-id")}
    data["title"] = "Nieuwe actie"
    for key in ("parties", "budget", "milestones", "indicators"):
        data[f"{key}-INITIAL_FORMS"] = "0"
    return data


REQUESTS = {
    "action_list": Request(project_kw),
    "incomplete": Request(project_kw),
    "gaps": Request(project_kw),
    "export_xlsx": Request(project_kw),
    "cause_chain": Request(kw(cause="cause")),
    "action_add": Request(project_kw, new_action),
    "action_detail": Request(kw(action="action")),
    "action_chain": Request(kw(action="action")),
    "action_edit": Request(kw(action="action"), lambda w: w.edit_payload),
    "action_delete": Request(kw(action="action")),
    "action_adopt": Request(kw(action="action")),
    "action_reopen": Request(kw(action="adopted")),
    "milestone_toggle": Request(kw(milestone="milestone")),
    "action_invite": Request(kw(action="action"), lambda w: {"parties": [w.party.pk]}),
    "comment_add": Request(
        kw(action="action"),
        lambda w: {
            "organisation": "Corporatie",
            "text": "Wij doen mee.",
            "received_on": "2025-02-01",
        },
    ),  # fmt: skip
    "comment_delete": Request(kw(comment="comment")),
}


class TestActionsMatrix(PermissionMatrix):
    namespace = "actions"
    expected = EXPECTED
    requests = REQUESTS

    @classmethod
    def build(cls, people):
        return build_world(people)
