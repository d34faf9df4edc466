"""Import and export of the key-figure register: CSV and XLSX, all or nothing, row by row."""

import csv
import dataclasses
import html
import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from processteps import tabular
from processteps.consultation.models import KeyFigure
from processteps.consultation.services import keyfigure_io
from processteps.consultation.services.keyfigure_io import HEADERS, key_figures_import
from processteps.models import AuditEntry
from tests.factories import ProjectFactory
from tests.processteps.helpers import messages_of

from .test_keyfigures_common import data_file, make_angles, make_key_figure, upload, url

pytestmark = pytest.mark.django_db

H = ",".join(HEADERS)


@pytest.fixture
def angles(project):
    return make_angles(project)


@pytest.fixture
def leader_browser(project, client_as):
    return client_as("leader")


def post_import(browser, project, file, approve=False):
    data = {"file": file}
    if approve:
        data["approve"] = "on"
    return browser.post(url("keyfigure_import", project), data)


def import_problems(project, content: str, name="lijst.csv") -> list[str]:
    with pytest.raises(ValidationError) as caught:
        key_figures_import(actor=project.leader, project=project, upload=upload(name, content))
    return caught.value.messages


def fields_of(key_figure: KeyFigure) -> tuple:
    return (
        key_figure.name,
        key_figure.organisation,
        key_figure.organisation_type,
        key_figure.function,
        key_figure.email,
        key_figure.phone,
        key_figure.address,
        key_figure.postcode,
        key_figure.city,
        key_figure.angle.name if key_figure.angle else None,
        key_figure.subangle.name if key_figure.subangle else None,
        key_figure.is_usual_suspect,
        key_figure.proposal_reason,
    )


# --- a good file imports every row ------------------------------------------------------------


def test_a_good_csv_imports_every_row(project, angles, leader_browser):
    response = post_import(leader_browser, project, data_file("good.csv"))

    assert response.status_code == 302
    assert response["Location"] == url("keyfigure_list", project)
    assert "4 sleutelfiguren geïmporteerd; ze wachten op goedkeuring." in messages_of(response)
    figures = {kf.name: kf for kf in project.key_figures.select_related("angle", "subangle")}
    assert set(figures) == {"Jan Jansen", "Fatima El Amrani", "Pieter de Vries", "Sanne Bakker"}
    assert fields_of(figures["Jan Jansen"]) == (
        "Jan Jansen", "Huisartsenpraktijk De Linde", "zorgaanbieder", "huisarts",
        "jan@example.org", "+31 6 12345678", "Lindelaan 1", "1234 AB", "Voorbeeld",
        "Zorg", "Huisartsen", True, "Kent de wijk, al 20 jaar",
    )  # fmt: skip
    # Angle names match whatever their case: "zorg", "thuiszorg".
    assert (figures["Sanne Bakker"].angle, figures["Sanne Bakker"].subangle) == (
        angles["Zorg"],
        angles["Thuiszorg"],
    )
    assert figures["Fatima El Amrani"].is_usual_suspect is False
    for kf in figures.values():
        assert kf.proposed_by == project.leader
        assert kf.approved_at is None, "approval stays a separate step"
        assert kf.status == "proposed"


def test_an_import_is_recorded_once_with_its_count(project, angles, leader_browser):
    post_import(leader_browser, project, data_file("good.csv"))
    imported = AuditEntry.objects.filter(project=project, action="keyfigure.imported")
    assert [(e.actor, e.data) for e in imported] == [(project.leader, {"count": "4"})]


def test_direct_approval_approves_every_imported_row(project, angles, leader_browser):
    response = post_import(leader_browser, project, data_file("good.csv"), approve=True)
    assert "4 sleutelfiguren geïmporteerd en goedgekeurd." in messages_of(response)
    assert project.key_figures.count() == 4
    assert not project.key_figures.filter(approved_at__isnull=True).exists()
    assert set(project.key_figures.values_list("approved_by", flat=True)) == {project.leader.pk}


def test_a_good_xlsx_imports_every_row(project, angles, leader_browser):
    response = post_import(leader_browser, project, data_file("good.xlsx"))

    assert response.status_code == 302, response.content.decode()[-2000:]
    figures = {kf.name: kf for kf in project.key_figures.select_related("angle", "subangle")}
    assert set(figures) == {"Jan Jansen", "Fatima El Amrani", "Pieter de Vries"}
    pieter = figures["Pieter de Vries"]
    # Numbers and booleans in cells arrive as the text a person typed.
    assert (pieter.phone, pieter.postcode, pieter.is_usual_suspect) == ("301234567", "1234", True)
    assert (pieter.angle, pieter.subangle) == (angles["Onderwijs"], angles["Basisonderwijs"])
    assert figures["Jan Jansen"].phone == "+31 6 12345678"


def test_a_semicolon_csv_with_a_bom_imports(project, angles, leader_browser):
    response = post_import(leader_browser, project, data_file("semicolon_bom.csv"))

    assert response.status_code == 302, response.content.decode()[-2000:]
    zoe = project.key_figures.get(name="Zoë Visser")
    assert (zoe.organisation, zoe.phone, zoe.is_usual_suspect) == ("Café De Hoek", "06 11122233",
                                                                    False)  # fmt: skip
    assert zoe.proposal_reason == "Hoort alles, ziet alles"
    ahmed = project.key_figures.get(name="Ahmed Yılmaz")
    assert ahmed.proposal_reason == "Brug naar; de jongeren"
    assert ahmed.angle == angles["Veiligheid"]


def test_a_subangle_alone_finds_its_functional_angle(project, angles):
    result = key_figures_import(
        actor=project.leader,
        project=project,
        upload=upload("lijst.csv", "naam,subinvalshoek\nTessa,Thuiszorg\n"),
    )
    assert result.count == 1
    tessa = project.key_figures.get()
    assert (tessa.angle, tessa.subangle) == (angles["Zorg"], angles["Thuiszorg"])


def test_header_spelling_variants_are_understood(project, angles):
    content = (
        "Naam;E-mailadres;Plaats;Functionele invalshoek;Usual suspect\n"
        "Ida;ida@example.org;Ede;Wonen;nee\n"
    )
    key_figures_import(actor=project.leader, project=project, upload=upload("l.csv", content))
    ida = project.key_figures.get()
    assert (ida.email, ida.city, ida.angle, ida.is_usual_suspect) == (
        "ida@example.org",
        "Ede",
        angles["Wonen"],
        False,
    )


# --- a bad row stops the whole file -----------------------------------------------------------


def test_a_file_with_one_bad_row_imports_nothing_and_names_the_row(project, angles, leader_browser):
    before = AuditEntry.objects.count()
    response = post_import(leader_browser, project, data_file("one_bad_row.csv"))

    assert response.status_code == 400
    page = response.content.decode()
    assert "Er is niets geïmporteerd" in page
    # Row 5: the header is row 1 and the blank row 4 counts, as in a spreadsheet.
    assert "Rij 5: e-mailadres &#x27;jan@&#x27; is ongeldig" in page
    assert "Rij 2" not in page and "Rij 3" not in page and "Rij 6" not in page
    assert project.key_figures.count() == 0
    assert AuditEntry.objects.count() == before


def test_every_problem_is_reported_row_by_row(project, angles):
    make_key_figure(project, name="Bestaande Bea", email="bea@example.org")
    rows = [
        H,
        "Goede Gerda,,,,gerda@example.org,,,,,Zorg,,ja,",
        ",Zonder naam BV,,,,,,,,,,,",
        "Onbekend,,,,,,,,,Onderwjs,,,",
        "Verkeerd,,,,,,,,,Onderwijs,Huisartsen,,",
        "Nergens,,,,,,,,,Zorg,Ruimtevaart,,",
        "Twijfel,,,,,,,,,,,misschien,",
        "Lang,,," + "x" * 201 + ",,,,,,,,,",
        "Dubbel,,,,dubbel@example.org,,,,,,,,",
        "dubbel,,,,DUBBEL@example.org,,,,,,,,",
        "Bestaande Bea,,,,bea@example.org,,,,,,,,",
        "Postcode,,,,,,,1234567890123,,,,,",
    ]
    problems = import_problems(project, "\n".join(rows) + "\n")

    assert problems == [
        "Rij 3: naam ontbreekt",
        "Rij 4: invalshoek 'Onderwjs' bestaat niet in dit project (Zorg, Onderwijs, Wonen, "
        "Veiligheid)",
        "Rij 5: subinvalshoek 'Huisartsen' valt niet onder invalshoek 'Onderwijs' maar onder "
        "'Zorg'",
        "Rij 6: subinvalshoek 'Ruimtevaart' bestaat niet onder 'Zorg'",
        "Rij 7: usual suspect 'misschien' is geen ja of nee",
        "Rij 8: functie is te lang (201 tekens, maximaal 200)",
        "Rij 10: dezelfde persoon als in rij 9 (dubbel)",
        "Rij 11: Bestaande Bea staat al in het register",
        "Rij 12: postcode is te lang (13 tekens, maximaal 12)",
    ]
    assert project.key_figures.count() == 1, "only the one that was there"


def test_a_long_report_is_cut_short(project, angles, monkeypatch):
    monkeypatch.setattr(tabular, "MAX_REPORTED_ERRORS", 3)
    content = H + "\n" + "".join(f"Naam {n},,,,fout{n}@,,,,,,,,\n" for n in range(6))
    problems = import_problems(project, content)
    assert problems[:3] == [f"Rij {n}: e-mailadres 'fout{n - 2}@' is ongeldig" for n in (2, 3, 4)]
    assert problems[3] == "… en nog 3 problemen."


# --- files that are not what they should be ---------------------------------------------------


# id -> (the upload, what the page says). Every one imports nothing.
BAD_FILES = {
    "pdf": (lambda: data_file("report.pdf"), "Dit is geen CSV- of XLSX-bestand ('report.pdf')"),
    "xls": (lambda: data_file("good.csv", "lijst.xls"), "Sla het op als Excel-werkmap (.xlsx)"),
    "no-extension": (lambda: data_file("good.csv", "lijst"), "Dit is geen CSV- of XLSX-bestand"),
    "fake-xlsx": (
        lambda: data_file("not_a_workbook.xlsx"),
        "Dit bestand heet .xlsx maar is geen Excel-werkmap.",
    ),
    "binary-csv": (
        lambda: upload("lijst.csv", b"\xff\xd8\xff\xe0JFIF"),
        "niet in UTF-8 opgeslagen",
    ),
    "nul-bytes": (
        lambda: upload("lijst.csv", b"naam\x00\x01\x02"),
        "Dit bestand heet .csv maar is geen tekstbestand.",
    ),
    "windows-1252": (lambda: data_file("windows_1252.csv"), "Kies in Excel bij 'Opslaan als'"),
    "empty": (lambda: upload("lijst.csv", ""), "Het verstuurde bestand is leeg."),
    "blank-lines": (lambda: upload("lijst.csv", "\n \n"), "Het bestand is leeg."),
    "header-only": (
        lambda: upload("lijst.csv", H + "\n\n"),
        "alleen een kopregel en geen sleutelfiguren",
    ),
    "no-name-column": (
        lambda: upload("lijst.csv", "organisatie,e-mail\nGemeente,a@b.nl\n"),
        "De kolom 'naam' ontbreekt",
    ),
    "unknown-column": (
        lambda: upload("lijst.csv", "naam,emial\nJan,jan@example.org\n"),
        "Onbekende kolom(men): 'emial'",
    ),
    "doubled-column": (
        lambda: upload("lijst.csv", "naam,naam\nJan,Jan\n"),
        "staan er meer dan eens in: 'naam'",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_file_that_cannot_be_read_gets_a_clear_dutch_error(project, angles, leader_browser, case):
    make_file, message = BAD_FILES[case]
    response = post_import(leader_browser, project, make_file())
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert project.key_figures.count() == 0


def test_a_file_over_the_size_limit_is_refused(project, angles, leader_browser, settings):
    settings.UPLOAD_MAX_SIZE = 100
    response = post_import(leader_browser, project, data_file("good.csv"))
    assert response.status_code == 400
    assert "Het bestand is te groot" in response.content.decode()
    assert project.key_figures.count() == 0


def test_a_file_with_too_many_rows_is_refused(project, angles, monkeypatch):
    monkeypatch.setattr(
        keyfigure_io, "KEY_FIGURES", dataclasses.replace(keyfigure_io.KEY_FIGURES, max_rows=3)
    )
    content = H + "\n" + "".join(f"Naam {n}\n" for n in range(4))
    assert import_problems(project, content) == [
        "Het bestand heeft meer dan 3 rijen; splits het in kleinere bestanden."
    ]


def test_the_import_page_lists_the_columns_and_the_angles(project, angles, leader_browser):
    page = leader_browser.get(url("keyfigure_import", project)).content.decode()
    for header in HEADERS:
        assert f"<code>{header}</code>" in page
    assert "Zorg: Huisartsen, Thuiszorg" in page
    assert url("keyfigure_template", project) in page


def test_the_template_has_the_headers_and_imports_as_nothing(project, client_as):
    response = client_as("member").get(url("keyfigure_template", project))
    assert response["Content-Disposition"] == 'attachment; filename="sleutelfiguren-sjabloon.csv"'
    text = response.content.decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(text), delimiter=";")) == HEADERS
    assert text.count("\n") == 1


# --- export, and an export imports again ------------------------------------------------------


@pytest.fixture
def register(project, angles):
    """A register with awkward values: formulas, separators, line breaks, accents, an erasure."""
    make_key_figure(
        project,
        name="Jan Jansen",
        organisation='=HYPERLINK("http://evil.example")',
        organisation_type="zorgaanbieder",
        function="huisarts; ook bestuurder",
        email="jan@example.org",
        phone="+31 6 12345678",
        address="Lindelaan 1",
        postcode="1234 AB",
        city="Voorbeeld",
        angle=angles["Zorg"],
        subangle=angles["Huisartsen"],
        proposal_reason='Zegt "waar het op staat",\nook op twee regels',
        approve=True,
        statuses=["approached"],
    )
    make_key_figure(
        project,
        name="Zoë Ünal",
        organisation="@Café",
        phone="-",
        angle=angles["Wonen"],
        is_usual_suspect=False,
    )
    make_key_figure(project, name="Zonder Invalshoek", organisation="-1+2+cmd|' /C calc'!A0")
    erased = make_key_figure(project, name="Wim Wissen", email="wim@example.org")
    from processteps.consultation.services.keyfigures import key_figure_erase

    key_figure_erase(actor=project.leader, key_figure=erased)
    return project


def other_project_with_the_same_angles(project):
    other = ProjectFactory(leader=project.leader, name="Andere wijk")
    other.leader = project.leader
    make_angles(other)
    return other


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_reimports_to_the_same_register(register, client_as, fmt):
    project = register
    response = client_as("member").get(url(f"keyfigure_export_{fmt}", project))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="sleutelfiguren-{project.slug}-'
    )
    assert response["Cache-Control"] == "no-store"

    other = other_project_with_the_same_angles(project)
    result = key_figures_import(
        actor=project.leader,
        project=other,
        upload=upload(f"export.{fmt}", response.content),
    )

    assert result.count == 3, "the erased key figure is not exported"
    mine = sorted(fields_of(kf) for kf in project.key_figures.active())
    theirs = sorted(fields_of(kf) for kf in other.key_figures.all())
    assert theirs == mine


def test_the_csv_export_is_what_dutch_excel_opens(register, client_as):
    response = client_as("leader").get(url("keyfigure_export_csv", register))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == HEADERS
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {"Jan Jansen", "Zoë Ünal", "Zonder Invalshoek"}
    # Nothing a spreadsheet would run as a formula; a phone number stays a phone number.
    assert by_name["Jan Jansen"][1] == '\'=HYPERLINK("http://evil.example")'
    assert by_name["Zoë Ünal"][1] == "'@Café"
    assert by_name["Zonder Invalshoek"][1] == "'-1+2+cmd|' /C calc'!A0"
    assert by_name["Jan Jansen"][5] == "+31 6 12345678"
    assert by_name["Zoë Ünal"][5] == "-"
    assert by_name["Jan Jansen"][9:12] == ["Zorg", "Huisartsen", "ja"]
    assert by_name["Zoë Ünal"][11] == "nee"


def test_the_xlsx_export_holds_text_never_formulas(register, client_as):
    response = client_as("leader").get(url("keyfigure_export_xlsx", register))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows())
    assert [c.value for c in rows[0]] == HEADERS
    cells = {row[0].value: row for row in rows[1:]}
    assert set(cells) == {"Jan Jansen", "Zoë Ünal", "Zonder Invalshoek"}
    jan_org = cells["Jan Jansen"][1]
    assert (jan_org.value, jan_org.data_type) == ('=HYPERLINK("http://evil.example")', "s")


def test_the_export_holds_no_trace_of_an_erased_key_figure(register, client_as):
    for fmt in ("csv", "xlsx"):
        content = client_as("leader").get(url(f"keyfigure_export_{fmt}", register)).content
        text = content.decode("utf-8-sig") if fmt == "csv" else str(
            [c.value for row in load_workbook(io.BytesIO(content)).worksheets[0].iter_rows()
             for c in row]
        )  # fmt: skip
        assert "Wim" not in text and "wim@example.org" not in text and "[gewist]" not in text


def test_importing_the_same_export_twice_is_refused(register, client_as):
    content = client_as("leader").get(url("keyfigure_export_csv", register)).content
    problems = import_problems(register, content.decode("utf-8-sig"))
    assert problems == [
        "Rij 2: Jan Jansen staat al in het register",
        "Rij 3: Zonder Invalshoek staat al in het register",
        "Rij 4: Zoë Ünal staat al in het register",
    ]
