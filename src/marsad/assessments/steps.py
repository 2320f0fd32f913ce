"""One submitted step of a questionnaire form: read it, refuse tampered or incomplete input, merge it.

A form shows the questions visible given the answers saved so far. A step is refused as a whole — nothing is
saved — when a posted field is not a question of the step, an option is not one offered, a question is answered
that is not asked, the version posted is not the one being answered, or (going forward) a required question
that was shown is left empty. When the answers of a step reveal follow-up questions of the same step ("does the
exception apply?"), the step is saved and shown again with them: that is how branching works without JavaScript.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from marsad import rai
from marsad.core.validators import clean_plain_text

FORM_FIELDS = {"csrfmiddlewaretoken", "action", "version"}
ACTIONS = ("next", "back", "save")
MAX_TEXT = 10_000  # characters of one free-text answer in one language, where the questionnaire sets no limit


@dataclass
class Step:
    """The outcome of one posted step: `errors` (nothing to save) or the `draft` to save."""

    errors: list[str] = field(default_factory=list)
    draft: dict[str, Any] = field(default_factory=dict)
    revealed: list[str] = field(default_factory=list)  # follow-up questions of this step to ask now


def field_names(question: rai.Question) -> list[str]:
    if question.translatable:
        return [f"{question.id}__{lang}" for lang in rai.LANGUAGES]
    return [question.id]


def read(
    questionnaire: rai.Questionnaire,
    draft: Mapping[str, Any],
    section: str,
    data: Mapping[str, Any],
    lang: str,
) -> Step:
    """Check and merge the posted `data` of `section` into `draft` (the answers saved so far)."""
    action = data.get("action", "next")
    if action not in ACTIONS:
        action = "next"
    posted_version = str(data.get("version", ""))
    if posted_version != str(questionnaire.version):
        error = rai.AnswerError("wrong_version", detail=posted_version or "?")
        return Step(errors=[error.message(lang)])
    step_questions = questionnaire.section(section).questions
    allowed = FORM_FIELDS | {name for q in step_questions for name in field_names(q)}
    unknown = sorted(name for name in data if name not in allowed)
    if unknown:
        return Step(errors=[rai.AnswerError("unknown_question", detail=unknown[0]).message(lang)])
    step = rai.answers_from_post(questionnaire, section, data)
    text_errors = [m for q in step_questions if q.id in step for m in _text_problems(q, step[q.id], lang)]
    if text_errors:
        return Step(errors=text_errors)
    asked = {q.id for q in step_questions}
    candidate = {k: v for k, v in draft.items() if k not in asked} | step
    problems = rai.validate(questionnaire, candidate, section=section, partial=True)
    shown_before = {q.id for q in rai.visible_questions(questionnaire, draft, section)}
    if action == "next":
        # Required questions the respondent saw (visible before this post) and still sees, left empty.
        problems += [
            rai.AnswerError("missing_answer", q.id, q.text)
            for q in rai.visible_questions(questionnaire, candidate, section)
            if q.required and q.id in shown_before and q.id not in step
        ]
    if problems:
        return Step(errors=[p.message(lang) for p in problems])
    merged = rai.merge_step(questionnaire, draft, section, step)
    revealed = [
        q.id
        for q in rai.visible_questions(questionnaire, merged, section)
        if q.id not in shown_before and q.id not in merged
    ]
    return Step(draft=merged, revealed=revealed if action == "next" else [])


def _text_problems(question: rai.Question, value: Any, lang: str) -> list[str]:
    """The checks every text entering Marsad gets (valid UTF-8, no bidi controls, no HTML), and a size cap."""
    if question.is_choice:
        return []
    texts = value.values() if isinstance(value, Mapping) else [value]
    found = []
    for text in texts:
        if not isinstance(text, str):
            continue
        label = question.text.get(lang)
        if len(text) > (question.max_length or MAX_TEXT):
            detail = _("at most %(n)s characters") % {"n": question.max_length or MAX_TEXT}
            found.append(rai.AnswerError("invalid_value", question.id, question.text, detail).message(lang))
            continue
        try:
            clean_plain_text(text)
        except ValidationError as error:
            found.append(f"“{label}”: {' '.join(error.messages)}")
    return found
