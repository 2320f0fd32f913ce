"""The token's own view: me, my organisations' entries, my review queue, and file imports over the API."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from marsad.initiatives.models import Entry
from tests.api.helpers import API, Api, token_for
from tests.cast import make_entry
from tests.exchange.helpers import csv_bytes, record

pytestmark = pytest.mark.django_db


def test_me_and_my_entries_in_every_state(cast, client):
    draft, published = make_entry(cast, "draft"), make_entry(cast, "published", title_en="Live")
    make_entry(cast, "draft", org=cast.org_ae)
    api = Api(client, token_for(cast.colleague, ("read",)))
    me = api.get("/me").json()
    assert me["email"] == "colleague@example.org" and [o["country"] for o in me["organisations"]] == ["SA"]
    mine = api.get("/me/entries").json()
    assert mine["count"] == 2 and {e["id"]: e["state"] for e in mine["results"]} == {
        draft.slug: "draft",
        published.slug: "published",
    }
    assert Api(client, token_for(cast.colleague, ("write",))).get("/me/entries").status_code == 403


def test_the_review_queue_follows_the_review_rules(cast, client):
    saudi, emirati = (
        make_entry(cast, "submitted"),
        make_entry(cast, "submitted", org=cast.org_ae, countries=["AE"]),
    )
    focal = Api(client, token_for(cast.focal_sa, ("review",))).get("/review/queue").json()
    assert [e["id"] for e in focal["results"]] == [saudi.slug]
    moderator = Api(client, token_for(cast.moderator, ("review",))).get("/review/queue").json()
    assert {e["id"] for e in moderator["results"]} == {saudi.slug, emirati.slug}


def upload(client, token: str, content: bytes, query: str = "dry_run=true", name: str = "entries.csv"):
    return client.post(
        f"{API}/imports?{query}",
        {"file": SimpleUploadedFile(name, content, content_type="text/csv")},
        headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"},
    )


def test_import_a_file_over_the_api(cast, client):
    token = token_for(cast.contributor)
    dry = upload(client, token, csv_bytes([record(1), record(2)])).json()
    assert dry["ok"] and not dry["committed"] and dry["counts"]["new"] == 2 and not Entry.objects.exists()
    done = upload(client, token, csv_bytes([record(1), record(2)]), "dry_run=false").json()
    assert done["committed"] and Entry.objects.filter(state="submitted").count() == 2
    bad = upload(client, token, csv_bytes([record(3, start="soon")]), "dry_run=false").json()
    assert not bad["committed"] and bad["rows"][0]["problems"][0]["field"] == "start"


def test_an_oversized_upload_is_413(cast, client, settings):
    settings.MARSAD_IMPORT_MAX_MB = 1
    response = upload(client, token_for(cast.contributor), b"x" * (1024 * 1024 + 1))
    assert response.status_code == 413 and response["Content-Type"] == "application/problem+json"


def test_import_needs_the_write_scope(cast, client):
    assert upload(client, token_for(cast.contributor, ("read",)), csv_bytes([record(1)])).status_code == 403
