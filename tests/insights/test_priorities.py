"""Priorities: a country's weakest pillars, the region's published initiatives that address them (through
action lines and technologies), and the region's strongest countries there."""

import numpy as np
import pytest

from marsad.insights import places, priorities
from tests.cast import make_entry

pytestmark = pytest.mark.django_db


def weakest_pillars(reference, unit: str, group: str) -> list[str]:
    framework, _, result = reference
    peers = sorted(places.members(group) & set(result.units) - {unit})
    z = {}
    for code in framework.aggregates:
        if framework.heights[framework.position[code]] != 2:
            continue
        values = np.array([result.score(u, code) for u in peers])
        values = values[~np.isnan(values)]
        z[code] = (result.score(unit, code) - values.mean()) / values.std(ddof=1)
    return sorted(z, key=z.get)[:3]


def test_weakest_pillars_with_regional_initiatives_and_leaders(client, cast, edition, reference):
    weakest = weakest_pillars(reference, "TUN", "LAS")
    links = edition.links["pillars"][weakest[0]]
    line = links["action_lines"][0]
    in_region = make_entry(
        cast, "published", title_en="Regional work on the weak pillar", action_lines=[line]
    )
    make_entry(cast, "draft", title_en="Unpublished draft on it", action_lines=[line])
    make_entry(cast, "published", title_en="Outside the region", action_lines=[line], countries=["FR"])
    make_entry(cast, "published", title_en="Unrelated", action_lines=["C9"], technologies=["ar-vr"])

    response = client.get("/en/index/countries/TUN/priorities/")
    assert response.status_code == 200
    found = response.context["priorities"]
    assert [p.code for p in found] == weakest
    first = found[0]
    titles = {r.title_en for r in first.initiatives}
    assert titles == {"Regional work on the weak pillar"} and first.total == 1
    assert in_region.get_absolute_url() in response.content.decode()
    leaders = first.leaders
    region = priorities.region_units()
    assert leaders and all(c.unit in region and c.unit != "TUN" for c in leaders)
    assert [c.rank for c in leaders] == sorted(c.rank for c in leaders)
    # the one published regional entry covers Saudi Arabia: each leader counts the entries covering it
    assert {c.unit: c.initiatives for c in leaders} == {c.unit: int(c.unit == "SAU") for c in leaders}


def test_the_arabic_page_and_another_peer_group(client, edition):
    response = client.get("/ar/index/countries/TUN/priorities/", {"peers": "M49-002"})
    assert response.status_code == 200 and 'dir="rtl"' in response.content.decode()
    assert response.context["p"].peers == "M49-002"
    assert len(response.context["priorities"]) == 3
