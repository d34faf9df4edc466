"""THE permission matrix of the implementation plan (step 11): every view of the
"implementation" namespace against every role.

Reading guide: ``LOGIN`` is a redirect to the login page; 404: the project is not shown to that
person; 403: their role may not do this; 200/302: success (never with an error message). A
client sees none of the team's work here, only the Uitvoeringsplan once published to them.

The world: a project ("Leefbare wijk") with an organisation (a steering group and an executing
team), a monthly meeting and a quarterly report, three actions (one running) and a current
situation in one domain.
"""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from processteps.implementation.models import ImplementationBody
from processteps.implementation.services import organisation as services
from processteps.implementation.services.progress import progress_report
from tests.factories import ProjectFactory
from tests.matrix import LOGIN, PermissionMatrix, Request

from .helpers import actions, organisation

pytestmark = pytest.mark.django_db

#                                          anonymous outsider client member leader admin
EXPECTED = {
    ("overview", "GET"):                   (LOGIN, 404, 403, 200, 200, 200),
    # The organisation and the rhythm: the leader.
    ("body_add", "POST"):                  (LOGIN, 404, 403, 403, 302, 302),
    ("body_edit", "GET"):                  (LOGIN, 404, 403, 403, 200, 200),
    ("body_edit", "POST"):                 (LOGIN, 404, 403, 403, 302, 302),
    ("body_delete", "POST"):               (LOGIN, 404, 403, 403, 302, 302),
    ("moment_add", "POST"):                (LOGIN, 404, 403, 403, 302, 302),
    ("moment_edit", "GET"):                (LOGIN, 404, 403, 403, 200, 200),
    ("moment_edit", "POST"):               (LOGIN, 404, 403, 403, 302, 302),
    ("moment_delete", "POST"):             (LOGIN, 404, 403, 403, 302, 302),
    # The crosswalk and the framework: the team reads them, the leader describes situations.
    ("compass", "GET"):                    (LOGIN, 404, 403, 200, 200, 200),
    ("compass_export", "GET"):             (LOGIN, 404, 403, 200, 200, 200),
    ("framework", "GET"):                  (LOGIN, 404, 403, 200, 200, 200),
    ("situation_edit", "GET"):             (LOGIN, 404, 403, 403, 200, 200),
    ("situation_edit", "POST"):            (LOGIN, 404, 403, 403, 302, 302),
    # Planning, monitoring and the status of actions: the whole team reports.
    ("planning", "GET"):                   (LOGIN, 404, 403, 200, 200, 200),
    ("monitoring", "GET"):                 (LOGIN, 404, 403, 200, 200, 200),
    ("action_progress", "GET"):            (LOGIN, 404, 403, 200, 200, 200),
    ("progress_report", "POST"):           (LOGIN, 404, 403, 302, 302, 302),
}  # fmt: skip


def build_world(people) -> SimpleNamespace:
    project = people.project
    org = organisation(project)
    acts = actions(project)
    progress_report(actor=people.leader, action=acts.housing, status="running")
    services.situation_save(actor=people.leader, project=project, domain="wonen",
                            text="Lange wachtlijsten")  # fmt: skip
    return SimpleNamespace(project=project, body=org.team, moment=org.report,
                           action=acts.language, running=acts.housing)  # fmt: skip


def project_kw(w):
    return {"project": w.project.pk}


def kw(**names):
    return lambda w: {"project": w.project.pk, **{k: getattr(w, v).pk for k, v in names.items()}}


REQUESTS = {
    "overview": Request(project_kw),
    "body_add": Request(
        project_kw,
        lambda w: {
            "body-name": "Adviesraad",
            "body-kind": "body",
            "body-role": "advice",
            "body-task": "Adviseert gevraagd en ongevraagd",
        },
    ),  # fmt: skip
    "body_edit": Request(
        kw(body="body"),
        lambda w: {
            "name": "Uitvoeringsteam Wonen",
            "kind": "body",
            "role": "execution",
            "task": "Voert de acties uit en meet",
            "party_kind": "",
            "contact": "",
        },
    ),  # fmt: skip
    "body_delete": Request(kw(body="body")),
    "moment_add": Request(
        project_kw,
        lambda w: {
            "moment-kind": "meeting",
            "moment-title": "Weekstart",
            "moment-frequency": "weekly",
            "moment-responsible": w.body.pk,
        },
    ),  # fmt: skip
    "moment_edit": Request(
        kw(moment="moment"),
        lambda w: {
            "kind": "report",
            "title": "Kwartaalrapportage",
            "frequency": "half_yearly",
            "responsible": w.body.pk,
        },
    ),  # fmt: skip
    "moment_delete": Request(kw(moment="moment")),
    "compass": Request(project_kw),
    "compass_export": Request(project_kw),
    "framework": Request(project_kw),
    "situation_edit": Request(
        lambda w: {"project": w.project.pk, "domain": "werken"},
        lambda w: {"text": "Weinig banen in de buurt"},
    ),
    "planning": Request(project_kw),
    "monitoring": Request(project_kw),
    "action_progress": Request(kw(action="action")),
    "progress_report": Request(kw(action="action"), lambda w: {"status": "running"}),
}


class TestImplementationMatrix(PermissionMatrix):
    namespace = "implementation"
    expected = EXPECTED
    requests = REQUESTS

    @classmethod
    def build(cls, people):
        return build_world(people)


def test_an_id_from_another_project_is_not_found(project, client_as):
    """A body and an action of another project, reached through this project's URL: 404."""
    other = ProjectFactory(leader=project.leader)
    body = services.body_add(actor=project.leader, project=other, name="Elders",
                             role="steering", task="Stuurt elders")  # fmt: skip
    action = actions(other).housing
    browser = client_as("leader")
    url = reverse("implementation:body_edit", kwargs={"project": project.pk, "body": body.pk})
    assert browser.get(url).status_code == 404
    url = reverse("implementation:progress_report",
                  kwargs={"project": project.pk, "action": action.pk})  # fmt: skip
    assert browser.post(url, {"status": "running"}).status_code == 404
    assert ImplementationBody.objects.get(pk=body.pk).task == "Stuurt elders"
    assert not action.progress_reports.exists()


def test_a_moment_cannot_name_a_body_of_another_project_through_the_form(project, client_as):
    other = ProjectFactory(leader=project.leader)
    stranger = services.body_add(actor=project.leader, project=other, name="Elders",
                                 role="steering", task="Stuurt elders")  # fmt: skip
    response = client_as("leader").post(
        reverse("implementation:moment_add", kwargs={"project": project.pk}),
        {"moment-kind": "meeting", "moment-title": "Overleg", "moment-frequency": "weekly",
         "moment-responsible": stranger.pk},
    )  # fmt: skip
    from ..helpers import error_messages_of

    assert any("uitvoeringsorganisatie van dit project" in m for m in error_messages_of(response))
    assert not project.steering_moments.exists()
