"""Weights: from the framework, equal, expert budget allocation, or derived from the data (PCA, factor analysis).

Weights are relative within each group of siblings; `normalise_weights` makes each group sum to one and
`effective_weights` multiplies them down the tree, giving each indicator's actual share of the index (the
number an analyst should read: three equally weighted pillars of 2, 4 and 10 indicators give those indicators
very different effective weights).

Methods (``weights.method``):

- ``framework``: the weights written in the framework file.
- ``equal``: every child of a parent weighs the same.
- ``budget`` (``budgets``: a list, one per expert, of {code: points}): each expert shares points among the
  children of the aggregates they assess; weights are the mean shares. Groups no expert assessed keep the
  framework weights.
- ``pca``: within each group, the squared loadings of the first principal component of the children's
  (standardised) values.
- ``factor``: the Handbook's factor-analysis weights: components with eigenvalue > 1 (at least one), varimax
  rotation, each child weighted by its largest squared loading scaled by its factor's share of explained
  variance.

References
----------
OECD/JRC (2008), *Handbook on Constructing Composite Indicators*, section 1.6 "Weighting" (pp. 89-101):
factor-analysis weights (pp. 89-91, tables 16-17) and budget allocation (p. 96). Kaiser, H. F. (1958), The
varimax criterion for analytic rotation in factor analysis, *Psychometrika* 23, 187-200.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from marsad.maturity.errors import MethodError
from marsad.maturity.framework import Framework

METHODS = ("framework", "equal", "budget", "pca", "factor")


def normalise_weights(framework: Framework, weights: np.ndarray) -> np.ndarray:
    """Rescale weights so that each group of siblings sums to one (the root keeps 1). Works on batches."""
    w = np.array(weights, dtype=float)
    parents = framework.parent_positions
    out = np.ones_like(w)
    for level in framework.levels:
        wg = np.where(level.real, w[..., level.groups], 0.0)  # (..., parents, widest group)
        with np.errstate(invalid="ignore", divide="ignore"):
            shares = wg / wg.sum(axis=-1, keepdims=True)
        out[..., level.groups[level.real]] = shares[..., level.real]
    out[..., parents < 0] = 1.0
    return out


def effective_weights(framework: Framework, weights: np.ndarray) -> np.ndarray:
    """Each node's share of the root: the product of normalised weights along its path (1 for the root)."""
    w = normalise_weights(framework, weights)
    eff = w.copy()
    parents = framework.parent_positions
    for i in range(len(parents) - 1, -1, -1):  # parents come after children: walk down from the root
        if parents[i] >= 0:
            eff[..., i] = w[..., i] * eff[..., parents[i]]
    return eff


def budget_weights(framework: Framework, budgets: Sequence[Mapping[str, float]]) -> np.ndarray:
    """Mean share of the points each expert gave a child within its group (budget allocation process)."""
    if not budgets:
        raise MethodError("budget weights need at least one expert allocation", field="weights.budgets")
    shares = np.zeros(len(framework.nodes))
    counts = np.zeros(len(framework.nodes))
    pos = framework.position
    for e, allocation in enumerate(budgets):
        for code, points in allocation.items():
            if code not in pos:
                raise MethodError(
                    f"expert {e + 1} allocates points to unknown code '{code}'", field="weights.budgets"
                )
            if not isinstance(points, int | float) or points < 0:
                raise MethodError(
                    f"expert {e + 1} gives '{code}' {points!r} points; points must be >= 0",
                    field="weights.budgets",
                )
        assessed = {framework.nodes[pos[c]].parent for c in allocation}
        for parent in assessed:
            group = framework.children(parent)
            total = sum(float(allocation.get(c, 0.0)) for c in group)
            if total <= 0:
                raise MethodError(
                    f"expert {e + 1} gives no points to the children of '{parent}'", field="weights.budgets"
                )
            for c in group:
                shares[pos[c]] += float(allocation.get(c, 0.0)) / total
                counts[pos[c]] += 1
    nominal = normalise_weights(framework, framework.weights)
    return np.where(counts > 0, shares / np.maximum(counts, 1), nominal)


def pca_group_weights(X: np.ndarray) -> np.ndarray:
    """Squared loadings of the first principal component of the standardised columns of X (sum to one)."""
    eigval, eigvec = _correlation_eigen(X)
    return eigvec[:, 0] ** 2 if eigval.size else np.ones(X.shape[1]) / X.shape[1]


def factor_group_weights(X: np.ndarray) -> np.ndarray:
    """The Handbook's factor-analysis weights of the columns of X (sum to one)."""
    eigval, eigvec = _correlation_eigen(X)
    k = X.shape[1]
    if eigval.size == 0:
        return np.ones(k) / k
    keep = max(1, int(np.sum(eigval > 1.0)))
    loadings = varimax(eigvec[:, :keep] * np.sqrt(eigval[:keep]))
    squared = loadings**2
    explained = squared.sum(axis=0)
    scaled = squared / explained  # squared loadings scaled to unity sum per factor
    best = np.argmax(scaled, axis=1)
    w = scaled[np.arange(k), best] * explained[best] / explained.sum()
    return w / w.sum()


def varimax(loadings: np.ndarray, max_iter: int = 100, tol: float = 1e-8) -> np.ndarray:
    """Varimax rotation of a loading matrix (Kaiser 1958, the SVD formulation)."""
    p, k = loadings.shape
    if k < 2:
        return loadings
    R = np.eye(k)
    objective = 0.0
    for _ in range(max_iter):
        L = loadings @ R
        u, s, vt = np.linalg.svd(loadings.T @ (L**3 - L @ np.diag(np.sum(L**2, axis=0)) / p))
        R = u @ vt
        if s.sum() < objective * (1 + tol):
            break
        objective = s.sum()
    return loadings @ R


def data_weights(
    framework: Framework,
    Z: np.ndarray,
    method: str,
    aggregate_level: Callable[[np.ndarray, np.ndarray], np.ndarray],
) -> np.ndarray:
    """PCA or factor weights, level by level: a level's weights come from its children's values, which for
    upper levels are aggregates computed with the weights already derived below.

    `aggregate_level(V, w)` must return V with the next level filled in.
    """
    group_fn = pca_group_weights if method == "pca" else factor_group_weights
    w = normalise_weights(framework, framework.weights)
    n_ind = len(framework.indicators)
    V = np.full((Z.shape[0], len(framework.nodes)), np.nan)
    V[:, :n_ind] = Z
    for level in framework.levels:
        for j in range(len(level.parents)):  # one small eigenproblem per group
            kids = level.members(j)
            if kids.size > 1:
                w[kids] = group_fn(V[:, kids])
        V = aggregate_level(V, w)
    return w


def resolve(framework: Framework, method: str = "framework", **params: Any) -> np.ndarray:
    """Weights of every node for the non-data methods (framework, equal, budget), normalised per group."""
    if method == "framework":
        return normalise_weights(framework, framework.weights)
    if method == "equal":
        return normalise_weights(framework, np.ones(len(framework.nodes)))
    if method == "budget":
        return budget_weights(framework, params.get("budgets") or [])
    raise MethodError(
        f"unknown weighting '{method}'; choose one of {', '.join(METHODS)}", field="weights.method"
    )


def noisy_weights(
    framework: Framework, weights: np.ndarray, noise: Mapping[int, float], n: int, rng: np.random.Generator
) -> np.ndarray:
    """`n` perturbed copies of the weights: a node at height h gets w (1 + u f_h), u uniform in [-1, 1].

    This is COINr's ``get_noisy_weights``: ``noise`` maps a level (1 = indicators) to its noise factor f.
    """
    out = np.broadcast_to(np.asarray(weights, dtype=float), (n, len(weights))).copy()
    for level, factor in noise.items():
        if not 0 <= factor < 1:
            raise MethodError(f"noise factor of level {level} must be in [0, 1), got {factor}", field="noise")
        cols = np.flatnonzero(framework.heights == level)
        out[:, cols] *= 1.0 + rng.uniform(-1.0, 1.0, size=(n, cols.size)) * factor
    return out


def _correlation_eigen(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues (descending) and eigenvectors of the correlation matrix of X's complete rows."""
    rows = X[~np.isnan(X).any(axis=1)]
    sd = rows.std(axis=0, ddof=1) if rows.shape[0] > 1 else np.zeros(X.shape[1])
    if rows.shape[0] < 3 or np.any(sd == 0):
        return np.empty(0), np.empty((X.shape[1], 0))
    eigval, eigvec = np.linalg.eigh(np.corrcoef(rows, rowvar=False))
    return eigval[::-1], eigvec[:, ::-1]
