"""Complete answer sets for the three questionnaires of an AI entry, built from the rai tests' own examples."""

from typing import Any

from marsad import rai
from tests.rai.conftest import EU_BASELINE, changed
from tests.rai.test_record import COMPLETE as RECORD

__all__ = ["EU_BASELINE", "RECORD", "changed", "complete_impact", "high_risk_eu"]


def complete_impact(**overrides: Any) -> dict[str, Any]:
    """An impact assessment answering the first option everywhere ('no' to the yes/no questions, the least
    points), with `overrides`; follow-up questions get answered as they appear."""
    questionnaire = rai.load("impact_assessment", 1)
    answers: dict[str, Any] = dict(overrides)
    while True:
        missing = [q for q in rai.visible_questions(questionnaire, answers) if q.id not in answers]
        if not missing:
            return answers
        for question in missing:
            first = next((o for o in question.options if o.id == "no"), question.options[0])
            answers[question.id] = [first.id] if question.type == "multiple" else first.id


def high_risk_eu() -> dict[str, Any]:
    """An employment-screening system: high-risk under Annex III point 4(a), and profiling people."""
    return changed(
        EU_BASELINE,
        annex_iii_areas=["employment"],
        annex_iii_employment=["recruitment"],
        profiling="yes",
    )
