"""Marsad reproduces COINr 1.1.14's example pipeline on the ASEM data to 1e-9 (see fixtures/coinr_asem/README.md).

Each data set COINr wrote (make_reference.R) is compared with the same stage of our build: denominated,
imputed (group means by EurAsia_group), screened (90% coverage, no unit removed), treated (skewness/kurtosis
winsorisation with winmax 5), normalised (min-max 0-100), aggregated (arithmetic means with the metadata
weights), the index ranks, two methodological variants, the indicator-pillar correlations and Cronbach's alpha.
"""

import csv

import numpy as np
import pytest

from marsad.maturity import build
from marsad.maturity.audit import correlations, cronbach_alpha

from .conftest import ASEM, read_coinr

TOL = 1e-9


def assert_matches_coinr(name, result, matrix, all_codes):
    """Our unit × code matrix against COINr's data set `name`, same units and columns, to 1e-9."""
    codes, reference = read_coinr(name)
    assert sorted(reference) == sorted(result.units)
    expected = np.array([reference[u] for u in result.units])
    ours = matrix[:, [all_codes.index(c) for c in codes]]
    np.testing.assert_array_equal(np.isnan(ours), np.isnan(expected))
    np.testing.assert_allclose(ours, expected, rtol=TOL, atol=TOL)


def read_table(name):
    with (ASEM / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize(
    "name, attribute",
    [
        ("dset_Denominated.csv", "denominated"),
        ("dset_Imputed.csv", "imputed"),
        (
            "dset_Screened.csv",
            "imputed",
        ),  # COINr screens after imputation: the screened set is the imputed one
        ("dset_Treated.csv", "treated"),
        ("dset_Normalised.csv", "normalised"),
    ],
)
def test_indicator_stages_match_coinr(asem, name, attribute):
    assert_matches_coinr(name, asem, getattr(asem, attribute), list(asem.framework.indicators))


def test_aggregated_scores_match_coinr(asem):
    assert_matches_coinr("dset_Aggregated.csv", asem, asem.values, list(asem.framework.codes))


def test_index_ranks_match_coinr(asem):
    table = read_table("results_aggregates_ranked.csv")
    for row in table:
        assert asem.rank(row["uCode"]) == float(row["Rank"]), row["uCode"]
        # the results table rounds scores to 2 decimals
        assert asem.score(row["uCode"]) == pytest.approx(float(row["Index"]), abs=0.005 + 1e-12)


def test_treatment_details_match_coinr(asem):
    table = read_table("treatment_details.csv")
    t = asem.stage.treatment
    position = {c: j for j, c in enumerate(asem.framework.indicators)}
    for row in table:
        j = position[row["iCode"]]
        assert t.passed_before[j] == (row["check_SkewKurt0.Pass"] == "TRUE")
        assert t.skew_before[j] == pytest.approx(float(row["check_SkewKurt0.Skew"]), abs=TOL)
        assert t.kurt_before[j] == pytest.approx(float(row["check_SkewKurt0.Kurt"]), abs=TOL)
        winsorised = 0 if row["winsorise.nwin"] == "NA" else int(row["winsorise.nwin"])
        assert t.winsorised[j] == winsorised, row["iCode"]
        if winsorised:
            assert t.passed_after[j] == (row["check_SkewKurt1.Pass"] == "TRUE")
            assert t.skew_after[j] == pytest.approx(float(row["check_SkewKurt1.Skew"]), abs=TOL)
            assert t.kurt_after[j] == pytest.approx(float(row["check_SkewKurt1.Kurt"]), abs=TOL)
    assert not t.logged.any()  # no ASEM indicator needed the log fallback in COINr either


@pytest.mark.parametrize(
    "name, overrides",
    [
        (
            "variant_gmean_Aggregated.csv",
            {"normalise": {"method": "minmax", "low": 1, "high": 100}, "aggregate": "geometric"},
        ),
        ("variant_zscore_Aggregated.csv", {"normalise": {"method": "zscore", "mean": 10, "sd": 2}}),
    ],
)
def test_variants_match_coinr(asem_framework, asem_data, name, overrides):
    result = build(asem_framework, asem_data, **overrides)
    assert_matches_coinr(name, result, result.values, list(result.framework.codes))


def test_indicator_pillar_correlations_match_coinr(asem):
    table = read_table("corr_ind_pillar.csv")
    pillars = sorted({row["Var1"] for row in table})
    indicators = list(asem.framework.indicators)
    r = correlations(asem, pillars, indicators, pval=0.05)
    assert len(table) == len(pillars) * len(indicators)
    for row in table:
        ours = r[pillars.index(row["Var1"]), indicators.index(row["Var2"])]
        if row["Correlation"] == "NA":  # COINr blanks correlations that are not significant at 5%
            assert np.isnan(ours), (row["Var1"], row["Var2"])
        else:
            assert ours == pytest.approx(float(row["Correlation"]), abs=TOL)


def test_cronbach_alpha_matches_coinr(asem):
    expected = float((ASEM / "cronbach.txt").read_text().split()[1])
    physical = [
        j for j, c in enumerate(asem.framework.indicators) if asem.framework.by_code[c].parent == "Physical"
    ]
    assert cronbach_alpha(asem.normalised[:, physical]) == pytest.approx(expected, abs=TOL)
