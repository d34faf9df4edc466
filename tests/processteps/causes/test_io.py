"""Export and import of an analysis: every format round-trips (CSV, XLSX, JSON for Kumu,
GraphML for yEd); a bad file gets row-by-row Dutch problems and nothing is imported; at most
2,000 factors per file."""

import io as stdlib_io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from processteps.causes.models import CausalFactor, CausalLink, Evidence
from processteps.causes.services import analyses as analysis_services
from processteps.causes.services import factors as factor_services
from processteps.causes.services import io

from .helpers import fragments, good_team

pytestmark = pytest.mark.django_db

WRITERS = {"csv": io.export_csv, "xlsx": io.export_xlsx, "json": io.export_json,
           "graphml": io.export_graphml}  # fmt: skip


@pytest.fixture
def source(project):
    quotes = fragments(project)
    good = good_team(project, quotes.anonymous)
    leader = project.leader
    housing = analysis_services.complex_add(actor=leader, analysis=good.analysis, name="Wonen")
    factor_services.factor_update(
        actor=leader, factor=good.cause, complex=housing, description="=1+1 vooral sociale huur"
    )
    link = good.analysis.links.get(source=good.cause)
    factor_services.link_update(
        actor=leader, link=link, polarity="weakens", confidence="high", rationale="Omdat"
    )
    factor_services.link_mark_loop(actor=leader, link=link, loop=True)
    factor_services.evidence_add(actor=leader, link=link, fragment=quotes.none)
    return good


def snapshot(analysis):
    factors = {
        f.pk: (f.statement, f.kind, f.description, f.complex.name if f.complex else "",
               sorted(f.evidence.values_list("fragment_id", flat=True)))
        for f in analysis.factors.select_related("complex")
    }  # fmt: skip
    links = sorted(
        (factors[link.source_id][0], factors[link.target_id][0], link.polarity, link.confidence,
         link.rationale, link.is_reinforcing_loop,
         sorted(link.evidence.values_list("fragment_id", flat=True)))
        for link in analysis.links.all()
    )  # fmt: skip
    return sorted(factors.values()), links


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_every_export_imports_again_into_an_empty_analysis(project, source, fmt):
    content = WRITERS[fmt](source.analysis)
    target = analysis_services.own_analysis_ensure(actor=project.member, project=project)
    upload = SimpleUploadedFile(f"model.{fmt}", content)
    result = io.analysis_import(actor=project.member, analysis=target, upload=upload)
    assert (result.factors, result.links) == (3, 2)
    assert snapshot(target) == snapshot(source.analysis)


def test_the_csv_is_safe_in_a_spreadsheet(source):
    text = io.export_csv(source.analysis).decode("utf-8-sig")
    assert "'=1+1 vooral sociale huur" in text  # shown, never run (and read back as typed)


def test_the_json_is_shaped_as_kumu_reads_it(source):
    payload = json.loads(io.export_json(source.analysis))
    assert {"elements", "connections"} <= set(payload)
    labels = {e["id"]: e["label"] for e in payload["elements"]}
    assert all(c["from"] in labels and c["to"] in labels for c in payload["connections"])


def upload_csv(text: str, name="model.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_a_bad_file_is_refused_row_by_row_and_nothing_is_imported(project):
    target = analysis_services.own_analysis_ensure(actor=project.member, project=project)
    text = (
        "regel;sleutel;stelling;soort;oorzaak;gevolg;richting;fragmenten\n"
        "factor;A;Goed;symptoom;;;;\n"
        f"factor;B;{'x' * 301};oorzaak;;;;\n"
        "factor;C;Iets;gevoel;;;;\n"
        "factor;A;Dubbel;oorzaak;;;;\n"
        "verband;;;;A;A;;\n"
        "verband;;;;Z;A;;\n"
        "verband;;;;C;A;misschien;\n"
        "factor;D;Met bewijs;oorzaak;;;;99999\n"
        "iets;;;;;;;\n"
    )
    with pytest.raises(ValidationError) as error:
        io.analysis_import(actor=project.member, analysis=target, upload=upload_csv(text))
    messages = error.value.messages
    assert messages == ["Rij 10: regel 'iets' is geen ‘factor’ of ‘verband’"]
    text = text.replace("iets;;;;;;;\n", "")
    with pytest.raises(ValidationError) as error:
        io.analysis_import(actor=project.member, analysis=target, upload=upload_csv(text))
    messages = error.value.messages
    assert "Rij 3: De stelling is te lang (301 tekens, hoogstens 300). Houd haar kort en zet " \
        "de uitleg in de toelichting." in messages  # fmt: skip
    assert "Rij 4: soort 'gevoel' is geen symptoom, oorzaak of grondoorzaak" in messages
    assert "Rij 5: de sleutel 'A' staat er al eerder in" in messages
    assert "Rij 6: een factor kan niet naar zichzelf leiden" in messages
    assert "Rij 7: de factor 'Z' staat niet in het bestand" in messages
    assert "Rij 8: richting 'misschien' is niet ‘versterkt’ of ‘verzwakt’" in messages
    assert "Rij 9: fragment '99999' bestaat niet in dit project" in messages
    assert not CausalFactor.objects.filter(analysis=target).exists()
    assert not CausalLink.objects.exists() and not Evidence.objects.exists()


def test_a_fragment_of_another_project_is_not_cited_by_an_import(project):
    from tests.factories import ProjectFactory

    other = ProjectFactory(leader=project.leader)
    other.leader, other.member = project.leader, project.member
    from processteps.models import Membership, Role

    Membership.objects.create(project=other, user=project.member, role=Role.MEMBER)
    foreign = fragments(other).by_name
    target = analysis_services.own_analysis_ensure(actor=project.member, project=project)
    text = f"regel;sleutel;stelling;soort;fragmenten\nfactor;A;Iets;oorzaak;{foreign.pk}\n"
    with pytest.raises(ValidationError, match="bestaat niet in dit project"):
        io.analysis_import(actor=project.member, analysis=target, upload=upload_csv(text))


def test_more_than_2000_factors_are_refused_with_a_dutch_message(project):
    target = analysis_services.own_analysis_ensure(actor=project.member, project=project)
    rows = "".join(f"factor;F{n};Factor {n};oorzaak\n" for n in range(2001))
    with pytest.raises(ValidationError, match="2001 factoren; er kunnen er hoogstens 2000"):
        io.analysis_import(
            actor=project.member, analysis=target,
            upload=upload_csv("regel;sleutel;stelling;soort\n" + rows),
        )  # fmt: skip
    payload = {"elements": [{"id": n, "label": f"F{n}", "kind": "cause"} for n in range(2001)]}
    with pytest.raises(ValidationError, match="hoogstens 2000"):
        io.analysis_import(
            actor=project.member, analysis=target,
            upload=SimpleUploadedFile("m.json", json.dumps(payload).encode()),
        )  # fmt: skip
    assert not target.factors.exists()


def test_exactly_2000_factors_are_imported(project):
    target = analysis_services.own_analysis_ensure(actor=project.member, project=project)
    rows = "".join(f"factor;F{n};Factor {n};oorzaak\n" for n in range(2000))
    result = io.analysis_import(
        actor=project.member, analysis=target,
        upload=upload_csv("regel;sleutel;stelling;soort\n" + rows),
    )  # fmt: skip
    assert result.factors == 2000


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("m.json", b"{niet json", "Het JSON-bestand kan niet worden gelezen"),
        ("m.json", b'{"nodes": []}', "geen lijst ‘elements’"),
        ("m.graphml", b"<graphml><nope", "Het GraphML-bestand kan niet worden gelezen"),
        ("m.graphml", b'<!DOCTYPE x [<!ENTITY a "b">]><graphml/>', "kan niet worden gelezen"),
        ("m.csv", b"", "Het bestand is leeg."),
    ],
)
def test_unreadable_files_get_a_dutch_error(project, name, content, message):
    target = analysis_services.own_analysis_ensure(actor=project.member, project=project)
    with pytest.raises(ValidationError, match=message):
        io.analysis_import(
            actor=project.member, analysis=target, upload=SimpleUploadedFile(name, content)
        )


def test_the_import_page_lists_the_problems_and_imports_a_good_file(project, client_as):
    target = analysis_services.own_analysis_ensure(actor=project.member, project=project)
    url = reverse("causes:analysis_import", kwargs={"project": project.pk, "analysis": target.pk})
    browser = client_as("member")
    bad = upload_csv("regel;sleutel;stelling;soort\nfactor;A;<b>Iets</b>;gevoel\n")
    response = browser.post(url, {"file": bad})
    html = response.content.decode()
    assert response.status_code == 200 and "Er is niets geïmporteerd" in html
    assert "Rij 2: soort &#x27;gevoel&#x27; is geen symptoom" in html
    good = upload_csv("regel;sleutel;stelling;soort\nfactor;A;<b>Iets</b>;symptoom\n")
    response = browser.post(url, {"file": good})
    assert response.status_code == 302
    assert target.factors.get().statement == "<b>Iets</b>"
    xlsx = SimpleUploadedFile("m.xls", b"nope")
    response = browser.post(url, {"file": xlsx})
    assert "kan niet worden ingelezen" in response.content.decode()


def test_an_xlsx_export_has_one_sheet_with_the_headers(source):
    from openpyxl import load_workbook

    workbook = load_workbook(stdlib_io.BytesIO(io.export_xlsx(source.analysis)))
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == list(io.EXPORT_HEADERS)
    assert sheet.max_row == 1 + 3 + 2


def test_a_kumu_export_and_a_yed_file_are_read_too(project):
    """Kumu keeps fields under ``attributes``; yEd writes its labels in a NodeLabel."""
    target = analysis_services.own_analysis_ensure(actor=project.member, project=project)
    kumu = {
        "elements": [
            {"_id": "a", "attributes": {"label": "Wachtlijsten", "element type": "Symptoom"}},
            {"_id": "b", "attributes": {"label": "Te weinig woningen", "element type": "oorzaak"}},
        ],
        "connections": [{"from": "b", "to": "a", "attributes": {"connection type": "versterkt"}}],
    }
    result = io.analysis_import(
        actor=project.member, analysis=target,
        upload=SimpleUploadedFile("kumu.json", json.dumps(kumu).encode()),
    )  # fmt: skip
    assert (result.factors, result.links) == (2, 1)
    yed = b"""<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key id="d6" for="node" yfiles.type="nodegraphics"/>
  <key id="k" for="node" attr.name="kind" attr.type="string"/>
  <graph id="G" edgedefault="directed">
    <node id="n0"><data key="k">symptom</data><data key="d6"><y:ShapeNode><y:NodeLabel>Onrust
    in de buurt</y:NodeLabel></y:ShapeNode></data></node>
    <node id="n1"><data key="k">root_cause</data><data key="d6"><y:ShapeNode>
      <y:NodeLabel>Weinig vertrouwen</y:NodeLabel></y:ShapeNode></data></node>
    <edge id="e0" source="n1" target="n0"/>
  </graph>
</graphml>"""
    result = io.analysis_import(
        actor=project.member, analysis=target, upload=SimpleUploadedFile("yed.graphml", yed)
    )
    assert (result.factors, result.links) == (2, 1)
    assert set(target.factors.values_list("statement", flat=True)) >= {
        "Onrust in de buurt", "Weinig vertrouwen"
    }  # fmt: skip
