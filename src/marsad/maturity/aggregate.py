"""Aggregation up the tree, level by level, for one build or a whole batch of Monte Carlo replications.

The quasi-arithmetic means share one kernel: transform the children's values with ``phi``, take the weighted
arithmetic mean over the *available* children (missing ones drop out and the weights of the others are
rescaled, as COINr's ``a_amean``/``a_gmean`` do), and transform back:

- ``arithmetic``: phi(x) = x — fully compensatory.
- ``geometric``: phi(x) = log x — needs x > 0. A zero or negative value would make the product 0 or undefined,
  so it is an error (normalise to [1, 100] instead of [0, 100], as COINr advises); in Monte Carlo runs the
  affected score becomes missing and is reported as a failed replication.
- ``harmonic``: phi(x) = 1/x — needs x > 0, the least compensatory of the three.
- ``generalised`` (``power`` p): phi(x) = x^p; p = 1, 0 (limit) and -1 give the three above.

Values are laid out nodes first (nodes × replications × units) and each level's children as a rectangular
parents × group table (a reshape when groups are equal runs, a gather otherwise), so every parent of a level
is computed by one ``einsum`` over the group axis, for a single build or a whole Monte Carlo batch alike: a
batch costs a few array passes, not a loop of rebuilds.

``copeland`` is the non-compensatory alternative: within each group, unit i beats unit j when the weights of the
children where i is better exceed half the total; the score is wins minus losses (one build only).

References
----------
OECD/JRC (2008), *Handbook on Constructing Composite Indicators*, section 1.7 "Aggregation" (pp. 102-115) and
p. 104 on the geometric mean with zeros. Munda, G. & Nardo, M. (2009), Noncompensatory/nonlinear composite
indicators for ranking countries: a defensible setting, *Applied Economics* 41(12), 1513-1523 (Copeland).
COINr ``Aggregate()``, ``a_amean``, ``a_gmean``, ``a_hmean`` (R/aggregate.R, COINr 1.1.14).
"""

from __future__ import annotations

import numpy as np

from marsad.maturity.errors import MethodError
from marsad.maturity.framework import Framework

MEANS = ("arithmetic", "geometric", "harmonic", "generalised")
METHODS = (*MEANS, "copeland")


def aggregate_tree(
    framework: Framework,
    Z: np.ndarray,
    weights: np.ndarray,
    method: str = "arithmetic",
    *,
    power: float = 1.0,
    min_share: float = 0.0,
    strict: bool = True,
) -> np.ndarray:
    """Values of every node from the normalised indicators.

    Parameters
    ----------
    Z : (..., units, indicators) normalised values; leading axes are a batch (e.g. replications).
    weights : (n_nodes,) or (..., n_nodes) weight of each node relative to its siblings (need not sum to 1).
    method : one of ``METHODS``; ``power`` is the exponent of the generalised mean.
    min_share : a parent gets no value (NaN) when fewer than this share of its children have one (COINr's
        ``dat_thresh``).
    strict : raise on values a mean cannot take (x <= 0 for geometric/harmonic); if False, a parent with such a
        child, and every ancestor, gets no value (NaN), which a Monte Carlo run reports.

    Returns
    -------
    (..., units, n_nodes) with the indicators first, in framework order.
    """
    batch, units = Z.shape[:-2], Z.shape[-2]
    B = int(np.prod(batch, dtype=int))
    V = np.empty((len(framework.nodes), B, units))
    V[: Z.shape[-1]] = np.moveaxis(Z.reshape(B, units, Z.shape[-1]), -1, 0)
    W = np.asarray(weights, dtype=float).reshape(-1, len(framework.nodes))
    aggregate_nodes(framework, V, W.T, method, power=power, min_share=min_share, strict=strict)
    return np.moveaxis(V, 0, -1).reshape(*batch, units, len(framework.nodes))


def aggregate_nodes(
    framework: Framework,
    V: np.ndarray,
    W: np.ndarray,
    method: str = "arithmetic",
    *,
    power: float = 1.0,
    min_share: float = 0.0,
    strict: bool = True,
) -> None:
    """`aggregate_tree` in place on the nodes-first layout: V is (nodes, batch, units) with the indicator rows
    filled, W (nodes, batch) or (nodes, 1) the weights; the aggregate rows of V are written. The Monte Carlo
    engine calls this directly to avoid transposing every batch."""
    if method not in METHODS:
        raise MethodError(
            f"unknown aggregation '{method}'; choose one of {', '.join(METHODS)}", field="aggregate.method"
        )
    if not 0.0 <= min_share <= 1.0:
        raise MethodError(f"min_share must be between 0 and 1, got {min_share}", field="aggregate.min_share")
    W = np.broadcast_to(W, (W.shape[0], V.shape[1]))
    gaps = bool(np.isnan(V[: len(framework.indicators)]).any())
    invalid = None  # nodes × batch × units that met a value their mean cannot take, propagated upwards
    for level in framework.levels:
        C, w = _grouped(V, level), np.where(level.real[..., None], W[level.groups], 0.0)
        if method == "copeland":
            V[level.parents] = _copeland_level(C, w, level.real)
            continue
        V[level.parents], poisoned = _mean_level(C, w, level, method, power, min_share, strict, gaps)
        if invalid is not None:
            inherited = np.any(invalid[level.groups] & level.real[..., None, None], axis=1)
            poisoned = inherited if poisoned is None else poisoned | inherited
        if poisoned is not None and poisoned.any():
            if invalid is None:
                invalid = np.zeros(V.shape, dtype=bool)
            invalid[level.parents] = poisoned
        gaps = gaps or bool(np.isnan(V[level.parents]).any())
    if invalid is not None:
        V[invalid] = np.nan


def _grouped(V: np.ndarray, level) -> np.ndarray:
    """The children of a level as parents × group × batch × units; padding holds 1.0 (weight 0)."""
    if level.regular:
        start, (p, g) = level.children[0], level.groups.shape
        return V[start : start + p * g].reshape(p, g, *V.shape[1:])
    C = V[level.groups]
    C[~level.real] = 1.0
    return C


def _mean_level(
    C: np.ndarray,
    w: np.ndarray,
    level,
    method: str,
    power: float,
    min_share: float,
    strict: bool,
    gaps: bool,
) -> tuple[np.ndarray, np.ndarray | None]:
    """Weighted quasi-arithmetic mean over the group axis of C (parents × group × batch × units) with weights
    w (parents × group × batch), and which parents met a value the mean cannot take (None if none did)."""
    mask = ~np.isnan(C) if gaps else None
    poisoned = None
    needs_positive = method in ("geometric", "harmonic") or (
        method == "generalised" and (power <= 0 or power != int(power))
    )
    if needs_positive:
        bad = C <= 0  # NaN compares False
        if bad.any():
            if strict:
                raise MethodError(
                    f"{method} mean needs values > 0 but found {C[bad].min():g}; normalise to a "
                    "range above zero (e.g. minmax with low: 1)",
                    field="aggregate.method",
                )
            mask = ~bad if mask is None else mask & ~bad
            poisoned = bad.any(axis=1)
    if mask is not None:
        C = np.where(mask, C, 1.0)  # 1 is harmless under every phi; its weight is zeroed below
    if method != "arithmetic":
        with np.errstate(divide="ignore", invalid="ignore"):
            C = _phi(C, method, power)
    if mask is None:
        num = np.einsum("pgbu,pgb->pbu", C, w)
        den = w.sum(axis=1)[..., None]
    else:
        num = np.einsum("pgbu,pgbu,pgb->pbu", C, mask, w)
        den = np.einsum("pgbu,pgb->pbu", mask, w)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = _phi_inverse(num / den, method, power)
    if mask is not None:
        share = np.einsum("pgbu,pg->pbu", mask, level.real.astype(float)) / level.sizes[:, None, None]
        out = np.where((share < min_share) | (share == 0), np.nan, out)
    if poisoned is not None:
        out = np.where(poisoned, np.nan, out)
    return out, poisoned


def _phi(x: np.ndarray, method: str, power: float) -> np.ndarray:
    if method == "geometric" or (method == "generalised" and power == 0):
        return np.log(x)
    if method == "harmonic":
        return 1.0 / x
    return x**power


def _phi_inverse(y: np.ndarray, method: str, power: float) -> np.ndarray:
    if method == "arithmetic":
        return y
    if method == "geometric" or (method == "generalised" and power == 0):
        return np.exp(y)
    if method == "harmonic":
        return 1.0 / y
    return y ** (1.0 / power)


def _copeland_level(C: np.ndarray, w: np.ndarray, real: np.ndarray) -> np.ndarray:
    """Copeland scores (wins - losses in weighted pairwise majority) of each group (C as in `_mean_level`)."""
    if C.shape[2] != 1 or not np.all(w == w[:, :, :1]):
        raise MethodError(
            "copeland aggregation works on one build, not on a Monte Carlo batch", field="aggregate.method"
        )
    out = np.empty(C.shape[:1] + C.shape[2:])
    for g in range(C.shape[0]):  # a few groups; units vectorised
        x, wg = C[g, real[g], 0].T, w[g, real[g], 0]
        better = (x[:, None, :] > x[None, :, :]) * wg
        equal = (x[:, None, :] == x[None, :, :]) * wg
        known = (~np.isnan(x[:, None, :]) & ~np.isnan(x[None, :, :])) * wg
        with np.errstate(invalid="ignore", divide="ignore"):
            support = (better.sum(-1) + 0.5 * equal.sum(-1)) / known.sum(-1)
        wins = np.nansum(np.sign(support - 0.5), axis=1)
        out[g, 0] = np.where(np.all(np.isnan(x), axis=1), np.nan, wins)
    return out


def rank_descending(V: np.ndarray, axis: int = -2) -> np.ndarray:
    """Rank along `axis` (units), 1 = highest; ties share the best rank; NaN stays unranked (NaN).

    Vectorised over all other axes (nodes, replications): sort once, then give each run of equal values the
    position of its first member.
    """
    X = np.moveaxis(V, axis, -1)
    filled = np.where(np.isnan(X), np.inf, -X)
    order = np.argsort(filled, axis=-1, kind="stable")
    s = np.take_along_axis(filled, order, axis=-1)
    n = s.shape[-1]
    starts = np.ones(s.shape, dtype=bool)
    starts[..., 1:] = s[..., 1:] != s[..., :-1]
    first = np.maximum.accumulate(np.where(starts, np.arange(n), 0), axis=-1)
    ranks = np.empty(X.shape)
    np.put_along_axis(ranks, order, first + 1.0, axis=-1)
    ranks[np.isnan(X)] = np.nan
    return np.moveaxis(ranks, -1, axis)
