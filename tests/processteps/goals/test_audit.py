"""Every change to a goal tree leaves an audit entry that reads as a Dutch sentence."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from processteps.goals.apps import AUDIT_ACTIONS
from processteps.goals.models import Goal
from processteps.goals.services import derive as derive_services
from processteps.goals.services import indicators as indicator_services
from processteps.goals.services import measurement_io
from processteps.goals.services import merge as merge_services
from processteps.goals.services import trees as tree_services
from processteps.goals.services import weighing as weighing_services
from processteps.models import AuditEntry

from .helpers import causal_complex, day

pytestmark = pytest.mark.django_db


def team(p):
    return tree_services.team_tree_ensure(actor=p.leader, project=p)


def goal(p, statement="Iedereen woont"):
    return tree_services.goal_add(actor=p.leader, tree=team(p), statement=statement)


def means(p):
    return tree_services.means_add(actor=p.leader, goal=goal(p), description="Flexwoningen")


def indicator(p):
    return indicator_services.indicator_add(
        actor=p.leader, project=p, goal=goal(p), name="Wachttijd", unit="maanden"
    )


def measurement(p):
    return indicator_services.measurement_add(
        actor=p.member, indicator=indicator(p), measured_on=day("2024-03-01"), value="14"
    )


def option(p):
    return weighing_services.option_add(actor=p.leader, goal=goal(p), title="Nieuwbouw")


def own_submitted(p):
    cc = causal_complex(p)
    own = tree_services.own_tree_ensure(actor=p.member, project=p)
    tree_services.goal_add(
        actor=p.member, tree=own, statement="Korte wachtlijsten", cause=cc.symptom
    )
    tree_services.tree_submit(actor=p.member, tree=own)
    return own


def linked(p):
    cc = causal_complex(p)
    return tree_services.goal_cause_add(actor=p.leader, goal=goal(p), cause=cc.trust)


# action -> (what does it, who, the sentence)
AUDITED = {
    "goaltree.created": (team, "leader", "begon Doelenboom van het team"),
    "goaltree.derived": (
        lambda p: (causal_complex(p), derive_services.tree_derive(actor=p.leader, tree=team(p))),
        "leader",
        "leidde 5 doelen af uit streefbeelden en oorzaken in Doelenboom van het team",
    ),
    "goaltree.submitted": (own_submitted, "member", "diende Doelenboom van Tim Teamlid in"),
    "goaltree.adopted": (
        lambda p: (goal(p), tree_services.tree_adopt(actor=p.leader, tree=team(p))),
        "leader",
        "stelde Doelenboom van het team vast",
    ),
    "goaltree.reopened": (
        lambda p: tree_services.tree_reopen(actor=p.member, tree=own_submitted(p)),
        "member",
        "heropende Doelenboom van Tim Teamlid",
    ),
    "goal.added": (goal, "leader", "voegde het doel ‘Iedereen woont’ toe"),
    "goal.changed": (
        lambda p: tree_services.goal_update(actor=p.leader, goal=goal(p), statement="Wonen"),
        "leader",
        "wijzigde het doel ‘Wonen’",
    ),
    "goal.deleted": (
        lambda p: tree_services.goal_delete(actor=p.leader, goal=goal(p)),
        "leader",
        "verwijderde het doel ‘Iedereen woont’",
    ),
    "goal.merged": (
        lambda p: merge_services.goal_merge(actor=p.leader, source=own_submitted(p).goals.get()),
        "leader",
        "voegde ‘Korte wachtlijsten’ uit Doelenboom van Tim Teamlid samen met het teamdoel "
        "‘Korte wachtlijsten’",
    ),
    "goal.cause_added": (
        linked,
        "leader",
        "koppelde de oorzaak ‘Weinig vertrouwen tussen buurt en nieuwkomers’ aan het doel "
        "‘Iedereen woont’",
    ),
    "goal.cause_removed": (
        lambda p: tree_services.goal_cause_remove(actor=p.leader, link=linked(p)),
        "leader",
        "ontkoppelde de oorzaak ‘Weinig vertrouwen tussen buurt en nieuwkomers’ van het doel "
        "‘Iedereen woont’",
    ),
    "means.added": (means, "leader", "voegde het middel ‘Flexwoningen’ toe"),
    "means.changed": (
        lambda p: tree_services.means_update(actor=p.leader, means=means(p), description="Flex"),
        "leader",
        "wijzigde het middel ‘Flex’",
    ),
    "means.deleted": (
        lambda p: tree_services.means_delete(actor=p.leader, means=means(p)),
        "leader",
        "verwijderde het middel ‘Flexwoningen’",
    ),
    "indicator.added": (indicator, "leader", "voegde de indicator ‘Wachttijd’ toe"),
    "indicator.changed": (
        lambda p: indicator_services.indicator_update(
            actor=p.leader, indicator=indicator(p), source="CBS"
        ),
        "leader",
        "wijzigde de indicator ‘Wachttijd’",
    ),
    "indicator.deleted": (
        lambda p: indicator_services.indicator_delete(actor=p.leader, indicator=indicator(p)),
        "leader",
        "verwijderde de indicator ‘Wachttijd’",
    ),
    "measurement.added": (
        measurement,
        "member",
        "legde een meting van ‘Wachttijd’ vast: 14 maanden op 2024-03-01",
    ),
    "measurement.deleted": (
        lambda p: indicator_services.measurement_delete(actor=p.member, measurement=measurement(p)),
        "member",
        "verwijderde de meting van ‘Wachttijd’ op 2024-03-01",
    ),
    "measurement.imported": (
        lambda p: (
            indicator(p),
            measurement_io.measurements_import(
                actor=p.member,
                project=p,
                upload=SimpleUploadedFile(
                    "m.csv", b"indicator;datum;waarde\nWachttijd;2024-01-01;9\n"
                ),
            ),
        ),
        "member",
        "importeerde 1 metingen",
    ),
    "option.added": (option, "leader", "voegde de beleidsoptie ‘Nieuwbouw’ toe"),
    "option.changed": (
        lambda p: weighing_services.option_update(actor=p.leader, option=option(p), title="Bouw"),
        "leader",
        "wijzigde de beleidsoptie ‘Bouw’",
    ),
    "option.deleted": (
        lambda p: weighing_services.option_delete(actor=p.leader, option=option(p)),
        "leader",
        "verwijderde de beleidsoptie ‘Nieuwbouw’",
    ),
    "option.preferred": (
        lambda p: weighing_services.option_prefer(actor=p.leader, option=option(p)),
        "leader",
        "koos ‘Nieuwbouw’ als voorkeursoptie",
    ),
    "decision.recorded": (
        lambda p: weighing_services.decision_save(
            actor=p.leader,
            goal=goal(p),
            body="council",
            body_name="",
            reference="RB 2024-031",
            decided_on=day("2024-05-23"),
            outcome="adopted",
            chosen_option=None,
            notes="",
        ),  # fmt: skip
        "leader",
        "legde het besluit over ‘Iedereen woont’ vast (RB 2024-031)",
    ),
}


def test_every_action_of_the_goal_tree_is_covered_here():
    assert set(AUDITED) == set(AUDIT_ACTIONS)


@pytest.mark.parametrize("action", sorted(AUDITED))
def test_each_change_leaves_an_audit_entry_that_reads_as_a_dutch_sentence(project, action):
    act, who, sentence = AUDITED[action]
    act(project)
    entry = AuditEntry.objects.filter(project=project).order_by("-id").first()
    assert entry.action == action
    assert entry.actor == getattr(project, who)
    assert entry.message == sentence


def test_nothing_is_audited_when_nothing_changes(project):
    goal(project)
    before = AuditEntry.objects.count()
    tree_services.goal_update(
        actor=project.leader, goal=Goal.objects.get(), statement="Iedereen woont"
    )
    derive_services.tree_derive(actor=project.leader, tree=team(project))
    assert AuditEntry.objects.count() == before
