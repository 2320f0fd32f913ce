"""Uncertainty and sensitivity analysis: how much do ranks depend on the methodological choices?

Each uncertain *assumption* (normalisation method, aggregation method, imputation, treatment, noisy weights,
one indicator left out) is driven by one uniform variable, mapped onto its list of alternatives. An uncertainty
analysis samples those variables at random; a sensitivity analysis uses Saltelli's design (matrices A, B and
the d matrices A_B^(i)) so that first-order and total Sobol indices can be estimated, on each unit's rank and on
the mean absolute rank shift from the nominal ranks (COINr's target).

Replications are not rebuilt one by one. The data-level choices (imputation, treatment, normalisation) have a
few alternatives: each combination is processed once and its normalised matrix kept. A batch of replications is
then gathered from those matrices and aggregated in one broadcast pass (`aggregate_tree` with a leading batch
axis), grouped by aggregation method; ranks are computed for the whole batch at once.

References
----------
Saisana, M., Saltelli, A. & Tarantola, S. (2005), Uncertainty and sensitivity analysis techniques as tools for
the quality assessment of composite indicators, *JRSS A* 168(2), 307-323.
Saltelli, A. et al. (2010), Variance based sensitivity analysis of model output. Design and estimator for the
total sensitivity index, *Computer Physics Communications* 181(2), 259-270 (design; first-order estimator).
Jansen, M. J. W. (1999), Analysis of variance designs for model output, *Computer Physics Communications*
117(1-2), 35-43 (total-effect estimator). COINr ``get_sensitivity()``, ``SA_sample()``, ``SA_estimate()``,
``get_noisy_weights()`` (R/sensitivity.R, COINr 1.1.14), whose estimators these are.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from marsad.maturity.aggregate import aggregate_nodes, rank_descending
from marsad.maturity.data import Dataset
from marsad.maturity.errors import MethodError
from marsad.maturity.framework import Framework
from marsad.maturity.options import Method, Step, parse_step
from marsad.maturity.pipeline import (
    DataStage,
    Prepared,
    aggregation_options,
    node_weights,
    prepare,
    process,
    resolve_method,
    score,
)
from marsad.maturity.weights import noisy_weights, normalise_weights

DATA_STEPS = ("impute", "treat", "normalise")
_BATCH_ELEMENTS = 2_000_000  # units × nodes × replications per batch: 16 MB per float64 array, cache-friendly


@dataclass(frozen=True)
class Assumption:
    """One uncertain choice: `kind` is a step name, "weights" or "exclude"; `alternatives` its options."""

    name: str
    kind: str
    alternatives: tuple[Any, ...]


def vary(step: str, alternatives: Sequence[Mapping[str, Any] | str], name: str | None = None) -> Assumption:
    """A step whose method or parameters take one of `alternatives` (partial steps merge into the framework's)."""
    if step not in (*DATA_STEPS, "aggregate", "weights"):
        raise MethodError(
            f"cannot vary '{step}'; vary one of impute, treat, normalise, weights, aggregate",
            field="assumption",
        )
    if len(alternatives) < 1:
        raise MethodError(f"'{step}' needs at least one alternative", field="assumption")
    return Assumption(name or step, step, tuple(alternatives))


def perturb_weights(noise: Mapping[int, float], pool: int = 100, name: str = "weights") -> Assumption:
    """Weights perturbed by ±factor per level (COINr's ``get_noisy_weights``), drawn from a pool of sets."""
    return Assumption(name, "noise", (dict(noise), pool))


def exclude_indicators(indicators: Sequence[str] | None = None, name: str = "exclusion") -> Assumption:
    """Leave out no indicator or one of `indicators` (default: every indicator), one at a time."""
    return Assumption(name, "exclude", (None, *(indicators or ())))


@dataclass(frozen=True)
class Uncertainty:
    """Scores and ranks of the target node in every replication, with rank statistics per unit."""

    units: tuple[str, ...]
    target: str
    nominal_scores: np.ndarray
    nominal_ranks: np.ndarray
    scores: np.ndarray  # replications × units
    ranks: np.ndarray
    design: np.ndarray  # replications × assumptions, the alternative index used
    assumptions: tuple[Assumption, ...]
    failed: (
        int  # replications where a unit scored in the nominal build got no score (e.g. geometric mean of a
    )
    # negative z-score): that unit is unranked in that replication
    weight_sets: Mapping[str, np.ndarray]  # assumption name → the weight sets its index picks from

    def rank_statistics(self, rows: slice | np.ndarray = slice(None)) -> dict[str, np.ndarray]:
        """Mean, median, 5th and 95th percentile of each unit's rank (R's default quantile definition)."""
        R = self.ranks[rows]
        return {
            "mean": np.nanmean(R, axis=0),
            "median": np.nanmedian(R, axis=0),
            "q05": np.nanquantile(R, 0.05, axis=0),
            "q95": np.nanquantile(R, 0.95, axis=0),
        }


@dataclass(frozen=True)
class Sensitivity:
    """Sobol indices of each assumption (columns) on the mean rank shift and on each unit's rank."""

    uncertainty: Uncertainty
    first_order: np.ndarray  # assumptions, on the mean absolute rank shift
    total: np.ndarray
    first_order_ci: np.ndarray  # assumptions × 2 (5% and 95% bootstrap quantiles)
    total_ci: np.ndarray
    unit_first_order: np.ndarray  # assumptions × units, on each unit's rank
    unit_total: np.ndarray


def saltelli_design(N: int, d: int, rng: np.random.Generator) -> np.ndarray:
    """The N (d + 2) × d input sample: A, B, then A with column i taken from B, for i = 1..d (COINr's order)."""
    A, B = rng.random((N, d)), rng.random((N, d))
    AB = np.repeat(A[None], d, axis=0)
    AB[np.arange(d), :, np.arange(d)] = B.T
    return np.vstack([A, B, AB.reshape(N * d, d)])


def sobol_indices(y: np.ndarray, N: int, d: int) -> tuple[np.ndarray, np.ndarray]:
    """First-order (Saltelli 2010) and total (Jansen 1999) indices from outputs of `saltelli_design`.

    `y` is (N (d + 2),) or (N (d + 2), k) for k outputs at once; returns arrays of shape (d,) or (d, k).
    """
    yA, yB = y[:N], y[N : 2 * N]
    yAB = y[2 * N :].reshape(d, N, *y.shape[1:])
    var = np.var(np.concatenate([yA, yB]), axis=0, ddof=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        first = np.mean(yB * (yAB - yA), axis=1) / var
        total = np.mean((yA - yAB) ** 2, axis=1) / (2 * var)
    return first, total


def uncertainty(
    framework: Framework, dataset: Dataset, assumptions: Sequence[Assumption], runs: int, **options: Any
) -> Uncertainty:
    """`runs` random replications over `assumptions`: rank distributions per unit.

    Options: `method` (a `Method`, default the framework's), `target` (the node whose ranks are studied,
    default the index), `seed`, `progress(done, total)` (called after each batch) and step overrides.
    """
    return _run(framework, dataset, assumptions, runs, kind="uncertainty", **options)


def sensitivity(
    framework: Framework, dataset: Dataset, assumptions: Sequence[Assumption], runs: int, **options: Any
) -> Sensitivity:
    """Sobol indices of `assumptions` from runs (d + 2) replications (Saltelli's design, N = `runs`).

    Same options as `uncertainty`, plus `bootstrap` (resamples for the 5-95% intervals, default 100).
    """
    return _run(framework, dataset, assumptions, runs, kind="sensitivity", **options)


def _run(
    framework: Framework,
    dataset: Dataset,
    assumptions: Sequence[Assumption],
    runs: int,
    *,
    kind: str,
    method: Method | None = None,
    target: str | None = None,
    seed: int = 0,
    bootstrap: int = 100,
    progress: Callable[[int, int], None] | None = None,
    **overrides: Any,
) -> Uncertainty | Sensitivity:
    if kind not in ("uncertainty", "sensitivity"):
        raise MethodError("kind must be 'uncertainty' or 'sensitivity'", field="kind")
    if runs < 2:
        raise MethodError(f"runs must be at least 2, got {runs}", field="runs")
    if kind == "sensitivity" and len(assumptions) < 2:
        raise MethodError("a sensitivity analysis needs at least two assumptions", field="assumption")
    rng = np.random.default_rng(seed)
    base = resolve_method(framework, method, **overrides)
    model = _Model(framework, dataset, base, assumptions, rng)
    d = len(assumptions)
    U = rng.random((runs, d)) if kind == "uncertainty" else saltelli_design(runs, d, rng)
    choice = np.minimum((U * model.sizes).astype(int), model.sizes - 1)
    target = target or framework.root
    scores = model.evaluate(choice, framework.position[target], progress)
    ranks = rank_descending(scores, axis=-1)
    nominal = model.nominal(framework.position[target])
    ua = Uncertainty(
        model.units,
        target,
        nominal,
        rank_descending(nominal[None], axis=-1)[0],
        scores,
        ranks,
        choice,
        tuple(assumptions),
        int(np.sum(np.any(np.isnan(scores) & ~np.isnan(nominal), axis=1))),
        {assumptions[k].name: w for k, w in model.weight_sets.items()},
    )
    if kind == "uncertainty":
        return ua
    shift = np.nanmean(np.abs(ranks - ua.nominal_ranks), axis=1)
    first, total = sobol_indices(shift, runs, d)
    unit_first, unit_total = sobol_indices(ranks, runs, d)
    first_ci, total_ci = _bootstrap(shift, runs, d, bootstrap, rng)
    return Sensitivity(ua, first, total, first_ci, total_ci, unit_first, unit_total)


class _Model:
    """Precomputed alternatives: normalised matrices per data-level combination, weight sets, aggregations."""

    def __init__(
        self,
        framework: Framework,
        dataset: Dataset,
        base: Method,
        assumptions: Sequence[Assumption],
        rng: np.random.Generator,
    ) -> None:
        self.framework, self.base = framework, base
        prepared = prepare(framework, dataset, base)
        self.units = prepared.units
        data_axes = [k for k, a in enumerate(assumptions) if a.kind in DATA_STEPS]
        self.data_axes = data_axes
        self.excluded = {k: self._exclusions(a) for k, a in enumerate(assumptions) if a.kind == "exclude"}
        self.sizes = np.array([self._size(k, a) for k, a in enumerate(assumptions)])
        combos = list(itertools.product(*(range(self.sizes[k]) for k in data_axes)))
        stages = []
        for combo in combos:  # one full data stage per combination of data-level alternatives
            variant = base.with_overrides(
                **{
                    assumptions[k].kind: _step(base, assumptions[k], i)
                    for k, i in zip(data_axes, combo, strict=True)
                }
            )
            stages.append(self._aligned(process(framework, dataset, prepared, variant), prepared))
        self.Zt = np.ascontiguousarray(
            np.stack(stages).transpose(2, 0, 1)
        )  # indicators × combinations × units
        self.Z_nominal = self._aligned(process(framework, dataset, prepared, base), prepared)
        self.base_weights = node_weights(framework, self.Z_nominal, base)
        self.assumptions = tuple(assumptions)
        self.weight_sets = {
            k: self._weight_pool(a, rng) for k, a in enumerate(assumptions) if a.kind in ("noise", "weights")
        }
        self.aggregations = {
            k: [_step(base, a, i) for i in range(len(a.alternatives))]
            for k, a in enumerate(assumptions)
            if a.kind == "aggregate"
        }
        for steps in [*self.aggregations.values(), [base.aggregate]]:
            if any(s.method == "copeland" for s in steps):
                raise MethodError(
                    "Copeland aggregation cannot be varied in Monte Carlo runs", field="aggregate.method"
                )

    def _size(self, k: int, a: Assumption) -> int:
        """How many alternatives the k-th assumption's uniform variable is cut into."""
        if a.kind == "noise":
            return a.alternatives[1]
        return len(self.excluded[k]) if a.kind == "exclude" else len(a.alternatives)

    def _aligned(self, stage: DataStage, prepared: Prepared) -> np.ndarray:
        """A data stage's normalised matrix on all prepared units (NaN rows for units its screening dropped)."""
        Z = np.full((len(prepared.units), len(self.framework.indicators)), np.nan)
        Z[stage.units] = stage.normalisation.values
        return Z

    def _exclusions(self, a: Assumption) -> np.ndarray:
        """Node positions to leave out, -1 for none: from the listed codes, or every indicator if none listed."""
        codes = a.alternatives if len(a.alternatives) > 1 else (None, *self.framework.indicators)
        unknown = [c for c in codes if c is not None and c not in self.framework.indicators]
        if unknown:
            raise MethodError(f"cannot leave out unknown indicator(s) {', '.join(unknown)}", field="exclude")
        return np.array([-1 if c is None else self.framework.position[c] for c in codes])

    def _weight_pool(self, a: Assumption, rng: np.random.Generator) -> np.ndarray:
        if a.kind == "noise":
            noise, pool = a.alternatives
            return noisy_weights(self.framework, self.base_weights, noise, pool, rng)
        return np.stack(
            [
                node_weights(self.framework, self.Z_nominal, self.base.with_overrides(weights=alt))
                for alt in a.alternatives
            ]
        )

    def nominal(self, target: int) -> np.ndarray:
        return score(self.framework, self.Z_nominal, self.base_weights, self.base.aggregate)[:, target]

    def evaluate(
        self, choice: np.ndarray, target: int, progress: Callable[[int, int], None] | None
    ) -> np.ndarray:
        """Target-node scores (replications × units), in batches small enough to stay in memory."""
        n_rep = choice.shape[0]
        per_rep = self.Zt.shape[2] * len(self.framework.nodes)
        batch = max(1, min(n_rep, _BATCH_ELEMENTS // per_rep))
        out = np.empty((n_rep, self.Zt.shape[2]))
        for start in range(0, n_rep, batch):
            rows = choice[start : start + batch]
            out[start : start + batch] = self._batch(rows, target)
            if progress:
                progress(min(start + batch, n_rep), n_rep)
        return out

    def _batch(self, rows: np.ndarray, target: int) -> np.ndarray:
        """One batch: gather each replication's normalised indicators, set its weights, aggregate by method."""
        fw, n_ind = self.framework, len(self.framework.indicators)
        steps = np.zeros(len(rows), dtype=int)
        alternatives = [self.base.aggregate]
        for k, a in enumerate(self.assumptions):
            if a.kind == "aggregate":
                steps, alternatives = rows[:, k], self.aggregations[k]
        if self.data_axes:  # combinations are numbered in itertools.product order, i.e. C order
            combo = np.ravel_multi_index(rows[:, self.data_axes].T, self.sizes[self.data_axes])
        else:
            combo = np.zeros(len(rows), dtype=int)
        order = np.lexsort((combo, steps))  # one aggregation method, then one data combination, side by side
        rows, steps, combo = rows[order], steps[order], combo[order]
        V = np.empty((len(fw.nodes), len(rows), self.Zt.shape[2]))
        starts = np.flatnonzero(np.r_[True, combo[1:] != combo[:-1]])
        for a, b in zip(starts, np.r_[starts[1:], len(rows)], strict=True):  # runs of one combination
            V[:n_ind, a:b] = self.Zt[:, combo[a], None, :]
        W = normalise_weights(fw, self._weights(rows)).T
        bounds = np.searchsorted(steps, np.arange(len(alternatives) + 1))
        for s, step in enumerate(alternatives):  # a few methods: each is one broadcast aggregation of a slice
            a, b = bounds[s], bounds[s + 1]
            if b > a:
                aggregate_nodes(fw, V[:, a:b], W[:, a:b], strict=False, **aggregation_options(step))
        out = np.empty((len(rows), V.shape[2]))
        out[order] = V[target]
        return out

    def _weights(self, rows: np.ndarray) -> np.ndarray:
        """Each replication's node weights: a set from a weights assumption, minus a left-out indicator."""
        W = np.broadcast_to(self.base_weights, (len(rows), len(self.base_weights))).copy()
        for k, pool in self.weight_sets.items():
            W = pool[rows[:, k]].copy()
        for k, positions in self.excluded.items():
            left_out = positions[rows[:, k]]
            hit = np.flatnonzero(left_out >= 0)
            W[hit, left_out[hit]] = 0.0  # a zero weight takes the indicator out of its group's mean
        return W


def _step(base: Method, assumption: Assumption, i: int) -> Step:
    alt = assumption.alternatives[i]
    current = getattr(base, assumption.kind)
    if isinstance(alt, str):
        alt = {"method": alt}
    merged = (
        dict(alt) if alt.get("method", current.method) != current.method else {**current.as_dict(), **alt}
    )
    return parse_step(assumption.kind, merged)


def _bootstrap(
    y: np.ndarray, N: int, d: int, n_boot: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """5-95% bootstrap intervals of the indices, resampling the N base rows (as COINr's ``SA_estimate``)."""
    if n_boot <= 0:
        nan = np.full((d, 2), np.nan)
        return nan, nan
    idx = rng.integers(0, N, size=(n_boot, N))
    yA, yB = y[:N], y[N : 2 * N]
    yAB = y[2 * N :].reshape(d, N)
    var = np.var(np.concatenate([yA, yB]), ddof=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        first = np.mean((yB * (yAB - yA))[:, idx], axis=2) / var
        total = np.mean(((yA - yAB) ** 2)[:, idx], axis=2) / (2 * var)
    q = lambda x: np.nanquantile(x, [0.05, 0.95], axis=1).T  # noqa: E731
    return q(first), q(total)
