"""Monte Carlo runs: estimators against analytical Sobol indices, and the batched engine against full rebuilds."""

from dataclasses import replace

import numpy as np
import pytest

from marsad.maturity import build, exclude_indicators, perturb_weights, sensitivity, uncertainty, vary
from marsad.maturity.sensitivity import saltelli_design, sobol_indices


def test_sobol_estimators_on_the_ishigami_function():
    """Analytical values (a = 7, b = 0.1): S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437)."""
    N, d = 50_000, 3
    X = (saltelli_design(N, d, np.random.default_rng(7)) * 2 - 1) * np.pi
    y = np.sin(X[:, 0]) + 7 * np.sin(X[:, 1]) ** 2 + 0.1 * X[:, 2] ** 4 * np.sin(X[:, 0])
    first, total = sobol_indices(y, N, d)
    np.testing.assert_allclose(first, [0.3139, 0.4424, 0.0], atol=0.03)
    np.testing.assert_allclose(total, [0.5576, 0.4424, 0.2437], atol=0.03)


def test_sobol_estimators_on_an_additive_model_and_several_outputs():
    N, d = 20_000, 3
    X = saltelli_design(N, d, np.random.default_rng(8))
    a = np.array([1.0, 2.0, 3.0])
    Y = np.column_stack([X @ a, X @ a[::-1]])
    first, total = sobol_indices(Y, N, d)
    expected = a**2 / np.sum(a**2)
    np.testing.assert_allclose(first[:, 0], expected, atol=0.03)
    np.testing.assert_allclose(total[:, 1], expected[::-1], atol=0.03)


@pytest.fixture(scope="module")
def runs(asem_framework, asem_data):
    assumptions = [
        vary("treat", [{"winmax": k} for k in (1, 3, 5)], "winmax"),
        vary("impute", ["mean", {"method": "group_median", "group": "EurAsia_group"}], "imputation"),
        vary("normalise", [{"method": "minmax", "low": 1, "high": 100}, {"method": "rank"}], "normalisation"),
        perturb_weights({2: 0.25, 3: 0.25}, pool=7, name="weights"),
        vary("aggregate", ["arithmetic", "geometric"], "aggregation"),
        exclude_indicators(["LPI", "CO2", "NEET"]),
    ]
    return uncertainty(asem_framework, asem_data, assumptions, 24, seed=5)


def test_every_replication_equals_a_full_rebuild(asem_framework, asem_data, runs):
    """The batched engine must give exactly what rebuilding the index with those choices gives."""
    a = runs.assumptions
    for r in range(runs.scores.shape[0]):
        pick = runs.design[r]
        weights = runs.weight_sets["weights"][pick[3]].copy()
        left_out = a[5].alternatives[pick[5]]
        if left_out is not None:
            weights[asem_framework.position[left_out]] = 0.0
        nodes = tuple(replace(n, weight=float(w)) for n, w in zip(asem_framework.nodes, weights, strict=True))
        framework = replace(asem_framework, nodes=nodes)
        result = build(
            framework,
            asem_data,
            treat=a[0].alternatives[pick[0]],
            impute=a[1].alternatives[pick[1]],
            normalise=a[2].alternatives[pick[2]],
            aggregate=a[4].alternatives[pick[4]],
        )
        np.testing.assert_allclose(runs.scores[r], result.column("Index"), rtol=1e-10, atol=1e-10)


def test_rank_statistics(asem, runs):
    stats = runs.rank_statistics()
    np.testing.assert_array_equal(runs.nominal_ranks, asem.ranks[:, -1])
    assert np.all(stats["q05"] <= stats["median"]) and np.all(stats["median"] <= stats["q95"])
    i = runs.units.index("BGD")
    assert stats["median"][i] == np.median(runs.ranks[:, i])
    assert stats["q95"][i] == np.quantile(runs.ranks[:, i], 0.95)


def test_no_uncertainty_means_no_rank_change(asem_framework, asem_data):
    same = {"method": "minmax", "low": 0, "high": 100}
    out = uncertainty(asem_framework, asem_data, [vary("normalise", [same, same])], 10)
    np.testing.assert_array_equal(out.ranks, np.broadcast_to(out.nominal_ranks, out.ranks.shape))


def test_replications_that_cannot_run_are_counted(asem_framework, asem_data):
    out = uncertainty(
        asem_framework,
        asem_data,
        [vary("normalise", [{"method": "zscore", "mean": 0, "sd": 1}]), vary("aggregate", ["geometric"])],
        3,
    )
    assert out.failed == 3 and np.isnan(out.scores).any()


def test_sensitivity_indices_are_in_range(asem_framework, asem_data):
    out = sensitivity(
        asem_framework,
        asem_data,
        [
            vary(
                "normalise",
                [{"method": "minmax", "low": 1, "high": 100}, {"method": "zscore", "mean": 10, "sd": 2}],
            ),
            vary("aggregate", ["arithmetic", "geometric"]),
        ],
        runs=64,
        seed=2,
        bootstrap=50,
    )
    assert out.uncertainty.ranks.shape == (64 * 4, 51)
    assert np.all(out.total >= 0) and np.all(out.total <= 1.5)
    assert out.first_order_ci.shape == (2, 2) and np.all(out.first_order_ci[:, 0] <= out.first_order_ci[:, 1])
    assert out.unit_first_order.shape == (2, 51)


def test_bad_assumptions(asem_framework, asem_data):
    from marsad.maturity import MethodError

    with pytest.raises(MethodError, match="unknown indicator"):
        uncertainty(asem_framework, asem_data, [exclude_indicators(["LPI", "Nope"])], 5)
    with pytest.raises(MethodError, match="Copeland"):
        uncertainty(asem_framework, asem_data, [vary("aggregate", ["arithmetic", "copeland"])], 5)
    with pytest.raises(MethodError, match="at least two"):
        sensitivity(asem_framework, asem_data, [vary("aggregate", ["arithmetic", "geometric"])], 5)
    with pytest.raises(MethodError, match="cannot vary"):
        vary("screen", [{}])
