"""Answers to a questionnaire: what is shown given them, whether they are valid, how a form step reads them.

An answer set maps question ids to values: an option id (single choice), a list of option ids (multiple choice),
a string (free text, e-mail, URL, ISO date) or, for a translatable text, a mapping of language to string. It is
stored together with the questionnaire's kind and version (`AnswerSet`), because a later version may ask other
questions: old answers are read with the version they answered (`marsad.rai.registry.load_for`).

What is shown is settled in one pass in form order: a section or question is shown when its `show_if` holds over
the answers of the questions shown before it. An answer to a question that is not shown therefore never
influences anything — and `validate` reports it, since a form never submits one (a tampered hidden field, or a
stale answer after an earlier answer changed: `prune` drops those).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from marsad.rai.errors import AnswerError
from marsad.rai.questionnaire import Question, Questionnaire, Section
from marsad.rai.text import LANGUAGES, Text

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class AnswerSet:
    """Answers together with the questionnaire (kind and version) they were given to: the unit to store."""

    kind: str
    version: int
    answers: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form for a database field or an export."""
        return {"questionnaire": self.kind, "version": self.version, "answers": dict(self.answers)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AnswerSet:
        """Read what `to_dict` wrote; ValueError says which key is missing or malformed."""
        for key, kind in (("questionnaire", str), ("version", int), ("answers", Mapping)):
            if not isinstance(data.get(key), kind):
                raise ValueError(
                    f"a stored answer set needs '{key}' ({kind.__name__}), got {data.get(key)!r}"
                )
        return cls(data["questionnaire"], data["version"], dict(data["answers"]))


@dataclass(frozen=True)
class Reason:
    """One answer cited in a result: the question, the value given and the text of the chosen options."""

    question_id: str
    question: Text
    value: Any
    options: tuple[Text, ...] = ()

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        if lang is None:
            return {
                "question": self.question_id,
                "value": self.value,
                "question_text": self.question.as_dict(),
                "options": [o.as_dict() for o in self.options],
            }
        return {
            "question": self.question_id,
            "value": self.value,
            "question_text": self.question.get(lang),
            "options": [o.get(lang) for o in self.options],
        }


def is_answered(value: Any) -> bool:
    """A value counts as an answer unless it is empty (None, '', [], or a translation mapping of blanks)."""
    if isinstance(value, Mapping):
        return any(isinstance(v, str) and v.strip() for v in value.values())
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None and value != [] and value != ()


def _walk(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> tuple[dict[str, bool], dict[str, Any]]:
    """Visibility of every question and the answers of the shown ones, in one pass in form order."""
    shown: dict[str, bool] = {}
    effective: dict[str, Any] = {}
    for section in questionnaire.sections:
        section_shown = section.show_if is None or section.show_if.holds(effective)
        for question in section.questions:
            visible = section_shown and (question.show_if is None or question.show_if.holds(effective))
            shown[question.id] = visible
            if visible and is_answered(answers.get(question.id)):
                effective[question.id] = answers[question.id]
    return shown, effective


def visible_questions(
    questionnaire: Questionnaire, answers: Mapping[str, Any], section: str | None = None
) -> list[Question]:
    """The questions to show given the answers so far (of one section if `section` is given)."""
    shown, _ = _walk(questionnaire, answers)
    return [q for q in questionnaire.questions if shown[q.id] and (section is None or q.section == section)]


def visible_sections(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> list[Section]:
    """The form steps to show: sections with at least one question shown."""
    shown, _ = _walk(questionnaire, answers)
    return [s for s in questionnaire.sections if any(shown[q.id] for q in s.questions)]


def next_section(
    questionnaire: Questionnaire, answers: Mapping[str, Any], current: str | None
) -> Section | None:
    """The step after `current` (the first step when None), skipping steps with nothing to ask; None at the end.

    Visibility only depends on earlier answers, so the steps before `current` stay what the respondent saw.
    """
    ids = [s.id for s in questionnaire.sections]
    start = ids.index(current) + 1 if current is not None else 0
    visible = {s.id for s in visible_sections(questionnaire, answers)}
    return next((s for s in questionnaire.sections[start:] if s.id in visible), None)


def previous_section(
    questionnaire: Questionnaire, answers: Mapping[str, Any], current: str
) -> Section | None:
    """The shown step before `current`, or None on the first step."""
    ids = [s.id for s in questionnaire.sections]
    visible = {s.id for s in visible_sections(questionnaire, answers)}
    earlier = [s for s in questionnaire.sections[: ids.index(current)] if s.id in visible]
    return earlier[-1] if earlier else None


def prune(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers of the questions shown, in form order: what results are computed from.

    Drops answers to unknown questions and to questions no longer shown (after the respondent changed an
    earlier answer), so a draft can be pruned before it is saved.
    """
    return _walk(questionnaire, answers)[1]


def merge_step(
    questionnaire: Questionnaire, draft: Mapping[str, Any], section: str, step: Mapping[str, Any]
) -> dict[str, Any]:
    """The draft after one form step was submitted: the step's answers replace that section's, then `prune`.

    A question left empty in the step is removed from the draft (the respondent cleared it).
    """
    asked = {q.id for q in questionnaire.section(section).questions}
    kept = {k: v for k, v in draft.items() if k not in asked}
    return prune(questionnaire, {**kept, **step})


def validate(
    questionnaire: Questionnaire,
    answers: AnswerSet | Mapping[str, Any],
    section: str | None = None,
    partial: bool = False,
) -> list[AnswerError]:
    """Every problem of an answer set, in form order; an empty list means the answers are valid.

    Parameters
    ----------
    answers
        An `AnswerSet` (its kind and version must be the questionnaire's) or a bare mapping of answers.
    section
        Check only this step (a form validates one step at a time); unknown ids are reported in any case.
    partial
        A draft: unanswered required questions are not errors.
    """
    if isinstance(answers, AnswerSet):
        if answers.kind != questionnaire.kind:
            return [AnswerError("wrong_questionnaire", detail=answers.kind)]
        if answers.version != questionnaire.version:
            return [AnswerError("wrong_version", detail=str(answers.version))]
        answers = answers.answers
    known = {q.id for q in questionnaire.questions}
    errors = [
        AnswerError("unknown_question", question_id=k, detail=str(k)) for k in answers if k not in known
    ]
    shown, _ = _walk(questionnaire, answers)
    for question in questionnaire.questions:
        if section is not None and question.section != section:
            continue
        value = answers.get(question.id)
        if not shown[question.id]:
            if is_answered(value):
                errors.append(AnswerError("hidden_question", question.id, question.text))
        elif not is_answered(value):
            if question.required and not partial:
                errors.append(AnswerError("missing_answer", question.id, question.text))
        else:
            errors.extend(check_value(question, value))
    return errors


def check_value(question: Question, value: Any) -> list[AnswerError]:
    """Problems of one given answer with the question's type and options."""

    def error(code: str, detail: str) -> list[AnswerError]:
        return [AnswerError(code, question.id, question.text, detail)]

    if question.type == "single":
        if not isinstance(value, str):
            return error("wrong_type", "one option id")
        return [] if question.option(value) else error("unknown_option", value)
    if question.type == "multiple":
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            return error("wrong_type", "a list of option ids")
        if len(set(value)) != len(value):
            return error("invalid_value", "an option is ticked twice")
        unknown = [v for v in value if question.option(v) is None]
        if unknown:
            return error("unknown_option", unknown[0])
        exclusive = [v for v in value if question.option(v).exclusive]
        return error("exclusive_option", exclusive[0]) if exclusive and len(value) > 1 else []
    if question.translatable:
        if not isinstance(value, Mapping) or not all(isinstance(v, str) for v in value.values()):
            return error("wrong_type", f"a text per language ({', '.join(LANGUAGES)})")
        if set(value) - set(LANGUAGES):
            return error("invalid_value", f"unknown language '{sorted(set(value) - set(LANGUAGES))[0]}'")
        texts = [v for v in value.values() if v.strip()]
    elif not isinstance(value, str):
        return error("wrong_type", "a text")
    else:
        texts = [value.strip()]
    if question.max_length and any(len(t) > question.max_length for t in texts):
        return error("invalid_value", f"at most {question.max_length} characters")
    if question.type == "email" and not _EMAIL.match(texts[0]):
        return error("invalid_value", "an e-mail address such as name@example.org")
    if question.type == "url" and not _URL.match(texts[0]):
        return error("invalid_value", "a web address starting with https:// or http://")
    if question.type == "date" and not _valid_date(texts[0]):
        return error("invalid_value", "a date written YYYY-MM-DD")
    return []


def _valid_date(text: str) -> bool:
    if not _DATE.match(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def answers_from_post(questionnaire: Questionnaire, section: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """Read one form step from posted data (a Django QueryDict or a mapping of field name to list of strings).

    Field names: the question id; for translatable texts `<id>__<lang>`. Empty fields are left out; give the
    result to `merge_step`.
    """

    def values(name: str) -> list[str]:
        raw = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
        return [v for v in ([raw] if isinstance(raw, str) else raw) if isinstance(v, str) and v.strip()]

    result: dict[str, Any] = {}
    for question in questionnaire.section(section).questions:
        if question.type == "multiple":
            value: Any = values(question.id)
        elif question.translatable:
            filled = {lang: values(f"{question.id}__{lang}") for lang in LANGUAGES}
            value = {lang: texts[0].strip() for lang, texts in filled.items() if texts}
        else:
            found = values(question.id)
            value = found[0].strip() if found else None
        if is_answered(value):
            result[question.id] = value
    return result


def reason(questionnaire: Questionnaire, question_id: str, value: Any) -> Reason:
    """The citation of one answer, with the texts a reader needs."""
    question = questionnaire.question(question_id)
    chosen = value if isinstance(value, list | tuple) else [value]
    options = tuple(o.text for v in chosen if isinstance(v, str) and (o := question.option(v)) is not None)
    return Reason(question_id, question.text, value, options)
