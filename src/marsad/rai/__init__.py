"""Responsible AI: risk classification (EU AI Act), impact assessment, transparency record, AI readiness.

This package's core is pure Python (no Django): versioned questionnaires as data files, a safe condition
language for branching, validation of answer sets and the evaluation of each kind. The usual path::

    from marsad import rai

    q = rai.load("eu_ai_act")                          # latest version; rai.load("eu_ai_act", 1) for v1
    rai.visible_sections(q, draft)                     # the form steps to show given the answers so far
    rai.visible_questions(q, draft, section="scope")   # the fields of one step
    draft = rai.merge_step(q, draft, "scope", rai.answers_from_post(q, "scope", request.POST))
    rai.validate(q, draft, section="scope")            # AnswerError values, in the respondent's language
    stored = rai.AnswerSet(q.kind, q.version, draft).to_dict()
    result = rai.evaluate(rai.load_for(rai.AnswerSet.from_dict(stored)), rai.AnswerSet.from_dict(stored))

See docs/responsible-ai.md.
"""

from marsad.rai.answers import (
    AnswerSet,
    Reason,
    answers_from_post,
    merge_step,
    next_section,
    previous_section,
    prune,
    validate,
    visible_questions,
    visible_sections,
)
from marsad.rai.classification import Classification, Finding, ref_label
from marsad.rai.errors import ERROR_CODES, AnswerError, InvalidAnswers, QuestionnaireError
from marsad.rai.evaluate import evaluate
from marsad.rai.impact import ImpactResult
from marsad.rai.questionnaire import Option, Question, Questionnaire, Section
from marsad.rai.readiness import ReadinessResult
from marsad.rai.record import Record
from marsad.rai.registry import Registry, load, load_for, versions
from marsad.rai.text import LANGUAGES, Text

__all__ = [
    "ERROR_CODES",
    "LANGUAGES",
    "AnswerError",
    "AnswerSet",
    "Classification",
    "Finding",
    "ImpactResult",
    "InvalidAnswers",
    "Option",
    "Question",
    "Questionnaire",
    "QuestionnaireError",
    "ReadinessResult",
    "Reason",
    "Record",
    "Registry",
    "Section",
    "Text",
    "answers_from_post",
    "evaluate",
    "load",
    "load_for",
    "merge_step",
    "next_section",
    "previous_section",
    "prune",
    "ref_label",
    "validate",
    "versions",
    "visible_questions",
    "visible_sections",
]
