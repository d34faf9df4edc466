"""The demo's implementation plan (step 11): the organisation, the steering rhythm, the current
situations and statuses for the demo's actions through the services, both checklist items
ticked and the Uitvoeringsplan published; with or without an action book, and idempotent."""

import pytest

from documents.models import Audience, Publication
from processteps.implementation.demo import demo_load
from processteps.implementation.models import (
    ActionProgress,
    DomainSituation,
    ImplementationBody,
    SteeringMoment,
)
from processteps.implementation.selectors import ActionsPlan
from tests.documents.conftest import assert_in_pdf, pdf_bytes_of, pdf_text

from .helpers import actions

pytestmark = pytest.mark.django_db


def counts():
    return tuple(
        model.objects.count()
        for model in (ImplementationBody, SteeringMoment, DomainSituation, ActionProgress,
                      Publication)
    )  # fmt: skip


def item(project, text):
    return project.steps.get(key="implementation_plan").checklist_items.get(text=text)


def test_the_demo_plan_is_built_and_published_without_an_action_book(project):
    demo_load(project=project, leader=project.leader)
    assert ImplementationBody.objects.filter(project=project).count() == 6
    assert SteeringMoment.objects.filter(project=project).count() == 4
    assert item(project, "Uitvoeringsorganisatie").is_done
    assert item(project, "Aansturing uitvoering").is_done
    document = project.steps.get(key="implementation_plan").document
    publication = Publication.objects.get(document=document, audience=Audience.PUBLIC)
    text = pdf_text(pdf_bytes_of(publication.version))
    assert_in_pdf(
        ["Uitvoeringsplan", "Stuurgroep Aanpak Migratie", "Voortgangsrapportage",
         "Er zijn nog geen acties; dit is de planning van de processtappen",
         "Statushouders wachten gemiddeld meer dan een jaar"],
        text,
    )  # fmt: skip


def test_the_demo_gives_the_actions_a_status_and_loads_once(project):
    acts = actions(project)
    demo_load(project=project, leader=project.leader)
    statuses = {a.title: a.status for a in ActionsPlan(project).actions}
    assert statuses == {
        acts.housing.title: "running",
        acts.language.title: "done",
        acts.campaign.title: "delayed",
    }
    delayed = ActionProgress.objects.get(action=acts.campaign)
    assert delayed.note.startswith("Vergunning laat verleend")
    before = counts()
    demo_load(project=project, leader=project.leader)
    assert counts() == before
