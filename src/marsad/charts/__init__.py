"""Charts for Marsad's pages and PDFs, rendered on the server as HTML with SVG shapes and no SVG text.

WeasyPrint draws Arabic inside SVG ``<text>`` reversed and unshaped (see /work/shared/design.md, checked on
this machine), so every chart here keeps its words and numbers in HTML: labels, ticks, values and legends are
table cells or positioned spans around or over an SVG that holds only rectangles, lines and points. The same
markup then renders identically in the browser and in a WeasyPrint PDF, Arabic shaped and in order, and
screen readers read the text.

Usage (in a view or a report builder)::

    from marsad import charts

    charts.bars([charts.Bar("السعودية", 46.8, reference=41.0, highlight=True)], language="ar", rtl=True)
    charts.intervals([charts.Interval("Tunisia", 124, 110, 131)], worst=184, language="en")
    charts.line([charts.Series("Index", [41.5, 42.6, None, 46.8])], [2020, 2021, 2022, 2023], language="ar")
    charts.heatmap(["CON", "SKL"], ["CON", "SKL"], [[1, .4], [.4, 1]])
    charts.sparkline([41.5, 42.6, 46.8])
    charts.number(1234.5, 1, "ar")  # "١٬٢٣٤٫٥"

Each function returns a ``SafeString`` (labels given as plain strings are escaped; pass a ``SafeString`` to
put a link in a label). Include ``charts.STYLESHEET`` once per page or PDF (``stylesheet()`` returns its
text), e.g. with the ``{% chart_styles %}`` tag of ``marsad.insights``. Numbers use the page's digits:
Eastern Arabic in Arabic (``language="ar"``), Western otherwise.
"""

from pathlib import Path

from marsad.charts.bars import Bar, Interval, bars, intervals, sparkline
from marsad.charts.heatmap import colour, heatmap
from marsad.charts.lines import Series, line
from marsad.charts.numbers import localise_digits, number, rank_interval

STYLESHEET = Path(__file__).with_name("charts.css")


def stylesheet() -> str:
    """The charts' CSS, to inline in a page's or a PDF's ``<style>``."""
    return STYLESHEET.read_text(encoding="utf-8")


__all__ = [
    "STYLESHEET",
    "Bar",
    "Interval",
    "Series",
    "bars",
    "colour",
    "heatmap",
    "intervals",
    "line",
    "localise_digits",
    "number",
    "rank_interval",
    "sparkline",
    "stylesheet",
]
