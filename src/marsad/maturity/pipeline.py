"""Build an index: checks → imputation → screening → treatment → normalisation → weighting → aggregation.

`build(framework, dataset)` runs every step with the framework's methodology (or overrides) and returns a
`Result` holding each stage's values, scores and ranks at every level, the flags (imputed cells, treated points,
dropped units and indicators) and the provenance (framework version and digest, data digest), so a published
edition can be audited and recomputed.

The steps are split in two halves that the Monte Carlo analysis reuses: `prepare_data` (everything up to the
normalised indicators, which depends on the data-level choices) and `score` (weights and aggregation, batched).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from marsad.maturity import impute as imputation
from marsad.maturity.aggregate import aggregate_tree, rank_descending
from marsad.maturity.checks import CheckReport, run_checks, screen_units
from marsad.maturity.data import Dataset
from marsad.maturity.errors import DataError
from marsad.maturity.framework import Framework
from marsad.maturity.normalise import Normalisation, normalise
from marsad.maturity.options import Method, Step, parse_method
from marsad.maturity.treat import Treatment, treat
from marsad.maturity.weights import data_weights, effective_weights, normalise_weights, resolve


@dataclass(frozen=True)
class Prepared:
    """The data of one year after denomination and the checks, before any method-dependent step."""

    year: int
    units: tuple[str, ...]  # units kept by the checks
    unit_rows: np.ndarray  # their rows in the dataset
    raw: np.ndarray  # units × indicators, as in the file
    denominated: np.ndarray
    history: np.ndarray  # years × units × indicators, denominated, for the panel imputations
    checks: CheckReport
    keep_indicators: np.ndarray


@dataclass(frozen=True)
class DataStage:
    """Imputed, treated and normalised indicators for one set of data-level choices."""

    units: np.ndarray  # mask over Prepared.units: kept by the screening after imputation
    imputed: np.ndarray
    imputed_mask: np.ndarray
    treatment: Treatment
    normalisation: Normalisation


@dataclass(frozen=True)
class Result:
    """A built index. Matrices are units × indicators (stages) or units × nodes (`values`, `ranks`).

    `values[:, :n_indicators]` are the normalised indicators and the remaining columns the aggregates, in
    `framework.codes` order; `ranks` rank every node (1 = best).
    """

    framework: Framework
    dataset: Dataset
    method: Method
    prepared: Prepared
    stage: DataStage
    units: tuple[str, ...]
    weights: np.ndarray
    values: np.ndarray
    ranks: np.ndarray
    dropped_units: tuple[str, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)

    @cached_property
    def unit_position(self) -> dict[str, int]:
        return {u: i for i, u in enumerate(self.units)}

    @property
    def kept_rows(self) -> np.ndarray:
        return np.flatnonzero(self.stage.units)

    @property
    def raw(self) -> np.ndarray:
        return self.prepared.raw[self.kept_rows]

    @property
    def denominated(self) -> np.ndarray:
        return self.prepared.denominated[self.kept_rows]

    @property
    def imputed(self) -> np.ndarray:
        return self.stage.imputed[self.kept_rows]

    @property
    def imputed_mask(self) -> np.ndarray:
        return self.stage.imputed_mask[self.kept_rows]

    @property
    def treated(self) -> np.ndarray:
        return self.stage.treatment.values

    @property
    def normalised(self) -> np.ndarray:
        return self.stage.normalisation.values

    @cached_property
    def effective_weights(self) -> np.ndarray:
        return np.nan_to_num(effective_weights(self.framework, self.weights))

    def index(self, unit: str) -> int:
        try:
            return self.unit_position[unit]
        except KeyError:
            dropped = " (dropped by the data checks)" if unit in self.dropped_units else ""
            raise DataError(f"unknown unit '{unit}'{dropped}", field="unit") from None

    def score(self, unit: str, code: str | None = None) -> float:
        return float(self.values[self.index(unit), self.framework.position[code or self.framework.root]])

    def rank(self, unit: str, code: str | None = None) -> float:
        return float(self.ranks[self.index(unit), self.framework.position[code or self.framework.root]])

    def column(self, code: str) -> np.ndarray:
        return self.values[:, self.framework.position[code]]


def resolve_method(framework: Framework, method: Method | None = None, **overrides: Any) -> Method:
    base = method or parse_method(framework.method, framework.source)
    return base.with_overrides(**overrides) if overrides else base


def build(framework: Framework, dataset: Dataset, method: Method | None = None, **overrides: Any) -> Result:
    """Build the index for one year (the method's `year`, default the latest in the data).

    `overrides` replace steps of the framework's methodology, e.g. ``normalise={"method": "rank"}`` or
    ``aggregate="geometric"``.
    """
    method = resolve_method(framework, method, **overrides)
    prepared = prepare(framework, dataset, method)
    stage = process(framework, dataset, prepared, method)
    weights = node_weights(framework, stage.normalisation.values, method).copy()
    weights[: len(framework.indicators)][~prepared.keep_indicators] = 0.0  # dropped: no share of the index
    weights = normalise_weights(framework, weights)
    values = score(framework, stage.normalisation.values, weights, method.aggregate)
    kept = tuple(u for u, keep in zip(prepared.units, stage.units, strict=True) if keep)
    dropped = tuple(u for u in dataset.units if u not in kept)
    return Result(
        framework,
        dataset,
        method,
        prepared,
        stage,
        kept,
        weights,
        values,
        rank_descending(values),
        dropped,
        {
            "framework_id": framework.id,
            "framework_version": framework.version,
            "framework_digest": framework.digest,
            "data_digest": dataset.digest,
            "year": prepared.year,
            "data_file": dataset.file,
        },
    )


def prepare(framework: Framework, dataset: Dataset, method: Method) -> Prepared:
    """Select the year, divide by denominators and run the data checks (dropping what they drop)."""
    year = method.year if method.year is not None else dataset.years[-1]
    dataset.year_slice(year)  # an unknown year raises the error naming the years present
    t = dataset.years.index(year)
    n_ind = len(framework.indicators)
    cube = dataset.values[:, :, :n_ind]
    history = cube.copy()
    if method.denominate:
        for j, code in enumerate(framework.indicators):
            den = framework.by_code[code].denominator
            if den is not None:
                with np.errstate(divide="ignore", invalid="ignore"):
                    history[:, :, j] = cube[:, :, j] / dataset.values[:, :, dataset.series.index(den)]
    history[~np.isfinite(history)] = np.nan  # a zero denominator leaves the value missing
    screen = method.screen
    raw_basis = screen.get("basis", "raw") == "raw"
    report = run_checks(
        history[t],
        framework,
        dataset,
        list(dataset.units),
        min_unit_coverage=float(screen.get("min_unit_coverage", 0.0)) if raw_basis else 0.0,
        min_indicator_coverage=float(screen.get("min_indicator_coverage", 0.0)),
        max_same_share=float(screen.get("max_same_share", 0.9)),
        action=screen.get("action", "drop"),
    )
    rows = np.flatnonzero(report.keep_units)
    if rows.size < 3:
        raise DataError(
            f"only {rows.size} unit(s) left after the data checks; at least 3 are needed",
            file=dataset.file,
            field="unit",
        )
    keep_ind = report.keep_indicators
    history = history[:, rows]
    history[:, :, ~keep_ind] = np.nan
    return Prepared(
        year,
        tuple(dataset.units[i] for i in rows),
        rows,
        cube[t][rows],
        history[t].copy(),
        history,
        report,
        keep_ind,
    )


def process(framework: Framework, dataset: Dataset, prepared: Prepared, method: Method) -> DataStage:
    """Impute, screen (on imputed data if asked), treat and normalise."""
    params = dict(method.impute.params)
    groups = None
    if "group" in params:
        labels = dataset.group(params.pop("group"))
        groups = [labels[i] for i in prepared.unit_rows]
    filled, mask = imputation.impute(
        prepared.denominated,
        method.impute.method,
        groups=groups,
        history=prepared.history,
        t=list(dataset.years).index(prepared.year),
        years=dataset.years,
        **params,
    )
    keep = np.ones(len(prepared.units), dtype=bool)
    if method.screen.get("basis", "raw") == "imputed":
        keep = screen_units(
            filled[:, prepared.keep_indicators], float(method.screen.get("min_unit_coverage", 0))
        )
    X = filled[keep]
    transforms = [framework.by_code[c].transform for c in framework.indicators]
    treatment = treat(X, method.treat.method, transforms=transforms, **method.treat.params)
    nodes = [framework.by_code[c] for c in framework.indicators]
    normalisation = normalise(
        treatment.values,
        method.normalise.method,
        framework.directions,
        goalposts=[n.goalposts for n in nodes],
        targets=[n.target for n in nodes],
        **method.normalise.params,
    )
    return DataStage(keep, filled, mask, treatment, normalisation)


def node_weights(framework: Framework, Z: np.ndarray, method: Method) -> np.ndarray:
    """Weights of every node, normalised within sibling groups (derived from Z for pca/factor)."""
    step = method.weights
    if step.method in ("pca", "factor"):
        aggregate_step = Step("arithmetic") if method.aggregate.method == "copeland" else method.aggregate

        def next_level(V: np.ndarray, w: np.ndarray) -> np.ndarray:
            return score(framework, V[:, : len(framework.indicators)], w, aggregate_step)

        return data_weights(framework, Z, step.method, next_level)
    return resolve(framework, step.method, **step.params)


def aggregation_options(step: Step) -> dict[str, Any]:
    """Keyword arguments of `aggregate_tree` for an aggregation step (options.py has checked its parameters)."""
    return {
        "method": step.method,
        "power": float(step.params.get("power", 1.0)),
        "min_share": float(step.params.get("min_share", 0.0)),
    }


def score(
    framework: Framework, Z: np.ndarray, weights: np.ndarray, step: Step, strict: bool = True
) -> np.ndarray:
    """Aggregate normalised indicators (optionally a batch: leading axes) into every node's value."""
    return aggregate_tree(
        framework, Z, normalise_weights(framework, weights), strict=strict, **aggregation_options(step)
    )
