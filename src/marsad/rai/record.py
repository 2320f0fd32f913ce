"""The transparency record of an AI entry: checked answers to the record's field list, for reading and export.

The record's field list is a questionnaire of kind `transparency_record` (free-text, e-mail, URL, date and choice
fields), so the submission form, the branching (supplier fields only when a supplier is involved) and the
validation are the ones every questionnaire uses. This module turns valid answers into a `Record`: sections of
labelled fields that a page shows in the visitor's language (falling back visibly when a text was written in
another language only), and a JSON export that `AnswerSet.from_dict` reads back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from marsad.rai.answers import prune
from marsad.rai.questionnaire import Question, Questionnaire
from marsad.rai.text import LANGUAGES, Text

EXPORT_FORMAT = "marsad-transparency-record"


@dataclass(frozen=True)
class RecordField:
    question: Question
    value: Any

    def display(self, lang: str) -> tuple[str | list[str], str | None]:
        """The value to show in `lang` and the language it is actually in (None for language-neutral values).

        A translatable text missing in `lang` falls back to English, Arabic, then French, and says so, so that
        the page can mark the fallback.
        """
        if self.question.is_choice:
            chosen = self.value if isinstance(self.value, list) else [self.value]
            texts = [self.question.option(v).text.get(lang) for v in chosen]
            return (texts if self.question.type == "multiple" else texts[0]), lang
        if self.question.translatable:
            for candidate in (lang, "en", "ar", "fr"):
                if (self.value.get(candidate) or "").strip():
                    return self.value[candidate].strip(), candidate
        return self.value, None


@dataclass(frozen=True)
class RecordSection:
    id: str
    title: Text
    fields: tuple[RecordField, ...]


@dataclass(frozen=True)
class Record:
    kind: str
    version: int
    answers: Mapping[str, Any]
    sections: tuple[RecordSection, ...]

    def readable(self, lang: str) -> list[dict[str, Any]]:
        """Sections of (label, value) in `lang`, for the entry page; empty sections are left out."""
        shown = []
        for section in self.sections:
            rows = []
            for f in section.fields:
                value, value_lang = f.display(lang)
                rows.append(
                    {
                        "id": f.question.id,
                        "label": f.question.text.get(lang),
                        "value": value,
                        "fallback": value_lang is not None and value_lang != lang.split("-")[0],
                        "value_lang": value_lang,
                    }
                )
            shown.append({"id": section.id, "title": section.title.get(lang), "fields": rows})
        return shown

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The JSON export: the answers (readable back with `AnswerSet.from_dict`) and labelled sections.

        Without `lang`, labels and option texts come in the three languages.
        """

        def label(t: Text) -> Any:
            return t.as_dict() if lang is None else t.get(lang)

        def value(f: RecordField) -> Any:
            if not f.question.is_choice:
                return f.value
            chosen = f.value if isinstance(f.value, list) else [f.value]
            return [{"id": v, "text": label(f.question.option(v).text)} for v in chosen]

        return {
            "format": EXPORT_FORMAT,
            "questionnaire": self.kind,
            "version": self.version,
            "language": lang,
            "answers": dict(self.answers),
            "sections": [
                {
                    "id": s.id,
                    "title": label(s.title),
                    "fields": [
                        {"id": f.question.id, "label": label(f.question.text), "value": value(f)}
                        for f in s.fields
                    ],
                }
                for s in self.sections
            ],
        }

    def to_json(self, lang: str | None = None) -> str:
        """`as_dict` as UTF-8 JSON text (Arabic kept readable, not escaped)."""
        return json.dumps(self.as_dict(lang), ensure_ascii=False, indent=2)


def build(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> Record:
    """The record of valid answers (see `marsad.rai.evaluate`, which validates first)."""
    given = prune(questionnaire, answers)
    sections = []
    for section in questionnaire.sections:
        fields = tuple(RecordField(q, _clean(q, given[q.id])) for q in section.questions if q.id in given)
        if fields:
            sections.append(RecordSection(section.id, section.title, fields))
    cleaned = {f.question.id: f.value for s in sections for f in s.fields}
    return Record(questionnaire.kind, questionnaire.version, cleaned, tuple(sections))


def _clean(question: Question, value: Any) -> Any:
    """Trim free text and drop blank translations, so the export holds what a reader sees."""
    if question.translatable:
        return {lang: value[lang].strip() for lang in LANGUAGES if (value.get(lang) or "").strip()}
    return (
        value.strip() if isinstance(value, str) else list(value) if isinstance(value, list | tuple) else value
    )
