"""Template filters for bilingual content: localised text with a visible fallback, digits, safe Markdown."""

import markdown as md
import nh3
from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from marsad.core.i18n import Localised, joined
from marsad.core.validators import format_partial_date

register = template.Library()
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
LANGUAGE_NAMES = {"ar": "العربية", "en": "English", "fr": "Français"}
ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre", "h3", "h4"}


@register.filter
def digits(value: object) -> str:
    """Numbers in Arabic-Indic digits on Arabic pages, as Arabic readers of the region expect."""
    text = str(value)
    return text.translate(ARABIC_INDIC) if (get_language() or "").startswith("ar") else text


@register.filter
def listing(values: object) -> SafeString:
    """Items joined by the page language's comma (the Arabic comma on Arabic pages), each escaped."""
    return mark_safe(joined(conditional_escape(value) for value in values))


@register.filter
def shown(value: Localised) -> SafeString:
    """A localised text in its own language and direction, marked when it is a fallback."""
    if not isinstance(value, Localised) or not value.text:
        return format_html("{}", value or "")
    if not value.fallback:
        return format_html("{}", value.text)
    return format_html(
        '<span lang="{}" dir="{}">{}</span> {}', value.lang, value.dir, value.text, _badge(value.lang)
    )


def _badge(lang: str) -> SafeString:
    return format_html(
        '<small class="fallback" title="{}">[{}]</small>',
        _("Not available in your language; shown in the original."),
        LANGUAGE_NAMES[lang],
    )


@register.filter
def markdown(value: Localised | str) -> SafeString:
    """Render contributor Markdown, then sanitise with nh3: no script, style or event handler survives."""
    text = value.text if isinstance(value, Localised) else str(value or "")
    html = md.markdown(text, extensions=[], output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener nofollow",
    )
    if isinstance(value, Localised) and value.fallback:
        return format_html(
            '<div lang="{}" dir="{}">{}</div>{}', value.lang, value.dir, mark_safe(clean), _badge(value.lang)
        )
    return mark_safe(clean)


@register.filter
def partial_date(revision: object, which: str) -> str:
    return format_partial_date(getattr(revision, f"{which}_date"), getattr(revision, f"{which}_precision"))
