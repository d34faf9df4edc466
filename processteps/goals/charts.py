"""The small chart of an indicator: its measurements over time against the baseline
(nulmeting) and the target (streefwaarde), with the planned route from one to the other.

:func:`indicator_chart` computes the geometry; ``goals/charts/indicator_chart.html`` draws it
as inline SVG (no URL is fetched, so the sealed PDF renderer embeds it as vector graphics).
Steps 10 and 11 use the same pair for implementation indicators::

    {% include "goals/charts/indicator_chart.html" with chart=chart %}

The SVG has a title and a description that say in words what it shows (values, dates, how
far the latest measurement has come); a page shows the measurements as a table beside it.
"""

import datetime
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from .services.indicators import format_value

WIDTH = 360
HEIGHT = 150
LEFT = 58
RIGHT = 14
TOP = 12
BOTTOM = 44  # x labels and the legend
LEGEND_LEFT = 8
LEGEND_CHAR = 4.8  # the width of a character at font size 8, roughly
PLOT_W = WIDTH - LEFT - RIGHT
PLOT_H = HEIGHT - TOP - BOTTOM
COLOURS = {"measured": "#1d3557", "baseline": "#495057", "target": "#0f5132"}


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "j M Y")


def _long_date(value: datetime.date) -> str:
    return formats.date_format(value, "j F Y")


def indicator_chart(indicator, measurements=None, *, chart_id: str = "") -> dict:
    """Geometry of the chart of ``indicator`` (``measurements``: its measurements in date
    order; read from ``measurement_list`` or the database when not given)."""
    if measurements is None:
        measurements = getattr(indicator, "measurement_list", None)
        if measurements is None:
            measurements = list(indicator.measurements.order_by("measured_on", "id"))
    chart_id = chart_id or f"indicator-{indicator.pk}"
    unit = indicator.unit
    points = [(m.measured_on, Decimal(m.value)) for m in measurements]
    baseline = (
        (indicator.baseline_date, Decimal(indicator.baseline_value))
        if indicator.baseline_value is not None and indicator.baseline_date
        else None
    )
    target = (
        (indicator.target_date, Decimal(indicator.target_value))
        if indicator.target_value is not None and indicator.target_date
        else None
    )
    known = points + [p for p in (baseline, target) if p]
    description = _describe(indicator, points, baseline, target)
    chart = {
        "id": chart_id,
        "title": _("%(indicator)s (%(unit)s)") % {"indicator": indicator.name, "unit": unit},
        "description": description,
        "width": WIDTH,
        "height": HEIGHT,
        "empty": not known,
        "colours": COLOURS,
    }
    if not known:
        chart["empty_text"] = _("Nog geen nulmeting, streefwaarde of metingen.")
        chart["empty_x"] = WIDTH / 2
        chart["empty_y"] = TOP + PLOT_H / 2
        return chart

    first = min(d for d, _v in known)
    last = max(d for d, _v in known)
    if first == last:
        first, last = first - datetime.timedelta(days=15), last + datetime.timedelta(days=15)
    low = min(v for _d, v in known)
    high = max(v for _d, v in known)
    pad = (high - low) / 10 if low != high else (abs(low) / 10 or Decimal(1))
    low, high = low - pad, high + pad
    days = (last - first).days

    def x(day: datetime.date) -> float:
        return round(LEFT + PLOT_W * (day - first).days / days, 1)

    def y(value: Decimal) -> float:
        return round(TOP + PLOT_H * float((high - value) / (high - low)), 1)

    chart.update(
        plot={
            "x1": LEFT,
            "x2": LEFT + PLOT_W,
            "y1": TOP,
            "y2": TOP + PLOT_H,
            "width": PLOT_W,
            "height": PLOT_H,
        },
        y_label_x=LEFT - 4,
        y_labels=[
            {"y": y(value) + 3, "text": format_value(_round(value))}
            for value in (high - pad, low + pad)
        ],
        y_ticks=[y(high - pad), y(low + pad)],
        x_labels=[
            {"x": LEFT, "text": _date(first), "anchor": "start"},
            {"x": LEFT + PLOT_W, "text": _date(last), "anchor": "end"},
        ],
        x_label_y=TOP + PLOT_H + 13,
        line=" ".join(f"{x(d)},{y(v)}" for d, v in points),
        dots=[{"x": x(d), "y": y(v), "label": _dot_label(d, v, unit)} for d, v in points],
        legend_y=HEIGHT - 10,
        legend_line_y=HEIGHT - 13,
        legend=_legend(points, baseline, target),
    )
    if baseline:
        chart["baseline"] = {"y": y(baseline[1]), "x": x(baseline[0])}
    if target:
        tx, ty = x(target[0]), y(target[1])
        chart["target"] = {"y": ty, "x": tx, "box_x": tx - 3, "box_y": ty - 3}
    if baseline and target:
        chart["route"] = {
            "x1": x(baseline[0]),
            "y1": y(baseline[1]),
            "x2": x(target[0]),
            "y2": y(target[1]),
        }
    return chart


def _round(value: Decimal) -> Decimal:
    """An axis label: at most two decimals, fewer for large numbers."""
    places = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
    return value.quantize(Decimal(1).scaleb(-places))


def _dot_label(day, value, unit) -> str:
    return f"{_date(day)}: {format_value(value, unit)}"


def _legend(points, baseline, target) -> list[dict]:
    items = []
    if points:
        items.append({"colour": COLOURS["measured"], "text": _("metingen"), "dash": ""})
    if baseline:
        items.append({"colour": COLOURS["baseline"], "text": _("nulmeting"), "dash": "4 3"})
    if target:
        items.append({"colour": COLOURS["target"], "text": _("streefwaarde"), "dash": "4 3"})
    if baseline and target:
        items.append({"colour": COLOURS["target"], "text": _("route naar het doel"), "dash": "1 3"})
    x = LEGEND_LEFT
    for item in items:
        item["x"] = x
        item["x2"] = x + 16
        item["text_x"] = x + 20
        x += 28 + LEGEND_CHAR * len(item["text"])
    return items


def _describe(indicator, points, baseline, target) -> str:
    unit = indicator.unit
    parts = []
    if baseline:
        parts.append(
            _("Nulmeting %(value)s op %(date)s")
            % {"value": format_value(baseline[1], unit), "date": _long_date(baseline[0])}
        )
    else:
        parts.append(_("Geen nulmeting"))
    if target:
        parts.append(
            _("streefwaarde %(value)s op %(date)s")
            % {"value": format_value(target[1], unit), "date": _long_date(target[0])}
        )
    else:
        parts.append(_("geen streefwaarde"))
    if points:
        day, value = points[-1]
        latest = _("laatste van %(count)s metingen: %(value)s op %(date)s") % {
            "count": len(points),
            "value": format_value(value, unit),
            "date": _long_date(day),
        }
        progress = indicator.progress(value)
        if progress is not None:
            latest += " " + _("(%(percent)s%% van de weg van nulmeting naar streefwaarde)") % {
                "percent": round(progress * 100)
            }
        parts.append(latest)
    else:
        parts.append(_("nog geen metingen"))
    return "; ".join(parts) + "."
