"""Indicators (doel- and uitvoeringsindicatoren) and their measurements over time.

A measurement's value is a number, optionally followed by a unit ("45", "45,5 %", "1.200
woningen"); a unit that is not the indicator's is refused, so a series never mixes units.
Goal indicators belong to goals of the team's tree; implementation indicators are made here
too (step 10 links them to its actions).
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from processteps.services.audit import audit_record

from ..models import Goal, Indicator, IndicatorKind, Measurement

INDICATOR_FIELDS = (
    "name",
    "definition",
    "unit",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "source",
    "method",
    "frequency",
    "measured_by",
)
VALUE_FIELD = Measurement._meta.get_field("value")
_NUMBER = re.compile(r"^\s*([+-]?[\d.,\s]*\d)\s*(.*?)\s*$")
# Ways of writing the same unit.
UNIT_ALIASES = {"procent": "%", "percent": "%", "percentage": "%", "pct": "%", "euro": "€"}


def unit_key(unit: str) -> str:
    text = re.sub(r"\s+", " ", unit or "").strip().casefold().rstrip(".")
    return UNIT_ALIASES.get(text, text)


def same_unit(a: str, b: str) -> bool:
    return unit_key(a) == unit_key(b)


def parse_number(text: str) -> Decimal:
    """A number as people type it: "12,5", "12.5", "1.234,5", "1 234", "-3"."""
    raw = re.sub(r"\s+", "", text)
    if "," in raw and "." in raw:
        # The last separator is the decimal one.
        if raw.rfind(",") > raw.rfind("."):
            raw = raw.replace(".", "").replace(",", ".")
        else:
            raw = raw.replace(",", "")
    elif "," in raw:
        raw = raw.replace(",", ".") if raw.count(",") == 1 else raw.replace(",", "")
    elif raw.count(".") > 1:
        raw = raw.replace(".", "")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(_("‘%(text)s’ is geen getal.") % {"text": text}, code="invalid")
    if not value.is_finite():
        raise ValidationError(_("‘%(text)s’ is geen getal.") % {"text": text}, code="invalid")
    return value


def check_value(value: Decimal) -> Decimal:
    """The value as stored (three decimals), or a Dutch error when it does not fit."""
    try:
        stored = value.quantize(Decimal("0.001"))
    except InvalidOperation:
        stored = None
    whole_digits = VALUE_FIELD.max_digits - VALUE_FIELD.decimal_places
    if stored is None or abs(stored) >= Decimal(10) ** whole_digits:
        raise ValidationError(
            _("Het getal is te groot (hoogstens %(digits)s cijfers voor de komma).")
            % {"digits": whole_digits},
            code="max_digits",
        )
    return stored


def parse_measurement(text, indicator: Indicator, *, unit: str = "") -> Decimal:
    """The value of a measurement typed as text (a number, optionally with the unit after it)
    or given as a number; ``unit`` is a unit given separately (an import's column). A unit that
    is not the indicator's is refused."""
    if isinstance(text, (int, Decimal)):
        number, typed_unit = Decimal(text), ""
    else:
        text = str(text or "").strip()
        if not text:
            raise ValidationError(_("Vul een waarde in."), code="required")
        match = _NUMBER.match(text)
        if not match:
            raise ValidationError(_("‘%(text)s’ is geen getal.") % {"text": text}, code="invalid")
        number, typed_unit = parse_number(match.group(1)), match.group(2)
    for given in (typed_unit, unit):
        if given and not same_unit(given, indicator.unit):
            raise ValidationError(
                _(
                    "De eenheid ‘%(given)s’ past niet bij deze indicator: die wordt gemeten in "
                    "‘%(unit)s’."
                )
                % {"given": given, "unit": indicator.unit},
                code="unit",
            )
    return check_value(number)


def format_value(value, unit: str = "") -> str:
    """A value as the interface shows it: Dutch separators, no trailing zeros."""
    if value is None:
        return ""
    value = Decimal(value)
    normal = value.normalize()
    places = max(0, -normal.as_tuple().exponent)
    text = formats.number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
    return f"{text} {unit}".strip() if unit else text


# -- indicators --------------------------------------------------------------------------------


def _clean_fields(fields: dict) -> dict:
    for key in ("baseline_value", "target_value"):
        if isinstance(fields.get(key), str):
            fields[key] = check_value(parse_number(fields[key])) if fields[key].strip() else None
        elif fields.get(key) is not None:
            fields[key] = check_value(Decimal(fields[key]))
    for key in ("name", "unit"):
        if key in fields:
            fields[key] = fields[key].strip()
    return fields


def indicator_add(
    *, actor, project, kind: str = IndicatorKind.GOAL, goal: Goal | None = None, **fields
) -> Indicator:
    """A doelindicator of ``goal`` (or, ``kind`` "implementation", an uitvoeringsindicator)."""
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise TypeError(f"Unknown indicator fields: {sorted(unknown)}")
    indicator = Indicator(project=project, kind=kind, goal=goal, **_clean_fields(fields))
    indicator.full_clean()
    with transaction.atomic():
        indicator.save()
        audit_record(actor=actor, project=project, action="indicator.added", target=indicator)
    return indicator


def indicator_update(*, actor, indicator: Indicator, **fields) -> Indicator:
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise TypeError(f"Unknown indicator fields: {sorted(unknown)}")
    fields = _clean_fields(fields)
    with transaction.atomic():
        indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
        changed = {k: v for k, v in fields.items() if getattr(indicator, k) != v}
        if not changed:
            return indicator
        if (
            "unit" in changed
            and not same_unit(changed["unit"], indicator.unit)
            and indicator.measurements.exists()
        ):
            raise ValidationError(
                {
                    "unit": _(
                        "Er zijn al metingen in ‘%(unit)s’; een andere eenheid zou de reeks "
                        "onvergelijkbaar maken. Maak een nieuwe indicator."
                    )
                    % {"unit": indicator.unit}
                }
            )
        for key, value in changed.items():
            setattr(indicator, key, value)
        indicator.full_clean()
        indicator.save()
        audit_record(
            actor=actor,
            project=indicator.project,
            action="indicator.changed",
            target=indicator,
            data={"fields": ", ".join(sorted(changed))},
        )
    return indicator


def indicator_delete(*, actor, indicator: Indicator) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor, project=indicator.project, action="indicator.deleted", target=indicator
        )
        indicator.delete()


# -- measurements ------------------------------------------------------------------------------


def check_measured_on(measured_on: datetime.date) -> None:
    if measured_on > timezone.localdate():
        raise ValidationError(
            {"measured_on": _("De meetdatum ligt in de toekomst.")}, code="future"
        )


def measurement_add(
    *, actor, indicator: Indicator, measured_on: datetime.date, value, unit: str = "", note=""
) -> Measurement:
    """Record a measurement; ``value`` as typed ("45", "45 %") or a number."""
    try:
        number = parse_measurement(value, indicator, unit=unit)
    except ValidationError as exc:
        raise ValidationError({"value": exc})
    check_measured_on(measured_on)
    measurement = Measurement(
        indicator=indicator, measured_on=measured_on, value=number, note=note.strip(),
        entered_by=actor,
    )  # fmt: skip
    with transaction.atomic():
        Indicator.objects.select_for_update().filter(pk=indicator.pk).first()
        existing = indicator.measurements.filter(measured_on=measured_on).first()
        if existing is not None:
            raise ValidationError(
                {
                    "measured_on": _(
                        "Op %(date)s is al een meting vastgelegd (%(value)s). Verwijder die "
                        "eerst of kies een andere datum."
                    )
                    % {
                        "date": formats.date_format(measured_on, "j F Y"),
                        "value": format_value(existing.value, indicator.unit),
                    }
                },
                code="duplicate",
            )
        measurement.full_clean()
        measurement.save()
        audit_record(
            actor=actor,
            project=indicator.project,
            action="measurement.added",
            target=indicator,
            data={"value": format_value(number, indicator.unit), "date": measured_on.isoformat()},
        )
    return measurement


def measurement_delete(*, actor, measurement: Measurement) -> None:
    indicator = measurement.indicator
    with transaction.atomic():
        audit_record(
            actor=actor,
            project=indicator.project,
            action="measurement.deleted",
            target=indicator,
            data={"date": measurement.measured_on.isoformat()},
        )
        measurement.delete()
