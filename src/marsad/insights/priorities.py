"""Priorities: a country's weakest pillars, who in the region works on them, and who is strong there.

A pillar maps to WSIS Action Lines and technology tags (the edition's pillar links, from `links.yaml`); the
published initiatives of the repository that cover a country of Marsad's region (League of Arab States and DCO
members) and carry one of those action lines or tags are the regional work on that pillar. The countries of
the region with the highest pillar scores are the natural partners: the cross-border cooperation the DCO asks
for.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from marsad import maturity as mi
from marsad.initiatives.models import Revision
from marsad.insights import places
from marsad.insights.models import Score
from marsad.insights.selection import Selection
from marsad.vocab.models import Kind, Term

WEAKEST = 3
INITIATIVES_PER_PILLAR = 6
LEADERS = 5


@dataclass
class Leader:
    unit: str
    name: str
    score: float
    rank: int
    initiatives: int


@dataclass
class Priority:
    code: str
    name: str
    score: float
    peer_median: float
    action_lines: list[Term] = field(default_factory=list)
    technologies: list[Term] = field(default_factory=list)
    initiatives: list[Revision] = field(default_factory=list)
    total: int = 0
    leaders: list[Leader] = field(default_factory=list)


def region_units() -> set[str]:
    units: set[str] = set()
    for code in places.REGION_OF_MARSAD:
        units |= places.members(code)
    return units


def matching(pillar_links: dict, countries: set[str]):
    """Live revisions of published entries in `countries` that carry one of the pillar's action lines or tags."""
    lines, techs = pillar_links.get("action_lines", []), pillar_links.get("technologies", [])
    if not lines and not techs:
        return Revision.objects.none()
    ids = (
        Revision.objects.filter(live=True, countries__alpha3__in=countries)
        .filter(Q(action_lines__code__in=lines) | Q(technologies__code__in=techs))
        .values("id")
    )
    return Revision.objects.filter(id__in=ids)


def priorities(sel: Selection, unit: str, peers: list[str]) -> list[Priority]:
    """The `WEAKEST` measured pillars of `unit` against `peers` (lowest in peer standard deviations)."""
    result, fw = sel.result, sel.framework
    scored = set(sel.built.scored_aggregates(sel.year))
    group = peers if len(peers) >= 2 else None  # too small a group: compare with every country
    everything = mi.strengths_weaknesses(result, unit, peers=group, level=2, n=len(fw.aggregates)).all
    ranked = [c for c in reversed(everything) if c.code in scored]
    region = region_units()
    known = places.countries()
    out = []
    for c in ranked[:WEAKEST]:
        links = sel.built.pillar_links(c.code)
        revisions = matching(links, region)
        priority = Priority(
            c.code,
            sel.name(c.code),
            c.value,
            c.peer_median,
            list(Term.objects.filter(kind=Kind.ACTION_LINE, code__in=links.get("action_lines", []))),
            list(Term.objects.filter(kind=Kind.TECHNOLOGY, code__in=links.get("technologies", []))),
            list(
                revisions.select_related("entry", "lead_organisation")
                .prefetch_related("countries")
                .order_by("-entry__published_at", "-id")[:INITIATIVES_PER_PILLAR]
            ),
            revisions.count(),
        )
        priority.leaders = _leaders(sel, c.code, unit, region, revisions, known)
        out.append(priority)
    return out


def _leaders(sel: Selection, code: str, unit: str, region: set[str], revisions, known: dict) -> list[Leader]:
    best = (
        Score.objects.filter(edition=sel.edition, year=sel.year, code=code, unit__in=region)
        .exclude(unit=unit)
        .order_by("rank")[:LEADERS]
    )
    best = list(best)
    counts = dict(
        revisions.filter(countries__alpha3__in=[s.unit for s in best])
        .values_list("countries__alpha3")
        .annotate(n=Count("id", distinct=True))
    )
    return [
        Leader(s.unit, places.name_of(s.unit, known), s.score, s.rank, counts.get(s.unit, 0)) for s in best
    ]
