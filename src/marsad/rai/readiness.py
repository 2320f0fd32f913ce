"""Organisational AI-readiness: a score per pillar and overall, a level, and next steps for each pillar.

Each pillar is a section of Likert-style items whose options carry points (0 = not started ... 4 = leading).
A pillar's score is the points obtained as a share of the points possible over the items shown, times 100, so
that an item asked only of some organisations (public bodies, say) neither helps nor penalises the others. The
overall score is the weighted mean of the pillar scores. A level is the highest one whose `from` the score
reaches; the recommendations are those written for the pillar at its level.

References
----------
Digital Cooperation Organization, AI-REAL readiness toolkit (pillars: strategy; policies and regulation;
research and development; data and infrastructure; talent and skills); Oxford Insights, Government AI
Readiness Index; Cisco AI Readiness Index (pillars and six-step maturity bands).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from marsad.rai.answers import prune
from marsad.rai.impact import max_points, points
from marsad.rai.parse import Reader
from marsad.rai.questionnaire import Questionnaire
from marsad.rai.text import Text

_SCORING_KEYS = {"pillars", "levels"}
_PILLAR_KEYS = {"section", "weight", "recommendations"}
_LEVEL_KEYS = {"id", "from", "name", "description"}


@dataclass(frozen=True)
class ReadinessLevel:
    id: str
    start: Fraction  # lowest score (0-100) of the level
    name: Text
    description: Text


@dataclass(frozen=True)
class Pillar:
    section: str
    weight: Fraction
    recommendations: Mapping[str, tuple[Text, ...]]  # level id -> next steps


@dataclass(frozen=True)
class ReadinessRules:
    pillars: tuple[Pillar, ...]
    levels: tuple[ReadinessLevel, ...]

    def level_for(self, score: Fraction | float) -> ReadinessLevel:
        return [lv for lv in self.levels if score >= lv.start][-1]


@dataclass(frozen=True)
class PillarScore:
    id: str
    name: Text
    score: float
    level: ReadinessLevel
    recommendations: tuple[Text, ...]
    items: int  # items shown and scored


@dataclass(frozen=True)
class ReadinessResult:
    kind: str
    version: int
    pillars: tuple[PillarScore, ...]
    score: float
    level: ReadinessLevel

    def weakest(self, n: int = 2) -> tuple[PillarScore, ...]:
        """The `n` lowest-scoring pillars, lowest first (ties keep the questionnaire's order)."""
        return tuple(sorted(self.pillars, key=lambda p: p.score)[:n])

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        def text(t: Text) -> Any:
            return t.as_dict() if lang is None else t.get(lang)

        return {
            "questionnaire": self.kind,
            "version": self.version,
            "score": round(self.score, 1),
            "level": {"id": self.level.id, "name": text(self.level.name)},
            "pillars": [
                {
                    "id": p.id,
                    "name": text(p.name),
                    "score": round(p.score, 1),
                    "level": {"id": p.level.id, "name": text(p.level.name)},
                    "recommendations": [text(r) for r in p.recommendations],
                }
                for p in self.pillars
            ],
            "weakest": [p.id for p in self.weakest()],
        }


def assess(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> ReadinessResult:
    """Pillar and overall scores of valid answers (see `marsad.rai.evaluate`, which validates first)."""
    rules: ReadinessRules = questionnaire.rules
    given = prune(questionnaire, answers)
    results = []
    weighted = Fraction(0)
    for pillar in rules.pillars:
        section = questionnaire.section(pillar.section)
        shown = [q for q in section.questions if q.id in given]
        obtained = sum(points(q, given[q.id]) for q in shown)
        possible = sum(max_points(q) for q in shown)
        score = Fraction(100 * obtained, possible) if possible else Fraction(0)
        weighted += pillar.weight * score
        level = rules.level_for(score)
        results.append(
            PillarScore(
                section.id, section.title, float(score), level, pillar.recommendations[level.id], len(shown)
            )
        )
    overall = weighted / sum(p.weight for p in rules.pillars)
    return ReadinessResult(
        questionnaire.kind, questionnaire.version, tuple(results), float(overall), rules.level_for(overall)
    )


def parse_rules(reader: Reader, top: Mapping[str, Any], questionnaire: Questionnaire) -> ReadinessRules:
    """Read `scoring`: the levels (from 0 upwards) and the pillars with their weights and next steps."""
    raw = reader.mapping(top.get("scoring"), "scoring", _SCORING_KEYS, top)
    levels = []
    for item in reader.items(raw, "levels", "scoring"):
        item = reader.mapping(item, "a level", _LEVEL_KEYS, raw)
        start = item.get("from")
        if isinstance(start, bool) or not isinstance(start, int | float) or not 0 <= start < 100:
            raise reader.error("a level's 'from' must be a score in [0, 100)", item, "from")
        levels.append(
            ReadinessLevel(
                reader.identifier(item.get("id"), "a level id", item),
                Fraction(str(start)),
                reader.text(item, "name"),
                reader.text(item, "description"),
            )
        )
    starts = [lv.start for lv in levels]
    if starts[0] != 0 or starts != sorted(set(starts)):
        raise reader.error("levels need increasing 'from' scores, the first one 0", raw, "levels")
    pillars = [
        _pillar(reader, item, questionnaire, levels, raw) for item in reader.items(raw, "pillars", "scoring")
    ]
    reader.unique([p.section for p in pillars], "pillar", raw)
    for question in questionnaire.questions:
        if question.section not in {p.section for p in pillars} and any(
            o.weight is not None for o in question.options
        ):
            raise reader.error(f"question '{question.id}' is in no pillar: its options take no weight", raw)
    return ReadinessRules(tuple(pillars), tuple(levels))


def _pillar(
    reader: Reader, raw: Any, questionnaire: Questionnaire, levels: list[ReadinessLevel], parent: Any
) -> Pillar:
    raw = reader.mapping(raw, "a pillar", _PILLAR_KEYS, parent)
    section_id = raw.get("section")
    if section_id not in {s.id for s in questionnaire.sections}:
        raise reader.error(f"pillar section '{section_id}' is not a section", raw, "section")
    questions = questionnaire.section(section_id).questions
    for question in questions:
        if question.type != "single" or any(o.weight is None for o in question.options):
            raise reader.error(f"pillar item '{question.id}' must be a single choice with weights", raw)
    if all(q.show_if is not None for q in questions):
        raise reader.error(f"pillar '{section_id}' needs at least one item that is always shown", raw)
    weight = raw.get("weight", 1)
    if isinstance(weight, bool) or not isinstance(weight, int | float) or weight <= 0:
        raise reader.error(f"pillar '{section_id}': weight must be a number > 0", raw, "weight")
    steps = reader.mapping(
        raw.get("recommendations"), f"recommendations of '{section_id}'", {lv.id for lv in levels}, raw
    )
    recommendations = {}
    for level in levels:
        items = steps.get(level.id)
        if not isinstance(items, list) or not items:
            raise reader.error(f"pillar '{section_id}' has no recommendations for level '{level.id}'", raw)
        recommendations[level.id] = tuple(reader.text({"step": t}, "step") for t in items)
    return Pillar(section_id, Fraction(str(weight)), recommendations)
