"""Importing measurements from CSV/XLSX and exporting indicators with their measurements: the
"gegevensbank" of the project. All or nothing: one bad row stops the whole file, with a Dutch
problem per row. The measurements sheet of an export imports again unchanged.

A row names its indicator by name (as in the export). A row for a date the indicator already
has a measurement on replaces its value (so a corrected export can be imported again); a row
with the same value changes nothing.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from processteps.services.audit import audit_record
from processteps.tabular import (
    TableFormat,
    name_key,
    raise_problems,
    read_table,
    write_csv,
    write_xlsx,
)

from ..models import Indicator, Measurement
from .indicators import check_measured_on, format_value, parse_measurement

MEASUREMENTS = TableFormat(
    headers=("indicator", "datum", "waarde", "eenheid", "toelichting"),
    required=("indicator", "datum", "waarde"),
    aliases={
        "meetdatum": "datum",
        "date": "datum",
        "value": "waarde",
        "unit": "eenheid",
        "note": "toelichting",
        "opmerking": "toelichting",
        "naam": "indicator",
    },
    noun=gettext_lazy("metingen"),
)
INDICATOR_HEADERS = (
    "indicator",
    "soort",
    "doel",
    "definitie",
    "eenheid",
    "nulmeting",
    "datum nulmeting",
    "streefwaarde",
    "streefdatum",
    "bron",
    "meetmethode",
    "frequentie",
    "wie meet",
    "laatste meting",
    "datum laatste meting",
)
_DUTCH_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def parse_date(text: str) -> datetime.date:
    """A date as 2024-03-01, 1-3-2024 or 01/03/2024 (day first), or a spreadsheet's date."""
    text = text.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}([T ]00:00(:00)?)?$", text):
        try:
            return datetime.date.fromisoformat(text[:10])
        except ValueError:
            pass
    match = _DUTCH_DATE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            pass
    raise ValidationError(
        _("‘%(text)s’ is geen datum; schrijf bijvoorbeeld 2024-03-31 of 31-3-2024.")
        % {"text": text},
        code="invalid",
    )


@dataclass
class Imported:
    added: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


def measurements_import(*, actor, project, upload) -> Imported:
    """Import the file's measurements into the project's indicators (all or nothing)."""
    _headers, rows = read_table(upload, MEASUREMENTS)
    indicators: dict[str, list[Indicator]] = {}
    for indicator in Indicator.objects.filter(project=project):
        indicators.setdefault(name_key(indicator.name), []).append(indicator)
    problems, parsed, seen = [], [], {}
    for number, row in rows:
        name = row.get("indicator", "")
        matches = indicators.get(name_key(name), [])
        if not name:
            problems.append(_("Rij %(row)s: indicator ontbreekt") % {"row": number})
            continue
        if not matches:
            problems.append(
                _("Rij %(row)s: dit project heeft geen indicator ‘%(name)s’")
                % {"row": number, "name": name}
            )
            continue
        if len(matches) > 1:
            problems.append(
                _(
                    "Rij %(row)s: %(count)s indicatoren heten ‘%(name)s’; geef ze verschillende "
                    "namen om metingen te importeren"
                )
                % {"row": number, "count": len(matches), "name": name}
            )
            continue
        indicator = matches[0]
        row_problems = []
        try:
            measured_on = parse_date(row.get("datum", "")) if row.get("datum") else None
            if measured_on is None:
                row_problems.append(_("Rij %(row)s: datum ontbreekt") % {"row": number})
            else:
                check_measured_on(measured_on)
        except ValidationError as exc:
            row_problems.append(
                _("Rij %(row)s: datum: %(message)s")
                % {"row": number, "message": " ".join(exc.messages)}
            )
        try:
            value = parse_measurement(row.get("waarde", ""), indicator, unit=row.get("eenheid", ""))
        except ValidationError as exc:
            row_problems.append(
                _("Rij %(row)s: waarde: %(message)s")
                % {"row": number, "message": " ".join(exc.messages)}
            )
        note = row.get("toelichting", "")
        if len(note) > Measurement._meta.get_field("note").max_length:
            row_problems.append(
                _("Rij %(row)s: toelichting is te lang (hoogstens %(max)s tekens)")
                % {"row": number, "max": Measurement._meta.get_field("note").max_length}
            )
        if row_problems:
            problems.extend(row_problems)
            continue
        key = (indicator.pk, measured_on)
        if key in seen:
            problems.append(
                _("Rij %(row)s: dezelfde indicator en datum staan ook in rij %(other)s")
                % {"row": number, "other": seen[key]}
            )
            continue
        seen[key] = number
        parsed.append((indicator, measured_on, value, note))
    raise_problems(problems)

    result = Imported()
    with transaction.atomic():
        ids = {indicator.pk for indicator, *_rest in parsed}
        list(Indicator.objects.select_for_update().filter(pk__in=ids).values_list("pk"))
        existing = {
            (m.indicator_id, m.measured_on): m
            for m in Measurement.objects.filter(indicator_id__in=ids)
        }
        new, changed = [], []
        for indicator, measured_on, value, note in parsed:
            current = existing.get((indicator.pk, measured_on))
            if current is None:
                new.append(
                    Measurement(
                        indicator=indicator, measured_on=measured_on, value=value, note=note,
                        entered_by=actor,
                    )
                )  # fmt: skip
            elif current.value != value or (note and current.note != note):
                current.value, current.note = value, note or current.note
                current.entered_by, current.entered_at = actor, timezone.now()
                changed.append(current)
            else:
                result.unchanged += 1
        Measurement.objects.bulk_create(new)
        Measurement.objects.bulk_update(changed, ["value", "note", "entered_by", "entered_at"])
        result.added, result.updated = len(new), len(changed)
        audit_record(
            actor=actor,
            project=project,
            action="measurement.imported",
            target=project,
            data={"count": result.added + result.updated},
        )
    return result


# -- exports -----------------------------------------------------------------------------------


def _measurement_rows(indicators):
    for indicator in indicators:
        for m in indicator.measurement_list:
            yield [
                indicator.name,
                m.measured_on.isoformat(),
                _plain(m.value),
                indicator.unit,
                m.note,
            ]


def _plain(value) -> str:
    """A number as an import reads it back (a point, no grouping, no trailing zeros)."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text


def measurements_csv(indicators) -> bytes:
    """The measurements of ``indicators`` (with ``measurement_list``) as the import reads them."""
    return write_csv(MEASUREMENTS.headers, _measurement_rows(indicators))


def measurements_template() -> bytes:
    return write_csv(
        MEASUREMENTS.headers,
        [["Aantal statushouders gehuisvest", "2024-03-31", "120", "personen", "Eerste kwartaal"]],
    )


def indicators_xlsx(indicators) -> bytes:
    """A workbook: the indicators with their fields and latest measurement, and a sheet of
    every measurement (which imports again)."""
    rows = []
    for indicator in indicators:
        latest = indicator.measurement_list[-1] if indicator.measurement_list else None
        rows.append(
            [
                indicator.name,
                indicator.get_kind_display(),
                indicator.goal.statement if indicator.goal_id else "",
                indicator.definition,
                indicator.unit,
                format_value(indicator.baseline_value),
                indicator.baseline_date.isoformat() if indicator.baseline_date else "",
                format_value(indicator.target_value),
                indicator.target_date.isoformat() if indicator.target_date else "",
                indicator.source,
                indicator.method,
                indicator.get_frequency_display() if indicator.frequency else "",
                indicator.measured_by,
                format_value(latest.value) if latest else "",
                latest.measured_on.isoformat() if latest else "",
            ]
        )
    return write_xlsx(
        [
            (_("indicatoren"), INDICATOR_HEADERS, rows),
            (_("metingen"), MEASUREMENTS.headers, list(_measurement_rows(indicators))),
        ]
    )
