"""COINr's own unit tests (tests/testthat, COINr 1.1.14) that apply to our steps, ported to our API."""

import numpy as np
import pytest

from marsad.maturity.aggregate import aggregate_tree
from marsad.maturity.checks import screen_units
from marsad.maturity.impute import impute, impute_group
from marsad.maturity.normalise import normalise
from marsad.maturity.sensitivity import saltelli_design, sensitivity, sobol_indices, vary
from marsad.maturity.treat import check_skew_kurtosis, log_ct, treat
from marsad.maturity.weights import noisy_weights, normalise_weights

from .conftest import flat_framework

rng = np.random.default_rng(20240601)


# test-treat.R -------------------------------------------------------------------------------------------------


def test_treat_numeric_winsorises_the_outlier():
    x = np.r_[1:11, 100.0][:, None]
    assert not check_skew_kurtosis(x)[0][0]
    t = treat(x, winmax=5)
    assert t.values[10, 0] == 10
    np.testing.assert_array_equal(t.values[:10, 0], x[:10, 0])
    assert check_skew_kurtosis(t.values)[0][0]


def test_treat_falls_back_to_the_log_when_winsorisation_is_not_enough():
    x = np.r_[1:21, 100.0, 200.0][:, None]
    t = treat(x, winmax=1)
    assert t.logged[0]
    np.testing.assert_allclose(t.values[:, 0], np.log(x[:, 0] - 1 + 0.01 * 199))
    np.testing.assert_allclose(log_ct(x)[0], t.values)


def test_forced_winsorisation_treats_winmax_points():
    x = np.r_[1:21, 100.0, 200.0][:, None]
    t = treat(x, winmax=3, force_winsorise=True)
    assert t.winsorised[0] == 3
    assert t.changed.sum() == 3


def test_treating_columns_together_equals_treating_each_alone():
    X = np.column_stack([rng.random(11), np.r_[1:11, 100.0], np.r_[1:11, -100.0]])
    together = treat(X, winmax=2)
    for j in range(3):
        alone = treat(X[:, [j]], winmax=2)
        np.testing.assert_array_equal(together.values[:, j], alone.values[:, 0])


# test-normalise.R ---------------------------------------------------------------------------------------------


def test_normalise_numeric():
    x = np.arange(1.0, 11)[:, None]
    z = normalise(x, "minmax", low=2, high=7).values
    assert z.min() == 2 and z.max() == 7
    z = normalise(x, "zscore", mean=5, sd=2).values
    assert z.mean() == pytest.approx(5) and z.std(ddof=1) == pytest.approx(2)
    z = normalise(x, "distance_to_target", targets=[8], scale=1, cap=True).values[:, 0]
    assert z.min() == 0 and z.max() == 1
    np.testing.assert_array_equal(z[x[:, 0] >= 8], 1)


def test_normalise_directions():
    X = rng.random((10, 2))
    z = normalise(X, "minmax", [-1, 1]).values
    assert z[np.argmin(X[:, 0]), 0] == 100 and z[np.argmax(X[:, 0]), 0] == 0
    assert z[np.argmin(X[:, 1]), 1] == 0 and z[np.argmax(X[:, 1]), 1] == 100


def test_borda_is_rank_minus_one():
    X = rng.random((10, 1))
    assert sorted(normalise(X, "borda").values[:, 0]) == list(range(10))


def test_n_funcs():
    x = rng.random((10, 1))
    z = normalise(x, "distance_to_frontier", scale=1).values[:, 0]
    np.testing.assert_allclose(z, 1 - (x.max() - x[:, 0]) / (x.max() - x.min()))
    z = normalise(x, "goalposts", goalposts=[(0.2, 0.8)], scale=10).values[:, 0]
    np.testing.assert_allclose(z, np.clip((x[:, 0] - 0.2) / 0.6, 0, 1) * 10)


@pytest.mark.parametrize(
    "x, direction, expected",
    [(1, 1, 0.1), (11, 1, 1), (-1, 1, 0), (1, -1, 0.9), (-1, -1, 1), (11, -1, 0)],
)
def test_goalpost_cases(x, direction, expected):
    z = normalise(np.array([[float(x)]]), "goalposts", [direction], goalposts=[(0, 10)], scale=1).values
    assert z[0, 0] == pytest.approx(expected)


@pytest.mark.parametrize(
    "x, target, direction, cap, expected",
    [
        ([0, 5, 11], 10, 1, False, [0, 0.5, 1.1]),
        ([0, 5, 11], 10, 1, True, [0, 0.5, 1]),
        ([-1, 1, 10], 0, -1, False, [1.1, 0.9, 0]),
        ([-1, 1, 10], 0, -1, True, [1, 0.9, 0]),
    ],
)
def test_distance_to_target(x, target, direction, cap, expected):
    X = np.array(x, dtype=float)[:, None]
    z = normalise(X, "distance_to_target", [direction], targets=[target], scale=1, cap=cap).values[:, 0]
    np.testing.assert_allclose(z, expected)


def test_distance_to_target_on_asem_raw_data(asem):
    fw = asem.framework
    j_lpi, j_co2 = fw.indicators.index("LPI"), fw.indicators.index("CO2")
    targets = [fw.by_code[c].target for c in fw.indicators]
    z = normalise(asem.raw, "distance_to_target", fw.directions, targets=targets, scale=1, cap=False).values
    lpi, co2 = asem.raw[:, j_lpi], asem.raw[:, j_co2]
    np.testing.assert_allclose(z[:, j_lpi], (lpi - np.nanmin(lpi)) / (targets[j_lpi] - np.nanmin(lpi)))
    np.testing.assert_allclose(z[:, j_co2], (np.nanmax(co2) - co2) / (np.nanmax(co2) - targets[j_co2]))


def test_goalposts_inside_the_observed_range(asem):
    X = asem.raw
    lo, hi = np.nanmin(X, axis=0), np.nanmax(X, axis=0)
    gp = list(zip(lo + 0.05 * (hi - lo), hi - 0.05 * (hi - lo), strict=True))
    z = normalise(X, "goalposts", asem.framework.directions, goalposts=gp, scale=1).values
    j = asem.framework.indicators.index("Tariff")  # direction -1
    expected = np.clip((gp[j][1] - X[:, j]) / (gp[j][1] - gp[j][0]), 0, 1)
    np.testing.assert_allclose(z[:, j], expected)


# test-aggregate.R ---------------------------------------------------------------------------------------------


def test_aggregate_rows():
    fw = flat_framework(5)
    X = rng.random((20, 5))
    root = len(fw.codes) - 1
    np.testing.assert_allclose(aggregate_tree(fw, X, np.ones(6))[:, root], X.mean(axis=1))
    w = np.r_[1:6, 1.0]
    Xag = aggregate_tree(fw, X, normalise_weights(fw, w))[:, root]
    np.testing.assert_allclose(Xag, X @ np.arange(1, 6) / 15)
    X[0, :4] = np.nan
    thresholded = aggregate_tree(fw, X, normalise_weights(fw, w), min_share=0.5)[:, root]
    assert np.isnan(thresholded[0])
    np.testing.assert_allclose(thresholded[1:], Xag[1:])


def test_aggregate_follows_weights_and_structure(asem):
    fw = asem.framework
    w = rng.random(len(fw.nodes))
    V = aggregate_tree(fw, asem.normalised, normalise_weights(fw, w))
    manual = {c: asem.normalised[:, j] for j, c in enumerate(fw.indicators)}
    for code in fw.aggregates:  # bottom-up order: children are ready
        kids = fw.children(code)
        kw = np.array([w[fw.position[c]] for c in kids])
        manual[code] = np.column_stack([manual[c] for c in kids]) @ kw / kw.sum()
    for code in fw.aggregates:
        np.testing.assert_allclose(V[:, fw.position[code]], manual[code])


# test-Screen.R, test-Impute.R ---------------------------------------------------------------------------------


def test_screen_by_data_availability():
    X = rng.random((10, 10))
    X[0, :5] = np.nan
    X[1, 0] = np.nan
    np.testing.assert_array_equal(screen_units(X, 0.75), np.arange(10) != 0)
    np.testing.assert_array_equal(screen_units(X, 1.0), np.arange(10) > 1)


def test_impute_column_mean_and_median():
    X = rng.random((10, 5))
    for j in (0, 2, 4):
        X[rng.choice(10, 2, replace=False), j] = np.nan
    filled, mask = impute(X, "mean")
    for j in range(5):
        np.testing.assert_allclose(filled[np.isnan(X[:, j]), j], np.nanmean(X[:, j]))
    assert mask.sum() == 6
    x = np.arange(1.0, 11)
    x[2] = np.nan
    assert impute(x[:, None], "median")[0][2, 0] == np.nanmedian(x)


@pytest.mark.parametrize("statistic, fn", [("mean", np.nanmean), ("median", np.nanmedian)])
def test_group_imputation(statistic, fn):
    x = rng.random(20)
    groups = list(rng.choice(["a", "b"], 20))
    x[[0, 4, 9]] = np.nan
    filled = impute_group(x[:, None], groups, statistic)[:, 0]
    for i in (0, 4, 9):
        same = np.array(groups) == groups[i]
        assert filled[i] == pytest.approx(fn(x[same]))
    groups[1] = groups[4] = None  # a unit without group is neither imputed nor used
    filled = impute_group(x[:, None], groups, statistic)[:, 0]
    keep = np.array([g is not None for g in groups])
    same = keep & (np.array(groups, dtype=object) == groups[0])
    assert filled[0] == pytest.approx(fn(x[same]))
    assert np.isnan(filled[4])


# test-sensitivity.R -------------------------------------------------------------------------------------------


def test_a_dummy_assumption_has_zero_sensitivity(asem_framework, asem_data):
    same = {"method": "minmax", "low": 1, "high": 100}
    out = sensitivity(
        asem_framework,
        asem_data,
        [
            vary("treat", [{"winmax": k} for k in range(1, 6)], "winmax"),
            vary("normalise", [same, same], "normalisation"),
        ],
        runs=20,
        seed=3,
    )
    assert out.uncertainty.scores.shape == (20 * 4, len(out.uncertainty.units))
    assert out.first_order[1] == 0 and out.total[1] == 0


def test_sampling_and_estimation():
    N, d = 100, 3
    X = saltelli_design(N, d, np.random.default_rng(1))
    assert X.shape == (N * (d + 2), d) and X.min() >= 0 and X.max() <= 1
    first, total = sobol_indices(X[:, 0] + 10 * X[:, 1], N, d)
    assert first[2] == 0 and total[2] == 0


def test_noisy_weights_leave_unperturbed_levels_alone(asem_framework):
    w = asem_framework.weights
    noisy = noisy_weights(asem_framework, w, {2: 0.25, 3: 0.25}, 10, np.random.default_rng(0))
    assert noisy.shape == (10, len(w))
    level1 = asem_framework.heights == 1
    np.testing.assert_array_equal(noisy[:, level1], np.broadcast_to(w[level1], (10, level1.sum())))
    perturbed = (asem_framework.heights == 2) | (asem_framework.heights == 3)
    assert np.all(np.abs(noisy[:, perturbed] / w[perturbed] - 1) <= 0.25)
    assert np.any(noisy[:, perturbed] != w[perturbed])
