"""The audit flags what a JRC audit would: indicators against their pillar, double counting; and it sums up."""

import numpy as np
import pytest
from scipy import stats

from marsad.maturity import Dataset, audit, build
from marsad.maturity.audit import correlation_matrix, correlation_pvalues, cronbach_alpha, pca

from .conftest import flat_framework


def test_flags_on_constructed_data():
    rng = np.random.default_rng(3)
    base = rng.normal(size=40)
    X = np.column_stack(
        [
            base,
            base + rng.normal(scale=0.01, size=40),
            -base + rng.normal(scale=0.3, size=40),
            rng.normal(size=40),
        ]
    )
    fw = flat_framework(4)
    ds = Dataset.from_arrays([f"u{i}" for i in range(40)], list(fw.indicators), X)
    a = audit(build(fw, ds, treat="none"))
    kinds = {(f.kind, f.codes) for f in a.flags}
    assert ("collinear", ("x0", "x1")) in kinds
    assert ("negative_with_parent", ("x2", "I")) in kinds
    assert sum(a.importance.values()) == pytest.approx(1)
    assert a.groups[0].code == "I" and a.groups[0].children == ("x0", "x1", "x2", "x3")


def test_correlations_with_gaps_match_numpy_on_complete_pairs():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(30, 3))
    X[[1, 5, 9], 0] = np.nan
    r, n = correlation_matrix(X)
    both = ~np.isnan(X[:, 0])
    assert r[0, 1] == pytest.approx(np.corrcoef(X[both, 0], X[both, 1])[0, 1])
    assert n[0, 1] == 27 and n[1, 2] == 30
    expected = stats.pearsonr(X[both, 0], X[both, 2])
    assert correlation_pvalues(r[0, 2], n[0, 2]) == pytest.approx(expected.pvalue, rel=1e-9)


def test_cronbach_and_pca_on_textbook_cases():
    rng = np.random.default_rng(5)
    common = rng.normal(size=500)
    X = np.column_stack([common + rng.normal(scale=0.1, size=500) for _ in range(4)])
    assert cronbach_alpha(X) > 0.95
    eig, loadings = pca(X)
    assert eig[0] / eig.sum() > 0.95 and np.all(loadings > 0.9)
    independent = rng.normal(size=(500, 4))
    assert abs(cronbach_alpha(independent)) < 0.15


def test_asem_audit_groups(asem):
    a = audit(asem)
    assert len(a.groups) == len(asem.framework.aggregates)
    physical = next(g for g in a.groups if g.code == "Physical")
    assert physical.cronbach_alpha == pytest.approx(0.663366008415326, abs=1e-9)
    assert a.parent_correlations["TBTs"] < 0
