"""Public pages in Arabic and English: home, list with combined filters and counts, topic pages, entry page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marsad.initiatives.filters import EntryQuery
from tests.cast import make_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(cast):
    return {
        "sa_ai": make_entry(
            cast, "published", title_en="Saudi AI academy", technologies=["ai"], action_lines=["C4"]
        ),
        "sa_iot": make_entry(
            cast,
            "published",
            title_en="Saudi water IoT",
            technologies=["iot"],
            action_lines=["C7.6"],
            start="2019",
        ),
        "ae_ai": make_entry(
            cast,
            "published",
            org=cast.org_ae,
            countries=["AE"],
            title_en="Emirati AI health",
            technologies=["ai", "ai-ml"],
            action_lines=["C7.4"],
        ),
        "draft": make_entry(cast, "draft", title_en="Unpublished draft"),
    }


def titles(response) -> set[str]:
    return {r.title_en for r in response.context["page"].object_list}


def test_home_counts_only_published_entries(client, published):
    response = client.get("/ar/")
    assert response.status_code == 200
    assert response.context["total"] == 3
    assert 'dir="rtl"' in response.content.decode() and 'lang="ar"' in response.content.decode()


def test_english_home_is_left_to_right(client, published):
    body = client.get("/en/").content.decode()
    assert 'dir="ltr"' in body and "Saudi AI academy" in body


def test_filters_combine_across_facets_and_or_within_one(client, published):
    url = reverse("initiatives:list")
    assert titles(client.get(url, {"technology": "ai"})) == {"Saudi AI academy", "Emirati AI health"}
    assert titles(client.get(url, {"technology": "ai", "country": "SA"})) == {"Saudi AI academy"}
    assert titles(client.get(url + "?country=SA&country=AE&technology=iot")) == {"Saudi water IoT"}
    assert titles(client.get(url, {"year": "2019"})) == {"Saudi water IoT"}


def test_facet_counts_apply_the_other_filters(client, published):
    facets = client.get(reverse("initiatives:list"), {"country": "SA"}).context["facets"]
    tech = {i["code"]: i["count"] for i in facets["technology"]}
    countries = {i["code"]: i["count"] for i in facets["country"]}
    assert tech == {"ai": 1, "iot": 1}
    assert countries == {"SA": 2, "AE": 1}  # the country facet ignores its own filter


def test_a_filtered_url_reproduces_the_same_results(client, published):
    first = client.get(reverse("initiatives:list"), {"technology": "ai"})
    link = next(i["href"] for i in first.context["facets"]["country"] if i["code"] == "AE")
    assert titles(client.get(reverse("initiatives:list") + link)) == {"Emirati AI health"}


def test_htmx_requests_get_only_the_results_fragment(client, published):
    response = client.get(reverse("initiatives:list"), {"technology": "ai"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'id="results"' in body and "<html" not in body


def test_bad_filter_values_give_an_empty_list_not_an_error(client, published):
    response = client.get(
        reverse("initiatives:list"), {"year": "20x9", "country": "'; DROP TABLE", "sort": "evil"}
    )
    assert response.status_code == 200
    assert titles(response) == set()


def test_country_action_line_and_technology_pages(client, published):
    assert titles(client.get("/en/countries/AE/")) == {"Emirati AI health"}
    assert titles(client.get("/en/action-lines/C7.4/")) == {"Emirati AI health"}
    assert titles(client.get("/en/technologies/iot/")) == {"Saudi water IoT"}
    assert client.get("/en/countries/ZZ/").status_code == 404


def test_entry_page_falls_back_visibly_to_the_available_language(cast, client):
    entry = make_entry(cast, "published", title_ar="", summary_ar="", title_en="Only in English")
    body = client.get(f"/ar/entries/{entry.slug}/").content.decode()
    assert "Only in English" in body and 'class="fallback"' in body and 'lang="en"' in body


def test_links_on_an_entry_page_are_nofollow(client, published):
    body = client.get(f"/en/entries/{published['sa_ai'].slug}/").content.decode()
    assert 'href="https://example.org/programme" rel="noopener nofollow"' in body


def test_withdrawn_entry_says_so_with_its_reason(cast, client):
    entry = make_entry(cast, "withdrawn")
    response = client.get(f"/en/entries/{entry.slug}/")
    assert response.status_code == 410 and "ended" in response.content.decode()
    assert client.get(reverse("initiatives:list")).context["page"].paginator.count == 0


def test_demo_notice_in_footer(client, published):
    assert "Demo data" in client.get("/en/").content.decode()


def test_facet_links_switch_one_value_and_keep_everything_else():
    query = EntryQuery({"country": ["SA", "AE"], "technology": ["ai"]}, "الذكاء الاصطناعي", "title")
    tail = "q=%D8%A7%D9%84%D8%B0%D9%83%D8%A7%D8%A1+%D8%A7%D9%84%D8%A7%D8%B5%D8%B7%D9%86%D8%A7%D8%B9%D9%8A&sort=title"
    assert query.toggled("country", "SA") == f"country=AE&technology=ai&{tail}"
    assert query.toggled("country", "TN") == f"country=SA&country=AE&country=TN&technology=ai&{tail}"
    assert query.toggled("technology", "ai") == f"country=SA&country=AE&{tail}"
    assert query.toggled("year", "2024") == f"country=SA&country=AE&technology=ai&year=2024&{tail}"
    assert query.toggled() == f"country=SA&country=AE&technology=ai&{tail}"
    assert EntryQuery({}, "", "").toggled("sdg", "SDG4") == "sdg=SDG4"
    assert EntryQuery({}, "", "").toggled() == ""


def test_the_list_page_reads_a_fixed_number_of_queries_whatever_the_hits(cast, client):
    """Twenty cards and their countries come from one query and one prefetch, not one query per card."""

    def queries(path: str) -> int:
        client.get(path)  # the first visit fills the per-process catalogue and labels
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    make_entry(cast, "published", title_en="Smart port one", countries=["SA", "AE"])
    few = queries("/en/entries/?q=smart+port")
    for n in range(12):
        make_entry(cast, "published", title_en=f"Smart port {n}", countries=["SA", "AE", "TN"])
    assert queries("/en/entries/?q=smart+port") == few
