"""Outlier treatment, COINr's default way: winsorise skewed, heavy-tailed indicators, else log-transform them.

An indicator *fails* when ``|skewness| >= skew`` **and** ``kurtosis >= kurtosis`` (defaults 2 and 3.5, with the
bias-corrected estimators of Excel and ``e1071`` type 2). A failing indicator is winsorised one step at a time:
the highest value(s) (or lowest, when the current skew is negative) are set to the next value, until it passes
or `winmax` points have been treated. If it still fails, COINr's "COIN Tool" log transform
``log(x - min + 0.01 (max - min))`` is applied to the *original* values instead.

All columns are treated at once: each winsorisation step is one vectorised pass over the still-failing columns.

References
----------
OECD/JRC (2008), *Handbook on Constructing Composite Indicators*, step 5 (outliers), p. 26.
COINr ``Treat()``, ``winsorise()``, ``check_SkewKurt()``, ``log_CT()``, ``skew()``, ``kurt()`` (R/treat.R,
COINr 1.1.14); Joanes, D. N. & Gill, C. A. (1998), Comparing measures of sample skewness and kurtosis,
JRSS D 47(1), 183-189 (estimators G1 and G2).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from marsad.maturity.errors import MethodError
from marsad.maturity.normalise import column_max, column_min

METHODS = ("skew_kurtosis", "none")


@dataclass(frozen=True)
class Treatment:
    """Treated data and, per indicator, what was done (arrays of length n_indicators).

    `lower`/`upper` clip raw values (the winsorisation caps, the minimum of a logged indicator; ±inf where
    untreated) and `log_shift` is the shift ``min - 0.01 (max - min)`` of the log transform (NaN where none), so
    a new raw value can be treated the same way later (what-if) without treating the whole data again.
    """

    values: np.ndarray
    skew_before: np.ndarray
    kurt_before: np.ndarray
    passed_before: np.ndarray
    winsorised: np.ndarray  # number of points winsorised, COINr's `nwin`
    skew_after: np.ndarray
    kurt_after: np.ndarray
    passed_after: np.ndarray
    logged: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    log_shift: np.ndarray
    changed: np.ndarray  # unit × indicator mask of treated points

    def apply(self, j: int, x: float) -> float:
        """Treat a new raw value `x` of indicator `j` as this treatment treated the data."""
        x = float(np.clip(x, self.lower[j], self.upper[j]))
        return float(np.log(x - self.log_shift[j])) if self.logged[j] else x


def skewness(X: np.ndarray) -> np.ndarray:
    """Sample skewness G1 of each column (NaN ignored; NaN with fewer than 3 values)."""
    return _shape(*_moments(X))[0]


def kurtosis(X: np.ndarray) -> np.ndarray:
    """Sample excess kurtosis G2 of each column (NaN ignored; NaN with fewer than 4 values)."""
    return _shape(*_moments(X))[1]


def check_skew_kurtosis(
    X: np.ndarray, skew: float = 2.0, kurt: float = 3.5
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pass/fail of each column: passes when |skewness| < `skew` or kurtosis < `kurt` (COINr's rule).

    Columns with too few values to estimate kurtosis pass: there is nothing to treat.
    """
    s, k = _shape(*_moments(X))
    passed = (np.abs(s) < skew) | (k < kurt) | np.isnan(k)
    return passed, s, k


def _moments(X: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Count and 2nd-4th central sums of each column, NaN ignored (products, not `**`: several times faster)."""
    present = ~np.isnan(X)
    n = present.sum(axis=0).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        d = np.where(present, X - np.where(present, X, 0.0).sum(axis=0) / n, 0.0)
    d2 = d * d
    return n, d2.sum(axis=0), (d2 * d).sum(axis=0), (d2 * d2).sum(axis=0)


def _shape(n: np.ndarray, m2: np.ndarray, m3: np.ndarray, m4: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """G1 and G2 (e1071 type 2) from the moments of `_moments`."""
    with np.errstate(invalid="ignore", divide="ignore"):
        g1 = np.sqrt(n) * m3 / (m2 * np.sqrt(m2)) * np.sqrt(n * (n - 1)) / (n - 2)
        r = n * m4 / (m2 * m2)
        g2 = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    return np.where(n >= 3, g1, np.nan), np.where(n >= 4, g2, np.nan)


def log_ct(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """COINr's ``log_CT``: ``log(x - min(x) + 0.01 (max(x) - min(x)))`` per column; returns values and shift."""
    lo, hi = column_min(X), column_max(X)
    shift = lo - 0.01 * (hi - lo)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(X - shift), shift


def treat(
    X: np.ndarray,
    method: str = "skew_kurtosis",
    *,
    winmax: int | None = 5,
    skew: float = 2.0,
    kurtosis: float = 3.5,
    force_winsorise: bool = False,
    transforms: Sequence[str] | None = None,
) -> Treatment:
    """Treat every column of a unit × indicator matrix for outliers.

    Parameters
    ----------
    method : "skew_kurtosis" (COINr's default treatment) or "none".
    winmax : the most points to winsorise per indicator (None: no limit).
    skew, kurtosis : the thresholds of the pass test.
    force_winsorise : winsorise `winmax` points whatever the test says (COINr's ``force_win``).
    transforms : per indicator "auto" (the procedure above), "log" (always log-transform) or "none".
    """
    if method not in METHODS:
        raise MethodError(
            f"unknown treatment '{method}'; choose one of {', '.join(METHODS)}", field="treat.method"
        )
    if winmax is not None and winmax < 0:
        raise MethodError(f"winmax must be >= 0, got {winmax}", field="treat.winmax")
    m = X.shape[1]
    transforms = np.array(transforms if transforms is not None else ["auto"] * m)
    passed0, s0, k0 = check_skew_kurtosis(X, skew, kurtosis)
    if method == "none":
        transforms = np.where(transforms == "log", "log", "none")
    auto = transforms == "auto"
    Xw, nwin = _winsorise(X, auto & (~passed0 | force_winsorise), winmax, skew, kurtosis, force_winsorise)
    passed1, s1, k1 = check_skew_kurtosis(Xw, skew, kurtosis)
    logged = (transforms == "log") | (auto & ~passed1)
    Xl, shift = log_ct(X[:, logged])
    out = Xw.copy()
    out[:, logged] = Xl
    passed2, s2, k2 = check_skew_kurtosis(out, skew, kurtosis)
    lower = np.where(nwin > 0, column_min(Xw), -np.inf)
    upper = np.where(nwin > 0, column_max(Xw), np.inf)
    lower[logged], upper[logged] = column_min(X[:, logged]), np.inf  # below the minimum the log is undefined
    log_shift = np.full(m, np.nan)
    log_shift[logged] = shift
    changed = ~np.isclose(out, X, equal_nan=True)
    return Treatment(out, s0, k0, passed0, nwin, s2, k2, passed2, logged, lower, upper, log_shift, changed)


def _winsorise(
    X: np.ndarray, todo: np.ndarray, winmax: int | None, skew: float, kurt: float, force: bool
) -> tuple[np.ndarray, np.ndarray]:
    """COINr's ``winsorise`` on the columns in `todo`, all columns advancing one step per pass.

    COINr counts treated points as the number of points sharing the current extreme (plus those of the last
    step on the other tail): every point winsorised so far has been moved to that extreme, so the count grows
    with each step. We reproduce that count exactly (it is COINr's `nwin`).
    """
    X = X.copy()
    m = X.shape[1]
    last_hi, last_lo = np.zeros(m, dtype=int), np.zeros(m, dtype=int)
    nwin = np.zeros(m, dtype=int)
    active = todo.copy()
    limit = np.inf if winmax is None else winmax
    for _ in range(X.shape[0]):  # each pass moves at least one point; the data bound the number of passes
        go = np.flatnonzero(active & (nwin < limit))
        if go.size == 0:
            break
        cols = X[:, go]
        high = skewness(cols) >= 0
        extreme = np.where(high, np.nanmax(cols, axis=0), np.nanmin(cols, axis=0))
        at_extreme = cols == extreme
        rest = np.where(at_extreme, np.nan, cols)
        with np.errstate(all="ignore"):
            nxt = np.where(high, column_max(rest), column_min(rest))
        stuck = np.isnan(nxt)  # every value already equal: nothing left to winsorise
        cols = np.where(at_extreme & ~stuck, nxt, cols)
        X[:, go] = cols
        count = at_extreme.sum(axis=0)
        last_hi[go] = np.where(high, count, last_hi[go])
        last_lo[go] = np.where(~high, count, last_lo[go])
        nwin[go] = last_hi[go] + last_lo[go]
        passed, _, _ = check_skew_kurtosis(cols, skew, kurt)
        active[go] = (~passed | force) & ~stuck
    return X, nwin
