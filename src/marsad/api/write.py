"""Writing with a token: create and change entries, submit them, review them, withdraw them.

Every action calls the workflow function the web pages call (`marsad.initiatives.workflow`), which asks
`marsad.initiatives.permissions`; the change is recorded with the token (`via="api:token:<id>"`). A change to
an entry names the revision it was based on: if someone else saved a revision since, the answer is 409 and
nothing is written, so nobody's work is silently overwritten.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Schema, Status

from marsad.api import tokens
from marsad.api.auth import require, required_token
from marsad.api.problems import Problem, field_error, invalid, not_found
from marsad.api.read import router
from marsad.api.schemas import EntryIn, EntryOut, EntryUpdate, ProblemOut, ReviewIn, StateOut, WithdrawIn
from marsad.api.serialise import entry_out
from marsad.exchange.exports import site_url
from marsad.exchange.importer import owner_of
from marsad.exchange.shape import READ_ONLY_KEYS
from marsad.exchange.validate import FIELD_PATHS
from marsad.initiatives import permissions, records, workflow
from marsad.initiatives.forms import EntryForm
from marsad.initiatives.models import Entry

# The same paths as the reading operations (/entries, /entries/{slug}), so the same router; token required.
WRITE = {"auth": required_token, "tags": ["writing"]}
ERRORS = {
    400: ProblemOut,
    401: ProblemOut,
    403: ProblemOut,
    404: ProblemOut,
    409: ProblemOut,
    422: ProblemOut,
    429: ProblemOut,
}


class CreateOptions(Schema):
    organisation: int | None = None


def _form(record: dict[str, Any]) -> EntryForm:
    """The entry form bound to the record, or a 422 listing every field at fault with its label."""
    try:
        form = records.entry_form(record)
    except ValidationError as exc:
        raise invalid(
            [
                field_error(path, message)
                for path, messages in exc.message_dict.items()
                for message in messages
            ]
        ) from exc
    if not form.is_valid():
        errors = []
        for name, messages in form.errors.items():
            label = str(form.fields[name].label) if name in form.fields else ""
            errors += [field_error(FIELD_PATHS.get(name, name), message, label) for message in messages]
        raise invalid(errors)
    return form


def _record(payload: EntryIn | EntryUpdate) -> dict[str, Any]:
    data = payload.model_dump(exclude_none=True)
    data.pop("base_revision", None)
    return {key: value for key, value in data.items() if key not in READ_ONLY_KEYS}


def _entry_for(request: HttpRequest, slug: str, lock: bool = False) -> Entry:
    """The entry if the caller may know it exists (it is public, or theirs to see); else 404."""
    entries = Entry.objects.select_for_update() if lock else Entry.objects
    entry = entries.filter(slug=slug).first()
    if entry is None or not (entry.is_public or permissions.can_view_history(request.user, entry)):
        raise not_found()
    return entry


@router.post(
    "/entries",
    response={201: EntryOut, **ERRORS},
    exclude_unset=True,
    summary="Create a draft entry (scope: write)",
    **WRITE,
)
def create_entry(
    request: HttpRequest, payload: EntryIn, options: Query[CreateOptions], response: HttpResponse
) -> Status:
    """A new draft owned by one of your organisations (query `organisation`, or the record's `organisation`,
    or its lead organisation if you belong to it, or your only organisation). Submit it with `/submit`."""
    token = require(request, "write")
    record = _record(payload)
    with transaction.atomic():
        slug = record.get("id", "")
        if slug and Entry.objects.filter(slug=slug).exists():
            raise Problem(
                409,
                "exists",
                _("An entry with this id exists."),
                _("Change it with PUT /entries/%(id)s.") % {"id": slug},
            )
        form = _form(record)
        named = (
            records.organisation_for(record["organisation"], "organisation")
            if record.get("organisation")
            else None
        )
        own = list(request.user.active_organisations())
        chosen = next((o for o in own if o.pk == options.organisation), None)
        if options.organisation is not None and chosen is None:
            raise invalid(
                [field_error("organisation", _("You are not an active member of this organisation."))]
            )
        owner = owner_of(request.user, named, chosen, form.cleaned_data["lead_organisation"], own)
        if owner is None:
            raise invalid(
                [field_error("organisation", _("Say which of your organisations owns this entry."))]
            )
        entry = workflow.create_entry(request.user, owner, form.revision_data(), via=token.via, slug=slug)
        tokens.record_write(token, "create", entry)
    response["Location"] = site_url(f"/api/v1/entries/{entry.slug}")
    return Status(201, entry_out(entry.latest_revision))


@router.put(
    "/entries/{slug}",
    response={200: EntryOut, **ERRORS},
    exclude_unset=True,
    summary="Save a new revision (scope: write)",
    **WRITE,
)
def update_entry(request: HttpRequest, slug: str, payload: EntryUpdate) -> dict:
    """The whole record again, with `base_revision` = the `revision` you read: the body of `GET
    /entries/{id}?revision=latest`, changed, with `base_revision` added. A published entry stays online while
    the new revision goes through review."""
    token = require(request, "write")
    record = _record(payload)
    if record.get("id", slug) != slug:
        raise invalid([field_error("id", _("The id cannot change; it must be “%(id)s”.") % {"id": slug})])
    with transaction.atomic():
        entry = _entry_for(request, slug, lock=True)
        current = entry.latest_revision.number
        if payload.base_revision != current:
            raise Problem(
                409,
                "stale",
                _("This entry has changed since you read it."),
                _(
                    "Read it again (revision %(n)s), apply your change to it and send it with that base_revision."
                )
                % {"n": current},
                current_revision=current,
            )
        if not permissions.can_edit(request.user, entry):
            raise Problem(
                403, "forbidden", _("Not allowed."), _("You cannot edit this entry in its current state.")
            )
        form = _form(record)
        workflow.save_revision(request.user, entry, form.revision_data(), via=token.via)
        tokens.record_write(token, "update", entry)
    entry.refresh_from_db()
    return entry_out(entry.latest_revision)


def _state(entry: Entry) -> dict:
    entry.refresh_from_db()
    return {
        "id": entry.slug,
        "state": entry.state,
        "revision": entry.latest_revision.number,
        "url": site_url(entry.get_absolute_url()),
    }


def _act(
    request: HttpRequest, slug: str, scope: str, name: str, action: Callable, required_text: str = ""
) -> dict:
    token = require(request, scope)
    entry = _entry_for(request, slug)
    try:
        with transaction.atomic():
            action(entry, token.via)
            tokens.record_write(token, name, entry)
    except workflow.WorkflowError as exc:
        if required_text:  # the workflow asks for a comment or reason it did not get
            raise invalid([field_error(required_text, str(exc))]) from exc
        raise
    return _state(entry)


@router.post(
    "/entries/{slug}/submit",
    response={200: StateOut, **ERRORS},
    summary="Submit for review (scope: write)",
    **WRITE,
)
def submit(request: HttpRequest, slug: str) -> dict:
    return _act(
        request, slug, "write", "submit", lambda entry, via: workflow.submit(request.user, entry, via=via)
    )


REVIEW = {
    "start": lambda user, entry, comment, via: workflow.start_review(user, entry, via=via),
    "publish": lambda user, entry, comment, via: workflow.publish(user, entry, comment, via=via),
    "return": lambda user, entry, comment, via: workflow.return_for_changes(user, entry, comment, via=via),
    "reject": lambda user, entry, comment, via: workflow.reject(user, entry, comment, via=via),
}


@router.post(
    "/entries/{slug}/review",
    response={200: StateOut, **ERRORS},
    summary="Review: start, publish, return, reject (scope: review)",
    **WRITE,
)
def review(request: HttpRequest, slug: str, payload: ReviewIn) -> dict:
    """For the entry's national focal points and for moderators. Returning and rejecting need a comment."""
    needs_text = "comment" if payload.action in ("return", "reject") and not payload.comment.strip() else ""
    return _act(
        request,
        slug,
        "review",
        f"review:{payload.action}",
        lambda entry, via: REVIEW[payload.action](request.user, entry, payload.comment, via),
        needs_text,
    )


@router.post(
    "/entries/{slug}/withdraw",
    response={200: StateOut, **ERRORS},
    summary="Withdraw a published entry (scope: write)",
    **WRITE,
)
def withdraw(request: HttpRequest, slug: str, payload: WithdrawIn) -> dict:
    needs_text = "reason" if not payload.reason.strip() else ""
    return _act(
        request,
        slug,
        "write",
        "withdraw",
        lambda entry, via: workflow.withdraw(request.user, entry, payload.reason, via=via),
        needs_text,
    )
