"""Reading entries: the filtered list (every facet of the list page and the full-text `q`), one entry, similar
entries. Anonymous callers read what is public; a token with the `read` scope also reads its organisations'
unpublished entries, as the web pages let its user.
"""

from datetime import datetime
from typing import Annotated, Literal

from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from marsad.api import cursor
from marsad.api.auth import optional_token
from marsad.api.problems import Problem, not_found
from marsad.api.schemas import EntryList, EntryOut, ProblemOut, SimilarOut
from marsad.api.serialise import entry_out, parse_fields, with_record_relations
from marsad.api.similar import similar_entries
from marsad.core.i18n import localise
from marsad.exchange.exports import site_url
from marsad.initiatives import permissions
from marsad.initiatives.filters import EntryQuery
from marsad.initiatives.models import Entry, Revision, State

router = Router(tags=["entries"], auth=optional_token)
Lang = Literal["ar", "en", "fr"]
Sort = Literal["relevance", "recent", "title", "start"]
READ_ERRORS = {304: None, 400: ProblemOut, 401: ProblemOut, 429: ProblemOut}


# No control characters: a NUL byte in a filter value reaches PostgreSQL otherwise.
FilterCode = Annotated[str, Field(max_length=40, pattern=r"^[^\x00-\x1f]*$")]
QueryText = Annotated[str, Field(max_length=500, pattern=r"^[^\x00]*$")]


class EntryFilters(Schema):
    q: QueryText = Field("", description="full-text query in Arabic, English or French, across languages")
    country: list[FilterCode] = Field([], description="ISO 3166-1 alpha-2 codes; several values: any of them")
    action_line: list[FilterCode] = Field([], description="WSIS Action Line codes, e.g. C7.3")
    sdg: list[FilterCode] = Field([], description="SDG codes, e.g. SDG4")
    technology: list[FilterCode] = Field([], description="technology codes, e.g. ai-ml")
    stakeholder: list[FilterCode] = Field([], description="stakeholder type codes, e.g. government")
    status: list[FilterCode] = Field([], description="planned, ongoing, completed")
    scope: list[FilterCode] = Field([], description="local, national, regional, international")
    year: list[int] = Field([], description="start years")
    risk_tier: list[FilterCode] = Field(
        [], description="AI risk tiers found by the EU AI Act classification, e.g. high_risk, transparency"
    )
    impact_level: list[FilterCode] = Field([], description="algorithmic impact levels: I, II, III, IV")
    sort: Sort | None = Field(None, description="default: relevance with q, else recent")
    limit: int = Field(20, ge=1, le=100)
    cursor: str = Field("", max_length=500, description="the cursor of the `next` address")
    fields: str = Field(
        "", max_length=500, description="comma-separated keys to return, e.g. title,countries"
    )
    lang: Lang | None = Field(None, description="language of labels and messages (else Accept-Language)")


class EntryOptions(Schema):
    revision: Literal["published", "latest"] = Field(
        "published", description="latest: the revision being worked on (needs the read scope and the right)"
    )
    fields: str = Field("", max_length=500, description="comma-separated keys to return")
    lang: Lang | None = None


class SimilarOptions(Schema):
    limit: int = Field(5, ge=1, le=20)
    lang: Lang | None = None


@router.get(
    "/entries",
    response={200: EntryList, **READ_ERRORS},
    exclude_unset=True,
    summary="List and search entries",
)
def list_entries(request: HttpRequest, filters: Query[EntryFilters]) -> dict:
    """Published entries. Filters combine with AND across parameters and OR within one; `q` searches the text
    in every language. Follow `next` for further pages (a cursor: pages do not shift when entries appear)."""
    params = request.GET
    wanted = parse_fields(filters.fields)
    query = EntryQuery.from_params(params)
    position = cursor.decode(filters.cursor, params) if filters.cursor else {}
    if query.effective_sort == "recent":
        revisions, next_position = _recent_page(query, position, filters.limit)
    else:
        revisions, next_position = _ranked_page(query, position, filters.limit)
    next_url = None
    if next_position:
        following = params.copy()
        following["cursor"] = cursor.encode(params, **next_position)
        next_url = request.build_absolute_uri(request.path) + "?" + following.urlencode()
    return {
        "count": query.results().count(),
        "next": next_url,
        "results": [entry_out(revision, wanted) for revision in revisions],
    }


def _recent_page(query: EntryQuery, position: dict, limit: int) -> tuple[list[Revision], dict | None]:
    revisions = with_record_relations(query.queryset().select_related("entry")).order_by(
        "-entry__published_at", "-entry_id"
    )
    if "p" in position:
        try:
            published, entry_id = datetime.fromisoformat(position["p"]), int(position["e"])
        except (TypeError, ValueError, KeyError) as exc:
            raise Problem(400, "cursor", _("This cursor is not valid.")) from exc
        revisions = revisions.filter(
            Q(entry__published_at__lt=published) | Q(entry__published_at=published, entry_id__lt=entry_id)
        )
    page = list(revisions[: limit + 1])
    if len(page) <= limit:
        return page, None
    last = page[limit - 1]
    return page[:limit], {"p": last.entry.published_at.isoformat(), "e": last.entry_id}


def _ranked_page(query: EntryQuery, position: dict, limit: int) -> tuple[list[Revision], dict | None]:
    offset = position.get("o", 0)
    if not isinstance(offset, int) or offset < 0:
        raise Problem(400, "cursor", _("This cursor is not valid."))
    ids = query.results().ids(stop=offset + limit + 1)[offset:]
    found = {
        revision.entry_id: revision
        for revision in with_record_relations(
            Revision.objects.filter(entry_id__in=ids[:limit], live=True)
        ).select_related("entry")
    }
    page = [found[i] for i in ids[:limit] if i in found]
    return page, ({"o": offset + limit} if len(ids) > limit else None)


def _visible_entry(request: HttpRequest, slug: str) -> Entry:
    """The entry, if the caller may see it; 404 otherwise (an unpublished entry's existence is private)."""
    entry = (
        Entry.objects.select_related("organisation", "published_revision", "latest_revision")
        .filter(slug=slug)
        .first()
    )
    if entry is None:
        raise not_found()
    if entry.is_public:
        return entry
    if request.auth.has_scope("read") and permissions.can_view_history(request.user, entry):
        return entry
    if entry.state == State.WITHDRAWN and entry.published_revision_id:
        raise Problem(410, "withdrawn", _("This entry has been withdrawn."), entry.withdrawn_reason)
    raise not_found()


@router.get(
    "/entries/{slug}",
    response={
        200: EntryOut,
        304: None,
        400: ProblemOut,
        401: ProblemOut,
        404: ProblemOut,
        410: ProblemOut,
        429: ProblemOut,
    },
    exclude_unset=True,
    summary="One entry",
)
def get_entry(request: HttpRequest, slug: str, options: Query[EntryOptions]) -> dict:
    """The published revision; with `revision=latest` and a token allowed to, the latest one (a draft)."""
    wanted = parse_fields(options.fields)
    entry = _visible_entry(request, slug)
    latest = (
        options.revision == "latest"
        and request.auth.has_scope("read")
        and permissions.can_view_history(request.user, entry)
    )
    shown = entry.latest_revision if latest or not entry.is_public else entry.published_revision
    return entry_out(shown, wanted)


@router.get(
    "/entries/{slug}/similar",
    response={
        200: list[SimilarOut],
        304: None,
        400: ProblemOut,
        401: ProblemOut,
        404: ProblemOut,
        410: ProblemOut,
        429: ProblemOut,
    },
    summary="Similar entries (who else does this)",
)
def similar(request: HttpRequest, slug: str, options: Query[SimilarOptions]) -> list[dict]:
    """Published entries most like this one, across languages; see the documentation for how they are found."""
    entry = _visible_entry(request, slug)
    return [
        {
            "id": candidate.entry.slug,
            "url": site_url(candidate.entry.get_absolute_url()),
            "title": localise(candidate, "title").text,
            "score": float(getattr(candidate, "similarity", 0.0)),
        }
        for candidate in similar_entries(entry, options.limit)
    ]
