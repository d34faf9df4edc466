"""Every change to the implementation plan leaves an audit entry that reads as a Dutch
sentence; a client's activity feed shows the status changes of actions only."""

import datetime

import pytest

from processteps.implementation.apps import AUDIT_ACTIONS
from processteps.implementation.services import organisation as services
from processteps.implementation.services.progress import progress_report
from processteps.models import AuditEntry
from processteps.services.audit import TEAM_ONLY_ACTIONS

from .helpers import actions

pytestmark = pytest.mark.django_db


def body(p):
    return services.body_add(actor=p.leader, project=p, name="Stuurgroep", role="steering",
                             task="Stuurt")  # fmt: skip


def moment(p):
    return services.moment_add(actor=p.leader, project=p, kind="meeting", title="Overleg",
                               frequency="weekly")  # fmt: skip


def situation(p):
    return services.situation_save(actor=p.leader, project=p, domain="wonen", text="Krap")


AUDITED = {
    "implbody.added": (body, "leader", "voegde ‘Stuurgroep’ toe aan de uitvoeringsorganisatie"),
    "implbody.changed": (
        lambda p: services.body_update(actor=p.leader, body=body(p), name="Regiegroep"),
        "leader",
        "wijzigde ‘Regiegroep’ in de uitvoeringsorganisatie",
    ),
    "implbody.deleted": (
        lambda p: services.body_delete(actor=p.leader, body=body(p)),
        "leader",
        "haalde ‘Stuurgroep’ uit de uitvoeringsorganisatie",
    ),
    "steering.added": (moment, "leader", "voegde het sturingsmoment ‘Overleg’ toe"),
    "steering.changed": (
        lambda p: services.moment_update(actor=p.leader, moment=moment(p), frequency="monthly"),
        "leader",
        "wijzigde het sturingsmoment ‘Overleg’",
    ),
    "steering.deleted": (
        lambda p: services.moment_delete(actor=p.leader, moment=moment(p)),
        "leader",
        "verwijderde het sturingsmoment ‘Overleg’",
    ),
    "situation.saved": (situation, "leader", "beschreef de huidige situatie: Wonen: Krap"),
    "situation.deleted": (
        lambda p: (
            situation(p),
            services.situation_save(actor=p.leader, project=p, domain="wonen", text=""),
        ),
        "leader",
        "verwijderde de huidige situatie: Wonen: Krap",
    ),  # fmt: skip
    "actionprogress.set": (
        lambda p: progress_report(
            actor=p.member,
            action=actions(p).housing,
            status="running",
            reported_on=datetime.date(2025, 2, 1),
        ),
        "member",
        "zette de actie ‘Flexwoningen bouwen’ op ‘Loopt’",
    ),  # fmt: skip
}


def test_every_action_of_the_implementation_plan_is_covered_here():
    assert set(AUDITED) == set(AUDIT_ACTIONS)


@pytest.mark.parametrize("action", sorted(AUDITED))
def test_each_change_leaves_an_audit_entry_that_reads_as_a_dutch_sentence(project, action):
    act, who, sentence = AUDITED[action]
    act(project)
    entry = AuditEntry.objects.filter(project=project).order_by("-id").first()
    assert entry.action == action
    assert entry.actor == getattr(project, who)
    assert entry.message == sentence


def test_the_team_work_stays_with_the_team():
    assert "implbody.added" in TEAM_ONLY_ACTIONS
    assert "actionprogress.set" not in TEAM_ONLY_ACTIONS


def test_nothing_is_audited_when_nothing_changes(project):
    b = body(project)
    situation(project)
    before = AuditEntry.objects.count()
    services.body_update(actor=project.leader, body=b, name="Stuurgroep")
    services.situation_save(actor=project.leader, project=project, domain="wonen", text="Krap")
    assert AuditEntry.objects.count() == before
