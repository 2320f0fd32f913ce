"""Aggregation operators on hand-computed cases, and their handling of gaps and impossible values."""

import numpy as np
import pytest

from marsad.maturity import MethodError
from marsad.maturity.aggregate import aggregate_tree, rank_descending
from marsad.maturity.weights import effective_weights, normalise_weights

from .conftest import flat_framework

NAN = np.nan


@pytest.mark.parametrize(
    "method, power, expected",
    [
        ("arithmetic", 1, (1 * 1 + 4 * 3) / 4),
        ("geometric", 1, np.exp((np.log(1) + 3 * np.log(4)) / 4)),
        ("harmonic", 1, 4 / (1 / 1 + 3 / 4)),
        ("generalised", 2, np.sqrt((1 + 3 * 16) / 4)),
        ("generalised", 0, np.exp((np.log(1) + 3 * np.log(4)) / 4)),
    ],
)
def test_weighted_means(method, power, expected):
    fw = flat_framework(2, weights=[1, 3])
    V = aggregate_tree(fw, np.array([[1.0, 4.0]]), normalise_weights(fw, fw.weights), method, power=power)
    assert V[0, -1] == pytest.approx(expected)


def test_missing_children_drop_out_and_min_share():
    fw = flat_framework(4)
    w = normalise_weights(fw, fw.weights)
    Z = np.array([[1.0, 2.0, NAN, NAN], [NAN, NAN, NAN, NAN], [1, 2, 3, 6]])
    V = aggregate_tree(fw, Z, w)
    assert V[0, -1] == 1.5 and np.isnan(V[1, -1]) and V[2, -1] == 3
    assert np.isnan(aggregate_tree(fw, Z, w, min_share=0.75)[0, -1])


def test_geometric_mean_of_zero_is_an_error_or_a_gap():
    fw = flat_framework(2)
    Z = np.array([[0.0, 4.0], [1.0, 4.0]])
    with pytest.raises(MethodError, match="needs values > 0"):
        aggregate_tree(fw, Z, normalise_weights(fw, fw.weights), "geometric")
    V = aggregate_tree(fw, Z, normalise_weights(fw, fw.weights), "geometric", strict=False)
    assert np.isnan(V[0, -1]) and V[1, -1] == pytest.approx(2.0)


def test_batches_broadcast_weights_per_replication():
    fw = flat_framework(2)
    Z = np.array([[[1.0, 3.0]], [[1.0, 3.0]]])
    W = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]])
    V = aggregate_tree(fw, Z, W)
    assert V[0, 0, -1] == 1 and V[1, 0, -1] == 3
    with pytest.raises(MethodError, match="one build"):
        aggregate_tree(fw, Z, W, "copeland")


def test_ranks_leave_missing_values_unranked():
    np.testing.assert_array_equal(
        rank_descending(np.array([[3.0], [NAN], [5.0], [3.0]]))[:, 0], [2, NAN, 1, 2]
    )


def test_effective_weights_multiply_down_the_tree(asem_framework):
    eff = effective_weights(asem_framework, asem_framework.weights)
    # LPI: 1/8 of Physical, Physical 1/5 of Conn, Conn 1/2 of the index
    assert eff[asem_framework.position["LPI"]] == pytest.approx(1 / 8 / 5 / 2)
    assert eff[asem_framework.position["Index"]] == 1


def test_an_impossible_value_leaves_every_ancestor_without_a_score(asem_framework, asem):
    Z = asem.normalised.copy() + 1
    Z[0, 0] = -5.0  # AUT's LPI: Physical, Conn and the index cannot take a geometric mean of it
    V = aggregate_tree(asem_framework, Z, asem.weights, "geometric", strict=False)
    fw = asem_framework
    for code in ("Physical", "Conn", "Index"):
        assert np.isnan(V[0, fw.position[code]])
    assert not np.isnan(V[0, fw.position["Sust"]]) and not np.isnan(V[1:]).any()
