"""Trend lines over years: SVG lines and points, with the year labels, value ticks and legend in HTML.

The plot keeps a fixed aspect ratio (the SVG scales with the page width) and its box holds both the SVG and the
HTML ticks, placed at percentages of the box inside the viewBox's margins, so they land where the lines are,
in the browser and in WeasyPrint. Years
run left to right on every page, Arabic included, as in the statistical publications of the region (ESCWA,
the Arab Monetary Fund); the plot box is laid out left to right, while the legend follows the page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from marsad.charts.numbers import localise_digits, number

WIDTH, HEIGHT = 600, 200
LEFT, TOP, RIGHT, BOTTOM = 56, 12, 12, 30  # margins of the viewBox where the HTML ticks sit
BOX_W, BOX_H = LEFT + WIDTH + RIGHT, TOP + HEIGHT + BOTTOM
PALETTE = ("#0b6e4f", "#c7922b", "#3b6ea5", "#a4262c", "#6b4fa0", "#5b6875")


@dataclass(frozen=True)
class Series:
    """One line: a name (plain text, escaped) and one value per x position (None for a gap)."""

    name: str
    values: Sequence[float | None]
    highlight: bool = False


def _y(value: float, lo: float, hi: float) -> float:
    return round(HEIGHT * (1 - (value - lo) / (hi - lo)), 2) if hi > lo else HEIGHT / 2


def line(
    series: Sequence[Series],
    x_labels: Sequence[int | str],
    *,
    language: str = "en",
    scale: tuple[float, float] | None = None,
    ticks: int = 5,
    decimals: int = 0,
    caption: str = "",
    invert: bool = False,
) -> SafeString:
    """A line chart of `series` over `x_labels` (years). `scale` defaults to the data's range, rounded out.

    `invert` draws larger values lower (for ranks, where 1 is the best and should be on top).
    """
    values = [v for s in series for v in s.values if v is not None]
    if not values or not x_labels:
        return mark_safe("")
    lo, hi, tick_values = _scale(scale or (min(values), max(values)), ticks, fixed=scale is not None)
    if any(abs(t - round(t)) > 1e-9 for t in tick_values):
        decimals = max(decimals, 1)
    n = max(len(x_labels) - 1, 1)
    x = [round(WIDTH * i / n, 2) for i in range(len(x_labels))]

    def y(v: float) -> float:
        return HEIGHT - _y(v, lo, hi) if invert else _y(v, lo, hi)

    grid = "".join(
        f'<line stroke="#d9dee3" x1="0" x2="{WIDTH}" y1="{y(t)}" y2="{y(t)}"/>' for t in tick_values
    )
    shapes = []
    for k, s in enumerate(series):
        colour = PALETTE[k % len(PALETTE)]
        width = 3 if s.highlight else 2
        for run in _runs(s.values):
            pts = " ".join(f"{x[i]},{y(v)}" for i, v in run)
            shapes.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="{width}"/>')
        shapes.extend(
            f'<circle cx="{x[i]}" cy="{y(v)}" r="{width + 1}" fill="{colour}"/>'
            for i, v in enumerate(s.values)
            if v is not None
        )
    svg = (
        f'<svg class="mc-plot-svg" viewBox="{-LEFT} {-TOP} {BOX_W} {BOX_H}" role="img" focusable="false" '
        f'aria-hidden="true">{grid}{"".join(shapes)}</svg>'
    )
    y_ticks = "".join(
        format_html(
            '<span class="mc-ytick" style="top: {}%; width: {}%">{}</span>',
            round(100 * (y(t) + TOP) / BOX_H, 2),
            round(100 * (LEFT - 8) / BOX_W, 2),
            number(t, decimals, language),
        )
        for t in tick_values
    )
    x_ticks = "".join(
        format_html(
            '<span class="mc-xtick" style="left: {}%; top: {}%">{}</span>',
            round(100 * (xi + LEFT) / BOX_W, 2),
            round(100 * (HEIGHT + TOP + 6) / BOX_H, 2),
            localise_digits(str(label), language),
        )
        for xi, label in zip(x, x_labels, strict=True)
    )
    keys = "".join(
        format_html(
            '<li{}><span class="mc-key" style="background: {}"></span>{}</li>',
            mark_safe(' class="mc-hl-key"') if s.highlight else "",
            PALETTE[k % len(PALETTE)],
            s.name,
        )
        for k, s in enumerate(series)
    )
    table = _data_table(series, x_labels, language, decimals)
    return format_html(
        '<figure class="mc mc-line">{}<div class="mc-plot" dir="ltr">{}{}{}</div><ul class="mc-legend">{}</ul>'
        "{}</figure>",
        format_html("<figcaption>{}</figcaption>", caption) if caption else "",
        mark_safe(svg),
        mark_safe(y_ticks),
        mark_safe(x_ticks),
        mark_safe(keys),
        table,
    )


def _data_table(
    series: Sequence[Series], x_labels: Sequence[int | str], language: str, decimals: int
) -> SafeString:
    """The values behind the lines, for screen readers (visually hidden by the stylesheet)."""
    head = "".join(format_html("<th>{}</th>", localise_digits(str(x), language)) for x in x_labels)
    rows = "".join(
        format_html(
            "<tr><th>{}</th>{}</tr>",
            s.name,
            mark_safe("".join(format_html("<td>{}</td>", number(v, decimals, language)) for v in s.values)),
        )
        for s in series
    )
    return format_html(
        '<table class="mc-sr"><tr><td></td>{}</tr>{}</table>', mark_safe(head), mark_safe(rows)
    )


def _runs(values: Sequence[float | None]) -> list[list[tuple[int, float]]]:
    """Consecutive non-missing points: a gap in the data is a gap in the line."""
    runs, current = [], []
    for i, v in enumerate(values):
        if v is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append((i, v))
    if current:
        runs.append(current)
    return [r for r in runs if len(r) > 1]


def _scale(bounds: tuple[float, float], n: int, fixed: bool) -> tuple[float, float, list[float]]:
    """The axis range and its ticks: `n` evenly spaced ticks on a fixed scale, else round ticks (steps of 1, 2
    or 5 times a power of ten) around the data, about `n` of them."""
    lo, hi = bounds
    if fixed:
        return lo, hi, [lo + (hi - lo) * k / (n - 1) for k in range(n)] if n > 1 else [lo]
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    rough = (hi - lo) / max(n - 1, 1)
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    start, stop = step * math.floor(lo / step), step * math.ceil(hi / step)
    count = round((stop - start) / step)
    return start, stop, [start + k * step for k in range(count + 1)]
