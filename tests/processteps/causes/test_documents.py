"""The Probleem- en oorzakenanalyse of step 5, compiled from the team analysis and rendered to
PDF; and the consent of every quote respected wherever it is cited — the team's pages, the PDF,
the exports — at each consent level (by name, anonymous, none)."""

import json

import pytest
from django.urls import reverse

from documents.builders import builder_for
from documents.rendering import render_pdf
from documents.services.documents import document_ensure, version_create, version_render
from processteps.causes.documents import ProbleemOorzakenanalyse
from processteps.causes.services import analyses as analysis_services
from processteps.causes.services import factors as factor_services
from tests.documents.conftest import assert_in_pdf, pdf_bytes_of, pdf_text, squash

from .helpers import C, fragments, good_team

pytestmark = pytest.mark.django_db

BY_NAME = "Er zijn te weinig betaalbare woningen voor jonge gezinnen."
ANONYMOUS = "De bouwprocedures duren jaren, ook voor kleine projecten."
NONE = "Ik zie de wachtlijst elke maand langer worden."


def document_of(project):
    return document_ensure(project.steps.get(key="causal_complexes"))


@pytest.fixture
def cited(project):
    """The good team model in a complex "Wonen", its three factors citing one quote each: the
    root cause the anonymous one, the cause the by-name one, the symptom the one without
    consent; a link citing the one without consent too."""
    quotes = fragments(project)
    good = good_team(project, quotes.anonymous)
    leader = project.leader
    housing = analysis_services.complex_add(
        actor=leader, analysis=good.analysis, name="Wonen", description="Van opvang tot woning"
    )
    for factor in (good.symptom, good.cause, good.root):
        factor_services.factor_update(actor=leader, factor=factor, complex=housing)
    factor_services.evidence_add(actor=leader, factor=good.cause, fragment=quotes.by_name)
    factor_services.evidence_add(actor=leader, factor=good.symptom, fragment=quotes.none)
    link = good.analysis.links.get(source=good.cause)
    factor_services.evidence_add(actor=leader, link=link, fragment=quotes.none)
    analysis_services.analysis_update(
        actor=leader, analysis=good.analysis, problem_statement="Jonge gezinnen vinden geen huis."
    )
    return good


def test_the_analysis_has_its_own_builder_with_the_old_section_keys(project):
    builder = builder_for(document_of(project))
    assert isinstance(builder, ProbleemOorzakenanalyse)
    keys = [spec.key for spec in builder.outline]
    for key in ("inleiding", "probleem", "symptomen", "oorzaken", "complexen", "bronnen",
                "verantwoording"):  # fmt: skip
        assert key in keys


def test_the_pdf_holds_the_problem_the_complexes_their_factors_and_the_check(project, cited):
    version = version_create(actor=project.leader, document=document_of(project))
    assert version_render(version_id=version.pk) is True
    text = pdf_text(pdf_bytes_of(version))
    assert_in_pdf(
        [
            "Probleem- en oorzakenanalyse",
            "Jonge gezinnen vinden geen huis.",
            "Oorzakelijke complexen",
            "Wonen",
            "Van opvang tot woning",
            "Lange wachtlijsten voor een woning",
            "Te weinig betaalbare woningen",
            "leidt tot Lange wachtlijsten voor een woning",
            "Trage bouwprocedures",
            "Grondoorzaak",
            "elke grondoorzaak heeft bewijs uit de consultatieronde",
        ],
        text,
    )


def test_the_diagram_is_inline_svg_without_links(project, cited):
    html = version_create(actor=project.leader, document=document_of(project)).html
    assert html.count("<svg") == 1
    diagram = html[html.index('id="complex-1"') - 200 : html.index("</svg>")]
    assert "href" not in diagram
    assert "<image" not in html and "data:" not in html


def test_a_model_with_problems_says_so_in_the_document(project, cited):
    factor_services.factor_add(
        actor=project.leader, analysis=cited.analysis, statement="Weinig groen", kind=C
    )
    text = pdf_text(
        render_pdf(version_create(actor=project.leader, document=document_of(project)).html)
    )
    assert_in_pdf(
        ["De controle vindt nog deze punten:",
         "De factor ‘Weinig groen’ is met geen enkele andere factor verbonden."],
        text,
    )  # fmt: skip


def test_html_in_a_statement_is_escaped_in_the_document(project, cited):
    factor_services.factor_update(
        actor=project.leader, factor=cited.cause, statement="<b>Vet</b> & <i>schuin</i>"
    )
    html = version_create(actor=project.leader, document=document_of(project)).html
    assert "<b>Vet</b>" not in html
    assert "&lt;b&gt;Vet&lt;/b&gt; &amp; &lt;i&gt;schuin&lt;/i&gt;" in html
    assert squash("<b>Vet</b> & <i>schuin</i>") in squash(pdf_text(render_pdf(html)))


# -- consent, everywhere a quote is cited ------------------------------------------------------


def test_by_name_consent_is_quoted_with_name_and_organisation_everywhere(project, cited, client_as):
    attribution = "Anna de Vries (Woonbond Noord)"
    page = client_as("member").get(
        reverse("causes:factor_detail", kwargs={"project": project.pk, "factor": cited.cause.pk})
    )
    assert BY_NAME in page.content.decode() and attribution in page.content.decode()
    text = pdf_text(
        render_pdf(version_create(actor=project.leader, document=document_of(project)).html)
    )
    assert_in_pdf([BY_NAME, attribution], text)
    export = export_of(client_as("member"), project, cited.analysis, "csv")
    assert BY_NAME in export and attribution in export


def test_anonymous_consent_is_quoted_without_a_name_everywhere(project, cited, client_as):
    label = "Een sleutelfiguur (huurdersorganisatie)"
    page = (
        client_as("member")
        .get(
            reverse("causes:factor_detail", kwargs={"project": project.pk, "factor": cited.root.pk})
        )
        .content.decode()
    )
    assert ANONYMOUS in page and label in page
    assert "Kees Bakker" not in page and "Bouwbedrijf Bakker" not in page
    text = pdf_text(
        render_pdf(version_create(actor=project.leader, document=document_of(project)).html)
    )
    assert_in_pdf([ANONYMOUS, label], text)
    assert squash("Kees Bakker") not in squash(text)
    assert squash("Bouwbedrijf Bakker") not in squash(text)
    for fmt in ("csv", "json", "graphml"):
        export = export_of(client_as("member"), project, cited.analysis, fmt)
        assert ANONYMOUS in export and "Kees Bakker" not in export
        assert "Bouwbedrijf Bakker" not in export


def test_a_quote_without_consent_stays_inside_the_team(project, cited, client_as):
    page = (
        client_as("member")
        .get(
            reverse(
                "causes:factor_detail", kwargs={"project": project.pk, "factor": cited.symptom.pk}
            )
        )
        .content.decode()
    )
    # The team sees it, marked as not to be quoted.
    assert NONE in page and "Niet citeerbaar" in page
    html = version_create(actor=project.leader, document=document_of(project)).html
    assert NONE not in html and "Piet Geheim" not in html and "Stichting Geheim" not in html
    assert "zonder toestemming om te citeren niet opgenomen" in html
    text = pdf_text(render_pdf(html))
    assert squash(NONE) not in squash(text)
    for fmt in ("csv", "json", "graphml"):
        export = export_of(client_as("member"), project, cited.analysis, fmt)
        assert NONE not in export and "Piet Geheim" not in export, fmt
    payload = json.loads(export_of(client_as("member"), project, cited.analysis, "json"))
    symptom = next(e for e in payload["elements"] if e["kind"] == "symptom")
    assert symptom["evidence"] == [{"fragment": cited_fragment_id(cited), "note": ""}]


def cited_fragment_id(cited):
    return cited.symptom.evidence.get().fragment_id


def export_of(browser, project, analysis, fmt) -> str:
    response = browser.get(
        reverse(
            "causes:analysis_export",
            kwargs={"project": project.pk, "analysis": analysis.pk, "fmt": fmt},
        )
    )
    assert response.status_code == 200
    return response.content.decode("utf-8-sig")
