"""Data checks before any computation: coverage, near-constant indicators, duplicates, units of measure.

Each check returns `Issue` records rather than raising, because a data release with gaps is normal: the analyst
decides (through thresholds) which gaps drop a unit or an indicator and which are only flagged in the result.

References
----------
OECD/JRC (2008), *Handbook on Constructing Composite Indicators*, step 3 "Imputation of missing data" (pp. 24-25)
on reporting coverage before imputing. COINr's ``get_data_avail()`` and ``Screen()`` (Becker et al., 2022,
JOSS 7(78), 4567) for the coverage and "fraction of same values" statistics.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from marsad.maturity.data import Dataset
from marsad.maturity.errors import MethodError
from marsad.maturity.framework import Framework


@dataclass(frozen=True)
class Issue:
    """One finding of the checks. `action` is what the pipeline did: "dropped" or "flagged"."""

    check: str
    message: str
    unit: str | None = None
    indicator: str | None = None
    value: float | None = None
    action: str = "flagged"


@dataclass(frozen=True)
class CheckReport:
    """Coverage tables and the issues found; `keep_units`/`keep_indicators` are the screening decisions."""

    unit_coverage: np.ndarray
    indicator_coverage: np.ndarray
    keep_units: np.ndarray
    keep_indicators: np.ndarray
    issues: tuple[Issue, ...]


def coverage(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Share of non-missing values per unit (rows) and per indicator (columns) of a unit × indicator matrix."""
    present = ~np.isnan(X)
    return present.mean(axis=1), present.mean(axis=0)


def screen_units(X: np.ndarray, min_share: float) -> np.ndarray:
    """Units (rows) whose share of available indicator values reaches `min_share` (COINr's ``byNA`` screen)."""
    _check_share(min_share, "min_unit_coverage")
    return coverage(X)[0] >= min_share


def fraction_same(X: np.ndarray) -> np.ndarray:
    """Per column, the share of available values equal to the most frequent one (1.0 for a constant column).

    Vectorised: sort each column, then the longest run of equal neighbours is the mode's count.
    """
    S = np.sort(X, axis=0)  # NaN sorts last and never equals its neighbour
    equal = S[1:] == S[:-1]
    position = np.arange(1, S.shape[0])[:, None]
    run = position - np.maximum.accumulate(np.where(equal, 0, position), axis=0)
    mode = (run.max(axis=0) if run.size else np.zeros(S.shape[1])) + 1
    available = np.sum(~np.isnan(X), axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(available > 0, mode / available, np.nan)


def run_checks(
    X: np.ndarray,
    framework: Framework,
    dataset: Dataset,
    units: list[str],
    *,
    min_unit_coverage: float = 0.0,
    min_indicator_coverage: float = 0.0,
    max_same_share: float = 0.9,
    action: str = "drop",
) -> CheckReport:
    """Check the raw unit × indicator matrix of one year and decide what to drop.

    Parameters
    ----------
    X : (units, indicators) raw values, NaN missing.
    min_unit_coverage, min_indicator_coverage : float in [0, 1]
        Units / indicators with a smaller share of available values are dropped (``action="drop"``) or only
        flagged (``action="flag"``).
    max_same_share : float in (0, 1]
        Indicators where more than this share of units have the same value (e.g. mostly zeros) are flagged as
        near-constant; a constant indicator cannot be normalised and is always dropped.
    """
    _check_share(min_unit_coverage, "min_unit_coverage")
    _check_share(min_indicator_coverage, "min_indicator_coverage")
    if action not in ("drop", "flag"):
        raise MethodError(f"action must be 'drop' or 'flag', got {action!r}", field="screen.action")
    indicators = framework.indicators
    unit_cov, ind_cov = coverage(X)
    keep_units = np.ones(len(units), dtype=bool)
    keep_ind = ind_cov > 0
    issues = [
        Issue(
            "coverage",
            "indicator has no data for this year",
            indicator=indicators[j],
            value=0.0,
            action="dropped",
        )
        for j in np.flatnonzero(~keep_ind)
    ]
    verb = "dropped" if action == "drop" else "flagged"
    for i in np.flatnonzero(unit_cov < min_unit_coverage):
        issues.append(
            _low_coverage(
                f"unit has {unit_cov[i]:.0%} of indicator values",
                min_unit_coverage,
                unit_cov[i],
                verb,
                unit=units[i],
            )
        )
        keep_units[i] = action == "flag"
    for j in np.flatnonzero((ind_cov < min_indicator_coverage) & keep_ind):
        issues.append(
            _low_coverage(
                f"indicator has values for {ind_cov[j]:.0%} of units",
                min_indicator_coverage,
                ind_cov[j],
                verb,
                indicator=indicators[j],
            )
        )
        keep_ind[j] = action == "flag"
    same = fraction_same(X)
    for j in np.flatnonzero(same >= max_same_share):
        constant = same[j] == 1.0
        issues.append(
            Issue(
                "near_constant",
                "indicator is constant: it cannot discriminate between units"
                if constant
                else f"{same[j]:.0%} of units share the same value",
                indicator=indicators[j],
                value=float(same[j]),
                action="dropped" if constant else "flagged",
            )
        )
        keep_ind[j] &= not constant
    issues += _duplicates(dataset) + _measures(framework, dataset)
    return CheckReport(unit_cov, ind_cov, keep_units, keep_ind, tuple(issues))


def _low_coverage(what: str, threshold: float, share: float, action: str, **where: str) -> Issue:
    return Issue("coverage", f"{what}, below {threshold:.0%}", value=float(share), action=action, **where)


def _duplicates(dataset: Dataset) -> list[Issue]:
    return [
        Issue(
            "duplicate",
            f"row {d.row} repeats row {d.first_row} (year {d.year}); the first value is kept",
            unit=d.unit,
            indicator=d.series,
        )
        for d in dataset.duplicates
    ]


def _measures(framework: Framework, dataset: Dataset) -> list[Issue]:
    """Units of measure in the data that differ from the framework's (e.g. '%' against 'per 100 people')."""
    issues = []
    for code, seen in dataset.measures.items():
        expected = framework.by_code[code].unit
        if not expected:
            continue
        for measure in sorted(seen):
            if measure.strip().lower() != expected.strip().lower():
                issues.append(
                    Issue(
                        "unit_of_measure",
                        f"data says '{measure}', framework says '{expected}'",
                        indicator=code,
                    )
                )
    return issues


def _check_share(value: float, name: str) -> None:
    if not 0.0 <= value <= 1.0:
        raise MethodError(f"{name} must be a share between 0 and 1, got {value}", field=name)
