"""The filter and facet layer of the public list: parse the URL, search and filter live entries, count facets.

Filters combine with AND across facets and OR within one facet (`?country=SA&country=AE`), and every facet's
counts are computed with all the *other* filters applied — the usual faceted-search behaviour, so a visitor
sees how many entries each further click would give. ``q`` is a full-text query (see docs/search.md).

`EntryQuery.results()` and `facet_counts()` run on the search engine (`marsad.search.engine`: full-text index
plus per-process bitmaps, exact at every request); `EntryQuery.queryset()` computes the same set in plain SQL,
for callers that need a QuerySet (exports) and for the tests that hold the two paths to the same answers.
"""

import math
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from marsad.assessments.services import facet_labels
from marsad.initiatives.models import Revision
from marsad.vocab.models import Country, Kind, Term


@dataclass(frozen=True)
class Facet:
    param: str
    path: str  # lookup from Revision to the value
    kind: str | None  # vocabulary kind for labels; None for countries and years


FACETS = (
    Facet("country", "countries__code", None),
    Facet("action_line", "action_lines__code", Kind.ACTION_LINE),
    Facet("sdg", "sdgs__code", Kind.SDG),
    Facet("technology", "technologies__code", Kind.TECHNOLOGY),
    Facet("stakeholder", "stakeholder_type__code", Kind.STAKEHOLDER_TYPE),
    Facet("status", "status__code", Kind.STATUS),
    Facet("scope", "scope__code", Kind.SCOPE),
    Facet("year", "start_year", None),
    # Responsible-AI results of AI entries (marsad.assessments): labels come from the questionnaires.
    Facet("risk_tier", "risk_tiers__code", None),
    Facet("impact_level", "impact_level__code", None),
)
FACET_BY_PARAM = {f.param: f for f in FACETS}
LABELS_MAX_AGE = 300.0  # seconds
_labels_memo: dict[str, Any] = {"at": -math.inf, "by_language": {}}


def vocabulary_labels() -> dict[tuple[str, str], str]:
    """(facet, code) → label of every term of a facet's vocabulary and every country, in the active language.

    Every list page labels its facet values; reading the vocabularies for each page cost a sixth of its time.
    Kept per process and language; forgotten when a term or country is saved or deleted in this process
    (`forget_vocabulary_labels`), and re-read every ``LABELS_MAX_AGE`` seconds so that a rename made through
    another process reaches this one too.
    """
    if time.monotonic() - _labels_memo["at"] > LABELS_MAX_AGE:
        forget_vocabulary_labels()
    language = get_language() or "en"
    table = _labels_memo["by_language"].get(language)
    if table is None:
        params = {facet.kind: facet.param for facet in FACETS if facet.kind}
        table = {(params[t.kind], t.code): t.label for t in Term.objects.filter(kind__in=params)}
        table |= {("country", c.code): c.label for c in Country.objects.all()}
        _labels_memo["by_language"][language] = table
    return table


def forget_vocabulary_labels(**kwargs: object) -> None:
    """Receiver of the vocabularies' save and delete signals."""
    _labels_memo.update(at=time.monotonic(), by_language={})


def value_labels(param: str, codes: Iterable[str]) -> dict[str, str]:
    """Labels of facet ``param``'s values in the active language; a code without one (any year, an unknown
    code) is left out."""
    if param in ("risk_tier", "impact_level"):
        return facet_labels(param, codes, get_language() or "en")
    table = vocabulary_labels()
    return {code: table[param, code] for code in codes if (param, code) in table}


FACET_TITLES = {
    "country": _("Country"),
    "action_line": _("WSIS Action Line"),
    "sdg": _("SDG"),
    "technology": _("Technology"),
    "stakeholder": _("Stakeholder type"),
    "status": _("Status"),
    "scope": _("Scope"),
    "year": _("Start year"),
    "risk_tier": _("AI risk tier"),
    "impact_level": _("AI impact level"),
}
SORT_LABELS = {
    "relevance": _("relevance"),
    "recent": _("recently published"),
    "title": _("title"),
    "start": _("start date"),
}
SORTS = tuple(SORT_LABELS)
MAX_VALUES_PER_FACET = 50
MAX_QUERY_CHARS = 500


@dataclass
class EntryQuery:
    selected: dict[str, list[str]] = field(default_factory=dict)
    q: str = ""
    sort: str = ""  # empty: relevance when there is a text query, else most recent first

    @classmethod
    def from_params(cls, params: QueryDict) -> "EntryQuery":
        selected = {}
        for facet in FACETS:
            values = [v.strip()[:40] for v in params.getlist(facet.param) if v.strip()][:MAX_VALUES_PER_FACET]
            if facet.param == "year":
                values = [v for v in values if v.isdigit()]
            if values:
                selected[facet.param] = values
        sort = params.get("sort", "")
        return cls(selected, params.get("q", "").strip()[:MAX_QUERY_CHARS], sort if sort in SORTS else "")

    @cached_property
    def text_query(self):
        """The parsed query, expanded across languages (empty: browse)."""
        from marsad.search.engine import prepare

        return prepare(self.q)

    @property
    def effective_sort(self) -> str:
        if self.sort and (self.sort != "relevance" or not self.text_query.is_empty):
            return self.sort
        return "recent" if self.text_query.is_empty else "relevance"

    @cached_property
    def outcome(self):
        """The engine's answer: matches, scores, facet counts and the totals without each filter."""
        from marsad.search.engine import run

        return run(self.text_query, self.selected, [facet.param for facet in FACETS])

    def base(self) -> QuerySet:
        return Revision.objects.filter(live=True).annotate(start_year=ExtractYear("start_date"))

    def apply(self, qs: QuerySet, skip: str | None = None) -> QuerySet:
        for param, values in self.selected.items():
            if param == skip:
                continue
            facet = FACET_BY_PARAM[param]
            ids = self.base().filter(**{f"{facet.path}__in": values}).values("id")
            qs = qs.filter(id__in=ids)
        return qs

    def results(self):
        """The matching live revisions in order: a lazy sequence with ``count()`` and slicing, each revision
        of a text search carrying ``hit`` (highlighted title and snippet); see `marsad.search.results`."""
        from marsad.search.results import Results

        return Results(self.outcome, self.effective_sort)

    def queryset(self) -> QuerySet:
        """The same live revisions as `results()`, unordered, computed in SQL only."""
        qs = self.apply(self.base())
        if not self.text_query.is_empty:
            from marsad.search import backends

            sql, params = backends.current().match_sql(self.text_query)
            qs = qs.filter(entry_id__in=RawSQL(sql, params))
        return qs

    def facet_counts(self) -> dict[str, list[dict[str, Any]]]:
        counts = {
            # a chosen value stays listed, so that it can be unchosen, even when it counts nothing now
            facet.param: dict.fromkeys(self.selected.get(facet.param, []), 0)
            | self.outcome.counts.get(facet.param, {})
            for facet in FACETS
        }
        labels = self._labels(counts)
        return {facet.param: self._labelled(facet, counts[facet.param], labels) for facet in FACETS}

    def _labels(self, counts: dict[str, dict[str, int]]) -> dict[tuple[str, str], str]:
        """Labels of every value shown, in the visitor's language."""
        return {
            (facet.param, code): label
            for facet in FACETS
            for code, label in value_labels(facet.param, counts[facet.param]).items()
        }

    def sql_facet_counts(self) -> dict[str, dict[str, int]]:
        """Facet counts computed with SQL GROUP BY over `queryset()` (the slow path, kept as the reference)."""
        out = {}
        for facet in FACETS:
            other = EntryQuery({k: v for k, v in self.selected.items() if k != facet.param}, self.q)
            rows = (
                other.queryset()
                .exclude(**{f"{facet.path}__isnull": True})
                .values(facet.path)
                .annotate(n=Count("id", distinct=True))
            )
            out[facet.param] = {str(row[facet.path]): row["n"] for row in rows}
        return out

    def _labelled(
        self, facet: Facet, counts: dict[str, int], labels: dict[tuple[str, str], str]
    ) -> list[dict[str, Any]]:
        chosen = set(self.selected.get(facet.param, []))
        if facet.param != "year":  # an unknown code typed into the URL is not offered
            counts = {code: n for code, n in counts.items() if (facet.param, code) in labels}
        hrefs = self._toggled_all(facet.param, list(counts))
        items = [
            {
                "code": code,
                "label": labels.get((facet.param, code), code),
                "count": n,
                "selected": code in chosen,
                "href": "?" + hrefs[code],
            }
            for code, n in counts.items()
        ]
        key = (lambda i: -int(i["code"])) if facet.param == "year" else (lambda i: (-i["count"], i["label"]))
        return sorted(items, key=key)

    def toggled(self, param: str | None = None, value: str | None = None) -> str:
        """This query's string with one facet value switched on or off: the href of a facet link."""
        return self._toggled_all(param, [value])[value]

    def _toggled_all(self, param: str | None, values: list[Any]) -> dict[Any, str]:
        """`toggled(param, value)` for each of ``values``.

        A list page has hundreds of facet links; the other parameters are encoded once for all of them.
        """
        encoded = {
            name: urlencode({name: [str(v) for v in chosen]}, doseq=True)
            for name, chosen in self.selected.items()
        }
        names = [*self.selected, *([param] if param and param not in self.selected else [])]
        tail = [urlencode({"q": self.q})] if self.q else []
        if self.sort:
            tail.append(urlencode({"sort": self.sort}))
        chosen = [str(v) for v in self.selected.get(param, [])] if param else []
        out = {}
        for value in values:
            mine = [v for v in chosen if v != str(value)] if str(value) in chosen else [*chosen, str(value)]
            pieces = [
                urlencode({name: mine}, doseq=True) if name == param else encoded[name] for name in names
            ]
            out[value] = "&".join(piece for piece in pieces + tail if piece)
        return out

    def without(self, param: str) -> str:
        """This query's string without any value of facet ``param`` (a "remove this filter" link)."""
        return EntryQuery({k: v for k, v in self.selected.items() if k != param}, self.q, self.sort).toggled()

    def with_text(self, q: str) -> str:
        """This query's string with another text query (a spelling suggestion)."""
        return EntryQuery(self.selected, q, self.sort).toggled()

    def sort_links(self) -> list[dict[str, Any]]:
        """The orders a visitor may choose (relevance only with a text query), with their hrefs."""
        current = self.effective_sort
        return [
            {"value": sort, "label": label, "current": sort == current, "href": self._with_sort(sort)}
            for sort, label in SORT_LABELS.items()
            if sort != "relevance" or not self.text_query.is_empty
        ]

    def _with_sort(self, sort: str) -> str:
        return EntryQuery(self.selected, self.q, sort).toggled()
