"""The Beleidskompas crosswalk answers the six questions from the project's own data (with
links to the evidence on the page, without in the document), the integral framework fills the
domains from target images, goals and actions, and the crosswalk exports as one PDF."""

import pytest
from django.urls import reverse

from processteps.consultation.models import Angle, KeyFigure
from processteps.goals.models import GoalCause
from processteps.goals.services import derive as derive_services
from processteps.goals.services import trees as tree_services
from processteps.goals.services import weighing as weighing_services
from processteps.implementation.documents import BeleidskompasExport
from processteps.implementation.models import DomainSituation
from processteps.implementation.selectors import compass, framework, framework_actions
from processteps.implementation.services import organisation as services
from tests.documents.conftest import assert_in_pdf, pdf_text
from tests.processteps.goals.helpers import causal_complex, day, target_image

from .helpers import actions, organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def material(project):
    """Steps 2-9 in small: key figures in two angles, a causal complex, an adopted target
    image, a derived goal tree with a weighed goal and a decision."""
    leader = project.leader
    housing_angle = Angle.objects.create(project=project, name="Wonen")
    care = Angle.objects.create(project=project, name="Zorg")
    for name, angle, status, usual in (
        ("Anna", housing_angle, "interviewed", True),
        ("Bram", housing_angle, "agreed", False),
        ("Cem", care, "interviewed", True),
    ):
        KeyFigure.objects.create(project=project, name=name, angle=angle, status=status,
                                 is_usual_suspect=usual)  # fmt: skip
    cc = causal_complex(project)
    target_image(project, "Iedereen woont passend", domain="wonen", horizon="long")
    target_image(project, "Nieuwkomers spreken mee", domain="integreren", horizon="short")
    tree = tree_services.team_tree_ensure(actor=leader, project=project)
    derive_services.tree_derive(actor=leader, tree=tree)
    goal = GoalCause.objects.get(goal__tree=tree, cause=cc.cause).goal
    tree_services.goal_update(actor=leader, goal=goal, domain="wonen", horizon="short")
    flex = weighing_services.option_add(
        actor=leader, goal=goal, title="Flexwoningen", consequences="Snel, maar tijdelijk",
        is_preferred=True,
    )  # fmt: skip
    weighing_services.option_add(actor=leader, goal=goal, title="Alleen nieuwbouw")
    weighing_services.decision_save(
        actor=leader, goal=goal, body="council", body_name="Gemeenteraad",
        reference="Raadsbesluit 2024-031", decided_on=day("2024-05-23"), outcome="adopted",
        chosen_option=flex, notes="",
    )  # fmt: skip
    cc.goal = goal
    return cc


def test_the_six_questions_are_answered_from_the_data(project, material):
    answers = compass(project)
    assert [a.number for a in answers] == [1, 2, 3, 4, 5, 6]
    problem, stakeholders, goal, options, consequences, preferred = answers
    assert problem.summary.startswith("Hoe houden we de wijk leefbaar?")
    assert "1 symptomen en 2 grondoorzaken" in problem.summary
    assert "Grondoorzaak: Trage bouwprocedures" in [line.text for line in problem.lines]
    assert problem.lines[0].url == project.steps.get(key="causal_complexes").get_absolute_url()
    root = next(line for line in problem.lines if line.text == "Grondoorzaak: Trage bouwprocedures")
    assert root.url == reverse(
        "actions:cause_chain", kwargs={"project": project.pk, "cause": material.root.pk}
    )
    assert "3 sleutelfiguren uit 2 functionele invalshoeken, waarvan 2 geïnterviewd" in (
        stakeholders.summary
    )
    wonen = next(line for line in stakeholders.lines if line.text == "Wonen")
    assert wonen.detail == "2 sleutelfiguren, 1 geïnterviewd, 1 unusual suspects"
    assert "Anna" not in str([line.text for line in stakeholders.lines])  # no names
    assert "Iedereen woont passend" in [line.text for line in goal.lines]
    assert goal.answered
    assert options.summary == "2 opties voor 1 doelen."
    assert options.lines[0].url == reverse(
        "goals:goal_detail", kwargs={"project": project.pk, "goal": material.goal.pk}
    )
    assert [line.text for line in consequences.lines] == ["Flexwoningen: Snel, maar tijdelijk"]
    assert preferred.lines[0].detail == "Aangenomen: Raadsbesluit 2024-031 van 23-05-2024"
    # Which process documents answer each question (the catalogue's mapping).
    assert "Uitvoeringsplan" in preferred.documents


def test_an_empty_project_says_what_is_not_answered_yet(project):
    answers = compass(project)
    assert not any(a.answered for a in answers)
    assert answers[2].summary == "Nog geen doelenboom."
    assert answers[5].summary == "Nog geen voorkeursoptie gekozen."


def test_the_framework_fills_the_domains(project, material):
    organisation(project)
    services.situation_save(actor=project.leader, project=project, domain="wonen",
                            text="Wachtlijst van zeven jaar")  # fmt: skip
    acts = actions(project)
    from processteps.actions.models import ActionParty

    ActionParty.objects.create(action=acts.housing, name="uitvoeringsteam wonen",
                               role="informed")  # fmt: skip
    data = framework(project, actions=framework_actions(project))
    rows = {key: cells for _label, key, cells in data["rows"]}
    domains = [d.value for d in data["domains"]]
    wonen, integreren = domains.index("wonen"), domains.index("integreren")
    assert [t for t, _u, _s in rows["current"][wonen].items] == ["Wachtlijst van zeven jaar"]
    assert "Iedereen woont passend" in [t for t, _u, _s in rows["long"][wonen].items]
    assert "Nieuwkomers spreken mee" in [t for t, _u, _s in rows["short"][integreren].items]
    short_housing = [(t, s) for t, _u, s in rows["short"][wonen].items]
    assert (material.goal.statement, "doel") in short_housing
    assert ("Flexwoningen bouwen", "actie") in short_housing
    # The parties of the action, by the kind of the body of the same name.
    parties = dict(data["parties"])
    assert [t for t, _u, _s in parties["Maatschappelijke organisaties"][wonen].items] == [
        "Uitvoeringsteam Wonen"
    ]


def test_a_situation_is_saved_and_an_empty_one_removed(project, client_as):
    browser = client_as("leader")
    url = reverse("implementation:situation_edit", kwargs={"project": project.pk,
                                                           "domain": "werken"})  # fmt: skip
    assert browser.post(url, {"text": "Weinig banen"}).status_code == 302
    assert DomainSituation.objects.get(project=project, domain="werken").text == "Weinig banen"
    assert browser.post(url, {"text": "  "}).status_code == 302
    assert not DomainSituation.objects.filter(project=project).exists()
    bad = reverse("implementation:situation_edit", kwargs={"project": project.pk,
                                                           "domain": "sport"})  # fmt: skip
    assert browser.get(bad).status_code == 404


def test_the_compass_page_links_to_the_evidence(project, material, client_as):
    html = client_as("member").get(
        reverse("implementation:compass", kwargs={"project": project.pk})
    ).content.decode()  # fmt: skip
    assert "1. Wat is het probleem?" in html
    goal_url = reverse("goals:goal_detail", kwargs={"project": project.pk,
                                                    "goal": material.goal.pk})  # fmt: skip
    assert f'href="{goal_url}"' in html
    assert reverse("implementation:compass_export", kwargs={"project": project.pk}) in html
    # A root cause's line leads to its evidence chain, which opens for the team.
    chain = reverse("actions:cause_chain", kwargs={"project": project.pk,
                                                   "cause": material.root.pk})  # fmt: skip
    assert f'href="{chain}"' in html
    assert client_as("member").get(chain).status_code == 200


def test_the_crosswalk_exports_as_one_pdf(project, material, client_as):
    response = client_as("member").get(
        reverse("implementation:compass_export", kwargs={"project": project.pk})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "beleidskompas-leefbare-wijk.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert_in_pdf(
        [
            "Beleidskompas",
            "1. Wat is het probleem?",
            "Hoe houden we de wijk leefbaar?",
            "2. Wie zijn belanghebbenden en waarom?",
            "3 sleutelfiguren uit 2 functionele invalshoeken",
            "6. Wat is de voorkeursoptie?",
            "Raadsbesluit 2024-031",
            "Integraal raamwerk: doelen korte en lange termijn",
            "Iedereen woont passend",
        ],
        text,
    )


def test_the_export_escapes_user_text(project):
    tree = tree_services.team_tree_ensure(actor=project.leader, project=project)
    tree_services.goal_add(actor=project.leader, tree=tree, statement="<b>Vet</b> & co")
    html = BeleidskompasExport(project).html()
    assert "<b>Vet</b>" not in html and "&lt;b&gt;Vet&lt;/b&gt; &amp; co" in html
