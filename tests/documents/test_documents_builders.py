"""Every document type builds from its sections and the project's data, and renders to a PDF
whose text holds its title, its sections and the data compiled into it."""

import datetime

import pytest

from documents.builders import builder_for, registry
from documents.rendering import render_pdf
from documents.services.documents import section_update, version_create, version_render
from processteps.models import Role
from processteps.services.projects import project_create
from tests.factories import DataSourceFactory, MembershipFactory, TaskFactory, UserFactory

from .conftest import assert_in_pdf, document_of, pdf_bytes_of, pdf_text, squash

pytestmark = pytest.mark.django_db


@pytest.fixture
def rich_project(catalogue):
    """A project made by the real service, with a team, agreements, tasks and a planning."""
    leader = UserFactory(username="leider", first_name="Lotte", last_name="Leider")
    project = project_create(
        actor=leader,
        name="Eenzaamheid in Oost",
        issue="Steeds meer ouderen in Oost voelen zich eenzaam.",
        client_organisation="Gemeente Oosterhout",
        start_date=datetime.date(2024, 1, 1),
    )
    member = MembershipFactory(
        project=project,
        role=Role.MEMBER,
        commitment="4 uur per week",
        user=UserFactory(username="teamlid", first_name="Tim", last_name="Teamlid"),
    ).user
    MembershipFactory(
        project=project,
        role=Role.CLIENT,
        user=UserFactory(username="klant", first_name="Olga", last_name="Opdracht"),
    )
    project.agreements.create(text="We vergaderen elke dinsdagavond", position=1)
    project.agreements.create(text="Besluiten staan binnen een week in het logboek", position=2)
    TaskFactory(
        project=project,
        step=project.steps.get(number=1),
        title="Zaal huren voor de startbijeenkomst",
        assignee=member,
    )
    project.steps.filter(number=1).update(
        planned_start=datetime.date(2024, 1, 1), planned_end=datetime.date(2024, 2, 1)
    )
    project.steps.filter(number=2).update(
        planned_start=datetime.date(2024, 3, 1), planned_end=datetime.date(2024, 3, 1)
    )
    project.leader, project.member = leader, member
    return project


def test_every_step_of_a_project_has_a_builder_of_its_own(rich_project):
    types = list(rich_project.steps.order_by("number").values_list("document_type", flat=True))
    assert len(types) == 11
    assert sorted(types) == sorted(registry())
    for step in rich_project.steps.all():
        builder = builder_for(document_of(rich_project, step.number))
        assert type(builder).document_type == step.document_type
        assert builder.outline, step.document_type


def _types_in_step_order():
    from processteps.catalogue import CATALOGUE

    return [entry["document_type"] for entry in CATALOGUE]


@pytest.mark.parametrize("document_type", _types_in_step_order())
def test_document_type_renders_title_sections_and_data(document_type, rich_project):
    step = rich_project.steps.get(document_type=document_type)
    document = document_of(rich_project, step.number)
    builder = builder_for(document)
    specs = builder.outline
    compilers = {spec.compiled for spec in specs}

    # Something the team wrote, in the first section of the outline.
    written = f"Geschreven tekst voor {document.title}: de buurt praat mee."
    first = document.sections.get(key=specs[0].key)
    section_update(actor=rich_project.leader, section=first, body=f"<p>{written}</p>", revision=0)
    DataSourceFactory(
        step=step, title=f"CBS Wijkmonitor bij stap {step.number}", notes="Cijfers per buurt"
    )
    other_step = rich_project.steps.exclude(pk=step.pk).first()
    DataSourceFactory(step=other_step, title="Bron van een andere stap")

    version = version_create(actor=rich_project.leader, document=document, change_note="Eerste")
    assert version_render(version_id=version.pk) is True
    pdf = pdf_bytes_of(version)
    assert pdf.startswith(b"%PDF")
    assert version.pdf_pages >= 3  # a cover, the contents, the chapters
    text = pdf_text(pdf)

    expected = [
        document.title,
        rich_project.name,
        "Gemeente Oosterhout",
        "Versie 1",
        "Inhoudsopgave",
        written,
        *[str(spec.title) for spec in specs],
    ]
    if "step_sources" in compilers:
        expected += [f"CBS Wijkmonitor bij stap {step.number}", "Cijfers per buurt"]
    if "step_account" in compilers:
        expected += [step.uncertainty_reduction, step.checklist_items.first().text]
    if "project_issue" in compilers:
        expected.append("Steeds meer ouderen in Oost voelen zich eenzaam.")
    if "planning" in compilers:
        expected += ["1. Starten van het proces", "jan 2024", "mrt 2024"]
    assert_in_pdf(expected, text)
    # Sources belong to their step: another step's source is not in this document.
    assert squash("Bron van een andere stap") not in squash(text)


def test_plan_van_aanpak_compiles_steps_team_agreements_and_tasks(rich_project):
    document = document_of(rich_project, 1)
    version = version_create(actor=rich_project.leader, document=document)
    text = pdf_text(render_pdf(version.html))

    steps = list(rich_project.steps.order_by("number"))
    assert_in_pdf(
        [
            "Aanpak en processtappen",
            *[f"{s.number}. {s.name}" for s in steps],
            *[s.document_name for s in steps],
            "Team en rollen",
            # Each person next to their role (and commitment) in one row of the table.
            "Lotte Leider Projectleider",
            "Tim Teamlid Teamlid 4 uur per week",
            "Olga Opdracht Opdrachtgever",
            "Afspraken",
            "We vergaderen elke dinsdagavond",
            "Besluiten staan binnen een week in het logboek",
            "Taken",
            "Zaal huren voor de startbijeenkomst Tim Teamlid",
            "Planning",
            "jan 2024",
            "feb 2024",
            "mrt 2024",
            "Communicatie",
            "Opdrachtgever/opdrachtnemer",
        ],
        text,
    )
    # The steps table lists them in the method's order.
    flat = squash(text)
    positions = [flat.index(squash(f"{s.number}. {s.name}")) for s in steps]
    assert positions == sorted(positions)


def test_compiled_data_is_taken_when_the_version_is_saved(rich_project):
    document = document_of(rich_project, 1)
    first = version_create(actor=rich_project.leader, document=document)
    rich_project.agreements.create(text="Nieuwe afspraak na versie 1", position=3)

    second = version_create(actor=rich_project.leader, document=document)

    assert "Nieuwe afspraak na versie 1" not in first.html
    assert "Nieuwe afspraak na versie 1" in second.html
    assert_in_pdf(["Nieuwe afspraak na versie 1"], pdf_text(render_pdf(second.html)))


HOSTILE = (
    '<p onclick="alert(1)">Zichtbare alinea</p>'
    "<script>alert('xss')</script>"
    '<img src="http://evil.example/track.png" alt="volg">'
    '<a href="javascript:alert(1)">klik</a>'
    '<link rel="stylesheet" href="http://evil.example/x.css">'
    '<p style="background:url(http://evil.example/bg.png)">Tweede alinea</p>'
)


def test_a_written_section_is_stored_sanitised_and_renders_its_text(rich_project):
    document = document_of(rich_project, 2)
    section = document.sections.get(key="inleiding")

    section_update(actor=rich_project.leader, section=section, body=HOSTILE, revision=0)

    section.refresh_from_db()
    for forbidden in ("<script", "alert", "onclick", "<img", "evil.example", "javascript:"):
        assert forbidden not in section.body
    assert "Zichtbare alinea" in section.body and "Tweede alinea" in section.body
    version = version_create(actor=rich_project.leader, document=document)
    for forbidden in ("<script", "onclick", "evil.example", "javascript:"):
        assert forbidden not in version.html
    assert_in_pdf(["Zichtbare alinea", "Tweede alinea"], pdf_text(render_pdf(version.html)))


def test_the_section_editor_stores_sanitised_text(rich_project, client):
    from django.urls import reverse

    client.force_login(rich_project.leader)
    document = document_of(rich_project, 1)
    url = reverse(
        "documents:section_edit",
        kwargs={"project": rich_project.pk, "number": 1, "key": "aanleiding"},
    )
    response = client.post(url, {"body": HOSTILE, "revision": 0})
    assert response.status_code == 302
    body = document.sections.get(key="aanleiding").body
    assert "Zichtbare alinea" in body
    assert "<script" not in body and "onclick" not in body and "evil.example" not in body
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Zichtbare alinea" in page
    assert "alert('xss')" not in page and "evil.example" not in page
