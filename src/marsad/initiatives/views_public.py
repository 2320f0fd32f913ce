"""Public pages: the faceted list, an entry, and the country, action-line and technology pages."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from marsad.initiatives import permissions
from marsad.initiatives.filters import FACET_TITLES, EntryQuery
from marsad.initiatives.models import Entry, State
from marsad.search.similar import similar_entries
from marsad.search.suggest import suggestion
from marsad.vocab.models import Country, Kind, Term

PAGE_SIZE = 20
SIMILAR = 5


def _listing(request: HttpRequest, template: str, fixed: dict[str, str], context: dict) -> HttpResponse:
    params = request.GET.copy()
    for param, value in fixed.items():
        if value not in params.getlist(param):
            params.appendlist(param, value)
    query = EntryQuery.from_params(params)
    page = Paginator(query.results(), PAGE_SIZE).get_page(request.GET.get("page"))
    context |= {"query": query, "page": page, "facets": query.facet_counts(), "fixed": fixed}
    if not page.object_list:
        context |= _relaxations(query, fixed)
    if request.headers.get("HX-Request"):
        template = "initiatives/_results.html"
    return render(request, template, context)


def _relaxations(query: EntryQuery, fixed: dict[str, str]) -> dict:
    """For a search that found nothing: each filter the visitor may remove, with what it would give, and a
    spelling correction of the words."""
    relax = [
        {"title": FACET_TITLES[param], "href": query.without(param), "count": count}
        for param, count in query.outcome.without.items()
        if count and param not in fixed
    ]
    corrected = suggestion(query.q) if query.q and not query.text_query.is_empty else None
    return {
        "relax": relax,
        "suggestion": {"q": corrected, "href": query.with_text(corrected)} if corrected else None,
    }


def entry_list(request: HttpRequest) -> HttpResponse:
    return _listing(request, "initiatives/list.html", {}, {})


def country(request: HttpRequest, code: str) -> HttpResponse:
    obj = get_object_or_404(Country, code=code.upper())
    return _listing(
        request, "initiatives/topic.html", {"country": obj.code}, {"topic": obj, "topic_kind": "country"}
    )


def _term_page(request: HttpRequest, kind: str, param: str, code: str) -> HttpResponse:
    obj = get_object_or_404(Term, kind=kind, code=code)
    return _listing(request, "initiatives/topic.html", {param: obj.code}, {"topic": obj, "topic_kind": kind})


def action_line(request: HttpRequest, code: str) -> HttpResponse:
    return _term_page(request, Kind.ACTION_LINE, "action_line", code)


def technology(request: HttpRequest, code: str) -> HttpResponse:
    return _term_page(request, Kind.TECHNOLOGY, "technology", code)


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    entry = get_object_or_404(Entry.objects.select_related("organisation"), slug=slug)
    if entry.state == State.WITHDRAWN and not permissions.can_view_history(request.user, entry):
        if entry.published_revision_id is None:
            raise Http404
        return render(request, "initiatives/withdrawn.html", {"entry": entry}, status=410)
    if not permissions.can_view(request.user, entry):
        raise Http404
    revision = entry.published_revision if entry.is_public else entry.latest_revision
    return render(
        request,
        "initiatives/detail.html",
        {
            "entry": entry,
            "revision": revision,
            "preview": not entry.is_public,
            "can_manage": permissions.can_view_history(request.user, entry),
            "similar": similar_entries(entry, SIMILAR) if entry.is_public else [],
        },
    )
