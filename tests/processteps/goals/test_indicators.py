"""Indicators and measurements: the fields of a results framework, values as people type them,
units that must match, the CSV/XLSX import (all or nothing, row by row in Dutch), the export that
imports again, and the chart against baseline and target."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from processteps.goals.charts import indicator_chart
from processteps.goals.models import Indicator, IndicatorKind, Measurement
from processteps.goals.services import indicators as services
from processteps.goals.services import measurement_io
from processteps.goals.services import trees as tree_services
from processteps.models import AuditEntry

from .helpers import day

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal(project):
    tree = tree_services.team_tree_ensure(actor=project.leader, project=project)
    return tree_services.goal_add(actor=project.leader, tree=tree, statement="Iedereen woont")


def housed(project, goal, **fields):
    defaults = {
        "name": "Gehuisveste statushouders", "unit": "personen", "baseline_value": "40",
        "baseline_date": day("2023-10-01"), "target_value": "320",
        "target_date": day("2025-12-31"),
    }  # fmt: skip
    return services.indicator_add(
        actor=project.leader, project=project, goal=goal, **{**defaults, **fields}
    )


def csv(text: str, name="metingen.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


@pytest.mark.parametrize(
    "typed, value",
    [
        ("12", "12"),
        ("12,5", "12.5"),
        ("12.5", "12.5"),
        ("1.234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("1 200", "1200"),
        ("1.200.000", "1200000"),
        ("-3", "-3"),
        ("45 %", "45"),
        ("45%", "45"),
        ("45 procent", "45"),
    ],
)
def test_a_value_is_read_as_people_type_it(project, goal, typed, value):
    indicator = housed(project, goal, unit="%")
    assert services.parse_measurement(typed, indicator) == Decimal(value)


@pytest.mark.parametrize(
    "typed, message",
    [
        ("", "Vul een waarde in."),
        ("veel", "‘veel’ is geen getal."),
        ("12 woningen", "De eenheid ‘woningen’ past niet bij deze indicator"),
        ("1" * 13, "Het getal is te groot (hoogstens 11 cijfers voor de komma)."),
    ],
)
def test_a_value_that_is_no_number_or_in_another_unit_is_refused(project, goal, typed, message):
    indicator = housed(project, goal)
    with pytest.raises(ValidationError) as error:
        services.measurement_add(
            actor=project.leader, indicator=indicator, measured_on=day("2024-01-01"), value=typed
        )
    assert message in " ".join(error.value.messages)
    assert not Measurement.objects.exists()


def test_a_target_date_before_the_baseline_date_is_refused_and_the_database_agrees(project, goal):
    with pytest.raises(ValidationError) as error:
        housed(project, goal, baseline_date=day("2025-01-01"), target_date=day("2024-01-01"))
    assert error.value.message_dict["target_date"] == [
        "De streefdatum ligt vóór de datum van de nulmeting."
    ]
    assert not Indicator.objects.exists()
    indicator = housed(project, goal)
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.filter(pk=indicator.pk).update(target_date=day("2020-01-01"))


def test_a_baseline_needs_a_value_and_a_date(project, goal):
    with pytest.raises(ValidationError, match="zowel de waarde als de datum"):
        housed(project, goal, baseline_date=None)


def test_a_goal_indicator_belongs_to_a_goal_of_this_projects_team_tree(project, goal):
    from tests.factories import ProjectFactory, UserFactory

    other = ProjectFactory(leader=UserFactory(username="ander"))
    with pytest.raises(ValidationError, match="ander project"):
        services.indicator_add(actor=project.leader, project=other, goal=goal, name="X", unit="x")
    own = tree_services.own_tree_ensure(actor=project.member, project=project)
    mine = tree_services.goal_add(actor=project.member, tree=own, statement="Mijn doel")
    with pytest.raises(ValidationError, match="doelenboom van het team"):
        services.indicator_add(actor=project.leader, project=project, goal=mine, name="X", unit="x")
    with pytest.raises(ValidationError, match="hoort bij een doel"):
        services.indicator_add(actor=project.leader, project=project, name="X", unit="x")
    # An implementation indicator (step 10 links it to its actions) needs no goal.
    implementation = services.indicator_add(
        actor=project.leader, project=project, kind=IndicatorKind.IMPLEMENTATION,
        name="Uitgevoerde buurtgesprekken", unit="gesprekken",
    )  # fmt: skip
    assert implementation.goal is None


def test_one_measurement_per_date_in_the_future_never(project, goal):
    indicator = housed(project, goal)
    services.measurement_add(
        actor=project.member, indicator=indicator, measured_on=day("2024-01-01"), value="58"
    )
    with pytest.raises(ValidationError) as error:
        services.measurement_add(
            actor=project.member, indicator=indicator, measured_on=day("2024-01-01"), value="60"
        )
    assert "Op 1 januari 2024 is al een meting vastgelegd (58 personen)" in str(error.value)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="in de toekomst"):
        services.measurement_add(
            actor=project.member, indicator=indicator, measured_on=tomorrow, value="60"
        )
    assert Measurement.objects.count() == 1
    entry = AuditEntry.objects.get(action="measurement.added")
    assert entry.data == {"value": "58 personen", "date": "2024-01-01"}


def test_the_unit_of_an_indicator_with_measurements_stays(project, goal):
    indicator = housed(project, goal)
    services.indicator_update(actor=project.leader, indicator=indicator, unit="Personen")
    services.measurement_add(
        actor=project.member, indicator=indicator, measured_on=day("2024-01-01"), value="58"
    )
    with pytest.raises(ValidationError, match="Maak een nieuwe indicator"):
        services.indicator_update(actor=project.leader, indicator=indicator, unit="%")


# -- import and export -------------------------------------------------------------------------


def test_measurements_are_imported_all_or_nothing(project, goal):
    housed(project, goal)
    services.indicator_add(actor=project.leader, project=project, goal=goal, name="Wachttijd",
                           unit="maanden")  # fmt: skip
    upload = csv(
        "indicator;datum;waarde;eenheid;toelichting\n"
        "Gehuisveste statushouders;2024-01-01;58;personen;Q4\n"
        "gehuisveste  STATUSHOUDERS;31-3-2024;81;;\n"
        "Wachttijd;2024-03-31;14 %;;\n"
        "Onbekend;2024-03-31;1;;\n"
        "Wachttijd;31-02-2024;12;;\n"
        "Wachttijd;2024-04-30;twaalf;;\n"
        "Gehuisveste statushouders;2024-01-01;59;;\n"
    )
    with pytest.raises(ValidationError) as error:
        measurement_io.measurements_import(actor=project.member, project=project, upload=upload)
    assert error.value.messages == [
        "Rij 4: waarde: De eenheid ‘%’ past niet bij deze indicator: die wordt gemeten in "
        "‘maanden’.",
        "Rij 5: dit project heeft geen indicator ‘Onbekend’",
        "Rij 6: datum: ‘31-02-2024’ is geen datum; schrijf bijvoorbeeld 2024-03-31 of 31-3-2024.",
        "Rij 7: waarde: ‘twaalf’ is geen getal.",
        "Rij 8: dezelfde indicator en datum staan ook in rij 2",
    ]
    assert not Measurement.objects.exists()
    assert not AuditEntry.objects.filter(action="measurement.imported").exists()


def test_an_import_adds_replaces_and_leaves_alone(project, goal):
    indicator = housed(project, goal)
    services.measurement_add(
        actor=project.leader, indicator=indicator, measured_on=day("2024-01-01"), value="58"
    )
    services.measurement_add(
        actor=project.leader, indicator=indicator, measured_on=day("2024-04-01"), value="80"
    )
    result = measurement_io.measurements_import(
        actor=project.member,
        project=project,
        upload=csv(
            "indicator,datum,waarde\n"
            "Gehuisveste statushouders,2024-01-01,58\n"
            "Gehuisveste statushouders,2024-04-01,81\n"
            "Gehuisveste statushouders,2024-07-01,97\n"
        ),
    )
    assert (result.added, result.updated, result.unchanged) == (1, 1, 1)
    assert [str(v) for v in indicator.measurements.values_list("value", flat=True)] == [
        "58.000", "81.000", "97.000",
    ]  # fmt: skip
    assert AuditEntry.objects.get(action="measurement.imported").data == {"count": "2"}


def test_the_csv_export_imports_again_unchanged(project, goal):
    indicator = housed(project, goal)
    for measured_on, value in (("2024-01-01", "58"), ("2024-04-01", "80,5")):
        services.measurement_add(
            actor=project.leader, indicator=indicator, measured_on=day(measured_on), value=value,
            note="=SOM(A1)",
        )  # fmt: skip
    browser_url = reverse("goals:measurement_export", kwargs={"project": project.pk})
    from django.test import Client

    browser = Client()
    browser.force_login(project.member)
    response = browser.get(browser_url)
    assert response["Content-Disposition"].startswith("attachment;")
    content = response.content
    assert "'=SOM(A1)" in content.decode("utf-8-sig")  # shown, never run, by a spreadsheet
    result = measurement_io.measurements_import(
        actor=project.member, project=project, upload=csv(content.decode("utf-8-sig"))
    )
    assert (result.added, result.updated, result.unchanged) == (0, 0, 2)
    assert indicator.measurements.get(measured_on=day("2024-01-01")).note == "=SOM(A1)"


def test_the_xlsx_export_has_the_indicators_and_every_measurement(project, goal, client_as):
    from openpyxl import load_workbook

    indicator = housed(project, goal, source="CBS", frequency="quarterly")
    services.measurement_add(
        actor=project.leader, indicator=indicator, measured_on=day("2024-01-01"), value="58"
    )
    response = client_as("member").get(
        reverse("goals:indicator_export", kwargs={"project": project.pk})
    )
    book = load_workbook(io.BytesIO(response.content))
    indicators, measurements = book.worksheets
    rows = list(indicators.values)
    assert rows[0][:5] == ("indicator", "soort", "doel", "definitie", "eenheid")
    assert rows[1][:3] == ("Gehuisveste statushouders", "Doelindicator", "Iedereen woont")
    assert "Per kwartaal" in rows[1] and "58" in rows[1]
    assert list(measurements.values)[1] == (
        "Gehuisveste statushouders", "2024-01-01", "58", "personen", None,
    )  # fmt: skip
    # The measurements sheet imports again.
    out = io.BytesIO()
    book.remove(indicators)
    book.save(out)
    upload = SimpleUploadedFile("metingen.xlsx", out.getvalue())
    result = measurement_io.measurements_import(
        actor=project.member, project=project, upload=upload
    )
    assert result.unchanged == 1


def test_the_import_page_lists_every_problem_and_imports_nothing(project, goal, client_as):
    housed(project, goal)
    url = reverse("goals:measurement_import", kwargs={"project": project.pk})
    response = client_as("member").post(
        url, {"file": csv("indicator;datum;waarde\nGehuisveste statushouders;2024-01-01;veel\n")}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er is niets geïmporteerd" in html
    assert "Rij 2: waarde: ‘veel’ is geen getal." in html
    response = client_as("member").post(url, {"file": csv("x", name="metingen.xls")})
    assert "kan niet worden ingelezen. Sla het op als Excel-werkmap (.xlsx)" in (
        response.content.decode()
    )
    assert not Measurement.objects.exists()


# -- the chart ---------------------------------------------------------------------------------


def test_the_chart_places_measurements_between_baseline_and_target(project, goal):
    indicator = housed(project, goal)
    for measured_on, value in (("2024-01-01", "58"), ("2024-06-30", "180")):
        services.measurement_add(
            actor=project.leader, indicator=indicator, measured_on=day(measured_on), value=value
        )
    chart = indicator_chart(indicator)
    assert not chart["empty"]
    plot = chart["plot"]
    # Time runs left to right: the baseline on the left edge, the target on the right.
    assert chart["baseline"]["x"] == plot["x1"] and chart["target"]["x"] == plot["x2"]
    # Higher values are higher up (a smaller y); every dot lies inside the plot.
    assert chart["target"]["y"] < chart["baseline"]["y"]
    first, second = chart["dots"]
    assert plot["x1"] < first["x"] < second["x"] < plot["x2"]
    assert chart["target"]["y"] < second["y"] < first["y"] < chart["baseline"]["y"]
    # The route runs from the baseline to the target.
    assert (chart["route"]["x1"], chart["route"]["y2"]) == (plot["x1"], chart["target"]["y"])
    assert chart["description"] == (
        "Nulmeting 40 personen op 1 oktober 2023; streefwaarde 320 personen op 31 december "
        "2025; laatste van 2 metingen: 180 personen op 30 juni 2024 (50% van de weg van "
        "nulmeting naar streefwaarde)."
    )
    assert [item["text"] for item in chart["legend"]] == [
        "metingen", "nulmeting", "streefwaarde", "route naar het doel",
    ]  # fmt: skip
    assert max(item["text_x"] + 5 * len(item["text"]) for item in chart["legend"]) < chart["width"]


def test_a_falling_target_and_an_empty_chart(project, goal):
    waiting = services.indicator_add(
        actor=project.leader, project=project, goal=goal, name="Wachttijd", unit="maanden",
        baseline_value="30", baseline_date=day("2024-01-01"), target_value="10",
        target_date=day("2026-01-01"),
    )  # fmt: skip
    services.measurement_add(
        actor=project.leader, indicator=waiting, measured_on=day("2025-01-01"), value="35"
    )
    assert waiting.progress(Decimal(35)) == pytest.approx(-0.25)
    chart = indicator_chart(waiting)
    assert "(-25% van de weg van nulmeting naar streefwaarde)" in chart["description"]
    empty = services.indicator_add(
        actor=project.leader, project=project, goal=goal, name="Nieuw", unit="x"
    )
    chart = indicator_chart(empty)
    assert chart["empty"] and chart["empty_text"] == "Nog geen nulmeting, streefwaarde of metingen."
    assert chart["description"] == "Geen nulmeting; geen streefwaarde; nog geen metingen."
