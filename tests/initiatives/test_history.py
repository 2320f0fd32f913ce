"""Every change is a revision with who and when; a field-by-field diff between any two."""

import pytest
from django.urls import reverse

from marsad.initiatives import workflow
from tests.cast import entry_data, make_entry

pytestmark = pytest.mark.django_db


def test_history_shows_who_changed_which_fields(cast, client):
    entry = make_entry(cast, "draft")
    workflow.save_revision(
        cast.colleague, entry, entry_data(cast.org_sa, title_en="Better title", technologies=["ai", "iot"])
    )
    client.force_login(cast.focal_sa)
    response = client.get(reverse("initiatives:history", args=[entry.slug]), {"a": 1, "b": 2})
    assert response.status_code == 200
    changes = {c.field: (c.before, c.after) for c in response.context["changes"]}
    assert set(changes) == {"title_en", "technologies"}
    assert changes["title_en"] == ("National AI skills programme", "Better title")
    assert "Internet of Things" in changes["technologies"][1] or "IoT" in changes["technologies"][1]
    revisions = response.context["revisions"]
    assert [(r.number, r.author) for r in revisions] == [(2, cast.colleague), (1, cast.contributor)]


def test_unknown_revision_numbers_are_a_404_and_garbage_falls_back(cast, client):
    entry = make_entry(cast, "draft")
    client.force_login(cast.contributor)
    url = reverse("initiatives:history", args=[entry.slug])
    assert client.get(url, {"a": 1, "b": 99}).status_code == 404
    assert client.get(url, {"a": "x", "b": "y"}).status_code == 200


def test_the_edit_form_starts_from_every_current_value(cast, client):
    """Saving the edit form unchanged must not fail on choices the form forgot to select."""
    entry = make_entry(cast, "draft")
    client.force_login(cast.contributor)
    response = client.get(f"/ar/entries/{entry.slug}/edit/")
    form = response.context["form"]
    revision = entry.latest_revision
    assert form["stakeholder_type"].value() == revision.stakeholder_type.code
    assert form["scope"].value() == revision.scope.code and form["status"].value() == revision.status.code
    body = response.content.decode()
    assert f'<option value="{revision.status.code}" selected>' in body
    assert "Stakeholder type" not in body, "the label comes translated from the model field"
