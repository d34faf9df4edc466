"""The status per action (with its history), the progress rolled up to the goals, the RACI
table generated from the action parties and the timeline of the actions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from processteps.goals.models import Goal
from processteps.goals.services import trees as tree_services
from processteps.implementation.models import ActionProgress
from processteps.implementation.selectors import ActionsPlan, goal_progress
from processteps.implementation.services.progress import progress_report
from processteps.implementation.timeline import actions_timeline
from processteps.models import AuditEntry

from ..helpers import error_messages_of
from .helpers import actions

pytestmark = pytest.mark.django_db


def day(text):
    return datetime.date.fromisoformat(text)


@pytest.fixture
def tree(project):
    """A top goal with a sub-goal (which the actions serve)."""
    tree = tree_services.team_tree_ensure(actor=project.leader, project=project)
    top = tree_services.goal_add(actor=project.leader, tree=tree, statement="Iedereen woont goed")
    tree_services.goal_add(actor=project.leader, tree=tree, statement="Genoeg woningen",
                           level=1, parent=top)  # fmt: skip
    return tree


def test_an_action_without_a_report_is_planned_and_reports_make_its_history(project):
    acts = actions(project)
    plan = ActionsPlan(project)
    assert [a.status for a in plan.actions] == ["planned"] * 3
    progress_report(actor=project.member, action=acts.housing, status="running",
                    reported_on=day("2025-02-03"))  # fmt: skip
    progress_report(actor=project.member, action=acts.housing, status="delayed",
                    reported_on=day("2025-05-01"), note="Bezwaar tegen de vergunning")  # fmt: skip
    plan = ActionsPlan(project)
    housing = plan.actions[0]
    assert housing.status == "delayed" and housing.progress.note == "Bezwaar tegen de vergunning"
    assert [r.status for r in housing.progress_list] == ["delayed", "running"]
    entry = AuditEntry.objects.filter(action="actionprogress.set").first()
    from processteps.services.audit import describe

    assert "op ‘Vertraagd’" in describe(entry)


def test_bad_reports_are_refused_in_dutch_and_nothing_is_saved(project):
    acts = actions(project)
    with pytest.raises(ValidationError) as exc:
        progress_report(actor=project.member, action=acts.housing, status="stopped")
    assert "Licht toe waarom" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        progress_report(actor=project.member, action=acts.housing, status="running",
                        reported_on=timezone.localdate() + datetime.timedelta(days=3))  # fmt: skip
    assert "in de toekomst" in str(exc.value)
    progress_report(actor=project.member, action=acts.housing, status="running",
                    reported_on=day("2025-03-01"))  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        progress_report(actor=project.member, action=acts.housing, status="done",
                        reported_on=day("2025-02-01"))  # fmt: skip
    assert "niet eerder zijn" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        progress_report(actor=project.member, action=acts.housing, status="running")
    assert "staat al op ‘Loopt’" in str(exc.value)
    with pytest.raises(ValidationError):
        progress_report(actor=project.member, action=acts.housing, status="klaar")
    with pytest.raises(PermissionDenied):
        progress_report(actor=project.client, action=acts.housing, status="done")
    assert ActionProgress.objects.count() == 1
    assert AuditEntry.objects.filter(action="actionprogress.set").count() == 1


def test_the_status_form_refuses_an_unexplained_stop(project, client_as):
    acts = actions(project)
    url = reverse("implementation:progress_report",
                  kwargs={"project": project.pk, "action": acts.housing.pk})  # fmt: skip
    response = client_as("member").post(url, {"status": "stopped", "note": ""})
    assert response.status_code == 302
    assert any("Licht toe waarom" in m for m in error_messages_of(response))
    assert not ActionProgress.objects.exists()


def test_progress_rolls_up_to_the_goals(project, tree):
    sub = Goal.objects.get(statement="Genoeg woningen")
    acts = actions(project, goal=sub)
    progress_report(actor=project.leader, action=acts.housing, status="done",
                    reported_on=day("2025-11-30"))  # fmt: skip
    rows = {row.goal.statement: row for row in goal_progress(project, ActionsPlan(project))}
    assert rows["Genoeg woningen"].actions == 2
    assert rows["Genoeg woningen"].percent == 50
    # The top goal counts the actions of the goals below it.
    assert rows["Iedereen woont goed"].actions == 2
    assert rows["Iedereen woont goed"].counts["done"] == 1
    # A stopped action no longer counts towards what is left to do.
    progress_report(actor=project.leader, action=acts.language, status="stopped",
                    reported_on=day("2025-12-01"), note="Geen vrijwilligers")  # fmt: skip
    rows = {row.goal.statement: row for row in goal_progress(project, ActionsPlan(project))}
    assert rows["Iedereen woont goed"].percent == 100


def test_the_raci_table_comes_from_the_action_parties(project):
    actions(project)
    raci = ActionsPlan(project).raci()
    assert raci["parties"] == ["Uitvoeringsteam Wonen", "Woningcorporatie De Brug", "Buurtraad"]
    assert raci["matrix"]
    housing, language, campaign = raci["rows"]
    assert housing["cells"] == ["A", "R", "C"]
    assert language["cells"] == ["", "I", ""]
    assert housing["accountable"] == ["Uitvoeringsteam Wonen"]
    assert [a.title for a in raci["without_owner"]] == [
        "Taalcafés in de wijk",
        "Campagne Samen wonen",
    ]


def test_the_timeline_draws_each_planned_action_and_lists_the_rest(project):
    acts = actions(project)
    progress_report(actor=project.leader, action=acts.housing, status="running",
                    reported_on=day("2025-02-01"))  # fmt: skip
    chart = actions_timeline(ActionsPlan(project).actions, links=False,
                             today=day("2025-06-01"))  # fmt: skip
    rows = chart["rows"]
    assert [r["bar"].label for r in rows] == ["Flexwoningen bouwen", "Taalcafés in de wijk"]
    assert [b.label for b in chart["unplanned"]] == ["Campagne Samen wonen"]
    housing, language = rows
    assert housing["colour"] != language["colour"]  # running and planned
    assert housing["x"] < language["x"]  # it starts earlier
    assert len(housing["milestones"]) == 1 and housing["milestones"][0]["done"]
    assert chart["today"]["x"] > housing["x"]
    assert "2 onderdelen gepland van 1 feb 2025 tot 28 feb 2026" in chart["description"].lower()


def test_the_pages_show_the_timeline_the_raci_and_the_statuses(project, tree, client_as):
    sub = Goal.objects.get(statement="Genoeg woningen")
    acts = actions(project, goal=sub)
    browser = client_as("member")
    html = browser.get(reverse("implementation:planning", kwargs={"project": project.pk}))
    text = html.content.decode()
    assert 'id="planning-acties" role="group"' in text  # a drawing of links
    assert "Flexwoningen bouwen" in text and 'id="raci-matrix"' in text
    assert "Zonder eigenaar:" in text
    response = browser.post(
        reverse("implementation:progress_report",
                kwargs={"project": project.pk, "action": acts.language.pk}),
        {"status": "running", "next": "monitoring"},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"].endswith("/monitoring/")
    text = browser.get(response["Location"]).content.decode()
    assert "Loopt: 1" in text
    assert 'id="goal-progress"' in text
    history = browser.get(
        reverse("implementation:action_progress",
                kwargs={"project": project.pk, "action": acts.language.pk})
    ).content.decode()  # fmt: skip
    assert "Tim Teamlid" in history


def test_the_monitoring_page_shows_the_actions_page_by_page(project, client_as, monkeypatch):
    from processteps.implementation.views import planning

    monkeypatch.setattr(planning, "ACTIONS_PER_PAGE", 2)
    acts = actions(project)
    browser = client_as("member")
    url = reverse("implementation:monitoring", kwargs={"project": project.pk})
    first = browser.get(url).content.decode()
    assert "Flexwoningen bouwen" in first and "Campagne Samen wonen" not in first
    second = browser.get(url + "?acties=2").content.decode()
    assert "Campagne Samen wonen" in second and "Flexwoningen bouwen" not in second
    assert 'value="monitoring:2"' in second
    # A status reported from the second page comes back to it.
    response = browser.post(
        reverse("implementation:progress_report",
                kwargs={"project": project.pk, "action": acts.campaign.pk}),
        {"status": "running", "next": "monitoring:2"},
    )  # fmt: skip
    assert response["Location"].endswith("/monitoring/?acties=2")
