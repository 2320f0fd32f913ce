"""The home page: what the repository holds, at a glance."""

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from marsad.initiatives.models import Entry, Revision
from marsad.vocab.models import Country, Kind, Term


def _top(path: str, model, key: str, limit: int) -> list[tuple]:
    rows = (
        Revision.objects.filter(live=True)
        .values(path)
        .annotate(n=Count("id", distinct=True))
        .exclude(**{f"{path}__isnull": True})
        .order_by("-n")[:limit]
    )
    objects = model.objects.in_bulk([row[path] for row in rows], field_name=key)
    return [(objects[row[path]], row["n"]) for row in rows if row[path] in objects]


def home(request: HttpRequest) -> HttpResponse:
    live = Revision.objects.filter(live=True)
    context = {
        "total": live.count(),
        "country_total": Country.objects.filter(code__in=live.values("countries")).count(),
        "organisation_total": live.values("lead_organisation").distinct().count(),
        "by_country": _top("countries", Country, "code", 12),
        "by_action_line": _top("action_lines", Term, "id", 19),
        "by_technology": _top("technologies", Term, "id", 17),
        "latest": Entry.objects.public()
        .select_related("published_revision", "published_revision__lead_organisation")
        .order_by("-published_at")[:8],
        "action_lines": Term.objects.of(Kind.ACTION_LINE).filter(parent__isnull=True),
    }
    return render(request, "core/home.html", context)
