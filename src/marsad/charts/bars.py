"""Horizontal bars, rank intervals and sparklines: an HTML table whose cells hold SVG shapes without text.

Each row is a label (HTML: it may be a link, in any script), a track holding the shapes, and the value as
text. Tracks are SVG with a 0-100 viewBox stretched to the cell, so one coordinate is a percentage of the
scale; on right-to-left pages the shapes are mirrored in Python (x → 100 - x), so bars grow from the start
side of the line in both directions, in the browser and in WeasyPrint alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from marsad.charts.numbers import number, rank_interval

# Colours are SVG presentation attributes, not CSS: WeasyPrint ignores `fill` set by a stylesheet.
ACCENT, BAR, REFERENCE, SPAN, DOT = "#0b6e4f", "#8fb9a8", "#c7922b", "#b7c2cc", "#3b6ea5"


@dataclass(frozen=True)
class Bar:
    """One row of a bar chart. `label` is plain text (escaped) unless it is a SafeString (e.g. a link)."""

    label: str
    value: float | None
    reference: float | None = None  # a mark across the bar, e.g. the peer group's median
    highlight: bool = False  # drawn in the accent colour (the country the page is about)
    note: str = ""  # a short text after the value, e.g. a rank


@dataclass(frozen=True)
class Interval:
    """One row of a rank-interval chart: the rank and its 5-95% interval over the Monte Carlo runs."""

    label: str
    rank: float | None
    low: float | None
    high: float | None
    highlight: bool = False


def _x(value: float, lo: float, hi: float, rtl: bool) -> float:
    share = 0.0 if hi == lo else (min(max(value, lo), hi) - lo) / (hi - lo)
    return round(100 * (1 - share if rtl else share), 2)


def _row(label: str, shapes: str, value: str, highlight: bool, note: str = "") -> str:
    """One chart row: the label (HTML), the track of shapes (SVG, labelled for screen readers), the value."""
    return format_html(
        '<tr{}><th scope="row" class="mc-label">{}</th><td class="mc-cell">{}</td><td class="mc-value">{}{}</td></tr>',
        mark_safe(' class="mc-row-hl"') if highlight else "",
        label,
        mark_safe(_track(shapes, f"{label}: {value}")),
        value,
        note,
    )


def _track(shapes: str, label: str) -> str:
    return (
        '<svg class="mc-track" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" '
        f'aria-label="{escape(label)}" focusable="false">{shapes}</svg>'
    )


def bars(
    rows: Sequence[Bar],
    *,
    language: str = "en",
    rtl: bool = False,
    scale: tuple[float, float] = (0.0, 100.0),
    decimals: int = 1,
    caption: str = "",
    legend: Sequence[tuple[str, str]] = (),
) -> SafeString:
    """A horizontal bar chart on `scale` (default 0-100, the index's scale).

    `legend` is a list of (css class, text) pairs explaining the marks, e.g. ("mc-ref", "peer median").
    """
    lo, hi = scale
    body = []
    for row in rows:
        shapes = ""
        if row.value is not None:
            start, end = _x(lo, lo, hi, rtl), _x(row.value, lo, hi, rtl)
            x, width = min(start, end), abs(end - start)
            fill = ACCENT if row.highlight else BAR
            shapes += f'<rect fill="{fill}" x="{x}" y="1.5" width="{width}" height="7"/>'
        if row.reference is not None:
            rx = _x(row.reference, lo, hi, rtl)
            shapes += f'<rect fill="{REFERENCE}" x="{max(rx - 0.4, 0)}" y="0" width="0.8" height="10"/>'
        value = number(row.value, decimals, language)
        note = format_html(' <span class="mc-note">{}</span>', row.note) if row.note else ""
        body.append(_row(row.label, shapes, value, row.highlight, note))
    return _figure("mc-bars", caption, body, legend)


def intervals(
    rows: Sequence[Interval],
    *,
    language: str = "en",
    rtl: bool = False,
    worst: float,
    caption: str = "",
    legend: Sequence[tuple[str, str]] = (),
) -> SafeString:
    """Ranks with their intervals on an axis from rank 1 (start side) to `worst`."""
    body = []
    for row in rows:
        shapes = ""
        if row.low is not None and row.high is not None:
            a, b = _x(row.low, 1, worst, rtl), _x(row.high, 1, worst, rtl)
            shapes += (
                f'<rect fill="{SPAN}" x="{min(a, b)}" y="3.5" width="{max(abs(b - a), 0.6)}" height="3"/>'
            )
        if row.rank is not None:
            x = _x(row.rank, 1, worst, rtl)
            fill = ACCENT if row.highlight else DOT
            shapes += f'<rect fill="{fill}" x="{max(x - 0.7, 0)}" y="1" width="1.4" height="8"/>'
        text = f"{number(row.rank, 0, language)} ({rank_interval(row.low, row.high, language)})"
        body.append(_row(row.label, shapes, text, row.highlight))
    return _figure("mc-intervals", caption, body, legend)


def sparkline(values: Sequence[float | None], *, label: str = "") -> SafeString:
    """A small trend line (no axis, no text): the shape of a series over years, oldest first.

    Time runs left to right on every page, as on the charts' year axes (see `lines.py`).
    """
    points = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(points) < 2:
        return mark_safe("")
    lo = min(v for _, v in points)
    hi = max(v for _, v in points)
    span = (hi - lo) or 1.0
    n = max(len(values) - 1, 1)
    coords = " ".join(f"{round(100 * i / n, 2)},{round(9 - 8 * (v - lo) / span, 2)}" for i, v in points)
    return format_html(
        '<svg class="mc-spark" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="{}" '
        'focusable="false"><polyline points="{}" fill="none" stroke="{}" stroke-width="1.5" '
        'vector-effect="non-scaling-stroke"/></svg>',
        label,
        coords,
        ACCENT,
    )


def _figure(kind: str, caption: str, body: list[str], legend: Sequence[tuple[str, str]]) -> SafeString:
    keys = "".join(
        format_html('<li><span class="mc-key {}"></span>{}</li>', css, text) for css, text in legend
    )
    return format_html(
        '<figure class="mc {}">{}<table class="mc-table"><tbody>{}</tbody></table>{}</figure>',
        kind,
        format_html("<figcaption>{}</figcaption>", caption) if caption else "",
        mark_safe("".join(body)),
        format_html('<ul class="mc-legend">{}</ul>', mark_safe(keys)) if keys else "",
    )
