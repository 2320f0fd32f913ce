"""An entry created in a batch leaves the same rows as one created through the workflow, step by step."""

import pytest
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict

from marsad.exchange import bulk
from marsad.initiatives import workflow
from marsad.initiatives.models import Entry, Revision
from marsad.search.indexer import on_entries_published
from tests.cast import entry_data

SEARCH_BATCH = "marsad.search.index_batch"

pytestmark = pytest.mark.django_db

STEPS = {
    "draft": [],
    "submitted": [workflow.submit],
    "published": [workflow.submit, workflow.publish],
}


def snapshot(entry: Entry) -> dict:
    entry.refresh_from_db()
    revision = entry.latest_revision
    content = model_to_dict(revision, exclude=["id", "entry"])
    content = {
        k: sorted(getattr(v, "pk", v) for v in val) if isinstance(val, list) else val
        for k, val in content.items()
    }
    return {
        "entry": {
            "state": entry.state,
            "organisation": entry.organisation_id,
            "created_by": entry.created_by_id,
            "source": entry.source,
            "published": entry.published_revision_id == revision.pk,
            "published_at": entry.published_at is not None,
            "revisions": entry.revisions.count(),
        },
        "revision": {
            **content,
            "number": revision.number,
            "author": revision.author_id,
            "live": revision.live,
        },
        "events": [
            (e.from_state, e.to_state, e.comment, e.actor_id, e.via, e.revision_id == revision.pk)
            for e in entry.events.order_by("id")
        ],
    }


@pytest.mark.parametrize("state", STEPS)
def test_batch_and_workflow_write_the_same_rows(cast, state, django_capture_on_commit_callbacks):
    data = entry_data(cast.org_sa, partners=[cast.org_ae.pk], countries=["SA", "AE"])
    with django_capture_on_commit_callbacks(execute=True):
        one = workflow.create_entry(cast.moderator, cast.org_sa, data, via="import:1:a.csv", slug="one")
        for step in STEPS[state]:
            one = step(cast.moderator, one, via="import:1:a.csv")
    [two] = bulk.create_entries(
        cast.moderator, [bulk.NewEntry(cast.org_sa, "two", data)], "import:1:a.csv", state
    )
    assert snapshot(two) == snapshot(one)


def test_without_a_batch_listener_each_published_entry_is_announced(cast):
    seen = []

    def receiver(sender, entry, **kwargs):
        seen.append(entry.slug)

    bulk.entries_published.disconnect(dispatch_uid=SEARCH_BATCH)
    workflow.entry_visibility_changed.connect(receiver)
    try:
        items = [bulk.NewEntry(cast.org_sa, f"e{n}", entry_data(cast.org_sa)) for n in range(3)]
        bulk.create_entries(cast.moderator, items, "import:x", "published")
    finally:
        workflow.entry_visibility_changed.disconnect(receiver)
        bulk.entries_published.connect(on_entries_published, dispatch_uid=SEARCH_BATCH)
    assert seen == ["e0", "e1", "e2"]


def test_a_batch_listener_gets_the_whole_batch_instead(cast):
    batches = []

    def receiver(sender, entries, **kwargs):
        batches.append([e.slug for e in entries])

    bulk.entries_published.connect(receiver)
    try:
        items = [bulk.NewEntry(cast.org_sa, f"e{n}", entry_data(cast.org_sa)) for n in range(3)]
        bulk.create_entries(cast.moderator, items, "import:x", "published")
    finally:
        bulk.entries_published.disconnect(receiver)
    assert batches == [["e0", "e1", "e2"]]


def test_the_same_permission_rules_refuse(cast):
    items = [bulk.NewEntry(cast.org_ae, "x", entry_data(cast.org_ae))]
    with pytest.raises(PermissionDenied):
        bulk.create_entries(cast.contributor, items, "import:x", "draft")
    with pytest.raises(PermissionDenied):  # nobody but a moderator publishes their own revision
        bulk.create_entries(
            cast.contributor, [bulk.NewEntry(cast.org_sa, "y", entry_data(cast.org_sa))], "x", "published"
        )
    assert not Entry.objects.exists() and not Revision.objects.exists()
