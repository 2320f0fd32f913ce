"""Numbers as a reader of the page's language expects them.

Arabic pages use Eastern Arabic (Arabic-Indic) digits, the Arabic decimal separator (U+066B) and thousands
separator (U+066C), as the foundation's `digits` filter does for counts; other languages use Western digits
with a point and a comma. Missing values are an en dash, never "nan".
"""

from __future__ import annotations

import math

ARABIC_INDIC = str.maketrans("0123456789.,", "٠١٢٣٤٥٦٧٨٩٫٬")
MISSING = "–"


def number(value: float | int | None, decimals: int = 1, language: str = "en", grouping: bool = True) -> str:
    """`value` rounded to `decimals` places, with the digits and separators of `language` ("ar", "en", "fr")."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    text = f"{value:,.{decimals}f}" if grouping else f"{value:.{decimals}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]  # -0.0 reads as a sign error
    return localise_digits(text, language)


def localise_digits(text: str, language: str) -> str:
    """Digits and separators of an already formatted number in `language`."""
    return text.translate(ARABIC_INDIC) if language.startswith("ar") else text


def rank_interval(low: float | None, high: float | None, language: str = "en") -> str:
    """A rank interval "12–19" (ranks are whole numbers; a degenerate interval is one number)."""
    if low is None or high is None:
        return MISSING
    a, b = round(low), round(high)
    return number(a, 0, language) if a == b else f"{number(a, 0, language)}–{number(b, 0, language)}"
