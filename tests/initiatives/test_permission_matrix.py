"""Every role × every action on an entry of org_sa covering Saudi Arabia, through the real URLs.

Roles relate to the entry as: contributor = own organisation, contributor_ae = other organisation,
focal_sa = own country, focal_ae = other country. Refusals are 403 where the entry is visible to the
person (published, or theirs to review) and 404 where its very existence is private (an unpublished
entry seen by strangers); never a 500. Anonymous visitors are sent to sign in (302).
"""

import pytest
from django.urls import reverse

from marsad.initiatives.models import Entry, State
from tests.cast import form_data, make_entry

ROLES = ("anonymous", "outsider", "contributor", "contributor_ae", "focal_sa", "focal_ae", "moderator")

# fmt: off
# action: entry state, method, url name, POST data, expected status per role, in ROLES order:
# (anonymous, outsider, own organisation, other organisation, own-country focal point, other-country one, moderator)
MATRIX = {
    "see unpublished page":        ("draft", "get", "detail", None, (404, 404, 200, 404, 200, 404, 200)),
    "see published page":          ("published", "get", "detail", None, (200, 200, 200, 200, 200, 200, 200)),
    "open manage page":            ("draft", "get", "manage", None, (302, 404, 200, 404, 200, 404, 200)),
    "open edit form":              ("draft", "get", "edit", None, (302, 404, 200, 404, 403, 404, 200)),
    "save a revision":             ("draft", "post", "edit", "form", (302, 404, 302, 404, 403, 404, 302)),
    "propose change to published": ("published", "post", "edit", "form", (302, 403, 302, 403, 403, 403, 302)),
    "submit":                      ("draft", "post", "submit", {}, (302, 404, 302, 404, 403, 404, 302)),
    "publish":                     ("submitted", "post", "review", {"action": "publish"},
                                   (302, 404, 403, 404, 302, 404, 302)),
    "return":                      ("in_review", "post", "review", {"action": "return", "comment": "More detail."},
                                   (302, 404, 403, 404, 302, 404, 302)),
    "reject":                      ("submitted", "post", "review", {"action": "reject", "comment": "Out of scope."},
                                   (302, 404, 403, 404, 302, 404, 302)),
    "withdraw":                    ("published", "post", "withdraw", {"reason": "Ended."},
                                   (302, 403, 302, 403, 403, 403, 302)),
    "see history":                 ("published", "get", "history", None, (302, 403, 200, 403, 200, 403, 200)),
}
# fmt: on

# What a successful action changes, so "allowed" means it really happened.
EFFECT = {
    "submit": State.SUBMITTED,
    "publish": State.PUBLISHED,
    "return": State.RETURNED,
    "reject": State.REJECTED,
    "withdraw": State.WITHDRAWN,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", MATRIX)
def test_permission_matrix(cast, client, action, role):
    state, method, name, data, codes = MATRIX[action]
    expected = dict(zip(ROLES, codes, strict=True))
    entry = make_entry(cast, state)
    if role != "anonymous":
        client.force_login(getattr(cast, role))
    if data == "form":
        data = form_data(cast.org_sa, title_en="Changed by " + role)
    url = reverse(f"initiatives:{name}", args=[entry.slug])
    response = client.get(url) if method == "get" else client.post(url, data)
    assert response.status_code == expected[role]
    entry.refresh_from_db()
    if expected[role] == 302 and role != "anonymous":
        if action in EFFECT:
            assert entry.state == EFFECT[action]
        if data and "title_en" in data:
            assert entry.latest_revision.title_en == "Changed by " + role
    elif method == "post":
        assert entry.state == state, "a refused action must change nothing"
        assert entry.revisions.count() == 1


@pytest.mark.parametrize("role", ["outsider", "contributor", "focal_ae", "moderator", "focal_sa"])
def test_review_queue(cast, client, role):
    client.force_login(getattr(cast, role))
    sa_entry = make_entry(cast, "submitted")
    ae_entry = make_entry(cast, "submitted", org=cast.org_ae, countries=["AE"], title_en="Emirates entry")
    response = client.get(reverse("initiatives:queue"))
    expected = {"outsider": 403, "contributor": 403}.get(role, 200)
    assert response.status_code == expected
    if expected == 200:
        shown = {e.pk for e in response.context["entries"]}
        visible = {
            "focal_sa": {sa_entry.pk},
            "focal_ae": {ae_entry.pk},
            "moderator": {sa_entry.pk, ae_entry.pk},
        }
        assert shown == visible[role]


def test_a_contributor_cannot_create_an_entry_for_another_organisation(cast, client):
    client.force_login(cast.contributor_ae)
    data = form_data(cast.org_sa) | {"organisation": cast.org_sa.pk}
    response = client.post(reverse("initiatives:create"), data)
    assert response.status_code == 403
    assert not Entry.objects.exists()


def test_a_tampered_state_field_is_ignored(cast, client):
    client.force_login(cast.contributor)
    data = form_data(cast.org_sa) | {"state": "published", "live": "on", "published_revision": "1"}
    response = client.post(reverse("initiatives:create"), data)
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert entry.state == State.DRAFT and not entry.is_public


def test_an_unknown_review_action_changes_nothing(cast, client):
    entry = make_entry(cast, "submitted")
    client.force_login(cast.moderator)
    response = client.post(reverse("initiatives:review", args=[entry.slug]), {"action": "delete"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.state == State.SUBMITTED


def test_a_person_without_an_organisation_is_sent_to_join_one(cast, client):
    client.force_login(cast.outsider)
    response = client.get(reverse("initiatives:create"))
    assert response.status_code == 302 and response["Location"].endswith(reverse("accounts:organisations"))
