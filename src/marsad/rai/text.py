"""Trilingual text of the questionnaires: every question, option, outcome and explanation in ar, en and fr.

The questionnaires are shown in the visitor's language and must never fall back silently, so the loader refuses a
text that lacks one of the three languages; `Text.get` falls back (to English, then Arabic) only for languages
outside the three, such as a request for `en-gb`.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("ar", "en", "fr")


@dataclass(frozen=True)
class Text:
    """One piece of user-facing text in Arabic, English and French."""

    ar: str
    en: str
    fr: str

    def get(self, lang: str) -> str:
        """The text in `lang` ('ar', 'en', 'fr'; a regional tag such as 'fr-ma' uses its base language)."""
        base = (lang or "en").split("-")[0].split("_")[0].lower()
        return getattr(self, base) if base in LANGUAGES else self.en

    def as_dict(self) -> dict[str, str]:
        return {"ar": self.ar, "en": self.en, "fr": self.fr}
