"""Imputation of missing indicator values; every imputed cell is reported so the result can flag it.

Methods (``impute.method`` in the framework or `build(..., impute=...)`):

- ``none``: leave gaps; aggregation then re-weights over the available indicators.
- ``mean`` / ``median``: the indicator's mean or median over all units.
- ``group_mean`` / ``group_median`` (``group``: a unit group such as region or income): the statistic over the
  unit's group, as COINr's ``i_mean_grp`` / ``i_median_grp``; units without a group label stay missing.
- ``latest`` (``max_age`` years, default 5): the same unit's most recent earlier value.
- ``interpolate``: linear interpolation between the same unit's surrounding years (no extrapolation).
- ``em`` (``max_iter``, ``tol``, ``ridge``): expectation-maximisation under a multivariate normal model, i.e.
  regression of each missing value on the unit's available indicators.

References
----------
OECD/JRC (2008), *Handbook on Constructing Composite Indicators*, section 1.3 "Imputation of missing data"
(pp. 55-62): unconditional mean/median, regression and expectation-maximisation imputation.
Little, R. J. A. & Rubin, D. B. (2002), *Statistical Analysis with Missing Data*, 2nd ed., ch. 11 (EM for the
multivariate normal).
Becker, W. et al. (2022), COINr: an R package for developing composite indicators, JOSS 7(78), 4567.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from marsad.maturity.errors import MethodError

METHODS = ("none", "mean", "median", "group_mean", "group_median", "latest", "interpolate", "em")


def impute_mean(X: np.ndarray) -> np.ndarray:
    """Replace missing values of each column with the column mean."""
    return _fill(X, _nanstat(np.nanmean, X)[None, :])


def impute_median(X: np.ndarray) -> np.ndarray:
    """Replace missing values of each column with the column median."""
    return _fill(X, _nanstat(np.nanmedian, X)[None, :])


def impute_group(X: np.ndarray, groups: Sequence[str | None], statistic: str = "mean") -> np.ndarray:
    """Replace missing values with the mean (or median) of the column over the unit's group.

    Parameters
    ----------
    groups : one label per row; rows with ``None`` are neither imputed nor used, as ``skip_f_na`` in COINr.
    """
    labels = np.array([g if g is not None else "" for g in groups], dtype=object)
    if labels.shape[0] != X.shape[0]:
        raise MethodError(f"{labels.shape[0]} group labels for {X.shape[0]} units", field="impute.group")
    stat = np.nanmean if statistic == "mean" else np.nanmedian
    fill = np.full_like(X, np.nan)
    for label in set(labels) - {""}:  # one pass per group, vectorised over indicators
        rows = labels == label
        fill[rows] = _nanstat(stat, X[rows])[None, :]
    return _fill(X, fill)


def impute_latest(
    history: np.ndarray, t: int, max_age: int = 5, years: Sequence[int] | None = None
) -> np.ndarray:
    """Fill year `t` of a (years, units, indicators) cube with each unit's latest earlier value.

    `max_age` bounds how old a carried-forward value may be, in years (or in periods if `years` is omitted).
    """
    years = np.asarray(years if years is not None else range(history.shape[0]))
    X = history[t].copy()
    for s in range(t - 1, -1, -1):  # newest first; a loop over years, vectorised over units and indicators
        if years[t] - years[s] > max_age:
            break
        gap = np.isnan(X)
        X[gap] = history[s][gap]
    return X


def impute_interpolate(history: np.ndarray, t: int, years: Sequence[int] | None = None) -> np.ndarray:
    """Fill year `t` by linear interpolation between the nearest earlier and later values of the same unit."""
    years = np.asarray(years if years is not None else range(history.shape[0]), dtype=float)
    X = history[t].copy()
    before_v, before_y = np.full_like(X, np.nan), np.full_like(X, np.nan)
    after_v, after_y = np.full_like(X, np.nan), np.full_like(X, np.nan)
    for s in range(t):  # later years overwrite: the nearest earlier value wins
        ok = ~np.isnan(history[s])
        before_v[ok], before_y[ok] = history[s][ok], years[s]
    for s in range(history.shape[0] - 1, t, -1):  # earlier years overwrite: the nearest later value wins
        ok = ~np.isnan(history[s])
        after_v[ok], after_y[ok] = history[s][ok], years[s]
    gap = np.isnan(X) & ~np.isnan(before_v) & ~np.isnan(after_v)
    share = (years[t] - before_y[gap]) / (after_y[gap] - before_y[gap])
    X[gap] = before_v[gap] + share * (after_v[gap] - before_v[gap])
    return X


def impute_em(X: np.ndarray, max_iter: int = 100, tol: float = 1e-6, ridge: float = 1e-3) -> np.ndarray:
    """EM imputation under a multivariate normal model of the indicators.

    Columns are standardised first; `ridge` (a share of each variance added to the diagonal) keeps the
    covariance invertible when indicators outnumber units. Stops when the largest change of an imputed
    (standardised) value is below `tol`.
    """
    missing = np.isnan(X)
    if not missing.any():
        return X.copy()
    mu0, sd0 = _nanstat(np.nanmean, X), _nanstat(np.nanstd, X)
    sd0 = np.where((sd0 > 0) & np.isfinite(sd0), sd0, 1.0)
    Z = (X - mu0) / sd0
    usable = ~np.all(missing, axis=0)  # a column with no data stays missing
    Z[:, usable] = np.where(missing[:, usable], 0.0, Z[:, usable])
    Zu, Mu = Z[:, usable], missing[:, usable]
    patterns = {}
    for i in np.flatnonzero(Mu.any(axis=1)):  # rows sharing a missingness pattern share one regression
        patterns.setdefault(Mu[i].tobytes(), []).append(i)
    n = Zu.shape[0]
    C = np.zeros((Zu.shape[1], Zu.shape[1]))
    for _ in range(max_iter):
        # M-step: mean and covariance of the completed data plus the conditional covariance of the imputations
        mu = Zu.mean(axis=0)
        D = Zu - mu
        S = (D.T @ D + C) / n
        C = np.zeros_like(S)
        change = 0.0
        for rows in patterns.values():
            m = Mu[rows[0]]
            o = ~m
            S_oo = S[np.ix_(o, o)] + ridge * np.diag(np.diag(S[np.ix_(o, o)]) + 1e-12)
            B = np.linalg.solve(S_oo, S[np.ix_(o, m)])
            new = mu[m] + (Zu[np.ix_(rows, o)] - mu[o]) @ B
            change = max(change, float(np.max(np.abs(new - Zu[np.ix_(rows, m)]))))
            Zu[np.ix_(rows, m)] = new
            C[np.ix_(m, m)] += len(rows) * (S[np.ix_(m, m)] - S[np.ix_(m, o)] @ B)
        if change < tol:
            break
    Z[:, usable] = Zu
    out = Z * sd0 + mu0
    out[:, ~usable] = np.nan
    return np.where(missing, out, X)


def impute(
    X: np.ndarray,
    method: str = "none",
    *,
    groups: Sequence[str | None] | None = None,
    history: np.ndarray | None = None,
    t: int | None = None,
    years: Sequence[int] | None = None,
    **params: Any,
) -> tuple[np.ndarray, np.ndarray]:
    """Impute a unit × indicator matrix with `method`; returns the filled matrix and a mask of imputed cells.

    `history` (the years × units × indicators cube) and `t` (the position of X's year in it) are needed by the
    ``latest`` and ``interpolate`` methods; `groups` (one label per unit) by the group methods.
    """
    if method not in METHODS:
        raise MethodError(
            f"unknown imputation method '{method}'; choose one of {', '.join(METHODS)}", field="impute.method"
        )
    try:
        if method == "none":
            filled = X.copy()
        elif method == "mean":
            filled = impute_mean(X, **params)
        elif method == "median":
            filled = impute_median(X, **params)
        elif method in ("group_mean", "group_median"):
            if groups is None:
                raise MethodError(f"{method} needs 'group', the name of a unit group", field="impute.group")
            filled = impute_group(X, groups, method.removeprefix("group_"))
        elif method in ("latest", "interpolate"):
            if history is None or t is None:
                raise MethodError(f"{method} needs the data of other years", field="impute.method")
            fn = impute_latest if method == "latest" else impute_interpolate
            filled = fn(history, t, years=years, **params)
        else:
            filled = impute_em(X, **params)
    except TypeError as exc:
        raise MethodError(f"bad parameter for imputation '{method}': {exc}", field="impute") from None
    return filled, np.isnan(X) & ~np.isnan(filled)


def _nanstat(fn: Any, X: np.ndarray) -> np.ndarray:
    """Column statistic ignoring NaN, NaN (without a warning) for an all-missing column."""
    out = np.full(X.shape[1], np.nan)
    ok = ~np.all(np.isnan(X), axis=0)
    if ok.any():
        out[ok] = fn(X[:, ok], axis=0)
    return out


def _fill(X: np.ndarray, fill: np.ndarray) -> np.ndarray:
    return np.where(np.isnan(X), np.broadcast_to(fill, X.shape), X)
