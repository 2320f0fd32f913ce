"""Create many new entries at once: the batch form of `workflow.create_entry` followed by `submit` and `publish`.

One entry at a time, the workflow issues about 30 queries (inserts, state saves, permission look-ups): 80
entries/s on SQLite, far from the 100,000 rows in two minutes an organisation's bulk import needs. This module
writes the same rows — entry, revision, its vocabulary links, the review events with the channel (`via`), live
flags and published pointers — with a handful of bulk statements per batch, asks `permissions` the same
questions, and sends `workflow.entry_visibility_changed` for each published entry inside the transaction, so the
search index follows exactly as it does for the web form (or `entries_published` once per batch, for an
index that can write a batch at once). It sends no e-mail: the workflow only writes to
contributors other than the actor, and here the actor is the author of every revision.

`tests/exchange/test_bulk.py` checks that an entry created here and one created through the workflow leave the
same rows behind. Entries that already exist are changed through the workflow functions themselves.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marsad.accounts.models import Organisation, User
from marsad.core import rows
from marsad.initiatives import permissions, workflow
from marsad.initiatives.models import Entry, ReviewEvent, Revision, State

TARGET_STATES = (State.DRAFT, State.SUBMITTED, State.PUBLISHED)

# Sent once per batch of entries an import publishes, inside its transaction, with `entries`. An index that can
# write many documents at once listens here; while nobody does, each entry goes through the workflow's
# per-entry `entry_visibility_changed`, which every index follows.
entries_published = Signal()


@dataclass
class NewEntry:
    organisation: Organisation
    slug: str
    data: dict[str, Any]  # `EntryForm.revision_data()`


def _ids(values: Any) -> list[int]:
    return [getattr(value, "pk", value) for value in values or []]


@transaction.atomic
def create_entries(
    actor: User, items: list[NewEntry], via: str, to_state: str, may_create: dict[int, bool] | None = None
) -> list[Entry]:
    """Create the entries and bring them to `to_state`; raise PermissionDenied (nothing written) if not allowed.

    `may_create` holds `permissions.can_submit`'s answers per organisation already asked in this transaction
    (an import asks once per organisation, not once per batch); it is completed here.
    """
    if to_state not in TARGET_STATES:
        raise ValueError(f"unknown target state {to_state!r}")
    if not items:
        return []
    _check_organisations(actor, items, {} if may_create is None else may_create)
    now = timezone.now()
    entries = [
        Entry(slug=item.slug, organisation=item.organisation, created_by=actor, source=via) for item in items
    ]
    rows.insert_objects(entries, keys=True)
    revisions = [
        Revision(
            entry=entry,
            number=1,
            author_id=actor.pk,
            live=to_state == State.PUBLISHED,
            **{key: value for key, value in item.data.items() if key not in workflow.M2M_FIELDS},
        )
        for entry, item in zip(entries, items, strict=True)
    ]
    rows.insert_objects(revisions, keys=True)
    for field in workflow.M2M_FIELDS:
        _link(
            field,
            [
                (revision.pk, pk)
                for revision, item in zip(revisions, items, strict=True)
                for pk in dict.fromkeys(_ids(item.data.get(field)))
            ],
        )
    steps = [(State.DRAFT, State.DRAFT, _("created"))]
    if to_state in (State.SUBMITTED, State.PUBLISHED):
        steps.append((State.DRAFT, State.SUBMITTED, ""))
    if to_state == State.PUBLISHED:
        steps.append((State.SUBMITTED, State.PUBLISHED, ""))
    for entry, revision in zip(entries, revisions, strict=True):
        entry.latest_revision = revision
    if to_state == State.PUBLISHED:
        for entry in entries:
            entry.state = State.SUBMITTED
        _check_each(actor, entries, permissions.can_review)
    # By key: three events per entry, and the related-object descriptors were most of their construction.
    rows.insert_objects(
        [
            ReviewEvent(
                entry_id=entry.pk,
                revision_id=entry.latest_revision.pk,
                actor_id=actor.pk,
                from_state=from_state,
                to_state=state,
                comment=comment,
                via=via,
            )
            for entry in entries
            for from_state, state, comment in steps
        ]
    )
    published = to_state == State.PUBLISHED
    # One statement per batch: each new entry has exactly one revision.
    revision_of_entry = Subquery(Revision.objects.filter(entry_id=OuterRef("pk")).values("pk")[:1])
    Entry.objects.filter(pk__in=[entry.pk for entry in entries]).update(
        state=to_state,
        latest_revision_id=revision_of_entry,
        published_revision_id=revision_of_entry if published else None,
        published_at=now if published else None,
    )
    for entry in entries:
        entry.state = to_state
        if published:
            entry.published_revision, entry.published_at = entry.latest_revision, now
    if published and entries_published.has_listeners(Entry):
        entries_published.send(sender=Entry, entries=entries)
    elif published:
        for entry in entries:
            workflow.entry_visibility_changed.send(sender=Entry, entry=entry)
    return entries


def _link(field: str, pairs: list[tuple[int, int]]) -> None:
    """Insert a many-to-many field's rows: the link tables hold two ids, and building a model instance per
    link was a third of the import's writing time."""
    relation = Revision._meta.get_field(field)
    through = relation.remote_field.through._meta
    source = through.get_field(relation.m2m_field_name()).column
    target = through.get_field(relation.m2m_reverse_field_name()).column
    rows.insert(through.db_table, (source, target), pairs)


NOT_A_MEMBER = gettext_lazy("You can only create entries for an organisation you are an active member of.")


def may_create(actor: User, organisation: Organisation, answers: dict[int, bool]) -> bool:
    """`can_submit` for a new draft depends on the organisation only: asked once per organisation, the answer
    kept in `answers` (per import)."""
    if organisation.pk not in answers:
        answers[organisation.pk] = permissions.can_submit(
            actor, Entry(organisation=organisation, state=State.DRAFT)
        )
    return answers[organisation.pk]


def _check_organisations(actor: User, items: list[NewEntry], answers: dict[int, bool]) -> None:
    for organisation in {item.organisation.pk: item.organisation for item in items}.values():
        if not may_create(actor, organisation, answers):
            raise PermissionDenied(str(NOT_A_MEMBER))


def _check_each(actor: User, entries: list[Entry], rule) -> None:
    for entry in entries:
        if not rule(actor, entry):
            raise PermissionDenied(_("You do not have the right to do this."))
