"""Impact assessment v1: the maxima, the level thresholds at each boundary and the mitigation rule.

The expected levels come from the published rule (I up to 25 % of the maximum raw score, II up to 50 %, III up
to 75 %, IV above; mitigation >= 80 % of its maximum multiplies the raw score by 0.85, rounded half up), worked
out by hand for a maximum raw score of 100 and a maximum mitigation score of 40.
"""

from pathlib import Path

import pytest
import yaml

from marsad import rai
from marsad.rai.impact import current_score, level_for, max_points

QUESTIONNAIRE = Path(rai.__file__).parent / "questionnaires" / "impact_assessment_v1.yaml"


def weights_by_hand() -> tuple[int, int]:
    """The maxima read from the raw YAML, without the package's parser or scoring code."""
    doc = yaml.safe_load(QUESTIONNAIRE.read_text(encoding="utf-8"))
    sets = doc["option_sets"]
    totals = {"risk": 0, "mitigation": 0}
    roles = {s: "risk" for s in doc["scoring"]["risk_sections"]}
    roles |= {s: "mitigation" for s in doc["scoring"]["mitigation_sections"]}
    for section in doc["sections"]:
        for q in section["questions"]:
            options = sets[q["options"]] if isinstance(q["options"], str) else q["options"]
            if q["type"] == "single":
                best = max(o["weight"] for o in options)
            else:  # ticked together, or an exclusive option ("not known yet") alone
                together = sum(o["weight"] for o in options if not o.get("exclusive"))
                best = max([together] + [o["weight"] for o in options if o.get("exclusive")])
            totals[roles[section["id"]]] += best
    return totals["risk"], totals["mitigation"]


def test_maxima_are_100_and_40(aia):
    assert weights_by_hand() == (100, 40)
    assert (aia.rules.max_risk, aia.rules.max_mitigation) == (100, 40)


def build(aia, raw: int, mitigation: int) -> dict:
    """A complete answer set whose raw score is `raw` and mitigation score `mitigation`.

    A depth-first search in form order: each shown scored question tries its possible point values, highest
    first, while the questions after it can still close the gap (bounded by their smallest and largest points).
    """
    area = {s: "risk" for s in aia.rules.risk_sections} | {
        s: "mitigation" for s in aia.rules.mitigation_sections
    }
    order = list(aia.questions)

    def bounds(after: int, role: str) -> tuple[int, int]:
        later = [q for q in order[after + 1 :] if area[q.section] == role]
        always = [q for q in later if q.show_if is None and aia.section(q.section).show_if is None]
        return sum(min(o.weight for o in q.options) for q in always), sum(max_points(q) for q in later)

    def choices(q):
        if q.type == "single":
            return [(o.id, o.weight) for o in q.options]
        positive = [o for o in q.options if not o.exclusive and o.weight > 0]
        found = {
            sum(o.weight for o in positive[:k]): [o.id for o in positive[:k]]
            for k in range(1, len(positive) + 1)
        }
        for o in q.options:
            if o.exclusive or o.weight == 0:
                found.setdefault(o.weight, [o.id])
        return [(ids, w) for w, ids in found.items()]

    def search(answers: dict, left: dict) -> dict | None:
        todo = [q for q in rai.visible_questions(aia, answers) if q.id not in answers]
        if not todo:
            return answers if left == {"risk": 0, "mitigation": 0} else None
        q = todo[0]
        role = area[q.section]
        low, high = bounds(order.index(q), role)
        for value, weight in sorted(choices(q), key=lambda c: -c[1]):
            rest = left[role] - weight
            if low <= rest <= high:
                found = search({**answers, q.id: value}, {**left, role: rest})
                if found is not None:
                    return found
        return None

    answers = search({}, {"risk": raw, "mitigation": mitigation})
    assert answers is not None, f"no answer set scores raw {raw}, mitigation {mitigation}"
    return answers


def sum_by_hand(aia, answers) -> int:
    return sum(
        aia.question(k).option(v).weight
        for k, value in answers.items()
        for v in (value if isinstance(value, list) else [value])
        if aia.question(k).section in aia.rules.risk_sections
    )


LEVEL_ROWS = [(8, "I"), (25, "I"), (26, "II"), (50, "II"), (51, "III"), (75, "III"), (76, "IV"), (100, "IV")]


@pytest.mark.parametrize("raw, level", LEVEL_ROWS)
def test_level_at_each_boundary_without_mitigation(aia, raw, level):
    answers = build(aia, raw, mitigation=0)
    assert sum_by_hand(aia, answers) == raw
    result = rai.evaluate(aia, answers)
    assert (result.raw_score, result.mitigation_applied, result.score, result.level.id) == (
        raw,
        False,
        raw,
        level,
    )


# raw, mitigation, score after the rule, level: 0.85 x 30 = 25.5 rounds up to 26; 0.85 x 29 = 24.65 -> 25;
# 0.85 x 59 = 50.15 -> 50; 0.85 x 88 = 74.8 -> 75; 0.85 x 90 = 76.5 -> 77. 31 of 40 is under 80 %.
MITIGATION_ROWS = [
    (30, 32, 26, "II"),
    (29, 32, 25, "I"),
    (30, 31, 30, "II"),
    (59, 40, 50, "II"),
    (59, 31, 59, "III"),
    (88, 32, 75, "III"),
    (88, 0, 88, "IV"),
    (90, 36, 77, "IV"),
]


@pytest.mark.parametrize("raw, mitigation, score, level", MITIGATION_ROWS)
def test_mitigation_reduces_the_score_from_80_percent(aia, raw, mitigation, score, level):
    result = rai.evaluate(aia, build(aia, raw, mitigation))
    assert (result.raw_score, result.mitigation_score) == (raw, mitigation)
    assert result.mitigation_applied == (mitigation >= 32)
    assert (result.score, result.level.id) == (score, level)


def test_rule_functions_on_exact_halves(aia):
    rules = aia.rules
    assert current_score(rules, 10, 32) == (9, True)  # 8.5 rounds half up, not to even
    assert current_score(rules, 70, 40) == (60, True)  # 59.5 -> 60
    assert [level_for(rules, s).id for s in (0, 25, 26, 75, 76)] == ["I", "I", "II", "III", "IV"]


def test_level_brings_its_requirements(aia):
    level_iv = rai.evaluate(aia, build(aia, 100, 0)).level
    ids = [r.id for r, _ in level_iv.requirements]
    assert ids == [
        "peer_review",
        "notice",
        "human_in_the_loop",
        "explanation",
        "training",
        "contingency",
        "approval",
        "data_protection",
    ]
    texts = dict((r.id, t) for r, t in level_iv.requirements)
    assert "two independent qualified experts" in texts["peer_review"].en
    level_i = rai.evaluate(aia, build(aia, 8, 0)).level
    assert dict((r.id, t) for r, t in level_i.requirements)["peer_review"].en == "Not required."


def test_contributions_explain_the_score(aia):
    answers = build(aia, 40, 10)
    result = rai.evaluate(aia, answers)
    risk = [c for c in result.contributions if c.area == "risk"]
    assert sum(c.points for c in risk) == 40
    assert sum(c.points for c in result.contributions if c.area == "mitigation") == 10
    assert all(c.points > 0 for c in result.contributions)
    shown = result.as_dict("ar")
    assert shown["level"]["name"] == "المستوى الثاني، أثر متوسط"
    assert shown["contributions"][0]["question_text"] == aia.question(risk[0].reason.question_id).text.ar


def test_regional_branches(aia):
    answers = build(aia, 60, 0)
    answers.update(
        personal_data="yes", data_laws=["saudi_pdpl", "tunisia_2004_63"], sensitive_data=["health_genetic"]
    )
    answers.update(cross_border="no", decides_on_data_subjects="no")
    shown = {q.id for q in rai.visible_questions(aia, answers)}
    assert {"data_laws", "sensitive_data", "cross_border"} <= shown
    assert rai.validate(aia, answers) == []
    unknown_law = {**answers, "data_laws": ["unknown", "saudi_pdpl"]}
    assert [e.code for e in rai.validate(aia, unknown_law)] == ["exclusive_option"]
    no_arabic = {**answers, "arabic_use": "no_arabic"}
    assert "arabic_tested" not in {q.id for q in rai.visible_questions(aia, no_arabic)}
