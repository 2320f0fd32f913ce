"""Stages, peer groups, strengths and weaknesses, and the profile of one unit."""

import numpy as np
import pytest

from marsad.maturity import DataError, profile, stage, strengths_weaknesses
from marsad.maturity.analysis import peer_units


def test_stage_follows_the_thresholds(asem):
    assert stage(asem, "CHE").code == "leading"  # 68.38 >= 65
    assert stage(asem, "BGD").code == "emerging"  # 39.05 in [35, 45)
    assert asem.framework.stage_of(float("nan")) is None


def test_peer_groups(asem):
    asia = peer_units(asem, "BGD", "EurAsia_group")
    assert len(asia) == 20 and "BGD" not in asia and "CHN" in asia and "AUT" not in asia
    big_europe = set(peer_units(asem, "BGD", {"EurAsia_group": "Europe", "GDP_group": "XL"}))
    labels = dict(
        zip(
            asem.dataset.units,
            zip(asem.dataset.groups["EurAsia_group"], asem.dataset.groups["GDP_group"], strict=True),
            strict=True,
        )
    )
    assert big_europe == {u for u, g in labels.items() if g == ("Europe", "XL")} and big_europe
    assert peer_units(asem, "BGD", ["CHN", "BGD", "IND"]) == ("CHN", "IND")
    with pytest.raises(DataError, match="unknown peer"):
        peer_units(asem, "BGD", ["CHN", "XXX"])


def test_strengths_and_weaknesses_are_peer_relative(asem):
    sw = strengths_weaknesses(asem, "BGD", "EurAsia_group", n=3)
    assert [c.code for c in sw.weaknesses][0] == "CostImpEx"
    j = asem.framework.indicators.index("CostImpEx")
    peers = asem.normalised[[asem.index(p) for p in sw.peers], j]
    own = asem.normalised[asem.index("BGD"), j]
    assert sw.weaknesses[0].z == pytest.approx((own - peers.mean()) / peers.std(ddof=1))
    assert sw.weaknesses[0].rank_in_peers == 1 + np.sum(peers > own)
    assert all(c.z > 0 for c in sw.strengths) and len(sw.strengths) == 3
    assert sw.strengths[0].z >= sw.strengths[1].z >= sw.strengths[2].z
    pillars = strengths_weaknesses(asem, "BGD", level=2)
    assert {c.code for c in pillars.all} == {
        "Physical",
        "ConEcFin",
        "Political",
        "Instit",
        "P2P",
        "Environ",
        "Social",
        "SusEcFin",
    }


def test_too_small_a_peer_group(asem):
    with pytest.raises(DataError, match="at least 2"):
        strengths_weaknesses(asem, "BGD", ["CHN"])


def test_profile_carries_values_flags_and_provenance(asem):
    p = profile(asem, "LAO", "EurAsia_group")
    assert p["name"] == "Lao PDR" and p["groups"]["EurAsia_group"] == "Asia" and p["of"] == 51
    nodes = {n["code"]: n for n in p["nodes"]}
    i = asem.index("LAO")
    assert sum(n.get("imputed", False) for n in nodes.values()) == asem.imputed_mask[i].sum() > 0
    assert nodes["Index"]["rank"] == asem.rank("LAO") and nodes["LPI"]["raw"] == asem.raw[i, 0]
    assert sum(n["effective_weight"] for n in p["nodes"] if n["level"] == 1) == pytest.approx(1)


def test_comparing_two_editions(asem, asem_framework, asem_data):
    from marsad.maturity import build, compare_editions

    geometric = build(
        asem_framework,
        asem_data,
        normalise={"method": "minmax", "low": 1, "high": 100},
        aggregate="geometric",
    )
    change = compare_editions(asem, geometric)
    assert change.codes[-1] == "Index" and len(change.units) == 51 and change.added_units == ()
    i, k = change.units.index("BGD"), change.codes.index("Index")
    assert change.score_before[i, k] == asem.score("BGD") and change.score_after[i, k] == geometric.score(
        "BGD"
    )
    assert change.rank_after[i, k] == geometric.rank("BGD")
    assert len(change.rows()) == 51 * len(change.codes)
