"""Imputation from other years and by EM, on small cases computed by hand."""

import numpy as np
import pytest

from marsad.maturity import MethodError
from marsad.maturity.impute import impute, impute_em, impute_interpolate, impute_latest

NAN = np.nan


def cube():
    """3 years × 2 units × 1 indicator: unit 0 misses the middle year, unit 1 the last two."""
    return np.array([[[1.0], [10.0]], [[NAN], [NAN]], [[3.0], [NAN]]])


def test_latest_carries_the_last_value_forward_within_max_age():
    history = cube()
    np.testing.assert_array_equal(
        impute_latest(history, 2, max_age=5, years=[2020, 2021, 2022]), [[3.0], [10.0]]
    )
    out = impute_latest(history, 2, max_age=1, years=[2020, 2021, 2022])
    assert np.isnan(out[1, 0])  # 2020 is two years back


def test_interpolation_between_years_without_extrapolation():
    out = impute_interpolate(cube(), 1, years=[2020, 2021, 2022])
    assert out[0, 0] == 2.0 and np.isnan(out[1, 0])
    uneven = impute_interpolate(cube(), 1, years=[2010, 2011, 2014])
    assert uneven[0, 0] == pytest.approx(1 + 2 * 1 / 4)


def test_em_recovers_a_value_from_a_correlated_indicator():
    rng = np.random.default_rng(0)
    x = rng.normal(size=200)
    X = np.column_stack([x, 2 * x + 1 + rng.normal(scale=0.01, size=200), rng.normal(size=200)])
    truth = X[:10, 1].copy()
    X[:10, 1] = NAN
    filled = impute_em(X)
    np.testing.assert_allclose(filled[:10, 1], truth, atol=0.05)
    np.testing.assert_array_equal(filled[10:], X[10:])


def test_em_keeps_an_empty_column_empty_and_handles_complete_data():
    X = np.column_stack([np.arange(5.0), np.full(5, NAN)])
    assert np.isnan(impute_em(X)[:, 1]).all()
    complete = np.arange(10.0).reshape(5, 2)
    np.testing.assert_array_equal(impute_em(complete), complete)


def test_flags_and_errors():
    X = np.array([[1.0, NAN], [3.0, 4.0], [NAN, 6.0]])
    filled, mask = impute(X, "mean")
    np.testing.assert_array_equal(mask, np.isnan(X))
    assert filled[2, 0] == 2.0 and filled[0, 1] == 5.0
    with pytest.raises(MethodError, match="unknown imputation"):
        impute(X, "magic")
    with pytest.raises(MethodError, match="needs 'group'"):
        impute(X, "group_mean")
    with pytest.raises(MethodError, match="other years"):
        impute(X, "latest")
