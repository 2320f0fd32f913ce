"""The index follows the workflow in the same transaction, and the per-process catalogue is never stale."""

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from marsad.exchange import bulk
from marsad.initiatives import workflow
from marsad.initiatives.filters import EntryQuery
from marsad.search import backends, catalogue, indexer
from marsad.search.analyzer import DEFAULT
from marsad.search.leaves import postings_from_columns
from marsad.search.models import Document, Generation
from marsad.search.query import Phrase
from tests.cast import entry_data, make_entry

pytestmark = pytest.mark.django_db

DRONES = {
    "title_en": "Zanzibar drone corridor",
    "summary_en": "Drones deliver medicines",
    "title_ar": "",
    "summary_ar": "",
}


def found(q: str) -> set[int]:
    return {revision.entry_id for revision in EntryQuery(q=q).results()}


def test_a_published_entry_is_findable_at_once_and_a_withdrawn_one_gone(cast):
    entry = make_entry(cast, "submitted", **DRONES)
    assert found("zanzibar") == set()
    workflow.publish(cast.moderator, entry)
    assert found("zanzibar") == {entry.pk}
    workflow.withdraw(cast.moderator, entry, "ended")
    assert found("zanzibar") == set()
    assert Document.objects.get(pk=entry.pk).live is False


def test_a_new_published_revision_replaces_the_old_text(cast):
    entry = make_entry(cast, "published", **DRONES)
    workflow.save_revision(cast.contributor, entry, _data(cast, title_en="Pemba drone corridor"))
    assert found("pemba") == set()  # the new revision is not published yet
    workflow.submit(cast.contributor, entry)
    workflow.publish(cast.moderator, entry)
    assert found("pemba") == {entry.pk} and found("zanzibar") == set()


def _data(cast, **overrides):
    return entry_data(cast.org_sa, **(DRONES | overrides))


def test_a_failed_transaction_leaves_index_and_catalogue_unchanged(cast):
    entry = make_entry(cast, "submitted", **DRONES)
    assert found("zanzibar") == set()
    with pytest.raises(RuntimeError), transaction.atomic():
        workflow.publish(cast.moderator, entry)
        assert found("zanzibar") == {entry.pk}  # the catalogue saw the uncommitted generation …
        raise RuntimeError("crash after publishing")
    assert not Document.objects.filter(pk=entry.pk).exists()
    assert found("zanzibar") == set()  # … and recognised it as rolled back
    make_entry(cast, "published", title_en="Another one", summary_en="Something else")
    assert found("zanzibar") == set()  # the same generation number again, another stamp


def test_cached_leaves_are_corrected_by_each_change(cast):
    """After publishing, revising and withdrawing, every cached leaf equals a fresh answer of the index."""
    first = make_entry(cast, "published", **DRONES)
    leaves = [Phrase(("drone",)), Phrase(("zanzibar", "drone")), Phrase(("medicin",), prefix=True)]
    assert found("drone") == {first.pk}  # warms the cache
    assert found('"zanzibar drone"') == found("medicin*") == {first.pk}
    second = make_entry(cast, "published", title_en="Drone medicine labs", summary_en="Zanzibar drone tests")
    workflow.withdraw(cast.moderator, first, "ended")
    third = make_entry(cast, "published", title_en="Medicines", summary_en="Medicinal plants")
    found("drone")  # syncs
    cat = catalogue.current()
    with connection.cursor() as cursor:
        for leaf in leaves:
            cached = cat.leaves.get(leaf)
            fresh = postings_from_columns(cat.slots, backends.current().column_ids(cursor, leaf))
            assert cached is not None and np.array_equal(cached, fresh), leaf
    assert found("drone") == {second.pk} and found("medicin*") == {second.pk, third.pk}


def test_rebuild_and_verify(cast):
    entry = make_entry(cast, "published", **DRONES)
    make_entry(cast, "withdrawn", title_en="Gone", summary_en="Withdrawn entry")
    call_command("search_index", "--verify")
    Document.objects.filter(pk=entry.pk).update(title="tampered")
    with pytest.raises(CommandError, match="differs"):
        call_command("search_index", "--verify")
    call_command("search_index", "--rebuild", "--verify")
    assert found("zanzibar") == {entry.pk} and found("tampered") == set()
    assert Document.objects.count() == 1  # the rebuild keeps the live entries only


def test_verify_notices_a_missing_document(cast):
    entry = make_entry(cast, "published", **DRONES)
    Document.objects.filter(pk=entry.pk).delete()
    with pytest.raises(CommandError):
        call_command("search_index", "--verify")


def test_the_command_needs_an_action():
    with pytest.raises(CommandError, match="--rebuild"):
        call_command("search_index")


def test_after_a_rebuild_publishing_still_reaches_the_full_text_index(cast):
    # On SQLite the rebuild drops the FTS5 triggers and fills FTS5 in one pass; they must be back after it.
    make_entry(cast, "published", **DRONES)
    call_command("search_index", "--rebuild")
    entry = make_entry(cast, "submitted", **(DRONES | {"title_en": "Pemba drone corridor"}))
    workflow.publish(cast.moderator, entry)
    assert found("pemba") == {entry.pk}
    with connection.cursor() as cursor:
        assert backends.current().column_ids(cursor, Phrase(("pemba",)))[0].tolist() == [entry.pk]
    call_command("search_index", "--verify")


def test_a_failed_rebuild_leaves_the_index_and_its_triggers_as_they_were(cast):
    entry = make_entry(cast, "published", **DRONES)
    with pytest.raises(RuntimeError), transaction.atomic():
        indexer.rebuild()
        raise RuntimeError("crash after rebuilding")
    assert found("zanzibar") == {entry.pk}
    other = make_entry(cast, "submitted", **(DRONES | {"title_en": "Pemba drone corridor"}))
    workflow.publish(cast.moderator, other)
    assert found("pemba") == {other.pk}
    call_command("search_index", "--verify")


def test_partners_names_are_indexed_in_the_organisations_column(cast):
    entry = make_entry(cast, "published", **DRONES)
    entry.published_revision.partners.add(cast.org_ae)
    indexer.index_entry(entry)
    name = cast.org_ae.name_en.split()[0].lower()
    with connection.cursor() as cursor:
        per_column = backends.current().column_ids(cursor, Phrase(tuple(DEFAULT.tokens(name, "en"))))
    assert entry.pk in per_column[3].tolist()
    call_command("search_index", "--verify")


def test_an_import_batch_is_indexed_at_once_under_one_generation(cast):
    old = make_entry(cast, "published", **DRONES)
    before = Generation.objects.order_by("-number").values_list("number", flat=True).first()
    items = [
        bulk.NewEntry(cast.org_sa, f"pemba-{n}", _data(cast, title_en=f"Pemba drone corridor {n}"))
        for n in range(3)
    ]
    with transaction.atomic():
        entries = bulk.create_entries(cast.moderator, items, "import:1:a.csv", "published")
        assert found("pemba") == {entry.pk for entry in entries}  # in the import's own transaction
    assert Generation.objects.order_by("-number").values_list("number", flat=True).first() == before + 1
    assert found("medicines") == {old.pk, *(entry.pk for entry in entries)}
    call_command("search_index", "--verify")
