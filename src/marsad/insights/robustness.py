"""How robust an edition's ranks are: rank intervals and Sobol indices, computed once when it is published.

The assumptions varied are those of the JRC's audits of composite indicators (and of COINr's sensitivity
vignette): the weights of pillars and dimensions perturbed by ±25%, min-max (1-100) against z-score (mean 10,
sd 2) normalisation, arithmetic against geometric aggregation, and one indicator left out at a time. The 5th
and 95th percentiles of a country's rank over the runs are the interval shown beside its rank. Imputation is
not varied: leaving gaps unfilled would unrank countries, which would shift everybody's rank for a reason that
is not a methodological choice.

References
----------
Saisana, M., Saltelli, A. & Tarantola, S. (2005), Uncertainty and sensitivity analysis techniques as tools for
the quality assessment of composite indicators, *JRSS A* 168(2), 307-323. See docs/maturity.md for the
engine's estimators.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np
from django.utils.translation import gettext_lazy

from marsad import maturity as mi
from marsad.maturity.sensitivity import Assumption

RUNS = 1000
SEED = 20260205  # the Kuwait General Assembly that asked for the index; any fixed seed makes runs repeatable
YEAR_COVERAGE = 0.9  # a year enters an edition when its data keep this share of the indicators with data
MAX_YEARS = 10

ASSUMPTIONS_TEXT = {  # keyed by the engine's assumption names
    "weights": gettext_lazy("weights of pillars and dimensions ±25%"),
    "normalise": gettext_lazy("normalisation: min-max 1-100 or z-score (10, 2)"),
    "aggregate": gettext_lazy("aggregation: arithmetic or geometric mean"),
    "exclusion": gettext_lazy("one indicator left out, or none"),
}


def assumptions() -> list[Assumption]:
    return [
        mi.perturb_weights({2: 0.25, 3: 0.25}),
        mi.vary(
            "normalise",
            [{"method": "minmax", "low": 1, "high": 100}, {"method": "zscore", "mean": 10, "sd": 2}],
        ),
        mi.vary("aggregate", ["arithmetic", "geometric"]),
        mi.exclude_indicators(),
    ]


def choose_years(framework: mi.Framework, dataset: mi.Dataset, limit: int = MAX_YEARS) -> list[int]:
    """The latest `limit` years in which the data keep at least 90% of the indicators that have data at all.

    A year at the edge of a release (the current year, with a few early values) would rank countries on a
    handful of indicators; such years are left out.
    """
    n_ind = len(framework.indicators)
    with_data = np.any(~np.isnan(dataset.values[:, :, :n_ind]), axis=(0, 1))
    if not with_data.any():
        return []
    per_year = np.any(~np.isnan(dataset.values[:, :, :n_ind]), axis=1)[:, with_data].mean(axis=1)
    good = [year for year, share in zip(dataset.years, per_year, strict=True) if share >= YEAR_COVERAGE]
    return good[-limit:]


def rank_intervals(
    framework: mi.Framework,
    dataset: mi.Dataset,
    year: int,
    targets: list[str],
    runs: int = RUNS,
    seed: int = SEED,
    progress: Callable[[str], None] | None = None,
) -> dict[str, dict[str, tuple[float, float, float]]]:
    """{aggregate: {unit: (5th percentile, median, 95th percentile of its rank)}} for one year."""
    out: dict[str, dict[str, tuple[float, float, float]]] = {}
    for code in targets:
        with (
            warnings.catch_warnings()
        ):  # a unit unranked in every run has an all-NaN column: NaN is the answer
            warnings.simplefilter("ignore", RuntimeWarning)
            run = mi.uncertainty(framework, dataset, assumptions(), runs, year=year, target=code, seed=seed)
            stats = run.rank_statistics()
        out[code] = {
            unit: (float(stats["q05"][i]), float(stats["median"][i]), float(stats["q95"][i]))
            for i, unit in enumerate(run.units)
            if not np.isnan(stats["median"][i])
        }
        if progress:
            progress(f"{year} {code}: {runs} runs")
    return out


def sensitivity_indices(
    framework: mi.Framework, dataset: mi.Dataset, year: int, runs: int = RUNS // 5, seed: int = SEED
) -> dict:
    """First-order and total Sobol indices of each assumption on the mean rank shift of the index."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        result = mi.sensitivity(framework, dataset, assumptions(), runs, year=year, seed=seed, bootstrap=100)
    names = [a.name for a in result.uncertainty.assumptions]
    return {
        "year": year,
        "runs": runs * (len(names) + 2),
        "assumptions": [
            {
                "name": name,
                "text": str(ASSUMPTIONS_TEXT.get(name, name)),
                "first_order": _num(result.first_order[k]),
                "total": _num(result.total[k]),
                "first_order_ci": [_num(x) for x in result.first_order_ci[k]],
                "total_ci": [_num(x) for x in result.total_ci[k]],
            }
            for k, name in enumerate(names)
        ],
    }


def _num(x: float) -> float | None:
    return None if np.isnan(x) else round(float(x), 4)
