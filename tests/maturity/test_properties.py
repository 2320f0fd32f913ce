"""Properties every composite indicator must have, checked on random data and random trees (hypothesis)."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import stats

from marsad.maturity import Dataset, build, parse_framework
from marsad.maturity.aggregate import MEANS, aggregate_tree, rank_descending
from marsad.maturity.normalise import normalise
from marsad.maturity.treat import kurtosis, skewness, treat
from marsad.maturity.weights import (
    budget_weights,
    effective_weights,
    factor_group_weights,
    normalise_weights,
    pca_group_weights,
)

finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
positive = st.floats(0.01, 1e4, allow_nan=False, allow_infinity=False)
fast = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def trees(draw):
    """A random valid framework: up to 6 aggregates of any depth, up to 12 indicators, random weights."""
    n_agg = draw(st.integers(1, 6))
    parents = [None] + [f"A{draw(st.integers(0, i - 1))}" for i in range(1, n_agg)]
    n_ind = draw(st.integers(1, 12))
    holders = [f"A{draw(st.integers(0, n_agg - 1))}" for _ in range(n_ind)]
    childless = {f"A{i}" for i in range(n_agg)} - set(parents) - set(holders)
    holders += sorted(childless)
    weight = st.floats(0.1, 10)
    return parse_framework(
        {
            "id": "t",
            "version": "1",
            "aggregates": [
                {"code": f"A{i}", "name": f"A{i}", "weight": draw(weight), **({"parent": p} if p else {})}
                for i, p in enumerate(parents)
            ],
            "indicators": [
                {
                    "code": f"i{j}",
                    "name": f"i{j}",
                    "parent": h,
                    "weight": draw(weight),
                    "direction": draw(st.sampled_from([1, -1])),
                }
                for j, h in enumerate(holders)
            ],
        }
    )


def matrix(rows: int, cols: int, elements=finite):
    return arrays(np.float64, (rows, cols), elements=elements)


@fast
@given(tree=trees(), data=st.data())
def test_ranks_are_invariant_to_monotone_transforms_under_rank_normalisation(tree, data):
    k = len(tree.indicators)
    # integers: a strictly monotone map keeps distinct values distinct in floating point too
    X = data.draw(matrix(8, k, st.integers(0, 1000).map(float)))
    transforms = [np.exp, lambda x: x**3 + 2 * x, lambda x: 5 * x - 7, lambda x: np.log1p(x)]
    pick = data.draw(st.lists(st.sampled_from(range(4)), min_size=k, max_size=k))
    Y = np.column_stack([transforms[p](X[:, j] / 10) for j, p in enumerate(pick)])
    units = [f"u{i}" for i in range(8)]
    options = {"treat": "none", "normalise": "rank"}
    a = build(tree, Dataset.from_arrays(units, list(tree.indicators), X), **options)
    b = build(tree, Dataset.from_arrays(units, list(tree.indicators), Y), **options)
    np.testing.assert_array_equal(a.ranks, b.ranks)


@fast
@given(X=matrix(12, 4), low=st.floats(-100, 100), width=st.floats(0.5, 1000))
def test_minmax_output_spans_the_requested_range(X, low, width):
    X[:, 0] = np.arange(12.0)  # at least one column that is not constant
    Z = normalise(X, "minmax", low=low, high=low + width).values
    varying = np.ptp(X, axis=0) > 0
    assert np.all(Z[:, varying] >= low) and np.all(Z[:, varying] <= low + width)
    np.testing.assert_array_equal(Z[:, varying].min(axis=0), low)
    np.testing.assert_allclose(Z[:, varying].max(axis=0), low + width, rtol=1e-12)


@fast
@given(tree=trees(), seed=st.integers(0, 2**32 - 1))
def test_weights_sum_to_one_within_every_group(tree, seed):
    w = normalise_weights(tree, np.random.default_rng(seed).uniform(0.1, 5, len(tree.nodes)))
    for code in tree.aggregates:
        kids = [tree.position[c] for c in tree.children(code)]
        assert abs(np.sum(w[kids]) - 1) < 1e-12
    eff = effective_weights(tree, w)
    assert abs(eff[: len(tree.indicators)].sum() - 1) < 1e-12


@fast
@given(tree=trees(), points=st.lists(st.floats(0, 100), min_size=12, max_size=12))
def test_budget_weights_sum_to_one(tree, points):
    allocation = {c: p for c, p in zip(tree.indicators, points, strict=False)}
    allocation[tree.indicators[0]] += 1.0  # every assessed group gets some points
    for code in tree.aggregates:
        kids = tree.children(code)
        if not any(allocation.get(c, 0) > 0 for c in kids):
            allocation[kids[0]] = 1.0
    w = budget_weights(tree, [allocation, allocation])
    for code in tree.aggregates:
        kids = [tree.position[c] for c in tree.children(code)]
        assert abs(w[kids].sum() - 1) < 1e-12


@fast
@given(X=matrix(30, 5, st.floats(-10, 10)))
def test_data_derived_weights_are_shares(X):
    X += np.arange(30)[:, None] * np.array([1, 0.5, -0.2, 0.1, 0.3])  # some common signal
    for fn in (pca_group_weights, factor_group_weights):
        w = fn(X)
        assert np.all(w >= 0) and abs(w.sum() - 1) < 1e-9


@fast
@given(
    tree=trees(),
    value=positive,
    seed=st.integers(0, 2**32 - 1),
    method=st.sampled_from(MEANS),
    power=st.sampled_from([-2.0, -1.0, 0.0, 0.5, 1.0, 3.0]),
)
def test_aggregating_equal_inputs_returns_that_input(tree, value, seed, method, power):
    w = normalise_weights(tree, np.random.default_rng(seed).uniform(0.1, 5, len(tree.nodes)))
    Z = np.full((3, len(tree.indicators)), value)
    V = aggregate_tree(tree, Z, w, method, power=power)
    np.testing.assert_allclose(V, value, rtol=1e-12)


@fast
@given(tree=trees(), data=st.data())
def test_harmonic_geometric_arithmetic_inequality(tree, data):
    Z = data.draw(matrix(5, len(tree.indicators), positive))
    w = normalise_weights(tree, tree.weights)
    h, g, a = (aggregate_tree(tree, Z, w, m) for m in ("harmonic", "geometric", "arithmetic"))
    assert np.all(h <= g * (1 + 1e-12)) and np.all(g <= a * (1 + 1e-12))


@fast
@given(X=matrix(15, 3, st.integers(0, 5).map(float)))
def test_ranks_match_scipy_with_ties(X):
    expected = np.column_stack([stats.rankdata(-X[:, j], method="min") for j in range(3)])
    np.testing.assert_array_equal(rank_descending(X), expected)


@fast
@given(X=matrix(20, 3, st.floats(-1e3, 1e3)))
def test_skewness_and_kurtosis_are_the_bias_corrected_estimators(X):
    X[:, :] += np.linspace(0, 1, 20)[:, None] ** 3  # avoid constant columns
    np.testing.assert_allclose(skewness(X), stats.skew(X, bias=False), rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(kurtosis(X), stats.kurtosis(X, bias=False), rtol=1e-7, atol=1e-9)


@fast
@given(X=matrix(25, 4, st.floats(0, 1e4)))
def test_treatment_preserves_order(X):
    X[:, :] += np.linspace(0, 1, 25)[:, None]
    T = treat(X).values
    for j in range(4):
        order = np.argsort(X[:, j], kind="stable")
        assert np.all(np.diff(T[order, j]) >= -1e-9)


@fast
@given(tree=trees(), data=st.data(), method=st.sampled_from(["arithmetic", "geometric", "harmonic"]))
def test_raising_an_indicator_never_lowers_a_score(tree, data, method):
    Z = data.draw(matrix(4, len(tree.indicators), st.floats(1, 100)))
    j = data.draw(st.integers(0, len(tree.indicators) - 1))
    w = normalise_weights(tree, tree.weights)
    before = aggregate_tree(tree, Z, w, method)
    Z[:, j] += data.draw(st.floats(0.1, 50))
    after = aggregate_tree(tree, Z, w, method)
    assert np.all(after >= before - 1e-9)


def test_copeland_gives_a_dominant_unit_the_top_score():
    tree = parse_framework(
        {
            "id": "t",
            "version": "1",
            "aggregates": [{"code": "I", "name": "I"}],
            "indicators": [{"code": f"x{j}", "name": "x", "parent": "I"} for j in range(3)],
        }
    )
    Z = np.array([[3, 3, 3], [1, 2, 0], [2, 1, 1], [0, 0, 2.0]])
    V = aggregate_tree(tree, Z, normalise_weights(tree, tree.weights), "copeland")
    assert V[0, -1] == 3  # beats the three others
    assert V[1, -1] == V[2, -1] - 2  # unit 2 beats unit 1 on two of three indicators


@fast
@given(X=matrix(20, 4, st.one_of(st.integers(0, 3).map(float), st.just(np.nan))))
def test_fraction_same_counts_the_mode(X):
    from marsad.maturity.checks import fraction_same

    expected = [
        np.unique(c[~np.isnan(c)], return_counts=True)[1].max() / np.sum(~np.isnan(c))
        if np.any(~np.isnan(c))
        else np.nan
        for c in X.T
    ]
    np.testing.assert_allclose(fraction_same(X), expected)
