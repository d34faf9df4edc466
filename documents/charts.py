"""Inline SVG charts for compiled sections: computed here, drawn by our own templates (no URL
is fetched, so the sealed renderer embeds them as vector graphics)."""

CHART_WIDTH = 480
CHART_LABEL_WIDTH = 190
CHART_BAR_WIDTH = 240
CHART_ROW = 22
CHART_BAR = 14
CHART_TOP = 8
CHART_LEGEND = 26
CHART_COLOURS = ("#1d3557", "#7f9cbf", "#c9d6e5")
CHART_LABEL_CHARS = 32


def _shorten(text: str, limit: int = CHART_LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bar_chart(*, chart_id: str, title: str, rows, series) -> dict:
    """Geometry of a horizontal (stacked) bar chart, for ``documents/compiled/bar_chart.html``.

    ``rows``: [(label, [value per series])]; ``series``: the series' names. The template draws
    it as inline SVG with a title and a description that say the same in words.
    """
    rows = [(label, [int(v) for v in values]) for label, values in rows]
    largest = max((sum(values) for _label, values in rows), default=0) or 1
    scale = CHART_BAR_WIDTH / largest
    bars = []
    for index, (label, values) in enumerate(rows):
        y = CHART_TOP + index * CHART_ROW
        x = CHART_LABEL_WIDTH
        segments = []
        for value, colour in zip(values, CHART_COLOURS, strict=False):
            width = value * scale
            if value:
                segments.append({"x": round(x, 1), "width": round(width, 1), "colour": colour})
            x += width
        bars.append(
            {
                "label": _shorten(label),
                "full_label": label,
                "y": y,
                "bar_y": y + (CHART_ROW - CHART_BAR) / 2,
                "text_y": y + CHART_ROW / 2 + 3.5,
                "segments": segments,
                "total": sum(values),
                "total_x": round(x + 4, 1),
                "values": values,
            }
        )
    legend_y = CHART_TOP + len(rows) * CHART_ROW + 10
    legend = []
    if len(series) > 1:
        x = CHART_LABEL_WIDTH
        for name, colour in zip(series, CHART_COLOURS, strict=False):
            legend.append({"name": name, "colour": colour, "x": x, "text_x": x + 14})
            x += 14 + 7 * len(str(name)) + 18
    description = "; ".join(
        f"{bar['full_label']}: {bar['total']}"
        + (
            " ("
            + ", ".join(f"{v} {name}" for v, name in zip(bar["values"], series, strict=False))
            + ")"
            if len(series) > 1
            else ""
        )
        for bar in bars
    )
    return {
        "id": chart_id,
        "title": title,
        "description": description,
        "width": CHART_WIDTH,
        "height": legend_y + (CHART_LEGEND if legend else 0),
        "label_x": CHART_LABEL_WIDTH - 6,
        "axis_x": CHART_LABEL_WIDTH,
        "axis_top": CHART_TOP,
        "axis_bottom": CHART_TOP + len(rows) * CHART_ROW,
        "bars": bars,
        "legend": legend,
        "legend_y": legend_y,
        "legend_text_y": legend_y + 9,
    }
