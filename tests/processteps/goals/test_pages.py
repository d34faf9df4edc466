"""The goal-tree pages as a user sees them: the team's tree with the check, the diagram and the
list beside it; a goal with its causes, means, indicators and weighing; the step-9 panel;
forms that refuse bad input in Dutch and save nothing."""

import re

import pytest
from django.urls import reverse

from processteps.goals.models import Goal, GoalCause, Measurement
from processteps.goals.services import derive as derive_services
from processteps.goals.services import indicators as indicator_services
from processteps.goals.services import trees as tree_services
from processteps.goals.services import weighing as weighing_services
from tests.factories import ProjectFactory, UserFactory

from ..helpers import error_messages_of, messages_of
from .helpers import causal_complex, day

pytestmark = pytest.mark.django_db


@pytest.fixture
def derived(project):
    cc = causal_complex(project)
    tree = tree_services.team_tree_ensure(actor=project.leader, project=project)
    derive_services.tree_derive(actor=project.leader, tree=tree)
    cc.tree = tree
    links = GoalCause.objects.filter(goal__tree=tree).select_related("goal")
    cc.goal_of = {link.cause_id: link.goal for link in links}
    return cc


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def overview(project) -> str:
    return reverse("goals:overview", kwargs={"project": project.pk})


def test_the_team_tree_shows_the_check_the_diagram_and_the_list(project, derived, client_as):
    html = page(client_as("leader"), overview(project))
    # The diagram is inline SVG with a title, each goal a link to its page (a group of links).
    svg = re.search(r'<svg[^>]*id="doelenboom-tekening".*?</svg>', html, re.S).group(0)
    assert 'role="group"' in svg
    root_goal = derived.goal_of[derived.root.pk]
    assert f'href="/projects/{project.pk}/goals/{root_goal.pk}/"' in svg
    assert "<script" not in svg
    # The list beside it says the same in words, nested from abstract to concrete.
    assert "Niet langer: Trage bouwprocedures" in html
    listing = html[html.index('id="list-heading"') :]
    assert listing.index("Niet langer: Lange wachtlijsten") < listing.index(
        "Niet langer: Te weinig betaalbare woningen"
    )
    # The check lists what is not in order yet, with links to fix it.
    problems = html[
        html.index('id="tree-problems"') : html.index("</ul>", html.index('id="tree-problems"'))
    ]
    assert "‘Niet langer: Weinig aanbod van taallessen’ (niveau 1) hangt niet onder" in problems
    assert "heeft nog geen middel" in problems
    goal_url = reverse("goals:goal_detail", kwargs={"project": project.pk, "goal": root_goal.pk})
    assert goal_url in problems
    # The leader's buttons.
    assert "Doelenboom vaststellen" in html and "Doel toevoegen" in html


def test_a_member_sees_the_team_tree_without_the_leaders_buttons(project, derived, client_as):
    html = page(client_as("member"), overview(project))
    assert "Niet langer: Trage bouwprocedures" in html
    assert "Doelenboom vaststellen" not in html
    assert "Een eigen doelenboom beginnen" in html


def test_user_text_is_escaped_on_the_page_and_in_the_diagram(project, client_as):
    tree = tree_services.team_tree_ensure(actor=project.leader, project=project)
    tree_services.goal_add(
        actor=project.leader, tree=tree, statement='<script>alert("x")</script> & <b>vet</b>'
    )
    html = page(client_as("leader"), overview(project))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
    assert "<b>vet</b>" not in html


def test_a_goal_page_shows_causes_means_indicators_and_weighing(project, derived, client_as):
    goal = derived.goal_of[derived.cause.pk]
    leader = project.leader
    tree_services.means_add(actor=leader, goal=goal, description="Flexwoningen")
    indicator = indicator_services.indicator_add(
        actor=leader, project=project, goal=goal, name="Gehuisveste statushouders",
        unit="personen", baseline_value="40", baseline_date=day("2023-10-01"),
        target_value="320", target_date=day("2025-12-31"),
    )  # fmt: skip
    indicator_services.measurement_add(
        actor=leader, indicator=indicator, measured_on=day("2024-01-01"), value="180"
    )
    option = weighing_services.option_add(
        actor=leader, goal=goal, title="Flexwoningen", consequences="Snel, tijdelijk",
        is_preferred=True,
    )  # fmt: skip
    weighing_services.decision_save(
        actor=leader, goal=goal, body="council", body_name="Gemeenteraad",
        reference="Raadsbesluit 2024-031", decided_on=day("2024-05-23"), outcome="adopted",
        chosen_option=option, notes="",
    )  # fmt: skip
    url = reverse("goals:goal_detail", kwargs={"project": project.pk, "goal": goal.pk})
    html = page(client_as("member"), url)
    assert "Te weinig betaalbare woningen" in html
    assert "afgeleid uit het oorzakelijk complex" in html
    assert "Flexwoningen" in html
    assert "Niet langer: Lange wachtlijsten voor een woning" in html  # the goal above
    assert "Niet langer: Trage bouwprocedures" in html  # the sub-goal
    # The indicator's chart, described in words (50% of the way from 40 to 320).
    assert 'id="indicator-' in html
    assert "Nulmeting 40 personen op 1 oktober 2023" in html
    assert "50% van de weg van nulmeting naar streefwaarde" in html
    assert "Raadsbesluit 2024-031" in html and "voorkeursoptie" in html
    # A member reads; the leader's forms are not there.
    assert "Middel toevoegen" not in html and "Besluit wijzigen" not in html


def test_the_step_page_panel_tells_the_state_of_the_tree(project, derived, client_as):
    number = project.steps.get(key="decision_making").number
    url = reverse("processteps:step", kwargs={"project": project.pk, "number": number})
    html = page(client_as("leader"), url)
    assert "5 doelen" in html
    assert "De controle op een logische opbouw vindt" in html
    assert reverse("goals:overview", kwargs={"project": project.pk}) in html
    # A client sees neither the panel nor its links.
    html = page(client_as("client"), url)
    assert reverse("goals:overview", kwargs={"project": project.pk}) not in html


def test_a_goal_with_a_cycle_is_refused_in_the_form(project, client_as):
    tree = tree_services.team_tree_ensure(actor=project.leader, project=project)
    top = tree_services.goal_add(actor=project.leader, tree=tree, statement="Top")
    low = tree_services.goal_add(
        actor=project.leader, tree=tree, statement="Laag", level=1, parent=top
    )
    url = reverse("goals:goal_edit", kwargs={"project": project.pk, "goal": top.pk})
    response = client_as("leader").post(
        url, {"statement": "Top", "level": "2", "parent": low.pk, "domain": "", "horizon": ""}
    )
    assert response.status_code == 200
    assert "kring in de doelenboom" in response.content.decode()
    top.refresh_from_db()
    assert (top.parent_id, top.level) == (None, 0)


def test_a_cause_of_another_project_is_refused_in_the_form(project, derived, client_as):
    other = ProjectFactory(leader=UserFactory(username="ander"))
    foreign = causal_complex(other)
    goal = derived.goal_of[derived.cause.pk]
    url = reverse("goals:goal_cause_add", kwargs={"project": project.pk, "goal": goal.pk})
    response = client_as("leader").post(url, {"cause": foreign.root.pk})
    assert response.status_code == 302
    assert error_messages_of(response) == [
        "Die oorzaak hoort niet bij de teamanalyse van dit project."
    ]
    assert goal.cause_links.count() == 1


def test_a_target_date_before_the_baseline_date_is_refused(project, derived, client_as):
    goal = derived.goal_of[derived.cause.pk]
    url = reverse("goals:indicator_add", kwargs={"project": project.pk, "goal": goal.pk})
    response = client_as("leader").post(
        url,
        {"name": "Wachttijd", "unit": "maanden", "baseline_value": "30",
         "baseline_date": "2025-01-01", "target_value": "12", "target_date": "2024-06-30"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "De streefdatum ligt vóór de datum van de nulmeting." in response.content.decode()
    assert not goal.indicators.exists()


def test_a_measurement_in_the_wrong_unit_is_refused(project, derived, client_as):
    goal = derived.goal_of[derived.cause.pk]
    indicator = indicator_services.indicator_add(
        actor=project.leader, project=project, goal=goal, name="Wachttijd", unit="maanden"
    )
    url = reverse(
        "goals:measurement_add", kwargs={"project": project.pk, "indicator": indicator.pk}
    )
    response = client_as("member").post(url, {"measured_on": "2024-03-01", "value": "45 %"})
    assert response.status_code == 400
    assert (
        "De eenheid ‘%’ past niet bij deze indicator: die wordt gemeten in ‘maanden’."
        in response.content.decode()
    )
    assert not Measurement.objects.exists()
    response = client_as("member").post(url, {"measured_on": "2024-03-01", "value": "14,5"})
    assert response.status_code == 302
    assert messages_of(response) == ["De meting is vastgelegd."]
    assert str(Measurement.objects.get().value) == "14.500"


def test_deriving_from_the_page_says_what_it_added(project, client_as):
    causal_complex(project)
    response = client_as("leader").post(reverse("goals:team_start", kwargs={"project": project.pk}))
    assert messages_of(response) == [
        "Eerste opzet afgeleid: 5 doelen toegevoegd (0 uit streefbeelden, 5 uit oorzaken). "
        "Herformuleer de concepten."
    ]
    assert Goal.objects.count() == 5
    response = client_as("leader").post(reverse("goals:team_start", kwargs={"project": project.pk}))
    assert "Er was niets af te leiden" in messages_of(response)[0]


def test_a_clients_activity_feed_shows_the_adoption_but_not_the_drafting(project, client_as):
    tree = tree_services.team_tree_ensure(actor=project.leader, project=project)
    tree_services.goal_add(actor=project.leader, tree=tree, statement="Een concept-doel")
    tree_services.tree_adopt(actor=project.leader, tree=tree)
    url = reverse("processteps:activity", kwargs={"project": project.pk})
    client_feed = page(client_as("client"), url)
    assert "stelde Doelenboom van het team vast" in client_feed
    assert "Een concept-doel" not in client_feed
    assert "voegde het doel ‘Een concept-doel’ toe" in page(client_as("member"), url)
