"""A country's profile in one edition and year: everything the profile page and its PDF show, as plain data.

Scores, ranks and stage come from the edition's result (the rank intervals and trends from its stored scores);
strengths and weaknesses compare the country with a peer group of the vocabulary (by default its membership
in Marsad's region, else its UN M49 region), in peer standard deviations as the engine defines them; each
indicator carries its raw value, the year that value is from, its source and whether it was imputed.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext_lazy as _

from marsad import charts
from marsad import maturity as mi
from marsad.insights import places, rankings
from marsad.insights.models import Score
from marsad.insights.selection import Selection

# How a ratio to a denominator reads best: articles per million people, royalties as a share of GDP.
RATIO_DISPLAY = {
    "SP.POP.TOTL": (1e6, _("per million people")),
    # Translators: xgettext:no-python-format (a percent sign, not a placeholder)
    "NY.GDP.MKTP.CD": (100.0, _("% of GDP")),
}
MAX_COMPARE = 4


@dataclass
class NodeLine:
    code: str
    name: str
    level: int
    score: float | None
    rank: int | None
    rank_low: float | None = None
    rank_high: float | None = None
    peer_median: float | None = None
    measured: bool = True


@dataclass
class IndicatorLine:
    code: str
    name: str
    parent: str
    value: float | None  # raw value used, in the data file's unit (imputed ones back in that unit)
    unit: str
    data_year: int | None  # the year the value is from (earlier than the edition's year when imputed)
    imputed: bool
    treated: bool
    ratio: float | None  # value divided by its denominator, scaled as RATIO_DISPLAY says
    ratio_unit: str
    score: float | None  # normalised 0-100
    rank: int | None
    source: str
    note: str
    measured: bool


@dataclass
class Pillar:
    node: NodeLine
    indicators: list[IndicatorLine]


@dataclass
class Dimension:
    node: NodeLine
    pillars: list[Pillar]
    planned: list[str] = field(default_factory=list)  # names of pillars not measured yet


@dataclass
class Peer:
    node: str
    name: str
    value: float
    peer_median: float
    difference: float  # value - peer median, in score points
    z: float


@dataclass
class Profile:
    unit: str
    name: str
    year: int
    scored: bool
    of: int
    index: NodeLine | None = None
    stage: str = ""
    stage_name: str = ""
    next_stage: str = ""
    next_stage_name: str = ""
    next_stage_min: float | None = None
    to_next_stage: float | None = None
    dimensions: list[Dimension] = field(default_factory=list)
    strengths: list[Peer] = field(default_factory=list)
    weaknesses: list[Peer] = field(default_factory=list)
    peers: str = ""
    peers_label: str = ""
    peer_units: list[str] = field(default_factory=list)
    trend_codes: list[str] = field(default_factory=list)
    trends: dict[str, list] = field(default_factory=dict)
    rank_trend: list = field(default_factory=list)
    editions: list = field(default_factory=list)
    coverage: float | None = None


def build_profile(sel: Selection, unit: str, peers: str = "") -> Profile:
    """The profile of `unit` (alpha-3) in the selection; `peers` is a group code ("" for the default)."""
    result, fw = sel.result, sel.framework
    known = places.countries()
    country = known[unit]
    peers = peers or places.default_peers(country)
    profile = Profile(unit, country.label, sel.year, unit in result.unit_position, len(result.units))
    profile.peers = peers
    profile.peers_label = next((g.label for g in places.groups() if g.code == peers), peers)
    profile.trend_codes = [fw.root, *fw.children(fw.root)]
    profile.trends = rankings.trends(sel.edition, [unit], profile.trend_codes).get(unit, {})
    profile.rank_trend = rankings.rank_trend(sel.edition, unit, fw.root)
    profile.editions = rankings.across_editions(unit, fw.root)
    if not profile.scored:
        profile.coverage = _coverage(result, unit)
        return profile
    i = result.index(unit)
    group = [u for u in places.members(peers) if u in result.unit_position and u != unit]
    profile.peer_units = sorted(group)
    intervals = {
        s.code: (s.rank_low, s.rank_high)
        for s in Score.objects.filter(edition=sel.edition, year=sel.year, unit=unit)
    }
    medians = _peer_medians(result, group)
    lines = {code: _node_line(sel, i, code, intervals, medians) for code in fw.aggregates}
    model = sel.built.whatif_model(sel.year)
    indicators = [_indicator_line(sel, model, i, j) for j in range(len(fw.indicators))]
    profile.index = lines[fw.root]
    _stages(profile, sel, result.score(unit))
    planned = sel.built.planned(sel.language)
    for dim in fw.children(fw.root):
        pillars = [
            Pillar(lines[p], [line for line in indicators if line.parent == p]) for p in fw.children(dim)
        ]
        later = [p["name"] for p in planned if p["parent"] == dim]
        profile.dimensions.append(Dimension(lines[dim], pillars, later))
    if len(group) >= 2:
        sw = mi.strengths_weaknesses(result, unit, peers=group, level=2, n=3)
        profile.strengths = [_peer(sel, c) for c in sw.strengths]
        profile.weaknesses = [_peer(sel, c) for c in sw.weaknesses]
    return profile


def _node_line(sel: Selection, i: int, code: str, intervals: dict, medians: dict) -> NodeLine:
    result, fw = sel.result, sel.framework
    k = fw.position[code]
    value = result.values[i, k]
    low, high = intervals.get(code, (None, None))
    measured = bool(np.any(~np.isnan(result.column(code))))
    return NodeLine(
        code,
        sel.name(code),
        int(fw.heights[k]),
        _num(value),
        None if np.isnan(value) else int(result.ranks[i, k]),
        low,
        high,
        medians.get(code),
        measured,
    )


def _indicator_line(sel: Selection, model: mi.WhatIfModel, i: int, j: int) -> IndicatorLine:
    result, fw, dataset = sel.result, sel.framework, sel.built.dataset
    code = fw.indicators[j]
    node = fw.by_code[code]
    unit = result.units[i]
    measured = bool(result.prepared.keep_indicators[j])
    value = model.current_raw(i, j) if measured else float("nan")
    ratio, ratio_unit = None, ""
    if node.denominator and not np.isnan(result.imputed[i, j]):
        factor, ratio_unit = RATIO_DISPLAY.get(node.denominator, (1.0, ""))
        ratio = float(result.imputed[i, j]) * factor
    return IndicatorLine(
        code=code,
        name=sel.name(code),
        parent=node.parent or "",
        value=_num(value),
        unit=sel.unit_of(code),
        data_year=_data_year(dataset, unit, code, result.prepared.year) if measured else None,
        imputed=bool(result.imputed_mask[i, j]),
        treated=bool(result.stage.treatment.changed[i, j]),
        ratio=ratio,
        ratio_unit=str(ratio_unit),
        score=_num(result.values[i, j]),
        rank=None if np.isnan(result.ranks[i, j]) else int(result.ranks[i, j]),
        source=dataset.sources.get((unit, result.prepared.year, code)) or node.source,
        note=dataset.notes.get((unit, result.prepared.year, code), ""),
        measured=measured,
    )


def _data_year(dataset: mi.Dataset, unit: str, code: str, year: int) -> int | None:
    """The latest year up to `year` with a value in the data (the one `latest` imputation uses)."""
    row, col = dataset.units.index(unit), dataset.series.index(code)
    for t in range(dataset.years.index(year), -1, -1):
        if not np.isnan(dataset.values[t, row, col]):
            return dataset.years[t]
    return None


def _peer_medians(result: mi.Result, group: list[str]) -> dict[str, float]:
    if not group:
        return {}
    rows = [result.index(u) for u in group]
    with warnings.catch_warnings():  # a node no peer has (a pillar without data) has no median: NaN is right
        warnings.simplefilter("ignore", RuntimeWarning)
        med = np.nanmedian(result.values[rows], axis=0)
    return {c: float(m) for c, m in zip(result.framework.codes, med, strict=True) if not np.isnan(m)}


def _stages(profile: Profile, sel: Selection, score: float) -> None:
    fw = sel.framework
    found = fw.stage_of(score)
    if found is None:
        return
    profile.stage, profile.stage_name = found.code, sel.stage_name(found.code)
    later = [s for s in fw.stages if s.min > found.min]
    if later:
        profile.next_stage, profile.next_stage_min = later[0].code, later[0].min
        profile.to_next_stage = later[0].min - score
        profile.next_stage_name = sel.stage_name(later[0].code)


def _peer(sel: Selection, c) -> Peer:
    return Peer(c.code, sel.name(c.code), c.value, c.peer_median, c.value - c.peer_median, c.z)


def _coverage(result: mi.Result, unit: str) -> float | None:
    """The share of the year's indicators with a value for an unscored unit (why it was left out)."""
    if unit not in result.dataset.units:
        return None
    return float(result.prepared.checks.unit_coverage[result.dataset.units.index(unit)])


def _num(x: float) -> float | None:
    return None if np.isnan(x) else float(x)


@dataclass
class Comparison:
    units: list[str]
    names: list[str]
    rows: list[tuple[NodeLine, list[tuple[float | None, int | None]]]]  # node, (score, rank) per unit
    trend: object  # a line chart of the index over the years, one line per country


def comparison(sel: Selection, unit: str, others: list[str]) -> Comparison:
    """The country and up to four others side by side: index, dimensions and scored pillars."""
    result, fw = sel.result, sel.framework
    units = [unit, *others]
    known = places.countries()
    names = [places.name_of(u, known) for u in units]
    rows = []
    for code in [fw.root, *_tree_order(fw)]:
        if code not in sel.built.scored_aggregates(sel.year):
            continue
        k = fw.position[code]
        cells = []
        for u in units:
            i = result.index(u)
            value = result.values[i, k]
            cells.append((_num(value), None if np.isnan(value) else int(result.ranks[i, k])))
        rows.append((NodeLine(code, sel.name(code), int(fw.heights[k]), None, None), cells))
    history = rankings.trends(sel.edition, units, [fw.root])
    series = [
        charts.Series(name, history.get(u, {}).get(fw.root, []), highlight=u == unit)
        for u, name in zip(units, names, strict=True)
    ]
    trend = charts.line(series, sel.edition.years, language=sel.language, caption=sel.name(fw.root))
    return Comparison(units, names, rows, trend)


def _tree_order(fw: mi.Framework) -> list[str]:
    """Dimensions, each followed by its pillars."""
    out = []
    for dim in fw.children(fw.root):
        out.append(dim)
        out.extend(p for p in fw.children(dim) if p in fw.aggregates)
    return out


def charts_for(sel: Selection, profile: Profile, rtl: bool) -> dict:
    """The profile's charts: index and dimensions over the years, rank over the years, pillars vs peers."""
    years, lang = sel.edition.years, sel.language
    series = [
        charts.Series(sel.name(code), profile.trends.get(code, []), highlight=code == sel.framework.root)
        for code in profile.trend_codes
    ]
    pillars = [
        charts.Bar(p.node.name, p.node.score, reference=p.node.peer_median)
        for d in profile.dimensions
        for p in d.pillars
        if p.node.measured
    ]
    return {
        "trend_chart": charts.line(series, years, language=lang, scale=(0, 100)),
        "rank_chart": charts.line(
            [charts.Series(profile.name, profile.rank_trend, highlight=True)],
            years,
            language=lang,
            invert=True,
        ),
        "pillar_chart": charts.bars(
            pillars,
            language=lang,
            rtl=rtl,
            legend=[("mc-ref", _("median of the peer group"))] if profile.peer_units else [],
        ),
    }
