"""What the pages show: Dutch by default, progress, planning, and work of departed people."""

import datetime

import pytest
from django.urls import reverse

from processteps.services import steps as step_services
from tests.factories import DataSourceFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def dashboard(project):
    return reverse("processteps:dashboard", args=[project.pk])


def test_the_interface_is_dutch_by_default(project, client_as):
    response = client_as("client").get(dashboard(project))
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "De elf stappen" in html
    assert response["Content-Language"] == "nl"


def test_the_browser_language_does_not_switch_the_interface(project, client_as):
    response = client_as("client").get(dashboard(project), headers={"Accept-Language": "en"})
    assert "De elf stappen" in response.content.decode()
    assert response["Content-Language"] == "nl"


def test_the_dashboard_shows_progress_and_planning(project, leader, client_as):
    first, second = project.steps.get(number=1), project.steps.get(number=2)
    step_services.step_complete(actor=leader, step=first, override_reason="Klaar")
    step_services.step_update(
        actor=leader,
        step=second,
        planned_start=datetime.date(2024, 1, 1),
        planned_end=datetime.date(2024, 3, 1),
    )

    html = client_as("member").get(dashboard(project)).content.decode()

    assert "1 van 11 stappen afgerond" in html
    assert html.count('<th scope="col">') == 1 + 3  # "Stap" and the months jan–mrt 2024
    assert html.count('class="planned ') == 3
    for number in range(1, 12):
        assert f'data-step="{number}"' in html


def test_a_client_does_not_see_the_teams_sources_or_task_notes(project, leader, client_as):
    step_1 = project.steps.get(number=1)
    DataSourceFactory(step=step_1, title="Interne notulen", added_by=leader)
    html = client_as("client").get(step_1.get_absolute_url()).content.decode()
    assert "Interne notulen" not in html
    assert "Stap bewerken" not in html
    assert "Interne notulen" in client_as("member").get(step_1.get_absolute_url()).content.decode()


# Regression (BUG found by this suite, since fixed with the `person` filter): a deleted account
# leaves NULL in done_by / added_by / completed_by (on_delete=SET_NULL), and
# `{{ x.get_full_name|default:x.username }}` made the step page crash with a 500.
@pytest.mark.parametrize("trace", ["ticked an item", "added a source", "completed the step"])
def test_the_step_page_survives_a_deleted_account(trace, project, client_as):
    departed = MembershipFactory(project=project, user=UserFactory(username="vertrokken")).user
    step_1 = project.steps.get(number=1)
    if trace == "ticked an item":
        step_services.checklist_set(actor=departed, item=step_1.checklist_items.first(), done=True)
    elif trace == "added a source":
        DataSourceFactory(step=step_1, title="Achtergrond", added_by=departed)
    else:
        step_services.step_complete(actor=departed, step=step_1, override_reason="Klaar")
    departed.delete()

    response = client_as("leader").get(step_1.get_absolute_url())

    assert response.status_code == 200


def test_a_step_page_shows_the_panels_of_the_tools_serving_it(project, client_as):
    """The registry renders each tool's panel with its links; a role without them sees none."""
    step = project.steps.get(key="key_figures")
    page = client_as("member").get(step.get_absolute_url()).content.decode()
    panel = page.split('id="tool-consultation-heading"')[1].split("</section>")[0]
    assert "Sleutelfiguren" in panel
    assert f'href="/projects/{project.pk}/keyfigures/"' in panel
    client_page = client_as("client").get(step.get_absolute_url()).content.decode()
    assert 'id="tool-consultation-heading"' not in client_page
