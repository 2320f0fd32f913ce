"""Writing with a token: the workflow's rules and records, optimistic concurrency, problems with field lists."""

import pytest

from marsad.api.models import ApiToken
from marsad.initiatives.models import Entry, ReviewEvent, State
from tests.api.helpers import Api, fields_of, token_for
from tests.exchange.helpers import record

pytestmark = pytest.mark.django_db


def new_record(n: int = 1, **overrides):
    data = record(n, **overrides)
    return data


def test_a_contributor_creates_submits_and_a_focal_point_publishes(cast, client):
    contributor = Api(client, token_for(cast.contributor))
    response = contributor.post("/entries", new_record())
    assert response.status_code == 201, response.content
    assert response["Location"].endswith("/api/v1/entries/ai-skills-1")
    body = response.json()
    assert (body["id"], body["state"], body["revision"]) == ("ai-skills-1", "draft", 1)
    entry = Entry.objects.get()
    assert entry.organisation == cast.org_sa and entry.source.startswith("api:token:")

    assert contributor.post("/entries/ai-skills-1/submit").json()["state"] == "submitted"
    focal = Api(client, token_for(cast.focal_sa, ("review",)))
    assert focal.post("/entries/ai-skills-1/review", {"action": "start"}).json()["state"] == "in_review"
    assert focal.post("/entries/ai-skills-1/review", {"action": "publish"}).json()["state"] == "published"
    vias = list(ReviewEvent.objects.filter(entry=entry).order_by("id").values_list("via", flat=True))
    assert len(set(vias)) == 2 and all(v.startswith("api:token:") for v in vias)
    assert Api(client).get("/entries/ai-skills-1").json()["state"] == "published"


def test_field_errors_are_listed_in_the_requested_language(cast, client):
    body = new_record(start="2023-02-30", technologies=["telepathy"])
    english = Api(client, token_for(cast.contributor)).post("/entries", body)
    assert english.status_code == 422 and english["Content-Type"] == "application/problem+json"
    assert fields_of(english) == {
        "start": "This date does not exist.",
        "technologies": "Select a valid choice. telepathy is not one of the available choices.",
    }
    arabic = Api(client, token_for(cast.contributor), lang="ar").post("/entries?lang=ar", body)
    assert arabic["Content-Language"] == "ar" and set(fields_of(arabic)) == {"start", "technologies"}
    assert (
        "telepathy" in fields_of(arabic)["technologies"]
        and "valid choice" not in fields_of(arabic)["technologies"]
    )
    assert not Entry.objects.exists()


def test_wrong_json_types_are_422_with_paths(cast, client):
    api = Api(client, token_for(cast.contributor))
    response = api.post("/entries", {**new_record(), "title": {"en": 5}, "countries": "SA", "colour": 1})
    assert response.status_code == 422
    assert fields_of(response) == {
        "title.en": "Expected text.",
        "countries": "Expected a list.",
        "colour": "Unknown field; see the documented record format.",
    }
    assert api.post("/entries", raw=b'{"title": ').status_code == 400
    assert api.post("/entries", raw=b"[1, 2]").status_code == 422


def test_a_stale_update_is_409_and_loses_nothing(cast, client):
    api = Api(client, token_for(cast.contributor))
    api.post("/entries", new_record())
    first = api.put(
        "/entries/ai-skills-1", {**new_record(summary={"en": "Edited once.", "ar": "ع"}), "base_revision": 1}
    )
    assert first.status_code == 200 and first.json()["revision"] == 2
    stale = api.put(
        "/entries/ai-skills-1",
        {**new_record(summary={"en": "Edited from an old copy.", "ar": "ع"}), "base_revision": 1},
    )
    assert stale.status_code == 409 and stale.json()["current_revision"] == 2
    assert Entry.objects.get().latest_revision.summary_en == "Edited once."


def test_scopes_and_rights(cast, client):
    reader = Api(client, token_for(cast.contributor, ("read",)))
    assert reader.post("/entries", new_record()).status_code == 403
    outsider = Api(client, token_for(cast.contributor_ae))
    Api(client, token_for(cast.contributor)).post("/entries", new_record())
    assert outsider.post("/entries/ai-skills-1/submit").status_code == 404  # a draft is private
    assert Api(client).post("/entries", new_record(2)).status_code == 401
    assert Api(client, "msd_not-a-token").get("/entries").status_code == 401
    own_review = Api(client, token_for(cast.contributor)).post(
        "/entries/ai-skills-1/review", {"action": "publish"}
    )
    assert own_review.status_code in (403, 409)


def test_return_needs_a_comment(cast, client):
    Api(client, token_for(cast.contributor)).post("/entries", new_record())
    Api(client, token_for(cast.contributor)).post("/entries/ai-skills-1/submit")
    focal = Api(client, token_for(cast.focal_sa, ("review",)))
    response = focal.post("/entries/ai-skills-1/review", {"action": "return", "comment": " "})
    assert response.status_code == 422 and "comment" in fields_of(response)
    assert (
        focal.post("/entries/ai-skills-1/review", {"action": "return", "comment": "Add the source."}).json()[
            "state"
        ]
        == State.RETURNED
    )


def test_an_existing_id_is_a_conflict(cast, client):
    api = Api(client, token_for(cast.contributor))
    api.post("/entries", new_record())
    assert api.post("/entries", new_record()).status_code == 409


def test_what_a_client_reads_it_can_send_back_changed(cast, client):
    api = Api(client, token_for(cast.contributor))
    created = api.post("/entries", new_record())
    assert "fr" not in created.json()["summary"]  # languages not written are absent, not null
    read = api.get("/entries/ai-skills-1?revision=latest").json()
    read["summary"]["en"] = "Changed after reading."
    saved = api.put("/entries/ai-skills-1", {**read, "base_revision": read["revision"]})
    assert saved.status_code == 200, saved.content
    assert saved.json()["revision"] == 2 and saved.json()["summary"]["en"] == "Changed after reading."


def test_every_write_is_logged_with_its_token(cast, client):
    api = Api(client, token_for(cast.contributor))
    api.post("/entries", new_record())
    api.put("/entries/ai-skills-1", {**new_record(summary={"en": "Second.", "ar": "ع"}), "base_revision": 1})
    api.post("/entries/ai-skills-1/submit")
    token = ApiToken.objects.get()
    assert list(token.writes.order_by("id").values_list("action", "revision", "entry__slug")) == [
        ("create", 1, "ai-skills-1"),
        ("update", 2, "ai-skills-1"),
        ("submit", 2, "ai-skills-1"),
    ]
    api.put("/entries/ai-skills-1", {**new_record(), "base_revision": 1})  # refused: nothing logged
    assert token.writes.count() == 3
