"""The Doelenboom (beleidsnota) of step 9, compiled from the team's tree and rendered to PDF: its
text holds the tree level by level, the causes the goals remove, the means, the indicators with
their charts, the weighing with the decision, and the Beleidskompas answers."""

import pytest

from documents.builders import builder_for
from documents.rendering import render_pdf
from documents.services.documents import document_ensure, version_create, version_render
from processteps.goals.documents import Doelenboom
from processteps.goals.models import GoalCause
from processteps.goals.services import derive as derive_services
from processteps.goals.services import indicators as indicator_services
from processteps.goals.services import trees as tree_services
from processteps.goals.services import weighing as weighing_services
from tests.documents.conftest import assert_in_pdf, pdf_bytes_of, pdf_text, squash

from .helpers import causal_complex, day, target_image

pytestmark = pytest.mark.django_db


def document_of(project):
    return document_ensure(project.steps.get(key="decision_making"))


def beleidsnota(project):
    """A derived team tree, reworded in part, with means, an indicator, weighing and a
    decision, adopted."""
    leader = project.leader
    cc = causal_complex(project)
    target_image(project, "Iedereen in de gemeente woont passend")
    tree = tree_services.team_tree_ensure(actor=leader, project=project)
    derive_services.tree_derive(actor=leader, tree=tree)
    goal_of = {
        link.cause_id: link.goal
        for link in GoalCause.objects.filter(goal__tree=tree).select_related("goal")
    }
    housing = goal_of[cc.cause.pk]
    tree_services.goal_update(
        actor=leader, goal=housing, statement="Er zijn genoeg betaalbare woningen"
    )
    top = tree.goals.get(level=0)
    for factor in (cc.language, cc.trust):
        tree_services.goal_update(actor=leader, goal=goal_of[factor.pk], parent=top)
    for factor, means in (
        (cc.root, "Snellere vergunningverlening"),
        (cc.language, "Taalcoaches"),
        (cc.trust, "Buurtgesprekken"),
    ):
        tree_services.means_add(actor=leader, goal=goal_of[factor.pk], description=means)
    # fmt: skip
    indicator = indicator_services.indicator_add(
        actor=leader, project=project, goal=housing, name="Gehuisveste statushouders",
        definition="Aantal statushouders met een eigen woning", unit="personen",
        baseline_value="40", baseline_date=day("2023-10-01"), target_value="320",
        target_date=day("2025-12-31"), source="Taakstellingsmonitor", method="Telling",
        frequency="quarterly", measured_by="Team wonen",
    )  # fmt: skip
    for measured_on, value in (("2024-01-01", "58"), ("2024-04-01", "180")):
        indicator_services.measurement_add(
            actor=leader, indicator=indicator, measured_on=day(measured_on), value=value
        )
    flex = weighing_services.option_add(
        actor=leader, goal=housing, title="Flexwoningen op vrije kavels",
        consequences="Snel beschikbaar, maar tijdelijk", is_preferred=True,
    )  # fmt: skip
    weighing_services.option_add(
        actor=leader, goal=housing, title="Alleen reguliere nieuwbouw",
        consequences="Pas over vijf jaar klaar",
    )  # fmt: skip
    weighing_services.decision_save(
        actor=leader, goal=housing, body="council", body_name="Gemeenteraad van Voorbeeld",
        reference="Raadsbesluit 2024-031", decided_on=day("2024-05-23"), outcome="adopted",
        chosen_option=flex, notes="",
    )  # fmt: skip
    tree_services.tree_adopt(actor=leader, tree=tree)
    return tree


def test_the_doelenboom_has_its_own_builder_with_the_old_section_keys(project):
    builder = builder_for(document_of(project))
    assert isinstance(builder, Doelenboom)
    keys = [spec.key for spec in builder.outline]
    # The keys of the placeholder it replaces stay, so documents already begun keep their text.
    for key in ("inleiding", "doelenboom", "middelen", "indicatoren", "afweging", "verantwoording"):
        assert key in keys


def test_the_pdf_holds_the_tree_the_means_the_indicators_and_the_weighing(project):
    beleidsnota(project)
    document = document_of(project)
    version = version_create(actor=project.leader, document=document)
    assert version_render(version_id=version.pk) is True
    text = pdf_text(pdf_bytes_of(version))
    assert_in_pdf(
        [
            "Doelenboom, inclusief middelen (beleidsnota)",
            "Doelenboom: van abstract naar concreet",
            "De doelenboom is vastgesteld op",
            # Level by level, with the goal above and the cause removed.
            "Niveau 0: de topdoelen",
            "Iedereen in de gemeente woont passend",
            "Er zijn genoeg betaalbare woningen",
            "Niet langer: Trage bouwprocedures",
            "Trage bouwprocedures (grondoorzaak)",
            "Te weinig betaalbare woningen (oorzaak)",
            # The check passes.
            "elke grondoorzaak uit de probleem- en oorzakenanalyse wordt door een doel weggenomen",
            # Means.
            "Snellere vergunningverlening",
            "Taalcoaches",
            # The indicator with its fields and chart.
            "Gehuisveste statushouders",
            "Aantal statushouders met een eigen woning",
            "40 personen (1 oktober 2023)",
            "320 personen (31 december 2025)",
            "180 personen (1 april 2024)",
            "Taakstellingsmonitor",
            "Per kwartaal",
            "Team wonen",
            "50% van de weg van nulmeting naar streefwaarde",
            # The weighing.
            "Flexwoningen op vrije kavels",
            "(voorkeursoptie)",
            "Snel beschikbaar, maar tijdelijk",
            "Alleen reguliere nieuwbouw",
            "Besluit: Gemeenteraad van Voorbeeld, Raadsbesluit 2024-031, 23 mei 2024: aangenomen",
            # The Beleidskompas.
            "3. Wat is het beoogde doel?",
            "4. Wat zijn opties om het doel te realiseren?",
            "5. Wat zijn de gevolgen van deze opties?",
            "6. Wat is de voorkeursoptie?",
            "2 opties voor 1 doel(en)",
            "De gevolgen zijn beschreven bij 2 van de 2 opties",
        ],
        text,
    )


def test_the_diagram_and_charts_are_inline_svg_without_links(project):
    beleidsnota(project)
    html = version_create(actor=project.leader, document=document_of(project)).html
    diagram = html[html.index('id="doelenboom"') - 200 : html.index("</svg>")]
    assert "<svg" in diagram and "href" not in diagram
    assert 'id="grafiek-' in html
    assert "<image" not in html and "data:" not in html


def test_a_draft_tree_with_problems_says_so(project):
    causal_complex(project)
    tree = tree_services.team_tree_ensure(actor=project.leader, project=project)
    derive_services.tree_derive(actor=project.leader, tree=tree)
    text = pdf_text(
        render_pdf(version_create(actor=project.leader, document=document_of(project)).html)
    )
    assert_in_pdf(
        [
            "De doelenboom is nog een concept",
            "De controle vindt nog deze punten:",
            "Het concrete doel ‘Niet langer: Trage bouwprocedures’ heeft nog geen middel.",
        ],
        text,
    )


def test_user_text_is_escaped_in_the_document(project):
    tree = tree_services.team_tree_ensure(actor=project.leader, project=project)
    tree_services.goal_add(actor=project.leader, tree=tree, statement="<b>Vet</b> & <i>schuin</i>")
    html = version_create(actor=project.leader, document=document_of(project)).html
    assert "<b>Vet</b>" not in html
    assert "&lt;b&gt;Vet&lt;/b&gt; &amp; &lt;i&gt;schuin&lt;/i&gt;" in html
    assert squash("<b>Vet</b> & <i>schuin</i>") in squash(pdf_text(render_pdf(html)))
