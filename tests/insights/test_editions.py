"""Publishing the bundled edition: the stored scores are the engine's, with sane rank intervals."""

import numpy as np
import pytest

from marsad.insights import robustness
from marsad.insights.built import built
from marsad.insights.editions import load_default_edition
from marsad.insights.models import Edition, Score

pytestmark = pytest.mark.django_db


def test_default_edition_covers_the_latest_ten_well_covered_years(edition):
    assert edition.is_published and edition.number == 1
    assert edition.years == list(range(2014, 2024))  # 2024 and 2025 lack too many indicators yet
    assert edition.year == 2023
    assert edition.framework_id == "dei" and edition.framework_version == "2026.1"


def test_stored_scores_and_ranks_are_the_engines(edition, reference):
    framework, dataset, result = reference
    stored = {(s.unit, s.code): s for s in Score.objects.filter(edition=edition, year=2023)}
    for unit in ("SAU", "TUN", "ARE", "SGP"):
        for code in ("DEI", "ENA", "CON", "PRO"):
            s = stored[(unit, code)]
            assert s.score == pytest.approx(result.score(unit, code), abs=1e-9)
            assert s.rank == result.rank(unit, code)
    scored = np.sum(~np.isnan(result.column("DEI")))
    assert Score.objects.filter(edition=edition, year=2023, code="DEI").count() == scored == 167


def test_every_index_score_carries_its_stage(edition, reference):
    framework = reference[0]
    for s in Score.objects.filter(edition=edition, code="DEI")[:300]:
        assert s.stage == framework.stage_of(s.score).code
    assert not Score.objects.filter(edition=edition, code="ENA").exclude(stage="").exists()


def test_rank_intervals_bracket_the_median_and_cover_the_headline_year(edition):
    headline = Score.objects.filter(edition=edition, year=2023)
    assert not headline.filter(rank_low__isnull=True).exists()  # every aggregate in the headline year
    for s in headline[:500]:
        assert 1 <= s.rank_low <= s.rank_median <= s.rank_high <= 167
    earlier = Score.objects.filter(edition=edition, year=2018)
    assert not earlier.filter(code="DEI", rank_low__isnull=True).exists()
    assert not earlier.filter(code="CON", rank_low__isnull=False).exists()  # index only in other years


def test_sensitivity_indices_are_stored(edition):
    sensitivity = edition.analysis["sensitivity"]
    names = [a["name"] for a in sensitivity["assumptions"]]
    assert names == list(robustness.ASSUMPTIONS_TEXT)
    assert all(0 <= a["total"] <= 1.5 for a in sensitivity["assumptions"])


def test_loading_the_default_edition_again_changes_nothing(edition):
    again = load_default_edition()
    assert again.pk == edition.pk
    assert Edition.objects.count() == 1


def test_the_edition_rebuilds_from_what_it_stores(edition, reference):
    rebuilt = built(edition).result(2023)
    assert rebuilt.meta["data_digest"] == reference[2].meta["data_digest"] == edition.data_digest
    assert np.allclose(rebuilt.values, reference[2].values, equal_nan=True)


def test_year_choice_skips_years_with_too_few_indicators(reference):
    framework, dataset, _ = reference
    assert robustness.choose_years(framework, dataset, limit=3) == [2021, 2022, 2023]
    assert 2024 not in robustness.choose_years(framework, dataset, limit=20)
