"""The questionnaire as a multi-step web form: what a step shows, and what posting it does to the draft.

A step is one section of the questionnaire (the organisation, then one step per pillar). Every post carries,
besides the answers, three hidden fields — the questionnaire's kind, its version and the section — and the
button pressed (`next`, `back` or `save`). `submit` checks all of it before anything is written:

- the kind and version must be the assessment's (a form left open while a new version appeared, or edited);
- the section must exist and be asked given the answers so far;
- every other field must be a question of *that* section (a question of another step, or no question at all,
  is refused rather than ignored: a form never posts one);
- the answers must fit their questions (`rai.validate`: known options, the right type); `next` also needs
  every required question of the step answered, while `back` and `save` keep a partial draft.

Every problem of the post is reported at once, in the respondent's language, and the draft is left as it was.
A valid post replaces the step's answers (`rai.merge_step` semantics, which also drops answers that an earlier
change made irrelevant) under a row lock, so two members answering the same draft never interleave a step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from marsad import rai
from marsad.accounts.models import User
from marsad.charts import localise_digits
from marsad.readiness.models import Assessment

ACTIONS = ("next", "back", "save")
META_FIELDS = {"csrfmiddlewaretoken", "questionnaire", "version", "section", "action"}
SHOWN_CHARS = 60  # of a tampered value quoted back in an error


@dataclass(frozen=True)
class StepError:
    question_id: str | None  # None: a problem of the whole post (version, section, unknown field)
    message: str


@dataclass
class Field:
    """One question of a step, ready for the template."""

    question: rai.Question
    text: str
    help: str
    options: list[tuple[str, str]]
    value: Any
    errors: list[str] = field(default_factory=list)


@dataclass
class Step:
    """One step as shown: its questions, the answers so far, the steps around it and any errors."""

    assessment: Assessment
    section: rai.Section
    title: str
    fields: list[Field]
    steps: list[dict[str, Any]]  # every step shown: id, title, current, done
    number: int  # 1-based position among the steps shown
    errors: list[StepError] = field(default_factory=list)

    @property
    def is_first(self) -> bool:
        return self.number == 1

    @property
    def is_last(self) -> bool:
        return self.number == len(self.steps)

    @property
    def general_errors(self) -> list[str]:
        return [e.message for e in self.errors if e.question_id is None]


@dataclass
class Outcome:
    """What a post did: `errors` (nothing saved) or the step to go to next (None: the assessment is done)."""

    section: str
    errors: list[StepError] = field(default_factory=list)
    answers: dict[str, Any] = field(default_factory=dict)  # the answers to show again after errors
    goto: str | None = None
    completed: bool = False
    incomplete: list[StepError] = field(default_factory=list)  # earlier steps still missing answers


def _lang() -> str:
    return (get_language() or "ar")[:2]


def _shorten(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def _message(error: rai.AnswerError) -> StepError:
    return StepError(error.question_id, replace(error, detail=_shorten(error.detail)).message(_lang()))


def step(
    assessment: Assessment,
    section_id: str,
    answers: Mapping[str, Any] | None = None,
    errors: list[StepError] | None = None,
) -> Step:
    """The step `section_id` of a draft, showing `answers` (default: the draft's) and `errors`."""
    questionnaire, lang = assessment.form, _lang()
    draft = assessment.answers
    shown = answers if answers is not None else draft
    errors = errors or []
    section = questionnaire.section(section_id)
    fields = [
        Field(
            question,
            question.text.get(lang),
            question.help.get(lang) if question.help else "",
            [(o.id, o.text.get(lang)) for o in question.options],
            shown.get(question.id),
            [e.message for e in errors if e.question_id == question.id],
        )
        for question in rai.visible_questions(questionnaire, {**draft, **shown}, section=section_id)
    ]
    visible = rai.visible_sections(questionnaire, draft)
    steps = [
        {
            "id": s.id,
            "title": s.title.get(lang),
            "current": s.id == section_id,
            "done": not rai.validate(questionnaire, draft, section=s.id),
        }
        for s in visible
    ]
    number = next((i for i, s in enumerate(visible, 1) if s.id == section_id), len(visible))
    return Step(assessment, section, section.title.get(lang), fields, steps, number, errors)


def shown_section(assessment: Assessment, requested: str | None) -> str | None:
    """The step to show for a request: `requested` if it is a step asked now, the draft's place otherwise.

    None when `requested` names no step that is shown (the caller answers 404).
    """
    questionnaire = assessment.form
    visible = [s.id for s in rai.visible_sections(questionnaire, assessment.answers)]
    if requested:
        return requested if requested in visible else None
    return assessment.step if assessment.step in visible else visible[0]


def _check_post(assessment: Assessment, data: Mapping[str, Any]) -> tuple[list[StepError], str | None, str]:
    """Problems of the hidden fields and of the field names; the section and action posted."""
    questionnaire, lang = assessment.form, _lang()
    errors = []
    kind = data.get("questionnaire", "")
    if kind != assessment.questionnaire:
        errors.append(
            StepError(
                None,
                _("This form belongs to the questionnaire “%(kind)s”, not to this assessment.")
                % {"kind": _shorten(str(kind))},
            )
        )
    version = data.get("version", "")
    if version != str(assessment.version):
        errors.append(
            StepError(
                None,
                _(
                    "This form was for version %(posted)s of the questionnaire, but this assessment answers "
                    "version %(version)s. Nothing was saved: open the step again and answer it."
                )
                % {
                    "posted": localise_digits(_shorten(str(version)), lang) or "–",
                    "version": localise_digits(str(assessment.version), lang),
                },
            )
        )
    action = data.get("action") or "next"
    if action not in ACTIONS:
        errors.append(StepError(None, _("Unknown button “%(action)s”.") % {"action": _shorten(action)}))
    section_id = data.get("section", "")
    section_ids = [s.id for s in questionnaire.sections]
    if section_id not in section_ids:
        errors.append(
            StepError(
                None,
                _("There is no step “%(section)s” in this questionnaire.")
                % {"section": _shorten(section_id)},
            )
        )
        return errors, None, action
    if section_id not in {s.id for s in rai.visible_sections(questionnaire, assessment.answers)}:
        errors.append(
            StepError(
                None,
                _("The step “%(step)s” is not asked given your earlier answers.")
                % {"step": questionnaire.section(section_id).title.get(lang)},
            )
        )
    for name in data:
        if name in META_FIELDS:
            continue
        question_id, _sep, language = name.partition("__")
        question = next((q for q in questionnaire.questions if q.id == question_id), None)
        if (
            question is None
            or question.translatable != bool(language)
            or language not in ("", *rai.LANGUAGES)
        ):
            errors.append(_message(rai.AnswerError("unknown_question", detail=name)))
            continue
        if question.section != section_id:
            errors.append(
                StepError(
                    None,
                    _("“%(question)s” is asked in the step “%(step)s”, not in this one.")
                    % {
                        "question": question.text.get(lang),
                        "step": questionnaire.section(question.section).title.get(lang),
                    },
                )
            )
    return errors, section_id, action


def submit(assessment_id: int, data: Mapping[str, Any], user: User) -> Outcome:
    """Check one posted step and, when it is valid, save it into the draft (and complete it after the last).

    `data` is the posted QueryDict. Nothing is written when `errors` is not empty.
    """
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=assessment_id)
        questionnaire = assessment.form
        errors, section_id, action = _check_post(assessment, data)
        if section_id is None:
            return Outcome(shown_section(assessment, None), errors)
        given = rai.answers_from_post(questionnaire, section_id, data)
        asked = {q.id for q in questionnaire.section(section_id).questions}
        candidate = {**{k: v for k, v in assessment.answers.items() if k not in asked}, **given}
        errors += [
            _message(e)
            for e in rai.validate(questionnaire, candidate, section=section_id, partial=action != "next")
            if e.code != "unknown_question"  # field names were checked above, with the step they belong to
        ]
        if errors:
            return Outcome(section_id, errors, given)
        answers = rai.prune(questionnaire, candidate)
        assessment.answers = answers
        outcome = Outcome(section_id, goto=section_id)
        if action == "back":
            previous = rai.previous_section(questionnaire, answers, section_id)
            outcome.goto = previous.id if previous else section_id
        elif action == "next":
            following = rai.next_section(questionnaire, answers, section_id)
            if following is not None:
                outcome.goto = following.id
            else:
                missing = [_message(e) for e in rai.validate(questionnaire, assessment.answer_set)]
                if missing:
                    # An earlier step was skipped through the step links: go there, keeping this step.
                    first = questionnaire.question(missing[0].question_id).section
                    outcome.goto, outcome.incomplete = first, missing
                else:
                    assessment.complete(user)
                    outcome.goto, outcome.completed = None, True
        assessment.step = outcome.goto or ""
        assessment.save()
        return outcome
