"""The worked example of docs/responsible-ai.md's readiness section is what the code computes."""

from pathlib import Path

from marsad import rai
from tests.readiness.conftest import QUESTIONNAIRE

DOC = Path(__file__).resolve().parents[2] / "docs" / "responsible-ai.md"


def test_the_worked_example_matches_the_code():
    plan = {
        "strategy": "established",
        "policy_regulation": "developing",
        "data_infrastructure": "established",
        "talent_skills": "initial",
        "governance_ethics": "developing",
    }
    given = {"organisation_type": "public"}
    given |= {q.id: plan[q.section] for q in QUESTIONNAIRE.questions if q.section in plan}
    given |= {"strategy_national_alignment": "leading", "data_arabic": "not_started"}
    result = rai.evaluate(QUESTIONNAIRE, rai.AnswerSet("readiness", 1, given))
    section = DOC.read_text(encoding="utf-8").split("## Organisational AI readiness", 1)[1]
    section = " ".join(section.split())
    scores = {p.id: round(p.score, 1) for p in result.pillars}
    assert scores == {
        "strategy": 79.2,
        "policy_regulation": 50.0,
        "data_infrastructure": 60.0,
        "talent_skills": 25.0,
        "governance_ethics": 50.0,
    }
    for text in ("/ 24 = 79.2", "→ 50.0", "/ 20 = 60.0", "→ 25.0"):
        assert text in section, text
    assert f"/ 5 = {result.score:.1f}, {result.level.name.en.lower()}" in section
    assert [p.id for p in result.weakest()] == ["talent_skills", "policy_regulation"]
    assert result.pillars[3].recommendations[0].en in section
