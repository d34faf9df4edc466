"""The Uitvoeringsplan of step 11, compiled from the project's data and rendered to PDF by the
workers' path (version_render): its text holds the organisation, the steering rhythm, the
timeline, the RACI table, the monitoring with indicator charts, the gegevensbank, the
Beleidskompas and the integral framework."""

import datetime

import pytest

from documents.builders import builder_for
from documents.services.documents import document_ensure, version_create, version_render
from processteps.goals.models import Goal
from processteps.goals.services import indicators as indicator_services
from processteps.goals.services import trees as tree_services
from processteps.implementation.documents import Uitvoeringsplan
from processteps.implementation.services.progress import progress_report
from tests.documents.conftest import assert_in_pdf, pdf_bytes_of, pdf_text

from .helpers import actions, organisation

pytestmark = pytest.mark.django_db


def document_of(project):
    return document_ensure(project.steps.get(key="implementation_plan"))


def plan(project):
    leader = project.leader
    org = organisation(project)
    tree = tree_services.team_tree_ensure(actor=leader, project=project)
    top = tree_services.goal_add(actor=leader, tree=tree, statement="Iedereen woont goed")
    sub = tree_services.goal_add(actor=leader, tree=tree, statement="Genoeg woningen", level=1,
                                 parent=top)  # fmt: skip
    indicator = indicator_services.indicator_add(
        actor=leader, project=project, goal=sub, name="Gehuisveste statushouders",
        unit="personen", baseline_value="40", baseline_date=datetime.date(2024, 1, 1),
        target_value="320", target_date=datetime.date(2026, 1, 1), source="Taakstellingsmonitor",
    )  # fmt: skip
    indicator_services.measurement_add(
        actor=leader, indicator=indicator, measured_on=datetime.date(2025, 1, 1), value="180"
    )
    acts = actions(project, goal=Goal.objects.get(pk=sub.pk))
    progress_report(
        actor=leader, action=acts.housing, status="delayed", reported_on=datetime.date(2025, 5, 1),
        note="Bezwaar tegen de vergunning",
    )  # fmt: skip
    return org, acts


def test_the_uitvoeringsplan_has_its_own_builder_with_the_old_section_keys(project):
    builder = builder_for(document_of(project))
    assert isinstance(builder, Uitvoeringsplan)
    keys = [spec.key for spec in builder.outline]
    for key in ("inleiding", "organisatie", "aansturing", "planning", "gegevensbanken",
                "verantwoording"):  # fmt: skip
        assert key in keys


def test_the_pdf_holds_the_whole_plan(project):
    plan(project)
    version = version_create(actor=project.leader, document=document_of(project))
    assert version_render(version_id=version.pk) is True
    text = pdf_text(pdf_bytes_of(version))
    assert_in_pdf(
        [
            "Uitvoeringsplan",
            # The organisation, without the team's contact data.
            "Uitvoeringsorganisatie",
            "Stuurt de uitvoering",
            "Stuurgroep Samenleven",
            "Stelt prioriteiten en besluit over bijsturing",
            "Voert uit",
            "Uitvoeringsteam Wonen",
            # The steering rhythm.
            "Stuurgroepoverleg (overleg)",
            "Maandelijks, vanaf 15 januari 2025",
            "Kwartaalrapportage (rapportage)",
            # The planning, as a table beside the timeline.
            "Planning van de acties als tabel",
            "Flexwoningen bouwen",
            "Vergunning verleend (1 apr 2025, gehaald)",
            "Nog zonder begin- of einddatum: Campagne Samen wonen",
            # RACI.
            "Rollen per actie (RACI)",
            "Woningcorporatie De Brug",
            "Zonder eigenaar: Taalcafés in de wijk, Campagne Samen wonen",
            # Monitoring.
            "Status per actie",
            "Vertraagd",
            "Bezwaar tegen de vergunning",
            "Voortgang per doel",
            "Genoeg woningen",
            "Gehuisveste statushouders",
            "180 personen (1 januari 2025)",
            # The gegevensbank, the compass and the framework.
            "De gegevensbank telt 1 indicator",
            "1. Wat is het probleem?",
            "Integraal raamwerk: betrokken partijen",
        ],
        text,
    )
    assert "wonen@example.org" not in text


def test_the_timeline_and_the_charts_are_inline_svg_without_links(project):
    plan(project)
    html = version_create(actor=project.leader, document=document_of(project)).html
    timeline = html[
        html.index('id="planning-acties"') - 200 : html.index(
            "</svg>", html.index('id="planning-acties"')
        )
    ]
    assert "<svg" in timeline and "href" not in timeline
    assert 'role="img"' in timeline  # without links, an image
    assert 'id="grafiek-' in html
    assert "<image" not in html and "data:" not in html


def test_without_actions_the_plan_shows_the_planning_of_the_steps(project):
    step = project.steps.get(key="start")
    step.planned_start = datetime.date(2024, 12, 1)
    step.planned_end = datetime.date(2024, 12, 31)
    step.save()
    html = version_create(actor=project.leader, document=document_of(project)).html
    assert "Er zijn nog geen acties; dit is de planning van de processtappen." in html
    assert 'id="planning-stappen"' in html
    assert "1. Starten van het proces" in html
