"""What-if and gap analysis through the pages: the engine's answers, only real moves, plans that work."""

from urllib.parse import parse_qsl, urlparse

import pytest

from marsad import maturity as mi

pytestmark = pytest.mark.django_db
URL = "/en/index/countries/TUN/what-if/"


def outcome(sim, code):
    return next(o for o in sim.outcomes if o.code == code)


def test_the_page_lists_a_slider_per_movable_indicator(client, edition, reference):
    response = client.get(URL)
    assert response.status_code == 200
    sliders = response.context["sliders"]
    codes = [s.code for s in sliders]
    assert "IT.NET.BBND.P2" in codes and "IP.PAT.RESD" not in codes  # patents have no 2023 data
    broadband = next(s for s in sliders if s.code == "IT.NET.BBND.P2")
    assert broadband.low <= broadband.current <= broadband.high and not broadband.changed
    assert response.context["sim"].changed == 0


def test_a_move_gives_the_engines_scores_and_ranks(client, edition, reference):
    framework, dataset, result = reference
    response = client.get(URL, {"IT.NET.BBND.P2": "40"})
    sim = response.context["sim"]
    expected = mi.whatif(mi.WhatIfModel(result), "TUN", {"IT.NET.BBND.P2": 40.0})
    k = framework.position["DEI"]
    assert outcome(sim, "DEI").after == pytest.approx(expected.after[k])
    assert outcome(sim, "DEI").rank_after == expected.rank_after[k]
    assert outcome(sim, "CON").after > outcome(sim, "CON").before
    assert outcome(sim, "SKL").delta == pytest.approx(0.0)  # other pillars do not move
    assert sim.changed == 1


def test_unmoved_sliders_sent_by_the_form_are_not_changes(client, edition):
    sliders = client.get(URL).context["sliders"]
    params = {s.code: f"{s.current:.6g}" for s in sliders}
    sim = client.get(URL, params).context["sim"]
    assert sim.changed == 0
    assert all(o.delta == pytest.approx(0.0, abs=1e-6) for o in sim.outcomes)


def test_bad_values_are_reported_not_crashed_on(client, edition):
    response = client.get(URL, {"IT.NET.BBND.P2": "lots", "NOT.AN.INDICATOR": "3"})
    assert response.status_code == 200
    assert response.context["errors"] == [
        "Fixed broadband subscriptions (per 100 people): “lots” is not a number"
    ]
    assert client.get(URL, {"IT.NET.BBND.P2": "inf"}).context["errors"]


def test_arabic_digits_are_accepted_and_htmx_gets_the_result_only(client, edition):
    response = client.get(
        "/ar/index/countries/TUN/what-if/", {"IT.NET.BBND.P2": "٤٠"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body and 'id="whatif-table"' in body
    assert response.context["sim"].changed == 1


def test_gap_to_the_next_stage_is_a_plan_that_reaches_it(client, edition, reference):
    response = client.get("/en/index/countries/TUN/gap/")
    plan = response.context["plan"]
    framework, _, result = reference
    assert plan.target_name == "Developing" and plan.target == 35.0
    assert plan.current == pytest.approx(result.score("TUN")) and plan.reached
    query = dict(parse_qsl(urlparse(response.context["plan_query"]).query))
    assert query and set(query) <= set(framework.indicators)
    applied = client.get(URL, query).context["sim"]
    assert outcome(applied, "DEI").after >= plan.target - 0.05  # the plan's raw values, rounded to 6 digits


def test_gap_to_a_country_and_a_balanced_plan(client, edition, reference):
    response = client.get("/en/index/countries/TUN/gap/", {"target": "mar", "strategy": "balanced"})
    plan = response.context["plan"]
    assert plan.target_name == "Morocco" and plan.current >= plan.target  # Tunisia already scores higher
    up = client.get("/en/index/countries/TUN/gap/", {"target": "ARE"}, HTTP_HX_REQUEST="true")
    assert up.context["plan"].target == pytest.approx(reference[2].score("ARE"))
    assert "<html" not in up.content.decode()
    assert client.get("/en/index/countries/TUN/gap/", {"target": "nowhere"}).context["error"]
