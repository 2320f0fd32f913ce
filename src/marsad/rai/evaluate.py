"""One entry point for every kind: validate the answers, then compute the kind's result.

    questionnaire = load("eu_ai_act")               # or load_for(stored_answer_set)
    errors = validate(questionnaire, answer_set)    # [] when valid; AnswerError values otherwise
    result = evaluate(questionnaire, answer_set)    # Classification | ImpactResult | ReadinessResult | Record

`evaluate` refuses invalid answers (`InvalidAnswers` with the full error list) rather than guess: a tier or a
level computed from an incomplete or tampered answer set would look as authoritative as a real one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from marsad.rai import classification, impact, readiness, record
from marsad.rai.answers import AnswerSet, validate
from marsad.rai.errors import InvalidAnswers
from marsad.rai.questionnaire import Questionnaire

_EVALUATORS = {
    "eu_ai_act": classification.classify,
    "impact_assessment": impact.assess,
    "readiness": readiness.assess,
    "transparency_record": record.build,
}


def evaluate(questionnaire: Questionnaire, answers: AnswerSet | Mapping[str, Any]) -> Any:
    """The result of complete, valid answers; raises `InvalidAnswers` listing every problem otherwise."""
    errors = validate(questionnaire, answers)
    if errors:
        raise InvalidAnswers(errors)
    given = answers.answers if isinstance(answers, AnswerSet) else answers
    return _EVALUATORS[questionnaire.kind](questionnaire, given)
