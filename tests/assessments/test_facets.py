"""Risk tier and impact level as list facets: counts, filters, the same answer from the engine and from SQL, and
an index that follows an assessment change once it is published."""

import numpy as np
import pytest
from django.http import QueryDict

from marsad.assessments import services
from marsad.initiatives import workflow
from marsad.initiatives.filters import EntryQuery
from marsad.search import indexer
from marsad.search.facets import FacetBitmaps, pack
from tests.api.helpers import Api
from tests.cast import make_entry

from .answers import EU_BASELINE, changed, complete_impact, high_risk_eu

pytestmark = pytest.mark.django_db

SEVERE = {
    "public_service": "yes",
    "automation": "decides",
    "reversibility": "irreversible",
    "duration": "permanent",
    "rights_freedoms": "very_high",
    "equality_dignity_privacy": "very_high",
    "health_wellbeing": "very_high",
    "economic_interests": "very_high",
    "wrong_decision": "very_high",
    "decision_areas": ["health", "justice_security"],
    "vulnerable_groups": ["children"],
    "people_affected": "over_1000000",
}


def publish(cast, entry, eu, impact):
    services.save_answers(cast.contributor, entry, "eu_ai_act", 1, eu)
    services.save_answers(cast.contributor, entry, "impact_assessment", 1, impact)
    workflow.submit(cast.contributor, entry)
    workflow.publish(cast.moderator, entry)
    entry.refresh_from_db()
    return entry


def counts(query: str = "") -> dict:
    found = EntryQuery.from_params(QueryDict(query)).facet_counts()
    return {param: {i["code"]: i["count"] for i in found[param]} for param in ("risk_tier", "impact_level")}


@pytest.fixture
def published(cast):
    chatbot = changed(EU_BASELINE, interacts_with_people="yes", interaction_obvious="no")
    return [
        publish(cast, make_entry(cast, title_en="Hiring screen"), high_risk_eu(), complete_impact(**SEVERE)),
        publish(cast, make_entry(cast, title_en="Chatbot"), chatbot, complete_impact()),
        publish(cast, make_entry(cast, title_en="Sorting mail"), EU_BASELINE, complete_impact()),
        make_entry(cast, "published", title_en="AI entry never assessed"),
    ]


def test_facets_count_tiers_and_levels_of_published_entries(published):
    assert counts() == {
        "risk_tier": {"high_risk": 1, "transparency": 1, "minimal": 1},
        "impact_level": {"I": 2, "II": 1},
    }


def test_filters_combine_with_the_other_facets(published):
    query = EntryQuery.from_params(QueryDict("risk_tier=high_risk&risk_tier=transparency&impact_level=I"))
    assert [r.title.text for r in query.results()] == ["Chatbot"]
    assert counts("impact_level=II") == {"risk_tier": {"high_risk": 1}, "impact_level": {"I": 2, "II": 1}}


def test_engine_and_sql_give_the_same_counts(published):
    for params in ("", "risk_tier=minimal", "impact_level=I&technology=ai"):
        query = EntryQuery.from_params(QueryDict(params))
        assert query.sql_facet_counts() == {p: dict(c) for p, c in query.outcome.counts.items()}
        assert {r.pk for r in query.queryset()} == {r.pk for r in query.results()}


def test_labels_come_in_the_visitors_language(published, client):
    page = client.get("/ar/entries/").content.decode()
    assert 'data-facet="risk_tier" data-code="high_risk"' in page and "عالي المخاطر" in page
    assert "فئة مخاطر الذكاء الاصطناعي" in page
    english = client.get("/en/entries/?risk_tier=nonsense").content.decode()
    assert 'data-code="nonsense"' not in english  # a code typed into the URL is not offered


def test_the_api_filters_and_counts_by_tier_and_level(published, client):
    api = Api(client, lang="ar")
    found = api.get("/entries?risk_tier=high_risk&risk_tier=transparency&impact_level=I").json()
    assert [item["id"] for item in found["results"]] == [published[1].slug]
    body = api.get("/statistics?by=risk_tier&by=impact_level").json()
    assert {(r["risk_tier"], r["impact_level"]): r["count"] for r in body["rows"]} == {
        ("high_risk", "II"): 1,
        ("transparency", "I"): 1,
        ("minimal", "I"): 1,
    }
    assert body["labels"]["risk_tier"]["high_risk"] == "عالي المخاطر"
    assert api.get("/statistics?by=risk_tier&by=colour").status_code == 400


def test_the_index_follows_an_assessment_change_once_it_is_published(cast, published):
    chatbot = published[1]
    services.save_answers(cast.contributor, chatbot, "eu_ai_act", 1, high_risk_eu())
    assert counts()["risk_tier"] == {"high_risk": 1, "transparency": 1, "minimal": 1}  # still under review
    workflow.submit(cast.contributor, chatbot)
    workflow.publish(cast.moderator, chatbot)
    assert counts()["risk_tier"] == {"high_risk": 2, "minimal": 1}
    assert indexer.verify() == []


def test_a_facet_value_first_seen_in_an_incremental_update_is_counted():
    """`FacetBitmaps.set` once indexed the array it had just replaced when a value was new (IndexError): the
    list page crashed after publishing the first entry with a new risk tier, technology or country."""
    bitmaps = FacetBitmaps(1)
    bitmaps.set(0, ["high_risk"])
    bitmaps.set(1, ["minimal", "transparency"])
    assert bitmaps.counts(pack(np.array([True, True]), 1)) == {
        "high_risk": 1,
        "minimal": 1,
        "transparency": 1,
    }
