"""The review workflow: every state change of an entry goes through these functions.

draft → submitted → in review → published | returned with comments | rejected; published → withdrawn.
Each function checks the permission rules, writes in one transaction, records a `ReviewEvent`, signals the
search index inside that transaction, and e-mails the contributors once the transaction has committed.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from marsad.accounts.models import Organisation, User
from marsad.initiatives import notify, permissions
from marsad.initiatives.models import Entry, ReviewEvent, Revision, State

# Sent inside the transaction that changes what the public sees of an entry, so an index can follow atomically.
entry_visibility_changed = Signal()

M2M_FIELDS = ("action_lines", "sdgs", "technologies", "beneficiaries", "partners", "countries")


class WorkflowError(Exception):
    """A transition that the entry's state does not allow; the message tells the user what to do."""


def _unique_slug(revision_data: dict[str, Any]) -> str:
    base = slugify(revision_data.get("title_en") or revision_data.get("title_fr") or "")[:80] or "entry"
    slug, n = base, 1
    while Entry.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _write_revision(entry: Entry, author: User | None, data: dict[str, Any]) -> Revision:
    scalars = {k: v for k, v in data.items() if k not in M2M_FIELDS}
    number = (entry.revisions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    revision = Revision.objects.create(entry=entry, number=number, author=author, **scalars)
    for field in M2M_FIELDS:
        getattr(revision, field).set(data.get(field) or [])
    return revision


def _record(
    entry: Entry, actor: User | None, to_state: str, comment: str = "", via: str = "web"
) -> ReviewEvent:
    event = ReviewEvent.objects.create(
        entry=entry,
        revision=entry.latest_revision,
        actor=actor,
        from_state=entry.state,
        to_state=to_state,
        comment=comment,
        via=via,
    )
    entry.state = to_state
    entry.save()
    transaction.on_commit(lambda: notify.transition(event))
    return event


@transaction.atomic
def create_entry(
    actor: User, organisation: Organisation, data: dict[str, Any], via: str = "web", slug: str = ""
) -> Entry:
    if not (actor.is_moderator or actor.active_organisations().filter(pk=organisation.pk).exists()):
        raise PermissionDenied(
            _("You can only create entries for an organisation you are an active member of.")
        )
    entry = Entry.objects.create(
        slug=slug or _unique_slug(data), organisation=organisation, created_by=actor, source=via
    )
    entry.latest_revision = _write_revision(entry, actor, data)
    entry.save()
    ReviewEvent.objects.create(
        entry=entry,
        revision=entry.latest_revision,
        actor=actor,
        from_state=State.DRAFT,
        to_state=State.DRAFT,
        comment=_("created"),
        via=via,
    )
    return entry


@transaction.atomic
def save_revision(actor: User, entry: Entry, data: dict[str, Any], via: str = "web") -> Revision:
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    if not permissions.can_edit(actor, entry):
        raise PermissionDenied(_("You cannot edit this entry in its current state."))
    entry.latest_revision = _write_revision(entry, actor, data)
    if entry.state != State.DRAFT:
        _record(entry, actor, State.DRAFT, _("new revision started"), via)
    entry.save()
    return entry.latest_revision


def _transition(
    actor: User, entry: Entry, allowed: Iterable[str], check, to_state: str, comment: str, via: str
) -> Entry:
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    if entry.state not in allowed:
        raise WorkflowError(
            _("This entry is %(state)s; that action is not possible now.")
            % {"state": entry.get_state_display()}
        )
    if not check(actor, entry):
        raise PermissionDenied(_("You do not have the right to do this."))
    _record(entry, actor, to_state, comment, via)
    return entry


def _require(comment: str, what: str) -> str:
    comment = (comment or "").strip()
    if not comment:
        raise WorkflowError(what)
    return comment


@transaction.atomic
def submit(actor: User, entry: Entry, via: str = "web") -> Entry:
    return _transition(
        actor, entry, permissions.EDITABLE_STATES, permissions.can_submit, State.SUBMITTED, "", via
    )


@transaction.atomic
def start_review(actor: User, entry: Entry, via: str = "web") -> Entry:
    return _transition(actor, entry, {State.SUBMITTED}, permissions.can_review, State.IN_REVIEW, "", via)


@transaction.atomic
def publish(actor: User, entry: Entry, comment: str = "", via: str = "web") -> Entry:
    entry = _transition(
        actor, entry, permissions.REVIEWABLE_STATES, permissions.can_review, State.PUBLISHED, comment, via
    )
    Revision.objects.filter(entry=entry, live=True).update(live=False)
    Revision.objects.filter(pk=entry.latest_revision_id).update(live=True)
    entry.published_revision_id = entry.latest_revision_id
    entry.published_at = timezone.now()
    entry.save()
    entry_visibility_changed.send(sender=Entry, entry=entry)
    return entry


@transaction.atomic
def return_for_changes(actor: User, entry: Entry, comment: str, via: str = "web") -> Entry:
    comment = _require(comment, _("Say what the contributor should change."))
    return _transition(
        actor, entry, permissions.REVIEWABLE_STATES, permissions.can_review, State.RETURNED, comment, via
    )


@transaction.atomic
def reject(actor: User, entry: Entry, reason: str, via: str = "web") -> Entry:
    reason = _require(reason, _("Give the reason for the rejection."))
    return _transition(
        actor, entry, permissions.REVIEWABLE_STATES, permissions.can_review, State.REJECTED, reason, via
    )


@transaction.atomic
def withdraw(actor: User, entry: Entry, reason: str, via: str = "web") -> Entry:
    reason = _require(reason, _("Give the reason for the withdrawal."))
    entry = _transition(
        actor, entry, set(State) - {State.WITHDRAWN}, permissions.can_withdraw, State.WITHDRAWN, reason, via
    )
    Revision.objects.filter(entry=entry, live=True).update(live=False)
    entry.withdrawn_reason = reason
    entry.save()
    entry_visibility_changed.send(sender=Entry, entry=entry)
    return entry
