"""EU AI Act risk classification: which outcomes apply to an AI entry, why, and with which articles.

The questionnaire file lists `tiers` (most severe first) and `outcomes`. Each outcome belongs to a tier, applies
`when` its condition holds over the answers, and is skipped when an outcome of one of its `unless_tiers` already
applies — the way the Regulation words its residual categories: the open-source exclusion of Art. 2(12) holds
"unless" the system is prohibited, high-risk or under Art. 50, and minimal risk is what remains. Tiers are not
exclusive: a high-risk system can also carry transparency duties, and an initiative can provide both a system
and a general-purpose model.

References
----------
Regulation (EU) 2024/1689 (Artificial Intelligence Act), OJ L, 12.7.2024: Art. 2, 3, 5, 6, 50, 51-55, Annexes I
and III.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from marsad.rai.answers import Reason, prune, reason
from marsad.rai.conditions import Condition
from marsad.rai.parse import Reader
from marsad.rai.questionnaire import Questionnaire
from marsad.rai.text import Text

_TIER_KEYS = {"id", "name", "description"}
_OUTCOME_KEYS = {"id", "tier", "when", "unless_tiers", "refs", "title", "explanation", "obligations"}
# How article references read in each language; the reference itself stays in the Regulation's English form,
# which is also what facets and exports use.
_REF_WORDS = {
    "ar": (("Art.", "المادة"), ("Annex", "الملحق"), ("Recital", "الحيثية")),
    "fr": (("Art.", "Art."), ("Annex", "Annexe"), ("Recital", "Considérant")),
}


@dataclass(frozen=True)
class Tier:
    id: str
    name: Text
    description: Text


@dataclass(frozen=True)
class Outcome:
    id: str
    tier: str
    when: Condition
    title: Text
    explanation: Text
    refs: tuple[str, ...] = ()
    unless_tiers: tuple[str, ...] = ()
    obligations: Text | None = None


@dataclass(frozen=True)
class ClassificationRules:
    tiers: tuple[Tier, ...]
    outcomes: tuple[Outcome, ...]

    def tier(self, tier_id: str) -> Tier:
        return next(t for t in self.tiers if t.id == tier_id)


@dataclass(frozen=True)
class Finding:
    """An outcome that applies, with the answers that led to it."""

    outcome: Outcome
    reasons: tuple[Reason, ...]

    @property
    def id(self) -> str:
        return self.outcome.id

    @property
    def tier(self) -> str:
        return self.outcome.tier

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        o = self.outcome

        def text(t: Text | None) -> Any:
            return None if t is None else (t.as_dict() if lang is None else t.get(lang))

        return {
            "outcome": o.id,
            "tier": o.tier,
            "refs": list(o.refs) if lang is None else [ref_label(r, lang) for r in o.refs],
            "title": text(o.title),
            "explanation": text(o.explanation),
            "obligations": text(o.obligations),
            "because": [r.as_dict(lang) for r in self.reasons],
        }


@dataclass(frozen=True)
class Classification:
    """Every outcome that applies, most severe tier first; `tiers` lists the distinct tiers in that order."""

    kind: str
    version: int
    findings: tuple[Finding, ...]
    tiers: tuple[Tier, ...]

    @property
    def tier_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.tiers)

    @property
    def refs(self) -> tuple[str, ...]:
        """Every article cited, once, in the order of the findings."""
        return tuple(dict.fromkeys(r for f in self.findings for r in f.outcome.refs))

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        """JSON-ready; with `lang`, texts in that language, otherwise in all three."""
        return {
            "questionnaire": self.kind,
            "version": self.version,
            "tiers": [
                {"id": t.id, "name": t.name.as_dict() if lang is None else t.name.get(lang)}
                for t in self.tiers
            ],
            "findings": [f.as_dict(lang) for f in self.findings],
        }


# The qualifiers that follow a reference ("Annex III, point 4"), so that no English is left in an Arabic page.
_REF_PARTS = {
    "ar": (
        (", point ", "، البند "),
        (", first subparagraph", "، الفقرة الفرعية الأولى"),
        (", second subparagraph", "، الفقرة الفرعية الثانية"),
        (", third subparagraph", "، الفقرة الفرعية الثالثة"),
        (", Sections A and B", "، القسمان A وB"),
    ),
    "fr": (
        (", first subparagraph", ", premier alinéa"),
        (", second subparagraph", ", deuxième alinéa"),
        (", third subparagraph", ", troisième alinéa"),
        (", Sections A and B", ", sections A et B"),
    ),
}


def ref_label(ref: str, lang: str) -> str:
    """An article reference as it reads in `lang` ('Art. 5(1)(a)' is 'المادة 5(1)(a)' in Arabic)."""
    base = lang.split("-")[0]
    for word, local in _REF_WORDS.get(base, ()):
        if ref.startswith(word):
            ref = local + ref[len(word) :]
            break
    for part, local in _REF_PARTS.get(base, ()):
        ref = ref.replace(part, local)
    return ref


def classify(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> Classification:
    """The outcomes that apply to valid answers (see `marsad.rai.evaluate`, which validates first)."""
    rules: ClassificationRules = questionnaire.rules
    given = prune(questionnaire, answers)
    order = {q.id: i for i, q in enumerate(questionnaire.questions)}
    applied: list[Finding] = []
    for outcome in rules.outcomes:
        if any(f.tier in outcome.unless_tiers for f in applied):
            continue
        holds, why = outcome.when.explain(given)
        if holds:
            cited = sorted(why, key=order.__getitem__)
            applied.append(Finding(outcome, tuple(reason(questionnaire, q, given[q]) for q in cited)))
    severity = {t.id: i for i, t in enumerate(rules.tiers)}
    applied.sort(key=lambda f: severity[f.tier])  # stable: file order within a tier
    tiers = tuple(rules.tier(t) for t in dict.fromkeys(f.tier for f in applied))
    return Classification(questionnaire.kind, questionnaire.version, tuple(applied), tiers)


def parse_rules(reader: Reader, top: Mapping[str, Any], questionnaire: Questionnaire) -> ClassificationRules:
    """Read `tiers` and `outcomes`; an outcome's `unless_tiers` may only name tiers of outcomes listed before it."""
    tiers = []
    for raw in reader.items(top, "tiers", "an EU AI Act questionnaire"):
        raw = reader.mapping(raw, "a tier", _TIER_KEYS, top)
        tiers.append(
            Tier(
                reader.identifier(raw.get("id"), "a tier id", raw),
                reader.text(raw, "name"),
                reader.text(raw, "description"),
            )
        )
    reader.unique([t.id for t in tiers], "tier", top)
    tier_ids = {t.id for t in tiers}
    outcomes: list[Outcome] = []
    for raw in reader.items(top, "outcomes", "an EU AI Act questionnaire"):
        raw = reader.mapping(raw, "an outcome", _OUTCOME_KEYS, top)
        outcome_id = reader.identifier(raw.get("id"), "an outcome id", raw)
        if raw.get("tier") not in tier_ids:
            raise reader.error(
                f"outcome '{outcome_id}': tier must be one of {', '.join(sorted(tier_ids))}", raw
            )
        earlier = {o.tier for o in outcomes}
        unless = tuple(raw.get("unless_tiers") or ())
        for tier in unless:
            if tier not in earlier:
                raise reader.error(
                    f"outcome '{outcome_id}': unless_tiers names '{tier}', which no earlier outcome has", raw
                )
        refs = raw.get("refs") or []
        if not isinstance(refs, list) or not refs or not all(isinstance(r, str) for r in refs):
            raise reader.error(
                f"outcome '{outcome_id}' needs refs: a list of article references", raw, "refs"
            )
        where = f"'when' of outcome '{outcome_id}'"
        outcomes.append(
            Outcome(
                id=outcome_id,
                tier=raw["tier"],
                when=reader.condition(raw.get("when"), questionnaire, questionnaire.conditions, where, raw),
                title=reader.text(raw, "title"),
                explanation=reader.text(raw, "explanation"),
                refs=tuple(refs),
                unless_tiers=unless,
                obligations=reader.text(raw, "obligations", required=False),
            )
        )
    reader.unique([o.id for o in outcomes], "outcome", top)
    unused = tier_ids - {o.tier for o in outcomes}
    if unused:
        raise reader.error(f"tier '{sorted(unused)[0]}' has no outcome", top, "tiers")
    return ClassificationRules(tuple(tiers), tuple(outcomes))
