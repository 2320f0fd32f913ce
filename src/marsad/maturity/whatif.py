"""What-if and gap-to-target for one unit, in milliseconds.

The published edition is the reference: a what-if changes some of one unit's raw values and passes them
through the *same* denominators, treatment (winsorisation caps, log shift) and normalisation (min, max, mean,
goalposts) as the edition, then re-aggregates that unit's row only; the other units keep their scores, so the
answer reads "with this value, you would score S and rank R in the edition". Normalised values are clipped to
the method's scale (a value beyond the best performer scores as the best). ``exact=True`` instead rebuilds the
whole index with the changed data, where other units' scores move too (min-max rescaling, group means).

Gap to target looks for the smallest indicator improvements that lift the unit's score at a node (the index by
default) to a target: another unit's score, a maturity stage's threshold, or a number. Improvements are capped
at the best normalised value observed (the frontier). Two plans:

- ``greedy``: raise the indicators with the largest effect on the score first, each up to the frontier — the
  fewest normalised points in total (exact for arithmetic aggregation: a fractional knapsack);
- ``balanced``: raise the weakest indicators to a common level, the lowest level that reaches the target.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from marsad.maturity.aggregate import aggregate_tree
from marsad.maturity.errors import DataError, MethodError
from marsad.maturity.pipeline import Result, aggregation_options, build
from marsad.maturity.weights import effective_weights, normalise_weights

STRATEGIES = ("greedy", "balanced")


@dataclass(frozen=True)
class WhatIf:
    """Scores and ranks of every node of one unit, before and after a change."""

    unit: str
    changes: Mapping[str, float]
    codes: tuple[str, ...]
    before: np.ndarray
    after: np.ndarray
    rank_before: np.ndarray
    rank_after: np.ndarray
    stage_before: str | None
    stage_after: str | None

    def rows(self) -> list[dict]:
        return [
            {
                "code": c,
                "before": float(b),
                "after": float(a),
                "rank_before": float(rb),
                "rank_after": float(ra),
            }
            for c, b, a, rb, ra in zip(
                self.codes, self.before, self.after, self.rank_before, self.rank_after, strict=True
            )
        ]


@dataclass(frozen=True)
class GapStep:
    """Raise one indicator from one value to another (raw values in the data file's units)."""

    indicator: str
    parent: str
    normalised_from: float
    normalised_to: float
    raw_from: float
    raw_to: float


@dataclass(frozen=True)
class GapPlan:
    unit: str
    node: str
    strategy: str
    current: float
    target: float
    reached: bool
    achieved: float
    steps: tuple[GapStep, ...]

    def by_parent(self) -> dict[str, list[GapStep]]:
        """The steps grouped by the indicator's parent (pillar), as the profile page lists them."""
        out: dict[str, list[GapStep]] = {}
        for step in self.steps:
            out.setdefault(step.parent, []).append(step)
        return out


class WhatIfModel:
    """What a built result needs to re-score one unit quickly; make it once per edition and reuse it."""

    def __init__(self, result: Result) -> None:
        self.result = result
        fw = result.framework
        self.framework = fw
        self.n_ind = len(fw.indicators)
        self.weights = normalise_weights(fw, result.weights)
        self.step = result.method.aggregate
        self.keep = result.prepared.keep_indicators

    @cached_property
    def denominators(self) -> np.ndarray:
        """Each kept unit's denominator for each indicator (1 where none), in the build's year."""
        fw, r = self.framework, self.result
        year = r.dataset.year_slice(r.prepared.year)
        rows = [r.dataset.units.index(u) for u in r.units]
        out = np.ones((len(rows), self.n_ind))
        if r.method.denominate:
            for j, code in enumerate(fw.indicators):
                den = fw.by_code[code].denominator
                if den is not None:
                    out[:, j] = year[rows, r.dataset.series.index(den)]
        return out

    def normalised(self, i: int, j: int, raw: float) -> float:
        """The normalised value unit `i` would have with `raw` for indicator `j`, all else as in the edition."""
        if np.isnan(self.denominators[i, j]):
            code = self.framework.indicators[j]
            raise DataError(
                f"'{self.result.units[i]}' has no {self.framework.by_code[code].denominator} in "
                f"{self.result.prepared.year}: a raw value of '{code}' cannot be divided by it",
                field="indicator",
            )
        treated = self.result.stage.treatment.apply(j, raw / self.denominators[i, j])
        others = np.delete(self.result.treated[:, j], i)
        return self.result.stage.normalisation.apply(j, treated, others)

    def current_raw(self, i: int, j: int) -> float:
        """The raw value the edition used (the imputed one, back in file units, where the file had none)."""
        raw = self.result.raw[i, j]
        return float(raw) if not np.isnan(raw) else float(self.result.imputed[i, j] * self.denominators[i, j])

    def score_row(self, z: np.ndarray) -> np.ndarray:
        """Every node's value for one unit with normalised indicators z."""
        return aggregate_tree(
            self.framework, z[None, :], self.weights, strict=False, **aggregation_options(self.step)
        )[0]

    def ranks_against_others(self, i: int, row: np.ndarray) -> np.ndarray:
        others = np.delete(self.result.values, i, axis=0)
        with np.errstate(invalid="ignore"):
            return np.where(np.isnan(row), np.nan, 1.0 + np.sum(others > row, axis=0))

    def indicator(self, code: str) -> int:
        if code not in self.framework.position or self.framework.position[code] >= self.n_ind:
            raise DataError(f"unknown indicator '{code}'", field="indicator")
        j = self.framework.position[code]
        if not self.keep[j]:
            raise DataError(f"indicator '{code}' was dropped by the data checks", field="indicator")
        return j


def whatif(
    model: WhatIfModel | Result, unit: str, changes: Mapping[str, float], *, exact: bool = False
) -> WhatIf:
    """Scores and ranks of `unit` at every node if its raw values were `changes` ({indicator: value})."""
    model = model if isinstance(model, WhatIfModel) else WhatIfModel(model)
    r, fw = model.result, model.framework
    i = r.index(unit)
    cols = {model.indicator(code): float(value) for code, value in changes.items()}
    if not all(np.isfinite(v) for v in cols.values()):
        raise DataError("a what-if value must be a finite number", field="value")
    if exact or model.step.method == "copeland":  # Copeland scores depend on every unit: no frozen shortcut
        after, rank_after = _rebuilt(r, unit, {fw.indicators[j]: v for j, v in cols.items()})
    else:
        z = r.values[i, : model.n_ind].copy()
        for j, value in cols.items():
            z[j] = model.normalised(i, j, value)
        after = model.score_row(z)
        rank_after = model.ranks_against_others(i, after)
    root = fw.position[fw.root]
    before_stage, after_stage = fw.stage_of(r.values[i, root]), fw.stage_of(after[root])
    return WhatIf(
        unit,
        dict(changes),
        fw.codes,
        r.values[i].copy(),
        after,
        r.ranks[i].copy(),
        rank_after,
        before_stage.code if before_stage else None,
        after_stage.code if after_stage else None,
    )


def _rebuilt(result: Result, unit: str, changes: Mapping[str, float]) -> tuple[np.ndarray, np.ndarray]:
    ds = result.dataset
    values = ds.values.copy()
    t, u = ds.years.index(result.prepared.year), ds.units.index(unit)
    for code, value in changes.items():
        values[t, u, ds.series.index(code)] = value
    rebuilt = build(result.framework, replace(ds, values=values), result.method)
    k = rebuilt.index(unit)
    return rebuilt.values[k], rebuilt.ranks[k]


def gap_to_target(
    model: WhatIfModel | Result,
    unit: str,
    target: str | float,
    *,
    node: str | None = None,
    strategy: str = "greedy",
) -> GapPlan:
    """The smallest improvements of `unit`'s indicators under `node` that bring its score there to `target`.

    `target` is a unit code (its score at `node`), a stage code (its threshold) or a number.
    """
    if strategy not in STRATEGIES:
        raise MethodError(
            f"unknown strategy '{strategy}'; choose one of {', '.join(STRATEGIES)}", field="strategy"
        )
    model = model if isinstance(model, WhatIfModel) else WhatIfModel(model)
    r, fw = model.result, model.framework
    if model.step.method == "copeland":
        raise MethodError(
            "gap to target needs a mean aggregation; Copeland scores are relative to all units",
            field="aggregate.method",
        )
    node = node or fw.root
    if node not in fw.position:
        raise DataError(f"unknown node '{node}'", field="node")
    k, i = fw.position[node], r.index(unit)
    goal = _target_score(r, target, k)
    z0 = r.values[i, : model.n_ind].copy()
    current = float(r.values[i, k])
    movable = np.array(  # indicators under the node that this unit can move: kept, valued, with a denominator
        [
            j
            for j in range(model.n_ind)
            if model.keep[j]
            and node in (*fw.ancestors(fw.codes[j]), fw.codes[j])
            and not np.isnan(z0[j])
            and not np.isnan(model.denominators[i, j])
        ],
        dtype=int,
    )
    cap = np.nanmax(r.values[:, : model.n_ind], axis=0)
    if current >= goal or movable.size == 0:
        return GapPlan(unit, node, strategy, current, goal, current >= goal, current, ())
    at = lambda z: model.score_row(z)[k]  # noqa: E731 - the score at the node for a candidate z
    plan = (
        _greedy(model, z0, movable, cap, goal, at, k)
        if strategy == "greedy"
        else _balanced(z0, movable, cap, goal, at)
    )
    achieved = at(plan)
    steps = tuple(
        GapStep(
            fw.codes[j],
            fw.by_code[fw.codes[j]].parent,
            float(z0[j]),
            float(plan[j]),
            model.current_raw(i, j),
            _raw_for(model, i, j, plan[j]),
        )
        for j in movable
        if plan[j] > z0[j] + 1e-12
    )
    return GapPlan(unit, node, strategy, current, goal, bool(achieved >= goal - 1e-9), float(achieved), steps)


def _target_score(result: Result, target: str | float, k: int) -> float:
    if isinstance(target, int | float):
        return float(target)
    if target in result.unit_position:
        return float(result.values[result.index(target), k])
    for stage in result.framework.stages:
        if stage.code == target:
            return stage.min
    raise DataError(f"target '{target}' is neither a unit nor a stage", field="target")


def _greedy(
    model: WhatIfModel,
    z0: np.ndarray,
    movable: np.ndarray,
    cap: np.ndarray,
    goal: float,
    at: Callable[[np.ndarray], float],
    k: int,
) -> np.ndarray:
    """Fill the indicators with the largest effect per normalised point first (effect: effective weight for
    arithmetic aggregation, a finite-difference slope otherwise)."""
    if model.step.method == "arithmetic":
        share = effective_weights(model.framework, model.weights)
        effect = share[movable] / share[k]
    else:
        base, effect = at(z0), np.empty(movable.size)
        for n, j in enumerate(movable):  # one row re-aggregation per indicator
            z = z0.copy()
            z[j] = min(cap[j], z0[j] + 1.0)
            effect[n] = (at(z) - base) / max(z[j] - z0[j], 1e-12)
    z = z0.copy()
    for j in movable[np.argsort(-effect, kind="stable")]:
        if cap[j] <= z[j]:
            continue
        trial = z.copy()
        trial[j] = cap[j]
        if at(trial) < goal:
            z = trial
            continue
        lo, hi = z[j], cap[j]
        for _ in range(60):  # bisection on the last indicator needed
            mid = 0.5 * (lo + hi)
            trial[j] = mid
            lo, hi = (mid, hi) if at(trial) < goal else (lo, mid)
        z[j] = hi
        break
    return z


def _balanced(
    z0: np.ndarray, movable: np.ndarray, cap: np.ndarray, goal: float, at: Callable[[np.ndarray], float]
) -> np.ndarray:
    """Raise every movable indicator below a level to that level (capped), with the lowest level that works."""

    def lifted(level: float) -> np.ndarray:
        z = z0.copy()
        z[movable] = np.maximum(z0[movable], np.minimum(level, cap[movable]))
        return z

    lo, hi = float(np.nanmin(z0[movable])), float(np.nanmax(cap[movable]))
    if at(lifted(hi)) < goal:
        return lifted(hi)
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if at(lifted(mid)) < goal else (lo, mid)
    return lifted(hi)


def _raw_for(model: WhatIfModel, i: int, j: int, z: float) -> float:
    """The raw value giving normalised value `z` (the least change from the current one), by bisection on the
    monotone chain denominate → treat → normalise."""
    start = model.current_raw(i, j)
    direction = model.framework.directions[j]
    if model.normalised(i, j, start) >= z - 1e-12:
        return start
    step = max(abs(start), 1.0)
    for _ in range(200):  # widen until the bracket holds the target
        if model.normalised(i, j, start + direction * step) >= z - 1e-12:
            break
        step *= 2
    lo, hi = 0.0, step
    for _ in range(100):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if model.normalised(i, j, start + direction * mid) < z - 1e-12 else (lo, mid)
    return float(start + direction * hi)
