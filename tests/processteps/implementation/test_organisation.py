"""The implementation organisation and the steering rhythm: the services, the checklist items
of step 11 ticked (and unticked) from the data, bad input refused in Dutch with nothing saved."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from processteps.implementation.models import ImplementationBody, SteeringMoment
from processteps.implementation.selectors import (
    ORGANISATION_READY,
    STEERING_READY,
    organisation_ready,
    steering_ready,
)
from processteps.implementation.services import organisation as services
from processteps.models import AuditEntry, ChecklistItem

from ..helpers import error_messages_of
from .helpers import organisation

pytestmark = pytest.mark.django_db


def item(project, key) -> ChecklistItem:
    return ChecklistItem.objects.get(step__project=project, derived_from=key)


def test_the_catalogue_items_of_step_11_are_derived(project):
    assert item(project, ORGANISATION_READY).text == "Uitvoeringsorganisatie"
    assert item(project, STEERING_READY).text == "Aansturing uitvoering"
    assert not item(project, ORGANISATION_READY).is_done


def test_the_items_tick_when_someone_steers_executes_and_the_rhythm_is_set(project):
    org = organisation(project)
    assert organisation_ready(project) and steering_ready(project)
    assert item(project, ORGANISATION_READY).is_done
    assert item(project, STEERING_READY).is_done
    # The report loses the body that drew it up: the rhythm is no longer complete.
    services.body_delete(actor=project.leader, body=org.team)
    assert not item(project, ORGANISATION_READY).is_done
    assert not item(project, STEERING_READY).is_done
    org.report.refresh_from_db()
    assert org.report.responsible is None


def test_a_steering_body_alone_is_not_an_organisation(project):
    services.body_add(actor=project.leader, project=project, name="Stuurgroep",
                      role="steering", task="Stuurt")  # fmt: skip
    assert not organisation_ready(project)
    services.body_add(actor=project.leader, project=project, name="Adviesraad",
                      role="advice", task="Adviseert")  # fmt: skip
    assert not organisation_ready(project)


def test_changes_are_audited(project):
    org = organisation(project)
    services.body_update(actor=project.leader, body=org.team, task="Voert uit en meet")
    actions = list(AuditEntry.objects.filter(project=project).values_list("action", flat=True))
    assert actions.count("implbody.added") == 2
    assert "implbody.changed" in actions
    assert actions.count("steering.added") == 2


def test_a_body_needs_a_task_and_a_unique_name(project):
    organisation(project)
    with pytest.raises(ValidationError) as exc:
        services.body_add(actor=project.leader, project=project, name="Extra", role="execution",
                          task="  ")  # fmt: skip
    assert "Beschrijf de taak" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        services.body_add(actor=project.leader, project=project, name="stuurgroep samenleven",
                          role="execution", task="Dubbel")  # fmt: skip
    assert "al een orgaan of persoon met die naam" in str(exc.value)
    assert ImplementationBody.objects.filter(project=project).count() == 2


def test_a_moment_may_not_name_a_body_of_another_project(project):
    from tests.factories import ProjectFactory

    other = ProjectFactory(leader=project.leader)
    stranger = services.body_add(actor=project.leader, project=other, name="Elders",
                                 role="steering", task="Stuurt elders")  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.moment_add(actor=project.leader, project=project, kind="meeting",
                            title="Overleg", frequency="weekly", responsible=stranger)  # fmt: skip
    assert "hoort bij een ander project" in str(exc.value)
    assert not SteeringMoment.objects.filter(project=project).exists()


def test_only_the_leader_changes_the_organisation(project):
    with pytest.raises(PermissionDenied):
        services.body_add(actor=project.member, project=project, name="Stuurgroep",
                          role="steering", task="Stuurt")  # fmt: skip
    assert not ImplementationBody.objects.exists()


def test_the_page_refuses_bad_input_in_dutch_and_saves_nothing(project, client_as):
    browser = client_as("leader")
    url = reverse("implementation:body_add", kwargs={"project": project.pk})
    response = browser.post(url, {"body-name": "Stuurgroep", "body-role": "steering",
                                  "body-kind": "body", "body-task": ""})  # fmt: skip
    assert response.status_code == 302
    assert any("Taak" in m for m in error_messages_of(response))
    response = browser.post(url, {"body-name": "Stuurgroep", "body-role": "baas",
                                  "body-kind": "body", "body-task": "Stuurt"})  # fmt: skip
    assert any("geen geldige keuze" in m or "Selecteer" in m for m in error_messages_of(response))
    assert not ImplementationBody.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="implbody").exists()


def test_the_overview_and_the_panel_show_the_organisation(project, client_as):
    organisation(project)
    browser = client_as("member")
    html = browser.get(reverse("implementation:overview", kwargs={"project": project.pk}))
    text = html.content.decode()
    assert "Stuurgroep Samenleven" in text and "Kwartaalrapportage" in text
    assert "wonen@example.org" in text  # the team sees contact data
    assert "In orde: er is gesteld wie de uitvoering stuurt" in text
    step = project.steps.get(key="implementation_plan")
    text = browser.get(step.get_absolute_url()).content.decode()
    assert "De aansturing van de uitvoering is geregeld." in text
    assert "Gegevensbank: 0 indicatoren" in text
