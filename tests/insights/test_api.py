"""The index's API router, mounted on a NinjaAPI of the test's own (the API module mounts it the same way)."""

import pytest
from django.test import override_settings
from django.urls import path
from ninja import NinjaAPI
from ninja.testing import TestClient

from marsad import maturity as mi
from marsad.insights.api import router

pytestmark = pytest.mark.django_db

api = NinjaAPI(urls_namespace="insights-test-api")
api.add_router("/index/", router)
urlpatterns = [path("api/v1/", api.urls)]


@pytest.fixture
def http(edition):
    return TestClient(router)


def test_editions_and_one_edition(http, edition):
    listing = http.get("/editions").json()
    assert [e["number"] for e in listing] == [1] and listing[0]["year"] == 2023
    detail = http.get("/editions/1?lang=ar").json()
    codes = {n["code"]: n for n in detail["nodes"]}
    assert codes["CON"]["name"] == "الاتصال والبنية التحتية"
    assert sum(n["effective_weight"] for n in detail["nodes"] if n["level"] == 1) == pytest.approx(1.0)
    assert {p["code"] for p in detail["planned"]} == {"TRU", "DTR", "ADO", "GOV"}
    assert http.get("/editions/9").status_code == 404


def test_scores_of_a_group(http, edition, reference):
    rows = http.get("/scores?code=DEI&group=GCC").json()
    sau = next(r for r in rows if r["unit"] == "SAU")
    assert sau["score"] == pytest.approx(reference[2].score("SAU")) and sau["rank"] == reference[2].rank(
        "SAU"
    )
    assert sau["country"] == "Saudi Arabia" and sau["rank_low"] <= sau["rank_high"]
    assert len(rows) == 6
    assert http.get("/scores?code=NOPE").status_code == 404
    assert http.get("/scores?code=DEI&lang=de").status_code == 422


def test_profile(http, edition, reference):
    p = http.get("/countries/tun/profile?peers=LAS").json()
    assert p["unit"] == "TUN" and p["lines"][0]["code"] == "DEI"
    assert p["lines"][0]["score"] == pytest.approx(reference[2].score("TUN"))
    assert {i["code"] for i in p["indicators"]} >= {"IT.NET.BBND.P2", "SL.UEM.TOTL.ZS"}
    assert p["weaknesses"] and all(w["z"] < 0 for w in p["weaknesses"])
    assert http.get("/countries/XXX/profile").status_code == 404


def test_whatif_and_gap(http, edition, reference):
    answer = http.post("/countries/TUN/whatif", json={"changes": {"IT.NET.BBND.P2": 40}})
    assert answer.status_code == 200
    expected = mi.whatif(mi.WhatIfModel(reference[2]), "TUN", {"IT.NET.BBND.P2": 40.0})
    dei = next(o for o in answer.json()["outcomes"] if o["code"] == "DEI")
    assert dei["after"] == pytest.approx(expected.after[reference[0].position["DEI"]])
    bad = http.post("/countries/TUN/whatif", json={"changes": {"NOPE": 1}})
    assert bad.status_code == 422 and "unknown indicator" in bad.json()["detail"]
    assert http.post("/countries/TUN/whatif", json={"changes": {"IT.NET.BBND.P2": "x"}}).status_code == 422
    plan = http.get("/countries/TUN/gap?target=developing").json()
    assert plan["reached"] and plan["achieved"] >= plan["target_score"] - 1e-6 and plan["steps"]
    assert http.get("/countries/TUN/gap?target=ARE&strategy=odd").status_code == 422


@override_settings(ROOT_URLCONF=__name__)
def test_openapi_documents_the_index_paths(client, edition):
    schema = client.get("/api/v1/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/api/v1/index/editions",
        "/api/v1/index/scores",
        "/api/v1/index/countries/{unit}/profile",
        "/api/v1/index/countries/{unit}/whatif",
        "/api/v1/index/countries/{unit}/gap",
    } <= paths
    assert client.get("/api/v1/index/scores?code=DEI&group=GCC").status_code == 200
