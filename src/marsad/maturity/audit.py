"""Statistical audit of a built index: correlations within and across levels, Cronbach's alpha and PCA per group.

What the JRC checks in its audits: whether each group's components pull together (Cronbach's alpha, the share
of variance of the first principal component), whether an indicator is negatively correlated with the pillar
it feeds (it then works against its own aggregate), whether two indicators of a group are so correlated that
they double count, and how much each indicator really drives the index.

References
----------
OECD/JRC (2008), *Handbook on Constructing Composite Indicators*, section 1.4 "Multivariate analysis"
(pp. 63-82): PCA (pp. 63-71) and Cronbach's alpha (pp. 72-73). Cronbach, L. J. (1951), Coefficient alpha and the
internal structure of tests, *Psychometrika* 16, 297-334. Paruolo, P., Saisana, M. & Saltelli, A. (2013),
Ratings and rankings: voodoo or science?, *JRSS A* 176(3), 609-634 (importance against nominal weight).
COINr ``get_corr()``, ``get_cronbach()``, ``get_corr_flags()`` (R/correlations.R, COINr 1.1.14).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

from marsad.maturity.pipeline import Result


@dataclass(frozen=True)
class GroupAudit:
    """Consistency of the children of one aggregate."""

    code: str
    children: tuple[str, ...]
    cronbach_alpha: float
    pc1_share: float  # share of variance explained by the first principal component
    components_above_one: int  # eigenvalues > 1 (Kaiser criterion)
    loadings: tuple[float, ...]  # first principal component, sign chosen so most loadings are positive


@dataclass(frozen=True)
class Flag:
    """A finding an analyst should look at."""

    kind: str  # "negative_with_parent", "collinear"
    codes: tuple[str, ...]
    value: float
    message: str


@dataclass(frozen=True)
class Audit:
    """The audit of one build: tidy enough to render as tables and a heatmap."""

    groups: tuple[GroupAudit, ...]
    parent_correlations: dict[str, float]  # each node with its parent
    flags: tuple[Flag, ...]
    codes: tuple[str, ...]  # order of the rows/columns of `correlations`
    correlations: np.ndarray  # every node with every node (Pearson, pairwise complete)
    importance: dict[str, float]  # squared correlation of each indicator with the index, rescaled to sum to 1


def correlation_matrix(
    A: np.ndarray, B: np.ndarray | None = None, method: str = "pearson"
) -> tuple[np.ndarray, np.ndarray]:
    """Correlations between the columns of A and of B (default A), with pairwise-complete observations.

    Returns the correlations and the number of pairs behind each, as ``stats::cor(use =
    "pairwise.complete.obs")``. ``method`` is "pearson" or "spearman".
    """
    B = A if B is None else B
    if method == "spearman":
        A, B = _column_ranks(A), _column_ranks(B)
    elif method != "pearson":
        raise ValueError(f"unknown correlation method '{method}'")
    ma, mb = (~np.isnan(A)).astype(float), (~np.isnan(B)).astype(float)
    a, b = np.nan_to_num(A), np.nan_to_num(B)
    n = ma.T @ mb
    with np.errstate(invalid="ignore", divide="ignore"):
        sa, sb = a.T @ mb, ma.T @ b  # sums of a (b) over the pairs where both exist
        saa, sbb = (a * a).T @ mb, ma.T @ (b * b)
        sab = a.T @ b
        cov = sab - sa * sb / n
        r = cov / np.sqrt((saa - sa**2 / n) * (sbb - sb**2 / n))
    return np.clip(r, -1.0, 1.0), n


def correlation_pvalues(r: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Two-sided p-values of Pearson correlations (t test with n - 2 degrees of freedom, as ``cor.test``)."""
    df = n - 2
    with np.errstate(invalid="ignore", divide="ignore"):
        t = r * np.sqrt(df / (1.0 - r**2))
        return np.where(df > 0, 2 * stats.t.sf(np.abs(t), df), np.nan)


def cronbach_alpha(X: np.ndarray) -> float:
    """Cronbach's alpha of the columns of X from the pairwise-complete covariance matrix (COINr's formula)."""
    k = X.shape[1]
    if k < 2:
        return np.nan
    cov = _pairwise_covariance(X)
    total = np.nansum(cov)
    mean_off = (total - np.nansum(np.diag(cov))) / (k * (k - 1))
    return float(k**2 * mean_off / total)


def correlations(
    result: Result, rows: list[str], columns: list[str], pval: float = 0.05, method: str = "pearson"
) -> np.ndarray:
    """Correlations between nodes of a built index, NaN where not significant at `pval` (0 keeps all).

    This is COINr's ``get_corr`` in wide form: e.g. pillars against indicators for a heatmap.
    """
    pos = result.framework.position
    A = result.values[:, [pos[c] for c in rows]]
    B = result.values[:, [pos[c] for c in columns]]
    r, n = correlation_matrix(A, B, method)
    if pval > 0:
        r = np.where(correlation_pvalues(r, n) > pval, np.nan, r)
    return r


def pca(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues (descending) and first-component loadings of the correlation matrix of X's complete rows."""
    rows = X[~np.isnan(X).any(axis=1)]
    if rows.shape[0] < 3 or X.shape[1] < 2 or np.any(rows.std(axis=0) == 0):
        return np.full(X.shape[1], np.nan), np.full(X.shape[1], np.nan)
    eigval, eigvec = np.linalg.eigh(np.corrcoef(rows, rowvar=False))
    first = eigvec[:, -1] * (1 if np.sum(eigvec[:, -1]) >= 0 else -1)
    return eigval[::-1], first * np.sqrt(eigval[-1])


def audit(result: Result, collinear: float = 0.9) -> Audit:
    """Audit every group of the tree of a built index.

    Indicators enter as normalised values, aggregates as scores. `collinear` is the correlation above which two
    siblings are flagged as possibly double counting (COINr's ``get_corr_flags`` default 0.9).
    """
    fw = result.framework
    V = result.values
    r, _ = correlation_matrix(V)
    parent_corr, flags, groups = {}, [], []
    for i, p in enumerate(fw.parent_positions):
        if p < 0:
            continue
        code, parent = fw.codes[i], fw.codes[p]
        parent_corr[code] = float(r[i, p])
        if r[i, p] < 0:
            flags.append(
                Flag(
                    "negative_with_parent",
                    (code, parent),
                    float(r[i, p]),
                    f"{code} is negatively correlated with its parent {parent} ({r[i, p]:.2f})",
                )
            )
    for level in fw.levels:
        for j, parent in enumerate(level.parents):
            kids = level.members(j)
            X = V[:, kids]
            eig, loadings = pca(X)
            total = np.nansum(eig)
            groups.append(
                GroupAudit(
                    code=fw.codes[parent],
                    children=tuple(fw.codes[k] for k in kids),
                    cronbach_alpha=cronbach_alpha(X),
                    pc1_share=float(eig[0] / total) if total > 0 else np.nan,
                    components_above_one=int(np.sum(eig > 1)),
                    loadings=tuple(float(x) for x in loadings),
                )
            )
            sub = r[np.ix_(kids, kids)]
            for x, y in zip(*np.nonzero(np.triu(sub > collinear, k=1)), strict=True):
                codes = (fw.codes[kids[x]], fw.codes[kids[y]])
                flags.append(
                    Flag(
                        "collinear",
                        codes,
                        float(sub[x, y]),
                        f"{codes[0]} and {codes[1]} correlate at {sub[x, y]:.2f} in {fw.codes[parent]}",
                    )
                )
    n_ind = len(fw.indicators)
    with_index = np.nan_to_num(r[:n_ind, fw.position[fw.root]]) ** 2
    importance = with_index / with_index.sum() if with_index.sum() > 0 else with_index
    return Audit(
        tuple(groups),
        parent_corr,
        tuple(flags),
        fw.codes,
        r,
        dict(zip(fw.indicators, importance.tolist(), strict=True)),
    )


def _pairwise_covariance(X: np.ndarray) -> np.ndarray:
    m = ~np.isnan(X)
    k = X.shape[1]
    cov = np.full((k, k), np.nan)
    for i in range(k):  # k is a group's size (a handful): pairwise means differ per pair
        for j in range(i, k):
            both = m[:, i] & m[:, j]
            if both.sum() > 1:
                cov[i, j] = cov[j, i] = np.cov(X[both, i], X[both, j])[0, 1]
    return cov


def _column_ranks(X: np.ndarray) -> np.ndarray:
    return np.column_stack([stats.rankdata(c, nan_policy="omit") if np.any(~np.isnan(c)) else c for c in X.T])
