"""The demo project (seed 000) loaded by ``manage.py load_demo``, and the htmx checklist toggle."""

import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from processteps.models import (
    AuditEntry,
    Decision,
    Membership,
    ProcessStep,
    Project,
    StepStatus,
    Task,
    TeamAgreement,
)
from processteps.registry import tools

pytestmark = pytest.mark.django_db

DEMO = "Aanpak Migratievraagstuk"
DECIDE_LATER_MEETING = "Te zijner tijd beoordelen: wel/niet organiseren? Zo ja, in welke vorm?"
DECIDE_LATER_STEP = "Te zijner tijd bekijken of we deze processtap uitvoeren"

# The seed's task list: (step, title, who: "leader" or "team").
TASKS = {
    (1, "Experiment", "leader"),
    (1, "Team", "leader"),
    (1, "Online community", "team"),
    (1, "Website", "team"),
    (2, "Invalshoeken", "leader"),
    (2, "ChatGPT", "leader"),
    (2, "Verbeteren", "team"),
    (3, "Online interviews", "team"),
    (3, "Interviews via Zoom afnemen en opnemen", "team"),
    (3, "Uitnodigingsmail", "leader"),
    (3, "Briefing", "leader"),
    (4, "Omzetten van spraak naar tekst", "leader"),
    (4, "Van tekst naar verslag", "team"),
    (4, "Bloemlezing", "leader"),
    (5, "Individuele analyse", "team"),
    (5, "Teamanalyse", "leader"),
    (6, DECIDE_LATER_MEETING, "leader"),
    (7, DECIDE_LATER_MEETING, "leader"),
    (8, "Opstellen visie en streefbeelden individueel", "team"),
    (8, "Opstellen visie en streefbeelden team", "leader"),
    (9, "Ontwerpen doelenboom individueel", "team"),
    (9, "Ontwerpen doelenboom team", "leader"),
    (9, "Schrijven adviesrapport voor de Tweede Kamer", "leader"),
    (10, DECIDE_LATER_STEP, "leader"),
    (11, DECIDE_LATER_STEP, "leader"),
    (None, "Data verzamelen gedurende het hele proces", "team"),
}
DECISION_PENDING_STEPS = {6, 7, 10, 11}


@pytest.fixture
def demo_env(settings, tmp_path, monkeypatch):
    """The command keeps its password file under VAR_DIR: use a directory of this test.

    The demo's process documents (written, rendered to PDF, published) belong to the documents
    app and are tested there; here they are left out, which also keeps these tests fast.
    """
    settings.VAR_DIR = tmp_path / "var"
    settings.DEMO_DATA_ALLOWED = True
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    # The tools' parts of the demo (documents rendered to PDF) have tests of their own.
    for tool in tools():
        if tool.demo:
            monkeypatch.setattr(tool.demo, lambda *, project, leader: None)
    return settings.VAR_DIR


def load_demo() -> tuple[Project, str]:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    output = out.getvalue()
    assert DEMO in output
    passwords = set(re.findall(r"^\s+(?:projectleider|teamlid|opdrachtgever|admin)\s+(\S+)$",
                               output, re.MULTILINE))  # fmt: skip
    assert len(passwords) == 1, output
    return Project.objects.get(name=DEMO), passwords.pop()


def test_the_demo_project_follows_the_seed(demo_env):
    project, _password = load_demo()

    assert project.start_date == datetime.date(2023, 12, 1)
    assert list(project.agreements.values_list("text", flat=True)) == [
        "Iedereen doet mee op vrijwillige basis",
        "Iedereen bepaalt zelf zijn eigen inzet",
        "Afspraak = afspraak",
    ]
    steps = {s.number: s for s in project.steps.all()}
    assert sorted(steps) == list(range(1, 12))
    assert steps[1].planned_start == datetime.date(2023, 12, 1)
    assert steps[11].planned_end == datetime.date(2024, 6, 1)
    for step in steps.values():
        assert datetime.date(2023, 12, 1) <= step.planned_start <= step.planned_end
        assert step.planned_end <= datetime.date(2024, 6, 1)
    pending = {n for n, s in steps.items() if s.decision == Decision.PENDING}
    assert pending == DECISION_PENDING_STEPS


def test_the_demo_tasks_are_the_seeds(demo_env):
    project, _password = load_demo()
    leader = get_user_model().objects.get(username="projectleider")
    tasks = project.tasks.select_related("step")

    found = {
        (t.step.number if t.step else None, t.title, "leader" if t.assignee == leader else "team")
        for t in tasks
    }
    assert found == TASKS
    assert {t.assignee for t in tasks} == {leader, None}
    waiting = {t.step.number for t in tasks if t.status == "decision_pending"}
    assert waiting == DECISION_PENDING_STEPS


def test_the_demo_stands_at_step_2(demo_env):
    project, _password = load_demo()
    first, second = project.steps.get(number=1), project.steps.get(number=2)
    assert first.status == StepStatus.COMPLETED
    assert first.actual_end == datetime.date(2023, 12, 18)
    assert first.completion_override_reason == ""
    assert second.status == StepStatus.IN_PROGRESS
    assert second.checklist_items.filter(is_done=True).count() == 2
    assert second.uncertainty_status == "partly"


def test_the_demo_accounts_log_in_with_the_printed_password(demo_env):
    project, password = load_demo()
    roles = {
        "projectleider": "leader",
        "teamlid": "member",
        "opdrachtgever": "client",
        "admin": None,
    }
    for username, role in roles.items():
        browser = Client()
        assert browser.login(username=username, password=password), username
        user = get_user_model().objects.get(username=username)
        assert project.role_of(user) == role
        assert browser.get(project.get_absolute_url()).status_code == 200
    assert get_user_model().objects.get(username="admin").is_superuser
    assert project.memberships.get(user__username="teamlid").commitment
    assert (demo_env / "demo-password.txt").read_text().strip() == password


def test_loading_the_demo_twice_creates_nothing_new(demo_env):
    _project, password = load_demo()
    models = (Project, ProcessStep, Task, Membership, TeamAgreement, AuditEntry)
    counts = {m.__name__: m.objects.count() for m in models}
    users = get_user_model().objects.count()

    _again, password_again = load_demo()

    assert {m.__name__: m.objects.count() for m in models} == counts
    assert get_user_model().objects.count() == users
    assert password_again == password


def test_demo_data_is_refused_where_not_allowed(demo_env, settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=io.StringIO())
    assert not Project.objects.filter(name=DEMO).exists()
    assert not get_user_model().objects.filter(username="projectleider").exists()


# --- the htmx checklist toggle ------------------------------------------------------------------


def test_ticking_with_htmx_returns_the_item_and_the_new_count(project, client_as):
    item = project.steps.get(number=2).checklist_items.get(text="Usual suspects")
    toggle = reverse("processteps:checklist_toggle", args=[project.pk, 2, item.pk])

    response = client_as("member").post(toggle, {"done": "1"}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert f'id="check-{item.pk}"' in html
    assert "Usual suspects" in html
    assert "Tim Teamlid" in html  # who ticked it
    assert re.search(r'<span id="checklist-count" hx-swap-oob="true">1/5</span>', html)
    item.refresh_from_db()
    assert (item.is_done, item.done_by) == (True, project.member)

    again = client_as("leader").post(toggle, {"done": "0"}, headers={"HX-Request": "true"})
    assert 'hx-swap-oob="true">0/5<' in again.content.decode()
    assert "Tim Teamlid" not in again.content.decode()


def test_ticking_without_htmx_redirects_to_the_step(project, client_as):
    item = project.steps.get(number=2).checklist_items.first()
    toggle = reverse("processteps:checklist_toggle", args=[project.pk, 2, item.pk])
    response = client_as("member").post(toggle, {"done": "1"})
    assert response.status_code == 302
    assert response["Location"] == project.steps.get(number=2).get_absolute_url()
