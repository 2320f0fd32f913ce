"""Template helpers of the index pages: numbers in the page's digits, the charts' stylesheet."""

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from marsad import charts

register = template.Library()


def _language() -> str:
    return (get_language() or "ar")[:2]


@register.filter
def num(value: float | None, decimals: int = 1) -> str:
    """A score or value with `decimals` places in the page's digits ("–" when missing)."""
    return charts.number(value, int(decimals), _language())


@register.filter
def whole(value: float | None) -> str:
    """A rank or a count: no decimals."""
    return charts.number(value, 0, _language())


@register.filter
def interval(score: object) -> str:
    """The rank interval of a stored score (or of anything with rank_low and rank_high)."""
    return charts.rank_interval(
        getattr(score, "rank_low", None), getattr(score, "rank_high", None), _language()
    )


@register.filter
def signed(value: float | None, decimals: int = 1) -> str:
    """A difference with its sign (+3.2, −1.0)."""
    if value is None:
        return charts.number(None)
    text = charts.number(abs(value), int(decimals), _language())
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else text)


@register.filter
def percent(share: float | None) -> str:
    """A share (0-1) as a whole percentage."""
    return "–" if share is None else f"{charts.number(100 * share, 0, _language())}%"


@register.filter
def year(value: object) -> str:
    """A year in the page's digits, without a thousands separator."""
    return charts.localise_digits(str(value), _language())


@register.filter
def spark(values: list) -> SafeString:
    """A sparkline of a series over years."""
    return charts.sparkline(values or [])


@register.simple_tag
def chart_styles() -> SafeString:
    """The charts' stylesheet, inlined (pages and PDFs share it)."""
    return mark_safe(f"<style>{charts.stylesheet()}</style>")
