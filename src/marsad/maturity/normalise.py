"""Normalisation: bring indicators onto a common scale, with the direction applied (higher = better after).

Direction is applied COINr's way, by multiplying the values by -1 before scaling, so a "lower is better"
indicator reaches the top of the scale at its lowest value. Methods (``normalise.method``):

- ``minmax`` (``low``, ``high``; default 0-100): linear map of the observed range.
- ``zscore`` (``mean``, ``sd``; default 0, 1): standardisation with the sample standard deviation.
- ``goalposts`` (``scale``, default 100; ``truncate``, default true): ``(x - lower)/(upper - lower)`` with the
  framework's per-indicator goalposts, truncated to [0, 1], as the ITU ICT Development Index does.
- ``distance_to_frontier`` (``scale``): ``1 - (max - x)/(max - min)``, COINr's ``n_dist2max``.
- ``distance_to_target`` (``scale``; ``cap``, default true): ``1 - (target - x)/(target - min)`` with the
  framework's per-indicator targets, capped at 1 (``n_dist2targ``).
- ``rank``: rank among units (1 = lowest; ties share the lowest rank); ``percentile`` (``scale``):
  ``(rank - 1)/(n - 1)``; ``borda``: ``rank - 1``.

Every affine method records, per indicator, ``z = base + (x - origin) / span * factor`` (the order of operations
COINr uses, so a maximum lands exactly on the top of the scale) and the bounds it clips to, so a changed
raw value can be normalised later exactly as the data were (the frozen what-if).

References
----------
OECD/JRC (2008), *Handbook on Constructing Composite Indicators*, section 1.5 "Normalisation" (pp. 83-88),
table 3. ITU (2023), *The ICT Development Index 2023: Methodology* (goalposts). COINr ``Normalise()`` and the
``n_*`` functions (R/normalise.R, COINr 1.1.14).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from marsad.maturity.errors import MethodError

AFFINE = ("minmax", "zscore", "goalposts", "distance_to_frontier", "distance_to_target")
RANKED = ("rank", "percentile", "borda")
METHODS = AFFINE + RANKED


@dataclass(frozen=True)
class Normalisation:
    """Normalised values plus what is needed to normalise one more value the same way."""

    method: str
    values: np.ndarray
    directions: np.ndarray
    origin: np.ndarray
    span: np.ndarray
    factor: np.ndarray
    base: np.ndarray
    low: np.ndarray
    high: np.ndarray
    scale: float = 1.0

    def apply(self, j: int, x: float, others: np.ndarray) -> float:
        """Normalise a new treated value `x` of indicator `j`, the other units' treated values held fixed."""
        x = x * self.directions[j]
        if self.method in AFFINE:
            z = self.base[j] + (x - self.origin[j]) / self.span[j] * self.factor[j]
            return float(np.clip(z, self.low[j], self.high[j]))
        ref = others[~np.isnan(others)] * self.directions[j]
        rank = 1 + np.sum(ref < x)
        if self.method == "rank":
            return float(rank)
        if self.method == "borda":
            return float(rank - 1)
        return float((rank - 1) / ref.size * self.scale) if ref.size else np.nan


def ranks_ascending(X: np.ndarray) -> np.ndarray:
    """Rank of each value within its column, 1 = lowest, ties share the lowest rank, NaN stays NaN."""
    filled = np.where(np.isnan(X), np.inf, X)
    order = np.sort(filled, axis=0)
    ranks = np.empty_like(X)
    for j in range(X.shape[1]):  # searchsorted works on one sorted column at a time
        ranks[:, j] = np.searchsorted(order[:, j], filled[:, j], side="left") + 1
    return np.where(np.isnan(X), np.nan, ranks)


def normalise(
    X: np.ndarray,
    method: str = "minmax",
    directions: Sequence[float] | None = None,
    *,
    goalposts: Sequence[tuple[float, float] | None] | None = None,
    targets: Sequence[float | None] | None = None,
    **params: Any,
) -> Normalisation:
    """Normalise each column of a unit × indicator matrix.

    Parameters
    ----------
    directions : +1 / -1 per indicator (default all +1).
    goalposts : per indicator (lower, upper) in the indicator's own units, for ``goalposts``.
    targets : per indicator target value, for ``distance_to_target``.
    params : the method's options (see the module docstring).
    """
    if method not in METHODS:
        raise MethodError(
            f"unknown normalisation '{method}'; choose one of {', '.join(METHODS)}", field="normalise.method"
        )
    m = X.shape[1]
    d = np.ones(m) if directions is None else np.asarray(directions, dtype=float)
    Xd = X * d
    try:
        if method in RANKED:
            return _ranked(method, X, Xd, d, **params)
        origin, span, factor, base, low, high = _AFFINE_PARAMS[method](
            Xd, d, goalposts=goalposts, targets=targets, **params
        )
    except TypeError as exc:
        raise MethodError(f"bad parameter for normalisation '{method}': {exc}", field="normalise") from None
    with np.errstate(invalid="ignore", divide="ignore"):
        Z = np.clip(base + (Xd - origin) / span * factor, low, high)
    return Normalisation(method, Z, d, origin, span, factor, base, low, high)


def _minmax(Xd: np.ndarray, d: np.ndarray, low: float = 0.0, high: float = 100.0, **_: Any) -> tuple:
    if not high > low:
        raise MethodError(f"minmax needs low < high, got {low}, {high}", field="normalise.low")
    lo, hi = column_min(Xd), column_max(Xd)
    span = np.where(hi > lo, hi - lo, np.nan)  # a constant indicator has no scale
    full = np.ones_like(lo)
    return lo, span, (high - low) * full, low * full, low * full, high * full


def _zscore(Xd: np.ndarray, d: np.ndarray, mean: float = 0.0, sd: float = 1.0, **_: Any) -> tuple:
    if not sd > 0:
        raise MethodError(f"zscore needs sd > 0, got {sd}", field="normalise.sd")
    n = np.sum(~np.isnan(Xd), axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mu = np.nansum(Xd, axis=0) / n
        s = np.sqrt(np.nansum((Xd - mu) ** 2, axis=0) / (n - 1))
    inf = np.full_like(mu, np.inf)
    return mu, np.where(s > 0, s, np.nan), sd + 0 * mu, mean + 0 * mu, -inf, inf


def _goalposts(
    Xd: np.ndarray,
    d: np.ndarray,
    goalposts: Sequence | None = None,
    scale: float = 100.0,
    truncate: bool = True,
    **_: Any,
) -> tuple:
    if goalposts is None or any(g is None for g in goalposts):
        raise MethodError(
            "goalposts normalisation needs goalposts for every indicator in the framework",
            field="indicators.goalposts",
        )
    gp = np.array(goalposts, dtype=float) * d[:, None]  # flipped with the direction, as COINr's n_goalposts
    worst = np.where(d > 0, gp[:, 0], gp[:, 1])
    best = np.where(d > 0, gp[:, 1], gp[:, 0])
    bound = np.full(len(d), np.inf)
    low, high = np.where(truncate, 0.0, -bound), np.where(truncate, scale, bound)
    return worst, best - worst, scale + 0 * worst, 0 * worst, low, high


def _frontier(Xd: np.ndarray, d: np.ndarray, scale: float = 100.0, **_: Any) -> tuple:
    return _minmax(Xd, d, 0.0, scale)


def _target(
    Xd: np.ndarray,
    d: np.ndarray,
    targets: Sequence | None = None,
    scale: float = 100.0,
    cap: bool = True,
    **_: Any,
) -> tuple:
    if targets is None or any(t is None for t in targets):
        raise MethodError(
            "distance_to_target needs a target for every indicator in the framework",
            field="indicators.target",
        )
    t = np.asarray(targets, dtype=float) * d
    lo = column_min(Xd)
    span = np.where(t != lo, t - lo, np.nan)
    return (
        lo,
        span,
        scale + 0 * lo,
        0 * lo,
        np.full_like(lo, -np.inf),
        np.full_like(lo, scale if cap else np.inf),
    )


_AFFINE_PARAMS = {
    "minmax": _minmax,
    "zscore": _zscore,
    "goalposts": _goalposts,
    "distance_to_frontier": _frontier,
    "distance_to_target": _target,
}


def _ranked(method: str, X: np.ndarray, Xd: np.ndarray, d: np.ndarray, scale: float = 100.0) -> Normalisation:
    R = ranks_ascending(Xd)
    if method == "borda":
        R = R - 1
    elif method == "percentile":
        n = np.sum(~np.isnan(Xd), axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            R = (R - 1) / (n - 1) * scale
    nan = np.full(X.shape[1], np.nan)
    return Normalisation(method, R, d, nan, nan, nan, nan, nan, nan, scale)


def column_min(X: np.ndarray) -> np.ndarray:
    """Minimum of each column ignoring NaN; NaN (without a warning) for an empty column."""
    return np.where(np.all(np.isnan(X), axis=0), np.nan, np.nanmin(np.where(np.isnan(X), np.inf, X), axis=0))


def column_max(X: np.ndarray) -> np.ndarray:
    """Maximum of each column ignoring NaN; NaN (without a warning) for an empty column."""
    return np.where(np.all(np.isnan(X), axis=0), np.nan, np.nanmax(np.where(np.isnan(X), -np.inf, X), axis=0))
