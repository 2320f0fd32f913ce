"""Rankings and trends read from the stored scores of a published edition.

A ranking is one aggregate (the index, a dimension or a pillar) in one year, optionally restricted to a group
of countries; the world rank and its Monte Carlo interval stay those of the whole edition, and the rank within
the group is counted among the countries shown. Trends are the same aggregate over the edition's years and,
across editions, each published edition's headline year.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count

from marsad.insights import places
from marsad.insights.models import Edition, Score
from marsad.insights.selection import Selection

SORTS = ("rank", "-rank", "name", "-name")


@dataclass
class Row:
    unit: str
    name: str
    score: float
    rank: int
    rank_low: float | None
    rank_median: float | None
    rank_high: float | None
    stage: str
    stage_name: str = ""
    group_rank: int = 0
    trend: list[float | None] = field(default_factory=list)


def ranking(sel: Selection, code: str, group: str = "", sort: str = "rank") -> list[Row]:
    """Every scored country of the edition's year at `code`, filtered by `group`, sorted by `sort`."""
    scores = Score.objects.filter(edition=sel.edition, year=sel.year, code=code)
    if group:
        scores = scores.filter(unit__in=places.members(group))
    known = places.countries()
    rows = [
        Row(
            s.unit,
            places.name_of(s.unit, known),
            s.score,
            s.rank,
            s.rank_low,
            s.rank_median,
            s.rank_high,
            s.stage,
            sel.stage_name(s.stage),
        )
        for s in scores.only("unit", "score", "rank", "rank_low", "rank_median", "rank_high", "stage")
    ]
    values = sorted((r.score for r in rows), reverse=True)
    for r in rows:
        r.group_rank = 1 + sum(1 for v in values if v > r.score)
    history = trends(sel.edition, [r.unit for r in rows], [code])
    for r in rows:
        r.trend = history.get(r.unit, {}).get(code, [])
    key = {
        "rank": lambda r: (r.rank, r.name),
        "-rank": lambda r: (-r.rank, r.name),
        "name": lambda r: r.name,
        "-name": lambda r: r.name,
    }[sort if sort in SORTS else "rank"]
    return sorted(rows, key=key, reverse=sort == "-name")


def trends(edition: Edition, units: Iterable[str], codes: Iterable[str]) -> dict[str, dict[str, list]]:
    """{unit: {code: [score per year of the edition, None where unscored]}}."""
    years = list(edition.years)
    out: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(lambda: [None] * len(years)))
    rows = Score.objects.filter(edition=edition, unit__in=list(units), code__in=list(codes)).values_list(
        "unit", "code", "year", "score"
    )
    for unit, code, year, score in rows:
        out[unit][code][years.index(year)] = score
    return out


def rank_trend(edition: Edition, unit: str, code: str) -> list[int | None]:
    """The unit's rank at `code` in each year of the edition."""
    years = list(edition.years)
    ranks: list[int | None] = [None] * len(years)
    for year, rank in Score.objects.filter(edition=edition, unit=unit, code=code).values_list("year", "rank"):
        ranks[years.index(year)] = rank
    return ranks


@dataclass(frozen=True)
class EditionPoint:
    edition: Edition
    score: float | None
    rank: int | None
    of: int


def across_editions(unit: str, code: str) -> list[EditionPoint]:
    """The unit's score and rank at `code` in the headline year of every published edition, oldest first."""
    editions = list(Edition.objects.published().order_by("number"))
    found = {
        (s.edition_id, s.year): s
        for s in Score.objects.filter(edition__in=editions, unit=unit, code=code).only(
            "edition_id", "year", "score", "rank"
        )
    }
    counts = {
        (row["edition_id"], row["year"]): row["n"]
        for row in Score.objects.filter(edition__in=editions, code=code)
        .values("edition_id", "year")
        .annotate(n=Count("id"))
    }
    points = []
    for e in editions:
        s = found.get((e.pk, e.year))
        points.append(
            EditionPoint(e, s.score if s else None, s.rank if s else None, counts.get((e.pk, e.year), 0))
        )
    return points
