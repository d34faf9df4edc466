"""The Actieboek of step 10, compiled from the action forms and rendered to PDF: the overview,
one action form per page with the quotes that evidence its causes (consent respected), the
parties, the implementation indicators with their charts; compiled in a fixed number of
queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.builders import builder_for
from documents.rendering import render_pdf
from documents.services.documents import document_ensure, version_create, version_render
from processteps.actions.documents import Actieboek
from processteps.actions.services import actions as services
from processteps.actions.services import invitations as invitation_services
from processteps.consultation.models import QuoteConsent
from processteps.goals.services import indicators as indicator_services
from tests.documents.conftest import assert_in_pdf, pdf_bytes_of, pdf_pages_text, pdf_text
from tests.factories import grow_actions

from .helpers import add_action, complete_form, quote_for, world_of

pytestmark = pytest.mark.django_db


def document_of(project):
    return document_ensure(project.steps.get(key="actions"))


def actieboek(project):
    w = world_of(project)
    flex = add_action(w)
    services.action_adopt(actor=project.leader, action=flex)
    form = complete_form(w, title="Buurtgesprekken", risks="")
    form.causes, form.goals = [w.cc.trust], [w.trust]
    form.parties = [{"name": "Buurthuis De Brug", "role": "accountable"}]
    form.budget = [{"amount": "12.500", "source": "Welzijnsbudget", "year": 2026}]
    services.action_save(actor=project.member, project=project, form=form)
    quote_for(project, w.cc.cause, text="Ik wacht al zeven jaar op een huis.",
              consent=QuoteConsent.BY_NAME)  # fmt: skip
    quote_for(project, w.cc.cause, text="Zeg dit aan niemand.", consent=QuoteConsent.NONE,
              name="Anoniem")  # fmt: skip
    indicator = flex.indicator_links.get().indicator
    for day, value in ((datetime.date(2025, 3, 1), "10"), (datetime.date(2025, 6, 1), "30")):
        indicator_services.measurement_add(
            actor=project.leader, indicator=indicator, measured_on=day, value=value
        )
    invitation_services.comment_record(
        actor=project.member, action=flex, organisation="Woningcorporatie Thuis",
        text="Wij leveren twee kavels.", received_on=datetime.date(2025, 1, 20),
    )  # fmt: skip
    return w


def test_the_actieboek_has_its_own_builder_with_the_old_section_keys(project):
    builder = builder_for(document_of(project))
    assert isinstance(builder, Actieboek)
    keys = [spec.key for spec in builder.outline]
    for key in ("inleiding", "acties", "betrokkenen", "indicatoren", "verantwoording"):
        assert key in keys


def test_the_pdf_holds_every_action_form_on_a_page_of_its_own(project):
    actieboek(project)
    version = version_create(actor=project.leader, document=document_of(project))
    assert version_render(version_id=version.pk) is True
    pdf = pdf_bytes_of(version)
    text = pdf_text(pdf)
    assert_in_pdf(
        [
            "Acties gericht op het wegnemen van oorzaken",
            "Het actieboek telt 2 acties.",
            "1 actieformulieren zijn volledig ingevuld, 1 zijn vastgesteld.",
            "262.500",
            "Actie 1: Flexwoningen bouwen",
            "Te weinig betaalbare woningen (oorzaak)",
            "“Ik wacht al zeven jaar op een huis.” — Fatima Yilmaz (Huurdersvereniging)",
            "Genoeg betaalbare woningen",
            "Woningbouwprogramma van de gemeente",
            "Gemeente Voorbeeld, eigenaar (eindverantwoordelijk) · A. Wethouder",
            "2025: € 250.000 (Volkshuisvestingsfonds)",
            "1 juni 2025: Vergunning verleend",
            "Meedenken over de plek en buren verwelkomen.",
            "Bezwaren tegen de vergunning.",
            "Actie 2: Buurtgesprekken",
            "Nog niet ingevuld: Risico's",
            "Organisaties en personen met een rol in de uitvoering",
            "Buurthuis De Brug",
            "Wij leveren twee kavels.",
            "Uitvoeringsindicatoren",
            "Opgeleverde flexwoningen",
            "30 woningen (1 juni 2025)",
        ],
        text,
    )
    assert "Zeg dit aan niemand" not in text
    pages = pdf_pages_text(pdf)
    first = next(i for i, p in enumerate(pages) if "Actie 1: Flexwoningen" in p)
    second = next(i for i, p in enumerate(pages) if "Actie 2: Buurtgesprekken" in p)
    assert second > first
    assert "Actie 1: Flexwoningen" not in pages[second]


def test_user_text_is_escaped_in_the_document(project):
    w = world_of(project)
    add_action(w, title="<b>Vet</b> & <i>schuin</i>")
    html = version_create(actor=project.leader, document=document_of(project)).html
    assert "<b>Vet</b>" not in html
    assert "&lt;b&gt;Vet&lt;/b&gt; &amp; &lt;i&gt;schuin&lt;/i&gt;" in html
    assert 'id="grafiek-' in html and "<image" not in html
    render_pdf(html)


def compile_queries(project) -> int:
    document = document_of(project)
    with CaptureQueriesContext(connection) as queries:
        builder = builder_for(document)
        builder.build_html(builder.sections(), version_label="Versie 1")
    return len(queries)


def test_the_compile_costs_the_same_at_two_sizes(project):
    w = actieboek(project)
    small = compile_queries(project)
    grow_actions(project, count=30, goals=[w.housing, w.trust], causes=[w.cc.cause, w.cc.trust])
    assert compile_queries(project) == small
