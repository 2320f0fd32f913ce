"""Fast inserts: the same rows as `bulk_create`, keys drawn as the table's own inserts would draw them."""

import pytest
from django.utils import timezone

from marsad.accounts.models import Organisation
from marsad.core import rows
from marsad.initiatives.models import Entry, ReviewEvent, State
from tests.cast import make_entry

pytestmark = pytest.mark.django_db

FIELDS = ["entry_id", "revision_id", "actor_id", "from_state", "to_state", "comment", "via"]


def _events(entry, actor, comment):
    return [
        ReviewEvent(
            entry=entry,
            revision=entry.latest_revision,
            actor=actor,
            from_state=State.DRAFT,
            to_state=State.SUBMITTED,
            comment=comment,
            via="import:1",
        )
        for _n in range(3)
    ]


def test_insert_objects_writes_what_bulk_create_writes(cast):
    entry = make_entry(cast)
    ReviewEvent.objects.all().delete()
    before = timezone.now()
    comment = "تعليق <b>mixed</b> =1+1 \u202e"
    ReviewEvent.objects.bulk_create(_events(entry, cast.moderator, comment))
    rows.insert_objects(_events(entry, cast.moderator, comment))
    written = list(ReviewEvent.objects.order_by("id").values(*FIELDS, "at"))
    assert len(written) == 6
    assert [{k: v for k, v in row.items() if k != "at"} for row in written[:3]] == [
        {k: v for k, v in row.items() if k != "at"} for row in written[3:]
    ]
    assert all(row["at"] >= before for row in written), "auto_now_add applied"


def test_reserved_keys_follow_the_table_and_are_not_reused(cast):
    first = make_entry(cast)
    top = Entry.objects.create(slug="deleted-later", organisation=cast.org_sa, created_by=cast.contributor)
    top_key = top.pk
    top.delete()
    new = [Entry(slug=f"bulk-{n}", organisation=cast.org_sa, created_by=cast.contributor) for n in range(3)]
    rows.insert_objects(new, keys=True)
    keys = [entry.pk for entry in new]
    assert keys == sorted(keys) and keys[0] > top_key > first.pk, "a deleted row's key does not come back"
    assert (
        list(Entry.objects.filter(slug__startswith="bulk-").order_by("pk").values_list("pk", flat=True))
        == keys
    )
    after = Entry.objects.create(slug="after", organisation=cast.org_sa, created_by=cast.contributor)
    assert after.pk > keys[-1], "the table's own inserts continue after the reserved keys"
    assert not new[0]._state.adding


def test_an_empty_list_writes_nothing():
    rows.insert_objects([])
    rows.insert_objects([], keys=True)
    assert not Organisation.objects.exists()


def test_keys_in_finds_the_same_rows_as_a_list(cast):
    entries = [make_entry(cast, title_en=f"Entry {n}") for n in range(3)]
    slugs = [entry.slug for entry in entries[:2]] + ["missing", "عربي"]
    by_list = set(Entry.objects.filter(slug__in=slugs).values_list("pk", flat=True))
    assert (
        set(Entry.objects.filter(slug__in=rows.keys_in(slugs, "text")).values_list("pk", flat=True))
        == by_list
    )
    keys = [entry.pk for entry in entries[1:]]
    assert set(Entry.objects.filter(pk__in=rows.keys_in(keys)).values_list("pk", flat=True)) == set(keys)
    assert not Entry.objects.filter(pk__in=rows.keys_in([])).exists()


def test_keys_in_takes_only_known_types():
    with pytest.raises(ValueError, match="not 'int\\[\\]; DROP TABLE x'"):
        rows.keys_in([1], "int[]; DROP TABLE x")
