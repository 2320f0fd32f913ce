"""Search in the pages: highlighted results in the visitor's language, htmx fragments, no-hit help, bad input,
similar initiatives on the entry page, and the functions the import calls."""

import pytest
from django.urls import reverse

from marsad.search.similar import similar_entries, suspected_duplicates
from tests.cast import make_entry

pytestmark = pytest.mark.django_db

LIST = "/en/entries/"  # English labels; the Arabic page has its own tests below


@pytest.fixture
def entries(cast):
    return {
        "ai": make_entry(
            cast,
            "published",
            title_en="National artificial intelligence platform",
            summary_en="Government services powered by artificial intelligence",
            title_ar="المنصة الوطنية للذكاء الاصطناعي",
            summary_ar="خدمات حكومية تعمل بالذكاء الاصطناعي",
            technologies=["ai"],
        ),
        "ai_ae": make_entry(
            cast,
            "published",
            org=cast.org_ae,
            countries=["AE"],
            title_en="Artificial intelligence in Emirati schools",
            summary_en="Teachers use artificial intelligence tutors",
            title_ar="",
            summary_ar="",
            technologies=["ai"],
        ),
        "water": make_entry(
            cast,
            "published",
            title_en="Smart water meters",
            summary_en="Internet of things sensors for irrigation",
            title_ar="",
            summary_ar="",
            technologies=["iot"],
            action_lines=["C7.7"],
        ),
    }


def test_results_mark_the_matching_words_in_the_visitors_language(client, entries):
    body = client.get("/ar/entries/", {"q": "artificial intelligence"}).content.decode()
    assert "<mark>للذكاء</mark> <mark>الاصطناعي</mark>" in body  # the Arabic title, found in English
    body = client.get("/en/entries/", {"q": "الذكاء الاصطناعي"}).content.decode()
    assert "<mark>artificial</mark> <mark>intelligence</mark>" in body


def test_htmx_search_returns_the_fragment_with_counts(client, entries):
    response = client.get(LIST, {"q": "artificial intelligence"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and 'id="results"' in body
    technology = {i["code"]: i["count"] for i in response.context["facets"]["technology"]}
    assert technology == {"ai": 2}


def test_relevance_is_the_default_order_of_a_search_and_date_can_be_chosen(client, entries):
    response = client.get(LIST, {"q": "artificial intelligence"})
    assert response.context["query"].effective_sort == "relevance"
    body = response.content.decode()
    assert 'data-sort="recent"' in body and 'aria-current="true">relevance' in body
    response = client.get(LIST, {"q": "artificial intelligence", "sort": "recent"})
    assert [r.entry_id for r in response.context["page"].object_list] == [
        entries["ai_ae"].pk,
        entries["ai"].pk,
    ]


def test_no_hit_page_offers_to_remove_a_filter(client, entries):
    response = client.get(LIST, {"q": "irrigation", "technology": "ai"})
    body = response.content.decode()
    assert response.context["page"].paginator.count == 0
    assert response.context["relax"][0]["count"] == 1
    assert f'href="?{response.context["relax"][0]["href"]}"' in body.replace("&amp;", "&")
    assert "technology" not in response.context["relax"][0]["href"]


def test_no_hit_page_suggests_a_spelling(client, entries):
    response = client.get(LIST, {"q": "irigation"})
    assert response.context["suggestion"]["q"] == "irrigation"
    assert "data-suggestion" in response.content.decode()


@pytest.mark.parametrize(
    "q",
    [
        "",
        "   ",
        "x" * 10_000,
        "!!! ??? ،؛ ...",
        '"unclosed phrase',
        "NEAR(a b) title:x ^start * (",
        "'; DROP TABLE search_document; --",
        "1 OR 1=1 /* */",
        "\u202eoverride\u202c",
        "OR OR -",
    ],
)
def test_bad_input_never_fails(client, entries, q):
    response = client.get(LIST, {"q": q})
    assert response.status_code == 200
    body = response.content.decode().lower()
    assert "syntax" not in body and "traceback" not in body


def test_a_lone_surrogate_in_the_url_is_harmless(client, entries):
    assert client.get(LIST + "?q=%ED%A0%80%22%2A").status_code == 200
    assert client.get(LIST + "?q=%FF%FE").status_code == 200


def test_entry_page_shows_similar_initiatives_but_not_itself(client, entries):
    response = client.get(reverse("initiatives:detail", args=[entries["ai"].slug]))
    similar = [r.entry_id for r in response.context["similar"]]
    assert similar[0] == entries["ai_ae"].pk and entries["ai"].pk not in similar
    assert "Similar initiatives" in response.content.decode()


def test_similar_entries_cross_languages(cast, entries):
    arabic_only = make_entry(
        cast,
        "published",
        title_en="",
        summary_en="",
        title_ar="عدادات المياه الذكية",
        summary_ar="أجهزة استشعار إنترنت الأشياء للري",
        technologies=["iot"],
    )
    assert [r.entry_id for r in similar_entries(arabic_only, 2)][0] == entries["water"].pk


def test_suspected_duplicates_of_a_record_in_another_language(entries):
    suspects = suspected_duplicates({"title_ar": "المنصة الوطنية للذكاء الاصطناعي", "summary_ar": "نص"})
    assert suspects[0].entry_id == entries["ai"].pk and suspects[0].score == 1.0
    assert suspected_duplicates({"title_en": "Rural postal banking"}) == []
