"""Reading without a token: filters, full-text query, cursor pages, fields=, ETag, language, reference data."""

import pytest
from django.core.cache import cache

from marsad.initiatives import workflow
from tests.api.helpers import Api, token_for
from tests.cast import make_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(cast):
    """Five published entries, the last published first: e4 … e0."""
    entries = []
    for n in range(5):
        overrides = {"title_en": f"Programme {n}", "start": str(2020 + n)}
        if n % 2:
            overrides.update(countries=["AE"], technologies=["blockchain"])
        entries.append(
            make_entry(cast, "published", org=cast.org_sa if n % 2 == 0 else cast.org_ae, **overrides)
        )
    return entries


def ids(response) -> list[str]:
    return [item["id"] for item in response.json()["results"]]


def test_filters_combine_like_the_list_page(client, published):
    api = Api(client)
    assert api.get("/entries").json()["count"] == 5
    assert ids(api.get("/entries?country=AE")) == [published[3].slug, published[1].slug]
    assert len(ids(api.get("/entries?country=AE&country=SA"))) == 5
    assert ids(api.get("/entries?technology=blockchain&year=2021")) == [published[1].slug]
    assert api.get("/entries?technology=telepathy").json() == {"count": 0, "next": None, "results": []}


def test_full_text_query_finds_entries(client, published):
    found = Api(client).get("/entries?q=programme&sort=title").json()
    assert found["count"] == 5 and ids_from(found) == [e.slug for e in published]


def ids_from(body: dict) -> list[str]:
    return [item["id"] for item in body["results"]]


def test_cursor_pages_do_not_shift_when_entries_are_published(cast, client, published):
    api = Api(client)
    first = api.get("/entries?limit=2").json()
    assert ids_from(first) == [published[4].slug, published[3].slug] and first["next"]
    make_entry(cast, "published", title_en="Newcomer")  # published between two page requests
    second = api.get(first["next"].removeprefix("http://testserver/api/v1")).json()
    assert ids_from(second) == [published[2].slug, published[1].slug]
    third = api.get(second["next"].removeprefix("http://testserver/api/v1")).json()
    assert ids_from(third) == [published[0].slug] and third["next"] is None


def test_ranked_pages_and_bad_cursors(client, published):
    api = Api(client)
    first = api.get("/entries?sort=title&limit=3").json()
    rest = api.get(first["next"].removeprefix("http://testserver/api/v1")).json()
    assert ids_from(first) + ids_from(rest) == [e.slug for e in published]
    assert api.get("/entries?cursor=not-a-cursor").status_code == 400
    other = api.get("/entries?country=SA&cursor=" + first["next"].split("cursor=")[1])
    assert other.status_code == 400 and "another query" in other.json()["title"]


def test_fields_selects_keys(client, published):
    api = Api(client)
    item = api.get("/entries?fields=title,countries&limit=1").json()["results"][0]
    assert set(item) == {"id", "title", "countries"}
    bad = api.get("/entries?fields=title,secret")
    assert bad.status_code == 400 and "secret" in bad.json()["detail"]


def test_etag_and_not_modified(client, published):
    api = Api(client)
    response = api.get(f"/entries/{published[0].slug}")
    etag = response["ETag"]
    assert response["Cache-Control"] == "public, max-age=60" and "Accept-Language" in response["Vary"]
    again = api.get(f"/entries/{published[0].slug}", **{"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    workflow.save_revision(
        published[0].created_by, published[0], published[0].published_revision and _data(published[0])
    )
    assert (
        api.get(f"/entries/{published[0].slug}", **{"If-None-Match": etag}).status_code == 304
    )  # still the published one


def _data(entry):
    from tests.cast import entry_data

    return entry_data(entry.organisation, title_en="Draft title")


def test_language_of_labels_and_messages(client, published):
    arabic = Api(client, lang="ar").get("/vocabularies/technology").json()
    assert {t["code"]: t["label"] for t in arabic["terms"]}["ai"] == "الذكاء الاصطناعي"
    english = Api(client, lang="ar").get("/vocabularies/technology?lang=en")
    assert (
        english["Content-Language"] == "en"
        and {t["code"]: t["label"] for t in english.json()["terms"]}["ai"] == "Artificial intelligence"
    )
    missing = Api(client, lang="ar").get("/entries/nothing-here")
    assert missing.status_code == 404 and missing["Content-Language"] == "ar"


def test_unpublished_and_withdrawn_entries(cast, client):
    draft = make_entry(cast, "draft")
    withdrawn = make_entry(cast, "withdrawn", title_en="Ended")
    assert Api(client).get(f"/entries/{draft.slug}").status_code == 404
    member = Api(client, token_for(cast.colleague, ("read",)))
    assert member.get(f"/entries/{draft.slug}").json()["state"] == "draft"
    gone = Api(client).get(f"/entries/{withdrawn.slug}")
    assert gone.status_code == 410 and gone.json()["detail"] == "ended"


def test_statistics_by_two_facets(client, published):
    body = Api(client).get("/statistics?by=country&by=technology").json()
    counts = {(row["country"], row["technology"]): row["count"] for row in body["rows"]}
    assert body["total"] == 5
    assert counts[("SA", "ai")] == 3 and counts[("AE", "blockchain")] == 2 and ("AE", "ai") not in counts
    assert body["labels"]["country"]["AE"] == "United Arab Emirates"
    assert Api(client).get("/statistics?by=country&by=sdg&by=year").status_code == 400


def test_countries_with_memberships(client, db):
    tunisia = Api(client).get("/countries/tn").json()
    assert tunisia["alpha3"] == "TUN" and {"LAS", "AICTO"} <= set(tunisia["groups"])
    assert Api(client).get("/countries/XX").status_code == 404


def test_similar_entries_share_topics(client, published):
    similar = Api(client).get(f"/entries/{published[1].slug}/similar").json()
    assert similar and similar[0]["id"] == published[3].slug
    assert published[1].slug not in [s["id"] for s in similar]


def test_rate_limit_per_address(client, settings, published):
    cache.clear()
    settings.MARSAD_API_RATE_ANON = "3/60"
    api = Api(client)
    assert [api.get("/countries/TN").status_code for _ in range(4)] == [200, 200, 200, 429]
    limited = api.get("/countries/TN")
    assert int(limited["Retry-After"]) >= 1 and limited["Content-Type"] == "application/problem+json"
    settings.MARSAD_API_RATE_TOKEN = "5/60"
    assert Api(client, token_for(published[0].created_by)).get("/countries/TN").status_code == 200
    cache.clear()


def test_a_forged_forwarded_for_does_not_escape_the_limit(client, settings, db):
    cache.clear()
    settings.MARSAD_API_RATE_ANON = "2/60"
    statuses = [
        client.get("/api/v1/countries/TN", headers={"X-Forwarded-For": f"10.0.0.{n}"}).status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]
    cache.clear()


def test_rate_limit_per_token(cast, client, settings, db):
    cache.clear()
    settings.MARSAD_API_RATE_TOKEN, settings.MARSAD_API_RATE_ANON = "2/60", "100/60"
    first, second = Api(client, token_for(cast.contributor)), Api(client, token_for(cast.contributor))
    assert [first.get("/countries/TN").status_code for _ in range(3)] == [200, 200, 429]
    assert second.get("/countries/TN").status_code == 200  # another token, same address: its own count
    assert Api(client).get("/countries/TN").status_code == 200  # and without a token, the address's
    cache.clear()


def test_guessing_tokens_is_rate_limited_too(client, settings, db):
    cache.clear()
    settings.MARSAD_API_RATE_ANON = "3/60"
    statuses = [Api(client, f"msd_guess{n}").get("/me").status_code for n in range(4)]
    assert statuses == [401, 401, 401, 429]
    assert int(Api(client, "msd_guess").get("/me")["Retry-After"]) >= 1
    cache.clear()
