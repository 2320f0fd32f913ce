"""A heatmap as an HTML table with coloured cells (e.g. a correlation matrix).

No SVG at all: each cell's colour is an inline style and its value is text, so the labels (row names in any
script, column codes) and numbers are shaped and ordered by the browser or WeasyPrint like any table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from marsad.charts.numbers import number

NEGATIVE, ZERO, POSITIVE = (164, 38, 44), (255, 255, 255), (11, 110, 79)


def colour(value: float | None, lo: float = -1.0, hi: float = 1.0) -> str:
    """A diverging colour: red below the middle of [lo, hi], white at it, green above; grey when missing."""
    if value is None or math.isnan(value):
        return "#eceff1"
    mid = (lo + hi) / 2
    t = max(-1.0, min(1.0, (value - mid) / ((hi - lo) / 2)))
    end = POSITIVE if t >= 0 else NEGATIVE
    r, g, b = (round(z + (e - z) * abs(t)) for z, e in zip(ZERO, end, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    matrix: Sequence[Sequence[float | None]],
    *,
    language: str = "en",
    scale: tuple[float, float] = (-1.0, 1.0),
    decimals: int = 2,
    caption: str = "",
    column_titles: Sequence[str] | None = None,
) -> SafeString:
    """`matrix[i][j]` coloured on `scale`; `columns` are short headers, `column_titles` their full names."""
    titles = column_titles or columns
    head = "".join(
        format_html('<th scope="col" title="{}"><span>{}</span></th>', t, c)
        for c, t in zip(columns, titles, strict=True)
    )
    body = []
    for name, values in zip(rows, matrix, strict=True):
        cells = []
        for v in values:
            missing = v is None or math.isnan(v)
            light = missing or abs(v - sum(scale) / 2) < 0.6 * (scale[1] - scale[0]) / 2
            cells.append(
                format_html(
                    '<td style="background: {}; color: {}">{}</td>',
                    colour(None if missing else v, *scale),
                    "#1d2731" if light else "#fff",
                    number(None if missing else v, decimals, language),
                )
            )
        body.append(format_html('<tr><th scope="row">{}</th>{}</tr>', name, mark_safe("".join(cells))))
    return format_html(
        '<figure class="mc mc-heatmap">{}<div class="mc-scroll"><table class="mc-heat"><thead><tr><td></td>{}'
        "</tr></thead><tbody>{}</tbody></table></div></figure>",
        format_html("<figcaption>{}</figcaption>", caption) if caption else "",
        mark_safe(head),
        mark_safe("".join(body)),
    )
