"""A Gantt-like timeline as inline SVG: bars from start to end on a month axis, milestones as
diamonds, a line for today.

:func:`gantt` computes the geometry of any rows (:class:`Bar`); the template
``implementation/_timeline.html`` draws it (no URL is fetched, so the sealed PDF renderer embeds
it as vector graphics) and pages show the same as a table beside it. :func:`actions_timeline`
makes the rows of the action book's actions; :func:`steps_timeline` those of the process steps
(the project's own planning, as the dashboard shows it in a table).
"""

import datetime
from dataclasses import dataclass, field

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from processteps.forms import month_range

WIDTH = 760
LABEL_W = 230
RIGHT = 12
TOP = 28  # the month labels
ROW = 20
BAR = 12
LEGEND = 30
LABEL_CHARS = 38
PLOT_W = WIDTH - LABEL_W - RIGHT

COLOURS = {
    "planned": "#7f9cbf",
    "running": "#1d3557",
    "delayed": "#9a3412",
    "done": "#0f5132",
    "stopped": "#6c757d",
    "step": "#0d6efd",
}


@dataclass
class Bar:
    label: str
    start: datetime.date | None
    end: datetime.date | None
    status: str = "planned"
    status_label: str = ""
    url: str = ""
    # (title, date, done)
    milestones: list = field(default_factory=list)


def _shorten(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "j M Y")


def gantt(bars: list[Bar], *, chart_id: str, title: str, legend: list[tuple[str, str]] = (),
          today: datetime.date | None = None) -> dict:  # fmt: skip
    """The geometry of the timeline of ``bars`` (those without a start or an end are listed
    apart as ``unplanned``); ``legend``: (status, label) pairs to explain the colours."""
    today = today or timezone.localdate()
    planned = []
    unplanned = []
    for bar in bars:
        start = bar.start or bar.end
        end = bar.end or bar.start
        if start is None:
            unplanned.append(bar)
        else:
            planned.append((bar, start, end))
    chart = {
        "id": chart_id,
        "title": title,
        "width": WIDTH,
        "unplanned": unplanned,
        "empty": not planned,
        "rows": [],
        # With links the drawing is a group of links (an image may not hold them).
        "linked": any(bar.url for bar, _s, _e in planned),
    }
    if not planned:
        chart["description"] = _("Nog niets met een begin- en einddatum.")
        return chart
    days_of = [d for _b, s, e in planned for d in (s, e)] + [
        m[1] for b, _s, _e in planned for m in b.milestones
    ]
    first, last = min(days_of), max(days_of)
    months = month_range(first, last)
    axis_start = months[0]
    axis_end = (months[-1].replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    span = (axis_end - axis_start).days

    def x(day: datetime.date) -> float:
        return round(LABEL_W + PLOT_W * (day - axis_start).days / span, 1)

    step = 1 if len(months) <= 18 else 3 if len(months) <= 48 else 12
    ticks = [
        {"x": x(m), "text": formats.date_format(m, "M Y"), "label": i % step == 0}
        for i, m in enumerate(months)
    ]
    rows = []
    for index, (bar, start, end) in enumerate(planned):
        y = TOP + index * ROW
        x1, x2 = x(start), x(end + datetime.timedelta(days=1))
        rows.append(
            {
                "bar": bar,
                "label": _shorten(bar.label),
                "y": y,
                "text_y": y + ROW / 2 + 3.5,
                "bar_y": y + (ROW - BAR) / 2,
                "x": x1,
                "width": max(round(x2 - x1, 1), 2),
                "colour": COLOURS.get(bar.status, COLOURS["planned"]),
                "tooltip": f"{bar.label}: {_date(start)} – {_date(end)}"
                + (f" ({bar.status_label})" if bar.status_label else ""),
                "milestones": [
                    {
                        "points": _diamond(x(day), y + ROW / 2),
                        "title": f"{name} ({_date(day)})",
                        "done": done,
                    }
                    for name, day, done in bar.milestones
                ],
            }
        )
    height = TOP + len(rows) * ROW
    chart.update(
        rows=rows,
        ticks=ticks,
        plot_top=TOP - 4,
        plot_bottom=height,
        height=height + (LEGEND if legend else 8),
        label_x=LABEL_W - 6,
        tick_y=TOP - 10,
        legend=_legend(legend, height + 18),
        legend_box_y=height + 9,
        description=_describe(planned, unplanned, first, last),
    )
    if axis_start <= today < axis_end:
        chart["today"] = {"x": x(today), "label_y": TOP - 14}
    return chart


def _diamond(cx: float, cy: float, r: float = 5) -> str:
    return f"{cx},{cy - r} {cx + r},{cy} {cx},{cy + r} {cx - r},{cy}"


def _legend(legend, y) -> list[dict]:
    items, x = [], LABEL_W
    for status, label in legend:
        items.append({"x": x, "text_x": x + 14, "y": y, "colour": COLOURS.get(status, "#000"),
                      "text": label})  # fmt: skip
        x += 14 + 6 * len(str(label)) + 16
    return items


def _describe(planned, unplanned, first, last) -> str:
    text = _("%(count)s onderdelen gepland van %(first)s tot %(last)s.") % {
        "count": len(planned),
        "first": _date(first),
        "last": _date(last),
    }
    if unplanned:
        text += " " + _("%(count)s nog zonder datum.") % {"count": len(unplanned)}
    return text


def actions_timeline(actions, *, links: bool, today=None) -> dict:
    """The planning of the action book: one bar per action from its start to its end in the
    colour of its status, its milestones as diamonds (filled when reached). ``actions`` as
    :class:`~processteps.implementation.selectors.ActionsPlan` loads them."""
    from django.urls import reverse

    from .models import ProgressStatus

    bars = [
        Bar(
            label=action.title,
            start=action.start_date,
            end=action.end_date,
            status=action.status,
            status_label=action.status_label,
            url=reverse(
                "implementation:action_progress",
                kwargs={"project": action.project_id, "action": action.pk},
            )
            if links
            else "",
            milestones=[(m.title, m.date, m.done) for m in action.milestone_list],
        )
        for action in actions
    ]
    return gantt(
        bars,
        chart_id="planning-acties",
        title=_("Planning van de acties"),
        legend=[(s.value, s.label) for s in ProgressStatus],
        today=today,
    )


def steps_timeline(steps, *, today=None) -> dict:
    """The planning of the process steps (their planned start and end)."""
    bars = [
        Bar(
            label=f"{step.number}. {step.name}",
            start=step.planned_start,
            end=step.planned_end,
            status="step",
            status_label=step.get_status_display(),
        )
        for step in steps
    ]
    return gantt(bars, chart_id="planning-stappen", title=_("Planning van de processtappen"),
                 today=today)  # fmt: skip
