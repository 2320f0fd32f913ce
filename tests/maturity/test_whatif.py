"""What-if and gap to target on the ASEM build, checked against full rebuilds and a linear programme."""

import numpy as np
import pytest
from scipy.optimize import linprog

from marsad.maturity import DataError, gap_to_target, whatif
from marsad.maturity.weights import effective_weights
from marsad.maturity.whatif import WhatIfModel


@pytest.fixture(scope="module")
def model(asem):
    return WhatIfModel(asem)


def test_unchanged_values_give_the_edition_back(asem, model):
    lao = asem.index("LAO")
    missing = [c for j, c in enumerate(asem.framework.indicators) if np.isnan(asem.raw[lao, j])]
    assert missing  # LAO has imputed values: they go back in as raw values
    denominated = ~np.isnan(model.denominators[lao])
    changes = {
        c: model.current_raw(lao, j) for j, c in enumerate(asem.framework.indicators) if denominated[j]
    }
    assert set(missing) & set(changes)
    out = whatif(model, "LAO", changes)
    np.testing.assert_allclose(out.after, out.before, atol=1e-9)
    np.testing.assert_array_equal(out.rank_after, out.rank_before)


def test_frozen_equals_a_full_rebuild_when_nothing_else_moves(asem, model):
    # LPI has no gaps and BGD's new value stays inside the observed range: the rebuild changes nothing else
    frozen = whatif(model, "BGD", {"LPI": 3.5})
    exact = whatif(model, "BGD", {"LPI": 3.5}, exact=True)
    np.testing.assert_allclose(frozen.after, exact.after, atol=1e-9)
    np.testing.assert_array_equal(frozen.rank_after, exact.rank_after)
    assert frozen.after[-1] > frozen.before[-1] and frozen.rank_after[-1] <= frozen.rank_before[-1]


def test_a_value_beyond_the_best_scores_as_the_best(asem, model):
    j = asem.framework.indicators.index("LPI")
    out = whatif(model, "BGD", {"LPI": 1e6})
    assert out.after[j] == 100 and out.rank_after[j] == 1


def test_dropped_and_unknown_codes(model):
    with pytest.raises(DataError, match="unknown indicator 'Index'"):
        whatif(model, "BGD", {"Index": 1})
    with pytest.raises(DataError, match="unknown unit"):
        whatif(model, "XXX", {"LPI": 1})
    with pytest.raises(DataError, match="'LAO' has no Energy in 2018"):
        whatif(model, "LAO", {"Elec": 3.0})
    with pytest.raises(DataError, match="finite number"):
        whatif(model, "BGD", {"LPI": float("nan")})


def test_greedy_plan_reaches_the_target_with_the_fewest_points(asem, model):
    plan = gap_to_target(model, "BGD", "developing")
    assert plan.reached and plan.target == 45 and plan.current < 45
    check = whatif(model, "BGD", {s.indicator: s.raw_to for s in plan.steps})
    assert check.after[-1] >= 45 - 1e-6
    # the same problem as a linear programme: minimise total normalised points under the frontier caps
    fw = asem.framework
    n = len(fw.indicators)
    z = asem.values[asem.index("BGD"), :n]
    cap = asem.values[:, :n].max(axis=0)
    e = effective_weights(fw, asem.weights)[:n]
    lp = linprog(np.ones(n), A_ub=-e[None], b_ub=[-(45 - plan.current)], bounds=[(0, c) for c in cap - z])
    assert sum(s.normalised_to - s.normalised_from for s in plan.steps) == pytest.approx(lp.fun, rel=1e-6)


def test_balanced_plan_lifts_the_weakest_to_one_level(model):
    plan = gap_to_target(model, "BGD", "developing", strategy="balanced")
    assert plan.reached and plan.achieved == pytest.approx(45, abs=1e-6)
    uncapped = [s.normalised_to for s in plan.steps if s.normalised_to < 99.999]
    assert np.ptp(uncapped) < 1e-6
    assert all(s.normalised_from < s.normalised_to for s in plan.steps)


def test_targets_units_stages_numbers_and_nodes(asem, model):
    assert gap_to_target(model, "BGD", "CHE").target == pytest.approx(asem.score("CHE"))
    assert gap_to_target(model, "CHE", "BGD").steps == ()  # already above
    pillar = gap_to_target(model, "BGD", 50.0, node="Physical")
    assert {s.parent for s in pillar.steps} == {"Physical"} and pillar.reached
    assert set(pillar.by_parent()) == {"Physical"}
    impossible = gap_to_target(model, "BGD", 1000.0)
    assert not impossible.reached and impossible.achieved < 1000
    with pytest.raises(DataError, match="neither a unit nor a stage"):
        gap_to_target(model, "BGD", "mars")


def test_raw_values_of_the_plan_are_in_file_units(asem, model):
    plan = gap_to_target(model, "BGD", "developing")
    for step in plan.steps:
        j = asem.framework.indicators.index(step.indicator)
        assert model.normalised(asem.index("BGD"), j, step.raw_to) == pytest.approx(
            step.normalised_to, abs=1e-6
        )
        direction = asem.framework.directions[j]
        assert (step.raw_to - step.raw_from) * direction > 0


def test_gap_skips_indicators_without_a_denominator(asem, model):
    plan = gap_to_target(model, "LAO", "advanced", strategy="balanced")
    moved = {s.indicator for s in plan.steps}
    assert moved and not moved & {"Elec", "Gas"}  # LAO has no Energy value to divide by
