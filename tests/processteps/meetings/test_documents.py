"""The three process documents of steps 6-8 are compiled from the meetings' data; the
concept-visie and the visienota are two states of the same target images."""

import pytest

from documents.builders import builder_for
from documents.services.documents import document_ensure
from processteps.meetings.documents import ConceptVisie, Interventiepunten, Visienota
from processteps.meetings.services import results as result_services
from processteps.meetings.services import vision as vision_services

from .world import SECRET_INTEREST, SECRET_PHONE, build_world

pytestmark = pytest.mark.django_db


def compiled(project, step_key) -> str:
    document = document_ensure(project.steps.get(key=step_key))
    return " ".join(s.compiled for s in builder_for(document).sections())


def test_the_builders_replace_the_placeholders():
    from documents.builders.base import registry

    types = registry()
    assert types["interventiepunten"] is Interventiepunten
    assert types["concept_visie"] is ConceptVisie
    assert types["visienota"] is Visienota


def test_the_interventiepunten_compile_meetings_answers_and_points(project):
    world = build_world(project)
    html = compiled(project, "expert_meetings")
    assert "Expertmeeting werk" in html and "Expertmeeting wonen" in html
    assert "Waar kan de gemeente zelf ingrijpen?" in html
    assert "Nog niet beantwoord." in html  # the minutes are a draft still
    result_services.minutes_approve(actor=project.member, meeting=world.held)
    html = compiled(project, "expert_meetings")
    assert "Bij de woningtoewijzing." in html
    assert "Meer sociale huur" in html and "Te weinig woningen" in html
    assert "Gemeenteraad" in html and "De experts zijn het eens." in html
    for secret in (SECRET_INTEREST, SECRET_PHONE, "eva.expert@example.org", "Eva Expert"):
        assert secret not in html


def test_the_concept_visie_and_the_visienota_show_two_states(project):
    world = build_world(project)
    vision_services.target_image_decide(
        actor=project.leader,
        image=world.concept,
        meeting=world.political,
        outcome="changed",
        political_argument="Haalbaarder",
        review_date=world.political.starts_at.date().replace(
            year=world.political.starts_at.year + 1
        ),
        title="Werk voor velen",
        text="Voor wie kan",
    )
    concept = compiled(project, "citizen_dialogues")
    assert "Werk voor iedereen" in concept and "Werk voor velen" not in concept
    assert "World Café" in concept and "Wat gaat goed?" in concept
    assert "Meer ontmoetingsplekken 0" in concept  # the harvest a target image cites
    assert "Burgers" in concept  # participation per group
    final = compiled(project, "political_meeting")
    assert "Werk voor velen" in final and "Haalbaarder" in final
    assert "Zoals de burgers het gaven" in final and "Werk voor iedereen" in final
    assert "Past bij het coalitieakkoord" in final
    assert "Wethouder Wit" in final
    # The justice test of the adopted image, and the response to every harvest item.
    assert "Minder keuze" in final and "Met hulp" in final
    assert "Nog zonder reactie: 1" in final
