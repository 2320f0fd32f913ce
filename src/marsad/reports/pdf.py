"""HTML to PDF with WeasyPrint, for Arabic (right to left) and Latin-script reports.

WeasyPrint shapes Arabic HTML text and lays it out right to left when the document says `dir="rtl"`, provided
the fonts have Arabic glyphs: the stylesheet below names them explicitly (Debian's `fonts-noto-core` for Noto
Naskh Arabic and Noto Sans, `fonts-hosny-amiri` for Amiri; `scripts/system-deps` installs them) instead of
trusting a generic family. Arabic inside SVG `<text>` is *not* shaped by WeasyPrint, which is why the charts
of `marsad.charts` keep every word in HTML. Page numbers use the page's digits.

The result is checked as images: `tests/insights/test_pdf.py` converts pages with `pdftoppm` and reads the
text back with `pdftotext`.
"""

from __future__ import annotations

from collections.abc import Sequence

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

PAGE_CSS = """
@page {
  size: A4;
  margin: 16mm 14mm 18mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; color: #5b6875; }
}
html { font-family: "Noto Sans", "Noto Naskh Arabic", "Amiri", "DejaVu Sans", sans-serif; font-size: 9.5pt;
  color: #1d2731; line-height: 1.45; }
html[lang="ar"] { font-family: "Noto Naskh Arabic", "Amiri", "Noto Sans", "DejaVu Sans", sans-serif; }
[lang="ar"] { font-family: "Noto Naskh Arabic", "Amiri", serif; }
[lang="en"], [lang="fr"] { font-family: "Noto Sans", "DejaVu Sans", sans-serif; }
"""
ARABIC_PAGE_NUMBERS = """
@page { @bottom-center { content: counter(page, arabic-indic) " / " counter(pages, arabic-indic); } }
"""


def render_pdf(
    html: str, *, language: str = "en", base_url: str | None = None, stylesheets: Sequence[str] = ()
) -> bytes:
    """The PDF of a complete HTML document (its `<html>` should carry `lang` and `dir`).

    `stylesheets` are extra CSS texts applied after the page and font rules (e.g. `marsad.charts.stylesheet()`).
    """
    fonts = FontConfiguration()
    sheets = [CSS(string=PAGE_CSS, font_config=fonts)]
    if language.startswith("ar"):
        sheets.append(CSS(string=ARABIC_PAGE_NUMBERS, font_config=fonts))
    sheets.extend(CSS(string=text, font_config=fonts) for text in stylesheets)
    return HTML(string=html, base_url=base_url).write_pdf(stylesheets=sheets, font_config=fonts)
