"""The index in the REST API: `/api/v1/index/…` — editions, scores, country profiles, what-if and gap analysis.

A self-contained django-ninja `Router`; the API module mounts it with ``api.add_router("/index/", router)``.
Every endpoint reads only published editions (`?edition=N`, default the current one; `?year=Y`, default its
headline year) and calls the same service functions as the pages, so the API and the pages cannot disagree.
Names come in the language asked for with `?lang=ar|en|fr` (default English). Nothing here writes: what-if
and gap analysis are computations on the published edition.
"""

from __future__ import annotations

import math

from django.http import HttpRequest
from django.utils import translation
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from marsad.insights import places, profiles, rankings, simulate
from marsad.insights.models import Edition
from marsad.insights.selection import Selection, select
from marsad.maturity import MaturityError

router = Router(tags=["maturity index"])
LANGUAGES = ("ar", "en", "fr")


class EditionOut(Schema):
    number: int = Field(examples=[1])
    label: str = Field(examples=["World Bank WDI, data 2010–2025"])
    framework_id: str = Field(examples=["dei"])
    framework_version: str = Field(examples=["2026.1"])
    years: list[int] = Field(examples=[[2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]])
    year: int = Field(description="The headline year", examples=[2023])
    published_at: str | None = Field(examples=["2026-11-22T20:00:00+00:00"])
    data_digest: str = Field(description="SHA-256 of the data values (not of the file bytes)")
    framework_digest: str


class NodeOut(Schema):
    code: str = Field(examples=["CON"])
    name: str = Field(examples=["Connectivity and infrastructure"])
    parent: str | None = Field(examples=["ENA"])
    level: int = Field(description="1 indicator, 2 pillar, 3 dimension, 4 index", examples=[2])
    weight: float | None = Field(description="Weight within its group (0-1)", examples=[0.5])
    effective_weight: float | None = Field(description="Share of the index (0-1)", examples=[0.1667])


class EditionDetail(EditionOut):
    notes: str
    method: dict = Field(description="The methodology of every step, as the engine applied it")
    nodes: list[NodeOut]
    planned: list[dict] = Field(
        description="Pillars without open data yet, with the indicator that would measure them"
    )
    analysis: dict = Field(description="Monte Carlo settings and the Sobol sensitivity indices")


class ScoreOut(Schema):
    unit: str = Field(examples=["SAU"])
    country: str = Field(examples=["Saudi Arabia"])
    year: int = Field(examples=[2023])
    code: str = Field(examples=["DEI"])
    score: float = Field(examples=[46.77])
    rank: int = Field(examples=[55])
    rank_low: float | None = Field(
        description="5th percentile of the rank over the Monte Carlo runs", examples=[47]
    )
    rank_median: float | None = Field(examples=[57])
    rank_high: float | None = Field(description="95th percentile of the rank", examples=[70])
    stage: str = Field(description="Maturity stage (index rows only)", examples=["advanced"])


class IndicatorOut(Schema):
    code: str = Field(examples=["IT.NET.BBND.P2"])
    name: str
    pillar: str = Field(examples=["CON"])
    value: float | None = Field(description="Raw value used, in the data's unit", examples=[43.57])
    unit: str = Field(examples=["per 100 people"])
    data_year: int | None = Field(description="The year the value is from", examples=[2023])
    imputed: bool
    score: float | None = Field(description="Normalised 0-100")
    rank: int | None
    source: str


class PeerOut(Schema):
    code: str
    name: str
    value: float
    peer_median: float
    z: float = Field(description="Distance from the peers' mean in peer standard deviations")


class ProfileOut(Schema):
    unit: str = Field(examples=["SAU"])
    name: str = Field(examples=["Saudi Arabia"])
    edition: int
    year: int
    scored: bool
    of: int = Field(description="Countries scored in the year")
    stage: str = Field(examples=["advanced"])
    next_stage: str = Field(examples=["leading"])
    peers: str = Field(description="The peer group's code", examples=["LAS"])
    lines: list[profiles.NodeLine] = Field(description="The index, dimensions and pillars")
    indicators: list[IndicatorOut]
    strengths: list[PeerOut]
    weaknesses: list[PeerOut]


class WhatIfIn(Schema):
    changes: dict[str, float] = Field(
        description="Raw values by indicator code, in the data's units",
        examples=[{"IT.NET.BBND.P2": 40.0, "GB.XPD.RSDV.GD.ZS": 1.5}],
    )


class WhatIfOut(Schema):
    unit: str
    edition: int
    year: int
    stage_before: str
    stage_after: str
    outcomes: list[simulate.Outcome] = Field(
        description="The index, dimensions and pillars, before and after"
    )


class GapStepOut(Schema):
    code: str
    name: str
    pillar: str
    raw_from: float
    raw_to: float
    score_from: float
    score_to: float


class GapOut(Schema):
    unit: str
    target: str
    current: float = Field(examples=[46.77])
    target_score: float = Field(examples=[55.0])
    reached: bool
    achieved: float
    steps: list[GapStepOut]


def _selection(request: HttpRequest, lang: str, edition: int | None = None) -> Selection:
    """The selection of an API request, with names in `lang` (activated for the rest of the request: country
    names come from the vocabulary in the active language)."""
    if lang not in LANGUAGES:
        raise HttpError(422, f"lang must be one of {', '.join(LANGUAGES)}")
    translation.activate(lang)
    return select(request, edition)


def _edition_out(e: Edition) -> dict:
    return {
        "number": e.number,
        "label": e.label,
        "framework_id": e.framework_id,
        "framework_version": e.framework_version,
        "years": e.years,
        "year": e.year,
        "published_at": e.published_at.isoformat() if e.published_at else None,
        "data_digest": e.data_digest,
        "framework_digest": e.framework_digest,
    }


def _unit(sel: Selection, unit: str) -> str:
    code = unit.upper()
    if code not in sel.built.dataset.units:
        raise HttpError(404, f"unknown country '{unit}' in edition {sel.edition.number}")
    return code


@router.get("/editions", response=list[EditionOut], summary="Published editions, newest first")
def list_editions(request: HttpRequest):
    return [_edition_out(e) for e in Edition.objects.published().order_by("-number")]


@router.get(
    "/editions/{number}", response=EditionDetail, summary="One edition: framework, weights, methodology"
)
def edition_detail(request: HttpRequest, number: int, lang: str = "en"):
    sel = _selection(request, lang, edition=number)
    result, fw = sel.result, sel.framework
    nodes = [
        {
            "code": code,
            "name": sel.name(code),
            "parent": fw.by_code[code].parent,
            "level": int(fw.heights[k]),
            "weight": _float(result.weights[k]),
            "effective_weight": _float(result.effective_weights[k]),
        }
        for k, code in enumerate(fw.codes)
    ]
    return {
        **_edition_out(sel.edition),
        "notes": sel.edition.notes,
        "method": result.method.as_dict(),
        "nodes": nodes,
        "planned": sel.built.planned(lang),
        "analysis": sel.edition.analysis,
    }


@router.get("/scores", response=list[ScoreOut], summary="Scores, ranks and rank intervals of the aggregates")
def scores(request: HttpRequest, code: str = "", group: str = "", lang: str = "en"):
    """Every aggregate (or `code`: DEI, a dimension or a pillar) of every country (or of `group`: LAS, DCO,
    AICTO, GCC, ARAB-REGION or a UN M49 region code such as M49-145) in the selected edition and year."""
    sel = _selection(request, lang)
    codes = [code] if code else [c for c in sel.built.scored_aggregates(sel.year)]
    out = []
    for c in codes:
        if c not in sel.framework.aggregates:
            raise HttpError(404, f"unknown aggregate '{c}'")
        for row in rankings.ranking(sel, c, group):
            out.append({**row.__dict__, "country": row.name, "year": sel.year, "code": c})
    return out


@router.get("/countries/{unit}/profile", response=ProfileOut, summary="A country's profile")
def profile(request: HttpRequest, unit: str, peers: str = "", lang: str = "en"):
    sel = _selection(request, lang)
    p = profiles.build_profile(sel, _unit(sel, unit), peers)
    lines = [p.index] if p.index else []
    indicators = []
    for d in p.dimensions:
        lines.append(d.node)
        for pillar in d.pillars:
            lines.append(pillar.node)
            indicators += [{**i.__dict__, "pillar": i.parent} for i in pillar.indicators if i.measured]
    return {
        "unit": p.unit,
        "name": p.name,
        "edition": sel.edition.number,
        "year": p.year,
        "scored": p.scored,
        "of": p.of,
        "stage": p.stage,
        "next_stage": p.next_stage,
        "peers": p.peers,
        "lines": lines,
        "indicators": indicators,
        "strengths": [{**s.__dict__, "code": s.node} for s in p.strengths],
        "weaknesses": [{**s.__dict__, "code": s.node} for s in p.weaknesses],
    }


@router.post("/countries/{unit}/whatif", response=WhatIfOut, summary="Scores and ranks with changed values")
def whatif(request: HttpRequest, unit: str, body: WhatIfIn, lang: str = "en"):
    """Re-score the country with the given raw values (the other countries keep the edition's scores)."""
    sel = _selection(request, lang)
    code = _unit(sel, unit)
    if code not in sel.result.unit_position:
        raise HttpError(422, f"'{code}' has no score in {sel.year}")
    try:
        sim = simulate.simulate(sel, code, body.changes)
    except MaturityError as exc:
        raise HttpError(422, exc.message) from None
    return {
        "unit": code,
        "edition": sel.edition.number,
        "year": sel.year,
        "stage_before": sim.stage_before,
        "stage_after": sim.stage_after,
        "outcomes": sim.outcomes,
    }


@router.get("/countries/{unit}/gap", response=GapOut, summary="The smallest improvements that reach a target")
def gap(request: HttpRequest, unit: str, target: str, strategy: str = "greedy", lang: str = "en"):
    """`target` is a country code (its index score) or a maturity stage (its threshold); `strategy` is
    `greedy` (fewest points) or `balanced` (lift the weakest indicators together)."""
    sel = _selection(request, lang)
    code = _unit(sel, unit)
    if code not in sel.result.unit_position:
        raise HttpError(422, f"'{code}' has no score in {sel.year}")
    if strategy not in ("greedy", "balanced"):
        raise HttpError(422, "strategy must be greedy or balanced")
    known = places.countries()
    aim = target.upper() if target.upper() in known else target
    try:
        plan = simulate.gap(sel, code, aim, strategy)
    except MaturityError as exc:
        raise HttpError(422, exc.message) from None
    steps = [{**line.__dict__, "pillar": pillar} for pillar, lines in plan.pillars for line in lines]
    return {
        "unit": code,
        "target": aim,
        "current": plan.current,
        "target_score": plan.target,
        "reached": plan.reached,
        "achieved": plan.achieved,
        "steps": steps,
    }


def _float(x: float) -> float | None:
    return None if math.isnan(x) else float(x)
