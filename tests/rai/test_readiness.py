"""Readiness v1: pillar scores (share of points of the items shown), levels at their bounds, overall mean,
weakest pillars and the next steps written for each pillar at its level."""

import pytest

from marsad import rai

POINTS = {"not_started": 0, "initial": 1, "developing": 2, "established": 3, "leading": 4}
BY_POINTS = {v: k for k, v in POINTS.items()}


def answers_for(readiness, organisation_type: str, pillar_points: dict[str, list[int]]) -> dict:
    answers = {"organisation_type": organisation_type}
    for pillar, points in pillar_points.items():
        shown = rai.visible_questions(readiness, answers, section=pillar)
        assert len(shown) == len(points), f"{pillar} shows {len(shown)} items"
        answers.update({q.id: BY_POINTS[p] for q, p in zip(shown, points, strict=True)})
    return answers


FIVE = ["strategy", "policy_regulation", "data_infrastructure", "talent_skills", "governance_ethics"]


def test_all_items_at_one_level(readiness):
    for value, score, level in ((0, 0, "beginning"), (4, 100, "advanced")):
        result = rai.evaluate(readiness, answers_for(readiness, "private", {p: [value] * 5 for p in FIVE}))
        assert [(p.score, p.level.id) for p in result.pillars] == [(score, level)] * 5
        assert (result.score, result.level.id) == (score, level)


# items of one pillar (private organisation: 5 items, 20 points possible) -> score, level
PILLAR_ROWS = [
    ([0, 0, 0, 0, 4], 20.0, "beginning"),
    ([1, 1, 1, 1, 0], 20.0, "beginning"),
    ([1, 1, 1, 1, 1], 25.0, "developing"),
    ([2, 2, 2, 2, 1], 45.0, "developing"),
    ([2, 2, 2, 2, 2], 50.0, "established"),
    ([3, 3, 3, 3, 2], 70.0, "established"),
    ([3, 3, 3, 3, 3], 75.0, "advanced"),
]


@pytest.mark.parametrize("points, score, level", PILLAR_ROWS)
def test_pillar_score_and_level_at_the_bounds(readiness, points, score, level):
    answers = answers_for(
        readiness, "private", {p: points if p == "policy_regulation" else [0] * 5 for p in FIVE}
    )
    pillar = rai.evaluate(readiness, answers).pillars[1]
    assert (pillar.id, pillar.score, pillar.level.id) == ("policy_regulation", score, level)


def test_public_bodies_get_one_more_strategy_item(readiness):
    public = answers_for(readiness, "public", {"strategy": [4, 4, 4, 4, 4, 1]})
    assert len(rai.visible_questions(readiness, public, section="strategy")) == 6
    # 21 of 24 points
    assert rai.evaluate(readiness, {**public, **rest(readiness, public)}).pillars[0].score == pytest.approx(
        87.5
    )
    private = answers_for(readiness, "private", {"strategy": [4, 4, 4, 4, 4]})
    assert rai.evaluate(readiness, {**private, **rest(readiness, private)}).pillars[0].score == 100


def rest(readiness, answers) -> dict:
    """'not started' for every other pillar."""
    return {q.id: "not_started" for q in rai.visible_questions(readiness, answers) if q.id not in answers}


def test_overall_is_the_mean_of_pillars_and_weakest_come_first(readiness):
    answers = answers_for(
        readiness,
        "academic",
        {
            "strategy": [2, 2, 2, 2, 2],  # 50
            "policy_regulation": [1, 1, 1, 1, 1],  # 25
            "data_infrastructure": [4, 4, 4, 4, 4],  # 100
            "talent_skills": [0, 0, 0, 0, 1],  # 5
            "governance_ethics": [3, 3, 3, 3, 3],  # 75
        },
    )
    result = rai.evaluate(readiness, answers)
    assert [p.score for p in result.pillars] == [50, 25, 100, 5, 75]
    assert result.score == pytest.approx((50 + 25 + 100 + 5 + 75) / 5)
    assert result.level.id == "established"  # 51
    assert [p.id for p in result.weakest()] == ["talent_skills", "policy_regulation"]
    talent = result.pillars[3]
    assert talent.recommendations[0].en == "Hold an AI awareness session for leaders and staff."
    assert (
        result.pillars[2].recommendations[0].en
        == "Offer data and tools to partners through governed interfaces."
    )
    shown = result.as_dict("ar")
    assert shown["pillars"][0]["name"] == "الاستراتيجية" and shown["weakest"] == [
        "talent_skills",
        "policy_regulation",
    ]


def test_every_pillar_has_steps_for_every_level_in_three_languages(readiness):
    for pillar in readiness.rules.pillars:
        assert set(pillar.recommendations) == {lv.id for lv in readiness.rules.levels}
        for steps in pillar.recommendations.values():
            assert 2 <= len(steps) <= 3
            assert all(s.ar and s.en and s.fr for s in steps)
