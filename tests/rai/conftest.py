"""Shared answer sets for the responsible-AI tests: a baseline that every table row changes a little."""

from typing import Any

import pytest

from marsad import rai

# An AI system in scope, answering "no" to everything: the one answer set whose outcome is minimal risk.
EU_BASELINE: dict[str, Any] = {
    "provides": "system",
    "military": "no",
    "research_only": "no",
    "testing_only": "no",
    "open_source": "no",
    "manipulation": "no",
    "exploits_vulnerabilities": "no",
    "social_scoring": "no",
    "crime_prediction": "no",
    "face_scraping": "no",
    "emotion_workplace_education": "no",
    "biometric_categorisation": "no",
    "realtime_remote_identification": "no",
    "annex_i_product": "no",
    "annex_iii_areas": ["none"],
    "interacts_with_people": "no",
    "generates_content": "no",
    "emotion_or_biometric_system": "no",
    "deep_fake": "no",
    "public_interest_text": "no",
}


def changed(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """`base` with `changes` applied; a change to None removes the answer."""
    result = {**base, **changes}
    return {k: v for k, v in result.items() if v is not None}


@pytest.fixture(scope="session")
def eu() -> rai.Questionnaire:
    return rai.load("eu_ai_act", 1)


@pytest.fixture(scope="session")
def aia() -> rai.Questionnaire:
    return rai.load("impact_assessment", 1)


@pytest.fixture(scope="session")
def readiness() -> rai.Questionnaire:
    return rai.load("readiness", 1)


@pytest.fixture(scope="session")
def record() -> rai.Questionnaire:
    return rai.load("transparency_record", 1)
