"""Vocabularies, countries with their groupings, and statistics of published entries by any two facets."""

from typing import Literal

from django.db.models import Count
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from marsad.api.auth import optional_token
from marsad.api.problems import Problem, not_found
from marsad.api.read import EntryFilters, Lang
from marsad.api.schemas import CountryOut, ProblemOut, StatisticsOut, VocabularyOut
from marsad.initiatives.filters import FACET_BY_PARAM, FACETS, EntryQuery, value_labels
from marsad.vocab.models import Country, Kind, Term

router = Router(tags=["reference"], auth=optional_token)
ERRORS = {304: None, 400: ProblemOut, 401: ProblemOut, 429: ProblemOut}
FacetName = Literal[
    "country",
    "action_line",
    "sdg",
    "technology",
    "stakeholder",
    "status",
    "scope",
    "year",
    "risk_tier",
    "impact_level",
]


class LangOnly(Schema):
    lang: Lang | None = None


def _labels(obj: object) -> dict[str, str]:
    return {lang: getattr(obj, f"label_{lang}") for lang in ("ar", "en", "fr")}


def _term(term: Term) -> dict:
    return {
        "kind": term.kind,
        "code": term.code,
        "label": term.label,
        "labels": _labels(term),
        "parent": term.parent.code if term.parent_id else None,
        "active": term.active,
    }


def _vocabulary(kind: str) -> dict:
    terms = Term.objects.filter(kind=kind).select_related("parent").order_by("sort", "code")
    return {"kind": kind, "label": Kind(kind).label, "terms": [_term(t) for t in terms]}


@router.get("/vocabularies", response={200: list[VocabularyOut], **ERRORS}, summary="All vocabularies")
def vocabularies(request: HttpRequest, options: Query[LangOnly]) -> list[dict]:
    """Every controlled vocabulary with its codes (the values of filters and records) and labels."""
    return [_vocabulary(kind) for kind in Kind.values]


@router.get(
    "/vocabularies/{kind}", response={200: VocabularyOut, 404: ProblemOut, **ERRORS}, summary="One vocabulary"
)
def vocabulary(request: HttpRequest, kind: str, options: Query[LangOnly]) -> dict:
    if kind not in Kind.values:
        raise not_found()
    return _vocabulary(kind)


def _country(country: Country) -> dict:
    return {
        "code": country.code,
        "alpha3": country.alpha3,
        "numeric": country.numeric,
        "label": country.label,
        "labels": _labels(country),
        "region": country.region.code if country.region_id else None,
        "groups": sorted(group.code for group in country.groups.all()),
    }


@router.get("/countries", response={200: list[CountryOut], **ERRORS}, summary="Countries and their groupings")
def countries(request: HttpRequest, options: Query[LangOnly]) -> list[dict]:
    """ISO 3166-1 countries with their memberships (League of Arab States, DCO, AICTO, GCC) and region."""
    return [_country(c) for c in Country.objects.select_related("region").prefetch_related("groups")]


@router.get("/countries/{code}", response={200: CountryOut, 404: ProblemOut, **ERRORS}, summary="One country")
def country(request: HttpRequest, code: str, options: Query[LangOnly]) -> dict:
    found = (
        Country.objects.select_related("region")
        .prefetch_related("groups")
        .filter(code=code.upper()[:2])
        .first()
    )
    if found is None:
        raise not_found()
    return _country(found)


class StatisticsQuery(EntryFilters):
    by: list[FacetName] = Field(description="one or two facets to count by, e.g. by=country&by=technology")


@router.get(
    "/statistics", response={200: StatisticsOut, **ERRORS}, summary="Counts of entries by one or two facets"
)
def statistics(request: HttpRequest, options: Query[StatisticsQuery]) -> dict:
    """How many published entries (matching the filters and `q`) fall in each combination of the facets."""
    by = list(dict.fromkeys(options.by))
    if not 1 <= len(by) <= 2:
        raise Problem(
            400,
            "bad-request",
            _("Give one or two facets in “by”."),
            "",
            [
                {
                    "field": "by",
                    "pointer": "#/by",
                    "detail": _("One or two of: %(names)s.") % {"names": ", ".join(f.param for f in FACETS)},
                }
            ],
        )
    query = EntryQuery.from_params(request.GET)
    matching = query.queryset()
    paths = [FACET_BY_PARAM[param].path for param in by]
    grouped = (
        matching.values(*paths).annotate(count=Count("entry_id", distinct=True)).order_by("-count", *paths)
    )
    rows = [
        {**{param: str(row[path]) for param, path in zip(by, paths, strict=True)}, "count": row["count"]}
        for row in grouped
        if all(
            row[path] is not None for path in paths
        )  # an entry without a value of a facet is not counted in it
    ]
    return {
        "by": by,
        "total": matching.count(),
        "rows": rows,
        "labels": {param: _facet_labels(param, {r[param] for r in rows}) for param in by},
    }


def _facet_labels(param: str, codes: set[str]) -> dict[str, str]:
    if param == "year":
        return {code: code for code in codes}
    return value_labels(param, codes)
