"""What-if and gap analysis for one country, on the edition's frozen what-if model.

Sliders move raw values in the data file's units (subscriptions per 100 people, articles, US$ ...), from the
worst value of the year's countries to the 90th percentile on the better side (or the country's own value if
beyond), after division by the country's own denominator (so "articles" ranges over articles per person times
this country's population); the number box beside each slider takes any value. The engine passes a moved value
through the edition's treatment and normalisation and re-aggregates this country only (about 0.2 ms), so the
answer reads "with these values, this country would score S and rank R in the edition".
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from django.utils.translation import gettext as _

from marsad import maturity as mi
from marsad.insights import places
from marsad.insights.selection import Selection

STEPS = 200  # slider positions between the lowest and the highest value


@dataclass(frozen=True)
class Slider:
    code: str
    name: str
    pillar: str
    unit: str
    current: float
    value: float
    low: float
    high: float
    step: float
    direction: int

    @property
    def changed(self) -> bool:
        return not math.isclose(self.value, self.current, rel_tol=1e-9, abs_tol=self.step / 2)


def sliders(sel: Selection, unit: str, changes: Mapping[str, float] | None = None) -> list[Slider]:
    """One slider per indicator the country can move (kept by the checks, with a value and a denominator)."""
    result, fw = sel.result, sel.framework
    model = sel.built.whatif_model(sel.year)
    i = result.index(unit)
    out = []
    for j, code in enumerate(fw.indicators):
        if not result.prepared.keep_indicators[j] or np.isnan(result.values[i, j]):
            continue
        den = model.denominators[i, j]
        if np.isnan(den):
            continue
        ratios = result.imputed[:, j]
        current = model.current_raw(i, j)
        node = fw.by_code[code]
        # The better end of a slider is the 90th percentile of the year's countries, not the extreme: most
        # indicators are skewed, and a slider up to the single best country would be all but unusable.
        if node.direction > 0:
            low, high = float(np.nanmin(ratios)) * den, float(np.nanpercentile(ratios, 90)) * den
        else:
            low, high = float(np.nanpercentile(ratios, 10)) * den, float(np.nanmax(ratios)) * den
        low, high = min(low, current), max(high, current)
        step = _nice_step((high - low) / STEPS)
        value = (changes or {}).get(code, current)
        out.append(
            Slider(
                code,
                sel.name(code),
                sel.name(node.parent),
                sel.unit_of(code),
                current,
                value,
                low,
                high,
                step,
                node.direction,
            )
        )
    return out


def _nice_step(raw: float) -> float:
    """A step of 1, 2 or 5 times a power of ten, so slider values read cleanly."""
    if raw <= 0 or not math.isfinite(raw):
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def parse_changes(sel: Selection, params: Mapping[str, str]) -> tuple[dict[str, float], list[str]]:
    """Raw values asked for in the query string ({indicator code: value}), and messages about bad ones."""
    changes, errors = {}, []
    indicators = set(sel.framework.indicators)
    for key, text in params.items():
        if key not in indicators:
            continue
        try:
            value = float(str(text).replace("٫", ".").translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")))
        except ValueError:
            errors.append(_("%(name)s: “%(text)s” is not a number") % {"name": sel.name(key), "text": text})
            continue
        if not math.isfinite(value):
            errors.append(_("%(name)s: the value must be a finite number") % {"name": sel.name(key)})
            continue
        changes[key] = value
    return changes, errors


@dataclass(frozen=True)
class Outcome:
    code: str
    name: str
    level: int
    before: float | None
    after: float | None
    rank_before: int | None
    rank_after: int | None

    @property
    def delta(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before


@dataclass(frozen=True)
class Simulation:
    outcomes: list[Outcome]  # the index, dimensions and measured pillars
    stage_before: str
    stage_after: str
    changed: int


def simulate(sel: Selection, unit: str, changes: Mapping[str, float]) -> Simulation:
    """Scores and ranks of every aggregate before and after the changes (the engine's frozen what-if)."""
    fw = sel.framework
    model = sel.built.whatif_model(sel.year)
    outcome = mi.whatif(model, unit, dict(changes))
    scored = set(sel.built.scored_aggregates(sel.year))
    order = [fw.root] + [c for d in fw.children(fw.root) for c in (d, *fw.children(d))]
    rows = []
    for code in order:
        if code not in scored:
            continue
        k = fw.position[code]
        rows.append(
            Outcome(
                code,
                sel.name(code),
                int(fw.heights[k]),
                _num(outcome.before[k]),
                _num(outcome.after[k]),
                _int(outcome.rank_before[k]),
                _int(outcome.rank_after[k]),
            )
        )
    return Simulation(
        rows,
        sel.stage_name(outcome.stage_before or ""),
        sel.stage_name(outcome.stage_after or ""),
        len(changes),
    )


@dataclass(frozen=True)
class GapLine:
    code: str
    name: str
    unit: str
    raw_from: float
    raw_to: float
    score_from: float
    score_to: float


@dataclass(frozen=True)
class Gap:
    target_name: str
    current: float
    target: float
    reached: bool
    achieved: float
    pillars: list[tuple[str, list[GapLine]]]
    query: dict[str, str]  # the plan as what-if parameters


def gap(sel: Selection, unit: str, target: str, strategy: str = "greedy") -> Gap:
    """The smallest improvements (by pillar) that bring the country's index to `target`: a country's score or a
    stage's threshold (`target` is a unit code or a stage code)."""
    model = sel.built.whatif_model(sel.year)
    with (
        warnings.catch_warnings()
    ):  # an indicator no country has this year has no frontier: it is not movable
        warnings.simplefilter("ignore", RuntimeWarning)
        plan = mi.gap_to_target(model, unit, target, strategy=strategy)
    target_name = sel.stage_name(target) or places.name_of(target)
    pillars = []
    for parent, steps in plan.by_parent().items():
        pillars.append(
            (
                sel.name(parent),
                [
                    GapLine(
                        s.indicator,
                        sel.name(s.indicator),
                        sel.unit_of(s.indicator),
                        s.raw_from,
                        s.raw_to,
                        s.normalised_from,
                        s.normalised_to,
                    )
                    for s in steps
                ],
            )
        )
    query = {s.indicator: f"{s.raw_to:.6g}" for s in plan.steps}
    return Gap(target_name, plan.current, plan.target, plan.reached, plan.achieved, pillars, query)


def _num(x: float) -> float | None:
    return None if np.isnan(x) else float(x)


def _int(x: float) -> int | None:
    return None if np.isnan(x) else int(x)
