"""Algorithmic impact assessment: a raw impact score, a mitigation score, and an impact level I-IV.

The method is that of Canada's Algorithmic Impact Assessment (Directive on Automated Decision-Making):

1. The raw impact score is the sum of the points of the risk questions: a single-choice answer scores the
   chosen option's weight, a multiple-choice answer the sum of the ticked options' weights.
2. The mitigation score is the same sum over the mitigation questions.
3. If the mitigation score reaches `mitigation_threshold` (80 %) of its maximum, the current score is the raw
   score times `mitigation_factor` (0.85), rounded half up; otherwise it is the raw score.
4. The level is the first whose `up_to` share of the maximum raw score the current score does not exceed
   (I up to 25 %, II up to 50 %, III up to 75 %, IV above).

The maxima are fixed by the questionnaire (every question counted, shown or not), as in the Canadian tool, so
that a level means the same for every respondent. All arithmetic is exact (fractions), so a score on a
threshold always lands on the documented side.

References
----------
Treasury Board of Canada Secretariat, Algorithmic Impact Assessment tool, v1.0.1 (2025), scoring section;
Directive on Automated Decision-Making, Appendix C (requirements by impact level).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from marsad.rai.answers import Reason, prune, reason
from marsad.rai.parse import Reader
from marsad.rai.questionnaire import Question, Questionnaire
from marsad.rai.text import Text

_SCORING_KEYS = {
    "risk_sections",
    "mitigation_sections",
    "mitigation_threshold",
    "mitigation_factor",
    "requirements",
    "levels",
}
_LEVEL_KEYS = {"id", "up_to", "name", "description", "requirements"}


@dataclass(frozen=True)
class Requirement:
    """A kind of obligation that every level words for itself (peer review, notice, human in the loop ...)."""

    id: str
    name: Text


@dataclass(frozen=True)
class Level:
    id: str
    name: Text
    description: Text
    up_to: Fraction
    requirements: tuple[tuple[Requirement, Text], ...]


@dataclass(frozen=True)
class ImpactRules:
    risk_sections: tuple[str, ...]
    mitigation_sections: tuple[str, ...]
    mitigation_threshold: Fraction
    mitigation_factor: Fraction
    requirements: tuple[Requirement, ...]
    levels: tuple[Level, ...]
    max_risk: int
    max_mitigation: int


@dataclass(frozen=True)
class Contribution:
    """The points one answer adds to the risk or the mitigation score."""

    area: str  # 'risk' or 'mitigation'
    points: int
    reason: Reason


@dataclass(frozen=True)
class ImpactResult:
    kind: str
    version: int
    raw_score: int
    max_raw_score: int
    mitigation_score: int
    max_mitigation_score: int
    mitigation_applied: bool
    score: int
    level: Level
    contributions: tuple[Contribution, ...]

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        def text(t: Text) -> Any:
            return t.as_dict() if lang is None else t.get(lang)

        return {
            "questionnaire": self.kind,
            "version": self.version,
            "raw_score": self.raw_score,
            "max_raw_score": self.max_raw_score,
            "mitigation_score": self.mitigation_score,
            "max_mitigation_score": self.max_mitigation_score,
            "mitigation_applied": self.mitigation_applied,
            "score": self.score,
            "level": {
                "id": self.level.id,
                "name": text(self.level.name),
                "description": text(self.level.description),
                "requirements": [
                    {"id": r.id, "name": text(r.name), "text": text(t)} for r, t in self.level.requirements
                ],
            },
            "contributions": [
                {"area": c.area, "points": c.points, **c.reason.as_dict(lang)} for c in self.contributions
            ],
        }


def points(question: Question, value: Any) -> int:
    """Points of one answer: the chosen option's weight, or the sum over the ticked options."""
    chosen = value if isinstance(value, list | tuple) else [value]
    return sum(o.weight or 0 for v in chosen if (o := question.option(v)) is not None)


def max_points(question: Question) -> int:
    """The most one answer can score (an exclusive option cannot be combined with the others)."""
    if question.type == "single":
        return max(o.weight or 0 for o in question.options)
    combinable = sum(o.weight or 0 for o in question.options if not o.exclusive)
    alone = max((o.weight or 0 for o in question.options if o.exclusive), default=0)
    return max(combinable, alone)


def current_score(rules: ImpactRules, raw: int, mitigation: int) -> tuple[int, bool]:
    """The score after mitigation, and whether the mitigation reduction was applied (steps 3 of the method)."""
    if mitigation >= rules.mitigation_threshold * rules.max_mitigation:
        return math.floor(rules.mitigation_factor * raw + Fraction(1, 2)), True
    return raw, False


def level_for(rules: ImpactRules, score: int) -> Level:
    """The impact level of a current score (step 4 of the method)."""
    for level in rules.levels:
        if score <= level.up_to * rules.max_risk:
            return level
    return rules.levels[-1]


def assess(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> ImpactResult:
    """Scores and level of valid answers (see `marsad.rai.evaluate`, which validates first)."""
    rules: ImpactRules = questionnaire.rules
    given = prune(questionnaire, answers)
    areas = {s: "risk" for s in rules.risk_sections} | {s: "mitigation" for s in rules.mitigation_sections}
    contributions = []
    totals = {"risk": 0, "mitigation": 0}
    for question in questionnaire.questions:
        area = areas.get(question.section)
        if area is None or question.id not in given:
            continue
        gained = points(question, given[question.id])
        totals[area] += gained
        if gained:
            contributions.append(
                Contribution(area, gained, reason(questionnaire, question.id, given[question.id]))
            )
    score, applied = current_score(rules, totals["risk"], totals["mitigation"])
    return ImpactResult(
        kind=questionnaire.kind,
        version=questionnaire.version,
        raw_score=totals["risk"],
        max_raw_score=rules.max_risk,
        mitigation_score=totals["mitigation"],
        max_mitigation_score=rules.max_mitigation,
        mitigation_applied=applied,
        score=score,
        level=level_for(rules, score),
        contributions=tuple(contributions),
    )


def parse_rules(reader: Reader, top: Mapping[str, Any], questionnaire: Questionnaire) -> ImpactRules:
    """Read `scoring`: which sections score risk and mitigation, the mitigation rule, the levels."""
    raw = reader.mapping(top.get("scoring"), "scoring", _SCORING_KEYS, top)
    section_ids = [s.id for s in questionnaire.sections]
    roles: dict[str, str] = {}
    for key in ("risk_sections", "mitigation_sections"):
        for section_id in reader.items(raw, key, "scoring"):
            if section_id not in section_ids or section_id in roles:
                raise reader.error(f"{key}: '{section_id}' is not a section, or is listed twice", raw, key)
            roles[section_id] = key
    for question in questionnaire.questions:
        scored = question.section in roles
        if scored and question.type not in ("single", "multiple"):
            raise reader.error(f"question '{question.id}' is scored but is not a choice question", raw)
        weights = [o.weight for o in question.options]
        if scored and None in weights:
            raise reader.error(f"question '{question.id}' is scored: every option needs a weight", raw)
        if not scored and any(w is not None for w in weights):
            raise reader.error(f"question '{question.id}' is not scored: its options take no weight", raw)
    requirements = []
    for item in reader.items(raw, "requirements", "scoring"):
        item = reader.mapping(item, "a requirement", {"id", "name"}, raw)
        requirements.append(
            Requirement(
                reader.identifier(item.get("id"), "a requirement id", item), reader.text(item, "name")
            )
        )
    reader.unique([r.id for r in requirements], "requirement", raw)
    levels = [_level(reader, item, requirements, raw) for item in reader.items(raw, "levels", "scoring")]
    reader.unique([lv.id for lv in levels], "level", raw)
    bounds = [lv.up_to for lv in levels]
    if bounds != sorted(set(bounds)) or bounds[-1] != 1:
        raise reader.error("levels need increasing up_to shares, the last one 1", raw, "levels")
    threshold, factor = (_share(reader, raw, k) for k in ("mitigation_threshold", "mitigation_factor"))

    def maximum(role: str) -> int:
        return sum(max_points(q) for q in questionnaire.questions if roles.get(q.section) == role)

    return ImpactRules(
        risk_sections=tuple(s for s in section_ids if roles.get(s) == "risk_sections"),
        mitigation_sections=tuple(s for s in section_ids if roles.get(s) == "mitigation_sections"),
        mitigation_threshold=threshold,
        mitigation_factor=factor,
        requirements=tuple(requirements),
        levels=tuple(levels),
        max_risk=maximum("risk_sections"),
        max_mitigation=maximum("mitigation_sections"),
    )


def _share(reader: Reader, raw: Mapping[str, Any], key: str) -> Fraction:
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
        raise reader.error(f"{key} must be a number in (0, 1]", raw, key)
    return Fraction(str(value))


def _level(reader: Reader, raw: Any, requirements: list[Requirement], parent: Any) -> Level:
    raw = reader.mapping(raw, "a level", _LEVEL_KEYS, parent)
    level_id = raw.get("id")
    if not isinstance(level_id, str) or not level_id:
        raise reader.error("a level needs an id such as 'I'", raw, "id")
    texts = reader.mapping(
        raw.get("requirements"), f"requirements of level {level_id}", {r.id for r in requirements}, raw
    )
    missing = [r.id for r in requirements if r.id not in texts]
    if missing:
        raise reader.error(f"level {level_id} does not say what '{missing[0]}' requires", raw, "requirements")
    return Level(
        id=level_id,
        name=reader.text(raw, "name"),
        description=reader.text(raw, "description"),
        up_to=_share(reader, raw, "up_to"),
        requirements=tuple((r, reader.text(texts, r.id)) for r in requirements),
    )
