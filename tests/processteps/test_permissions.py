"""THE permission matrix: every view of processteps (and home) against every role.

Reading guide: ``LOGIN`` means a redirect to the login page with ``?next=``; 404 means the project
is not shown to that person at all; 403 means they see the project but their role may not do
this; 200/302 is success (a page, or a redirect after a change — never with an error message).
"""

import os
from types import SimpleNamespace

import pytest
from django.urls import reverse

from processteps.models import (
    DataSource,
    Role,
    StepStatus,
    Task,
)
from processteps.services import steps as step_services
from tests.factories import (
    DataSourceFactory,
    MembershipFactory,
    ProjectFactory,
    TaskFactory,
    TeamAgreementFactory,
    UserFactory,
)
from tests.matrix import LOGIN, PermissionMatrix, Request, no_project

pytestmark = pytest.mark.django_db

# THE MATRIX: view and method -> what each role gets. Columns in the order of ROLES.
# "login": redirect to the login page; 404: project not shown; 403: role may not; 200/302: success.
#                                 anonymous outsider client member leader admin
EXPECTED = {
    ("home", "GET"):                  (200, 200, 200, 200, 200, 200),  # visitors: public home
    ("my_tasks", "GET"):              (LOGIN, 200, 200, 200, 200, 200),
    ("project_create", "GET"):        (LOGIN, 200, 200, 200, 200, 200),
    ("project_create", "POST"):       (LOGIN, 302, 302, 302, 302, 302),
    ("dashboard", "GET"):             (LOGIN, 404, 200, 200, 200, 200),
    ("activity", "GET"):              (LOGIN, 404, 200, 200, 200, 200),
    ("step", "GET"):                  (LOGIN, 404, 200, 200, 200, 200),
    ("project_edit", "GET"):          (LOGIN, 404, 403, 403, 200, 200),
    ("project_edit", "POST"):         (LOGIN, 404, 403, 403, 302, 302),
    ("members", "GET"):               (LOGIN, 404, 403, 200, 200, 200),
    ("members", "POST"):              (LOGIN, 404, 403, 403, 302, 302),
    ("member_role", "POST"):          (LOGIN, 404, 403, 403, 302, 302),
    ("member_remove", "POST"):        (LOGIN, 404, 403, 403, 302, 302),
    # The site admin is no member and has no commitment of their own to set: 403.
    ("commitment", "POST"):           (LOGIN, 404, 403, 302, 302, 403),
    ("agreement_add", "POST"):        (LOGIN, 404, 403, 403, 302, 302),
    ("agreement_remove", "POST"):     (LOGIN, 404, 403, 403, 302, 302),
    ("task_add", "GET"):              (LOGIN, 404, 403, 403, 200, 200),
    ("task_add", "POST"):             (LOGIN, 404, 403, 403, 302, 302),
    # task_edit and task_delete: a task of the whole team (no assignee).
    ("task_edit", "GET"):             (LOGIN, 404, 403, 200, 200, 200),
    ("task_edit", "POST"):            (LOGIN, 404, 403, 302, 302, 302),
    ("task_delete", "POST"):          (LOGIN, 404, 403, 403, 302, 302),
    # source_download and source_delete: a source the team member added.
    ("source_download", "GET"):       (LOGIN, 404, 403, 200, 200, 200),
    ("source_delete", "POST"):        (LOGIN, 404, 403, 302, 302, 302),
    ("source_add", "POST"):           (LOGIN, 404, 403, 302, 302, 302),
    ("step_edit", "GET"):             (LOGIN, 404, 403, 403, 200, 200),
    ("step_edit", "POST"):            (LOGIN, 404, 403, 403, 302, 302),
    ("step_start", "POST"):           (LOGIN, 404, 403, 403, 302, 302),
    ("step_complete", "POST"):        (LOGIN, 404, 403, 403, 302, 302),
    ("step_skip", "POST"):            (LOGIN, 404, 403, 403, 302, 302),
    ("step_reopen", "POST"):          (LOGIN, 404, 403, 403, 302, 302),
    ("step_decide", "POST"):          (LOGIN, 404, 403, 403, 302, 302),
    ("step_uncertainty", "POST"):     (LOGIN, 404, 403, 403, 302, 302),
    ("checklist_add", "POST"):        (LOGIN, 404, 403, 403, 302, 302),
    ("checklist_toggle", "POST"):     (LOGIN, 404, 403, 302, 302, 302),
    ("checklist_remove", "POST"):     (LOGIN, 404, 403, 403, 302, 302),
}  # fmt: skip


def step_kwargs(number):
    return lambda w: {"project": w.project.pk, "number": number}


def task_kwargs(w):
    return {"project": w.project.pk, "task": w.team_task.pk}


def task_payload(w):
    return {
        "title": "Website bouwen",
        "step": w.project.steps.get(number=1).pk,
        "assignee": "",
        "due_date": "2024-02-01",
        "status": "done",
        "notes": "Staat online",
    }


REQUESTS = {
    "home": Request(no_project),
    "my_tasks": Request(no_project),
    "project_create": Request(
        no_project,
        lambda w: {"name": "Nieuw", "issue": "Vraag", "client_organisation": "Gemeente",
                   "start_date": "2024-03-01"},
    ),
    "dashboard": Request(),
    "activity": Request(),
    "step": Request(step_kwargs(1)),
    "project_edit": Request(
        data=lambda w: {"name": "Leefbare wijk 2", "issue": "Vraag", "start_date": "2024-01-01",
                        "client_organisation": "Gemeente", "description": ""},
    ),
    "members": Request(
        data=lambda w: {"email": "nieuw@example.org", "name": "Nina Nieuw", "role": "member"},
    ),
    "member_role": Request(
        lambda w: {"project": w.project.pk, "membership": w.client_membership.pk},
        lambda w: {"role": "member"},
    ),
    "member_remove": Request(
        lambda w: {"project": w.project.pk, "membership": w.client_membership.pk},
    ),
    "commitment": Request(data=lambda w: {"commitment": "4 uur per week"}),
    "agreement_add": Request(data=lambda w: {"text": "Op tijd"}),
    "agreement_remove": Request(
        lambda w: {"project": w.project.pk, "agreement": w.agreement.pk},
    ),
    "task_add": Request(data=task_payload),
    "task_edit": Request(task_kwargs, task_payload),
    "task_delete": Request(task_kwargs),
    "source_download": Request(
        lambda w: {"project": w.project.pk, "source": w.member_source.pk},
    ),
    "source_delete": Request(
        lambda w: {"project": w.project.pk, "source": w.member_source.pk},
    ),
    "source_add": Request(
        step_kwargs(1),
        lambda w: {"title": "CBS-cijfers", "kind": "link", "url": "https://www.cbs.nl/",
                   "notes": ""},
    ),
    "step_edit": Request(
        step_kwargs(1),
        lambda w: {"name": "Starten", "document_name": "Plan van aanpak",
                   "planned_start": "2024-01", "planned_end": "2024-02", "essence": "Begin"},
    ),
    "step_start": Request(step_kwargs(2)),
    "step_complete": Request(
        step_kwargs(3), lambda w: {"override_reason": "Genoeg gesproken"}
    ),
    "step_skip": Request(step_kwargs(4), lambda w: {"reason": "Niet nodig"}),
    "step_reopen": Request(step_kwargs(5)),  # step 5 is closed in `world`
    "step_decide": Request(
        step_kwargs(6), lambda w: {"decision": "go", "form": "Twee expertmeetings", "reason": ""}
    ),
    "step_uncertainty": Request(
        step_kwargs(1), lambda w: {"status": "reduced", "justification": "Team en middelen rond"}
    ),
    "checklist_add": Request(step_kwargs(1), lambda w: {"text": "Zaal gereserveerd"}),
    "checklist_toggle": Request(
        lambda w: {"project": w.project.pk, "number": 1, "item": w.item.pk},
        lambda w: {"done": "1"},
    ),
    "checklist_remove": Request(
        lambda w: {"project": w.project.pk, "number": 1, "item": w.item.pk},
    ),
}  # fmt: skip


class TestCoreMatrix(PermissionMatrix):
    namespace = "processteps"
    extra_names = frozenset({"home"})
    expected = EXPECTED
    requests = REQUESTS

    @classmethod
    def build(cls, people):
        project = people.project
        step_1 = project.steps.get(number=1)
        # Step 5 is closed so that "reopen" has something to reopen.
        step_services.step_skip(
            actor=project.leader, step=project.steps.get(number=5), reason="Nee"
        )
        return SimpleNamespace(
            project=project,
            team_task=TaskFactory(project=project, step=step_1, title="Website", assignee=None),
            client_membership=project.memberships.get(role=Role.CLIENT),
            agreement=TeamAgreementFactory(project=project, text="Afspraak = afspraak"),
            member_source=DataSourceFactory(step=step_1, added_by=project.member, with_file=True),
            item=step_1.checklist_items.first(),
        )


@pytest.fixture
def world(project):
    return TestCoreMatrix.build(SimpleNamespace(project=project))


@pytest.mark.parametrize(
    "view, kwargs",
    [
        ("processteps:step_start", step_kwargs(2)),
        ("processteps:task_delete", lambda w: {"project": w.project.pk, "task": w.team_task.pk}),
        ("processteps:agreement_add", lambda w: {"project": w.project.pk}),
    ],
)
def test_changes_are_never_made_by_a_get(view, kwargs, world, client_as):
    response = client_as("leader").get(reverse(view, kwargs=kwargs(world)))
    assert response.status_code == 405
    assert world.project.steps.get(number=2).status == StepStatus.NOT_STARTED
    assert Task.objects.filter(pk=world.team_task.pk).exists()


def test_a_refused_change_changes_nothing(world, client_as):
    url = reverse("processteps:step_skip", kwargs={"project": world.project.pk, "number": 4})
    for role in ("anonymous", "outsider", "client", "member"):
        client_as(role).post(url, {"reason": "Niet nodig"})
    fourth = world.project.steps.get(number=4)
    assert (fourth.status, fourth.skip_reason) == (StepStatus.NOT_STARTED, "")
    assert not world.project.audit_entries.filter(
        target_type="processteps.processstep", target_id=fourth.pk
    ).exists()


def test_an_outsider_does_not_see_the_project_at_home(world, client_as):
    page = client_as("outsider").get(reverse("home")).content.decode()
    assert "Leefbare wijk" not in page
    assert "Leefbare wijk" in client_as("client").get(reverse("home")).content.decode()


# --- tasks: a member updates the progress of their own and the team's tasks -------------------


def _task_url(task, view="processteps:task_edit"):
    return reverse(view, kwargs={"project": task.project_id, "task": task.pk})


def test_a_task_of_someone_else_is_forbidden_to_a_member(project, client_as):
    others = TaskFactory(project=project, assignee=project.leader, title="Leiderstaak")
    browser = client_as("member")
    assert browser.get(_task_url(others)).status_code == 403
    assert browser.post(_task_url(others), {"status": "done"}).status_code == 403
    others.refresh_from_db()
    assert others.status == "open"


def test_a_members_own_task_is_editable_by_them(project, client_as):
    own = TaskFactory(project=project, assignee=project.member, title="Eigen taak")
    response = client_as("member").post(_task_url(own), {"status": "in_progress", "notes": ""})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == "in_progress"


def test_a_member_updates_only_the_progress_of_a_team_task(project, client_as):
    team_task = TaskFactory(project=project, title="Website", due_date=None)
    browser = client_as("member")

    form = browser.get(_task_url(team_task))
    assert form.status_code == 200
    assert 'name="status"' in form.content.decode()
    assert 'name="notes"' in form.content.decode()
    assert 'name="title"' not in form.content.decode()
    assert 'name="assignee"' not in form.content.decode()

    response = browser.post(
        _task_url(team_task),
        {"title": "Iets heel anders", "assignee": project.member.pk, "status": "done",
         "notes": "Staat online"},
    )  # fmt: skip

    assert response.status_code == 302
    team_task.refresh_from_db()
    assert (team_task.title, team_task.assignee) == ("Website", None)
    assert (team_task.status, team_task.notes) == ("done", "Staat online")


def test_a_member_cannot_put_a_task_on_hold_for_a_decision(project, client_as):
    team_task = TaskFactory(project=project, title="Website")
    response = client_as("member").post(
        _task_url(team_task), {"status": "decision_pending", "notes": ""}
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    team_task.refresh_from_db()
    assert team_task.status == "open"


def test_a_member_sees_edit_links_only_for_tasks_they_may_edit(project, client_as):
    step_1 = project.steps.get(number=1)
    team = TaskFactory(project=project, step=step_1, title="Teamtaak")
    other = TaskFactory(project=project, step=step_1, title="Taak van de leider",
                        assignee=project.leader)  # fmt: skip
    page = client_as("member").get(step_1.get_absolute_url()).content.decode()
    assert _task_url(team) in page
    assert _task_url(other) not in page


# --- sources: a member deletes only what they added ---------------------------------------------


def test_a_member_cannot_delete_a_source_someone_else_added(
    project, client_as, django_capture_on_commit_callbacks
):
    source = DataSourceFactory(
        step=project.steps.get(number=1), added_by=project.leader, with_file=True
    )
    path = source.file.path
    url = reverse("processteps:source_delete", kwargs={"project": project.pk, "source": source.pk})

    assert client_as("member").post(url).status_code == 403
    assert DataSource.objects.filter(pk=source.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert client_as("leader").post(url).status_code == 302
    assert not DataSource.objects.filter(pk=source.pk).exists()
    assert not os.path.exists(path), "the file goes with the source"


def test_a_download_is_the_file_as_an_attachment(project, client_as):
    source = DataSourceFactory(step=project.steps.get(number=1), with_file=True)
    url = reverse(
        "processteps:source_download", kwargs={"project": project.pk, "source": source.pk}
    )
    response = client_as("member").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Notulen van het gesprek.\n"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    response.close()


# --- ids from another project ---------------------------------------------------------------


@pytest.fixture
def two_projects(project):
    """``project`` and another one, both led by ``project.leader``."""
    other = ProjectFactory(leader=project.leader, name="Andere wijk")
    other_step = other.steps.get(number=1)
    return project, {
        "task": TaskFactory(project=other, step=other_step, title="Elders"),
        "source": DataSourceFactory(step=other_step, added_by=project.leader, with_file=True),
        "agreement": TeamAgreementFactory(project=other, text="Elders afgesproken"),
        "membership": MembershipFactory(project=other, role=Role.MEMBER, user=UserFactory()),
        "item": other_step.checklist_items.first(),
    }


CROSS_PROJECT = [
    ("processteps:task_edit", "GET", "task", {}),
    ("processteps:task_edit", "POST", "task", {"title": "Gekaapt", "status": "done"}),
    ("processteps:task_delete", "POST", "task", {}),
    ("processteps:source_download", "GET", "source", {}),
    ("processteps:source_delete", "POST", "source", {}),
    ("processteps:agreement_remove", "POST", "agreement", {}),
    ("processteps:member_role", "POST", "membership", {"role": "client"}),
    ("processteps:member_remove", "POST", "membership", {}),
    ("processteps:checklist_toggle", "POST", "item", {"done": "1"}),
    ("processteps:checklist_remove", "POST", "item", {}),
]


@pytest.mark.parametrize("view, method, kind, data", CROSS_PROJECT)
def test_an_id_from_another_project_is_not_found(view, method, kind, data, two_projects, client_as):
    project, elsewhere = two_projects
    target = elsewhere[kind]
    kwargs = {"project": project.pk, kind: target.pk}
    if kind == "item":
        kwargs["number"] = 1
    before = type(target).objects.filter(pk=target.pk).values().get()

    browser = client_as("leader")  # leads both projects
    url = reverse(view, kwargs=kwargs)
    response = browser.get(url) if method == "GET" else browser.post(url, data)

    assert response.status_code == 404
    assert type(target).objects.filter(pk=target.pk).values().get() == before
