"""Per-language content fields and their visible fallback.

Content is written in Arabic, English and/or French; the page shows the visitor's language and, when a text is
missing there, the first available one marked with its language, so a reader is never shown an empty page nor
misled about which language they are reading.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language


@dataclass(frozen=True)
class Localised:
    text: str
    lang: str
    fallback: bool

    def __str__(self) -> str:
        return self.text

    @property
    def dir(self) -> str:
        return "rtl" if self.lang == "ar" else "ltr"


def current_language() -> str:
    lang = (get_language() or settings.LANGUAGE_CODE)[:2]
    return lang if lang in settings.CONTENT_LANGUAGES else settings.LANGUAGE_CODE


def fallback_order(lang: str) -> list[str]:
    return [lang, *(code for code in ("ar", "en", "fr") if code != lang)]


def localise(obj: object, field: str, lang: str | None = None) -> Localised:
    """Return `obj.<field>_<lang>`, falling back to the other languages in a fixed order."""
    lang = lang or current_language()
    for code in fallback_order(lang):
        text = getattr(obj, f"{field}_{code}", "") or ""
        if text.strip():
            return Localised(text, code, code != lang)
    return Localised("", lang, False)


def joined(items: Iterable[str], lang: str | None = None) -> str:
    """Items of running text joined by the language's comma: the Arabic comma (،) in Arabic."""
    lang = lang or get_language() or "en"
    return ("، " if lang.startswith("ar") else ", ").join(items)
