"""Moderators manage vocabularies without code changes; nobody deletes a term."""

import pytest

from marsad.vocab.models import Term
from tests.cast import make_entry

pytestmark = pytest.mark.django_db


def test_a_moderator_renames_a_label_in_one_language(cast, client):
    make_entry(cast, "published", technologies=["drones"])
    assert "Drones" in facet_labels(client)  # the list page has read (and kept) the labels
    client.force_login(cast.moderator)
    term = Term.objects.get(kind="technology", code="drones")
    data = {
        "kind": term.kind,
        "code": term.code,
        "label_ar": term.label_ar,
        "label_en": "Unmanned aerial systems",
        "label_fr": term.label_fr,
        "sort": term.sort,
        "active": "on",
        "description_ar": "",
        "description_en": "",
        "description_fr": "",
    }
    response = client.post(f"/en/admin/vocab/term/{term.pk}/change/", data)
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.label_en == "Unmanned aerial systems" and term.label_ar != ""
    assert "Unmanned aerial systems" in facet_labels(client)  # at once, not after the labels' maximum age


def facet_labels(client) -> set[str]:
    return {item["label"] for item in client.get("/en/entries/").context["facets"]["technology"]}


def test_a_moderator_adds_a_technology_tag(cast, client):
    client.force_login(cast.moderator)
    data = {
        "kind": "technology",
        "code": "edge-computing",
        "label_ar": "الحوسبة الطرفية",
        "label_en": "Edge computing",
        "label_fr": "Informatique en périphérie",
        "sort": 99,
        "active": "on",
        "description_ar": "",
        "description_en": "",
        "description_fr": "",
    }
    assert client.post("/en/admin/vocab/term/add/", data).status_code == 302
    assert Term.objects.of("technology").filter(code="edge-computing").exists()


def test_contributors_and_focal_points_cannot_edit_vocabularies(cast, client):
    term = Term.objects.get(kind="technology", code="drones")
    for user in (cast.contributor, cast.focal_sa):
        client.force_login(user)
        response = client.post(f"/en/admin/vocab/term/{term.pk}/change/", {"label_en": "Hacked"})
        assert response.status_code == 302 and "/login/" in response["Location"]
    term.refresh_from_db()
    assert term.label_en != "Hacked"


def test_terms_cannot_be_deleted(cast, client):
    client.force_login(cast.moderator)
    term = Term.objects.get(kind="technology", code="drones")
    assert client.post(f"/en/admin/vocab/term/{term.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Term.objects.filter(pk=term.pk).exists()
