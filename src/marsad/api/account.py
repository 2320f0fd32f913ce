"""The token's own view: who it acts for, their organisations' entries, their review queue, and file imports."""

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Schema
from ninja.files import UploadedFile
from pydantic import Field

from marsad.api import tokens
from marsad.api.auth import require, required_token
from marsad.api.problems import Problem
from marsad.api.read import Lang
from marsad.api.schemas import EntryList, ImportReportOut, MeOut, ProblemOut
from marsad.api.serialise import entry_out, parse_fields, with_record_relations
from marsad.exchange import importer
from marsad.exchange.bulk import TARGET_STATES
from marsad.exchange.forms import MAX_UPLOAD_MB
from marsad.initiatives import permissions
from marsad.initiatives.models import Entry, Revision

router = Router(tags=["account"], auth=required_token)
ERRORS = {304: None, 400: ProblemOut, 401: ProblemOut, 403: ProblemOut, 429: ProblemOut}


class Page(Schema):
    limit: int = Field(50, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)
    fields: str = Field("", max_length=500)
    lang: Lang | None = None


@router.get("/me", response={200: MeOut, **ERRORS}, summary="The token and its user")
def me(request: HttpRequest, options: Query[Page]) -> dict:
    token, user = request.auth, request.user
    return {
        "email": user.email,
        "display_name": user.display_name,
        "moderator": user.is_moderator,
        "reviewer": user.is_reviewer,
        "organisations": [
            {"id": o.pk, "name": o.name, "country": o.country_id} for o in user.active_organisations()
        ],
        "token": {"name": token.name, "scopes": token.scopes, "expires_at": token.expires_at.isoformat()},
    }


def _page(request: HttpRequest, entries, options: Page) -> dict:
    wanted = parse_fields(options.fields)
    total = entries.count()
    chosen = list(
        entries.order_by("-updated_at", "-id").values_list("latest_revision_id", flat=True)[
            options.offset : options.offset + options.limit
        ]
    )
    found = {
        r.pk: r for r in with_record_relations(Revision.objects.filter(pk__in=chosen)).select_related("entry")
    }
    following = None
    if options.offset + options.limit < total:
        params = request.GET.copy()
        params["offset"] = str(options.offset + options.limit)
        following = request.build_absolute_uri(request.path) + "?" + params.urlencode()
    return {
        "count": total,
        "next": following,
        "results": [entry_out(found[pk], wanted) for pk in chosen if pk in found],
    }


@router.get(
    "/me/entries",
    response={200: EntryList, **ERRORS},
    exclude_unset=True,
    summary="Your organisations' entries, in every state (scope: read)",
)
def my_entries(request: HttpRequest, options: Query[Page]) -> dict:
    """Latest revisions, most recently changed first: drafts, entries under review, published ones."""
    require(request, "read")
    return _page(request, Entry.objects.filter(organisation__in=request.user.active_organisations()), options)


@router.get(
    "/review/queue",
    response={200: EntryList, **ERRORS},
    exclude_unset=True,
    summary="Entries waiting for your review (scope: review)",
)
def review_queue(request: HttpRequest, options: Query[Page]) -> dict:
    """Submitted and in-review entries you may review: those of your countries (focal points), all (moderators)."""
    require(request, "review")
    waiting = Entry.objects.filter(state__in=permissions.REVIEWABLE_STATES).select_related("latest_revision")
    reviewable = [entry.pk for entry in waiting.iterator() if permissions.can_review(request.user, entry)]
    return _page(request, Entry.objects.filter(pk__in=reviewable), options)


class ImportOptions(Schema):
    dry_run: bool = Field(True, description="check and report only; false: import, all rows or none")
    state: str = Field(
        "", description="draft, submitted or published (moderators); default: as far as your role allows"
    )
    organisation: int | None = Field(None, description="owner of rows naming none: one of your organisations")
    allow_duplicates: bool = False
    lang: Lang | None = None


@router.post(
    "/imports",
    response={
        200: ImportReportOut,
        400: ProblemOut,
        401: ProblemOut,
        403: ProblemOut,
        413: ProblemOut,
        422: ProblemOut,
        429: ProblemOut,
    },
    summary="Import a file (scope: write)",
)
def import_file(request: HttpRequest, options: Query[ImportOptions], file: File[UploadedFile]) -> dict:
    """A CSV, XLSX or JSON file as multipart/form-data field `file`. The report lists every row's outcome;
    with `dry_run=false` the rows are imported only if every one is valid (`committed` says whether)."""
    require(request, "write")
    if options.state and options.state not in TARGET_STATES:
        raise Problem(
            400, "bad-request", _("Unknown target state “%(state)s”.") % {"state": options.state[:40]}
        )
    limit = getattr(settings, "MARSAD_IMPORT_MAX_MB", MAX_UPLOAD_MB)
    if file.size > limit * 1024 * 1024:
        raise Problem(
            413,
            "too-large",
            _("The file is too large."),
            _("The limit is %(n)s MB; split the file.") % {"n": limit},
        )
    own = request.user.active_organisations()
    organisation = own.filter(pk=options.organisation).first() if options.organisation else None
    if options.organisation and organisation is None:
        raise Problem(400, "bad-request", _("You are not an active member of this organisation."))
    run_options = importer.Options(
        actor=request.user,
        dry_run=options.dry_run,
        state=options.state,
        organisation=organisation,
        allow_duplicates=options.allow_duplicates,
    )
    name = file.name or "upload"
    if options.dry_run:
        return importer.run(file, name, run_options).as_dict()
    with transaction.atomic():
        run = importer.start(file, name, run_options)
        report = importer.run(file, name, run_options, record=run)
        if report.committed:
            tokens.record_write(request.auth, "import", import_run=run)
    return report.as_dict()
