"""Reading a built index for one unit: its maturity stage, its profile, its strengths and weaknesses vs peers.

Strengths and weaknesses are relative, as in the DCO Digital Economy Navigator's country pages: a unit's best
and worst indicators (or pillars) *compared with its peer group*, measured as the distance from the peers'
mean in peer standard deviations, so that an indicator where everyone scores high is not a "strength".
What-if and gap-to-target live in `marsad.maturity.whatif`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from marsad.maturity.errors import DataError
from marsad.maturity.framework import Stage
from marsad.maturity.pipeline import Result


@dataclass(frozen=True)
class Comparison:
    """One node of a unit against its peers."""

    code: str
    value: float
    peer_mean: float
    peer_median: float
    z: float  # (value - peer mean) / peer standard deviation
    percentile: float  # share of peers below the unit, 0-100
    rank_in_peers: int  # 1 = best among the peers and the unit


@dataclass(frozen=True)
class StrengthsWeaknesses:
    unit: str
    peers: tuple[str, ...]
    strengths: tuple[Comparison, ...]
    weaknesses: tuple[Comparison, ...]
    all: tuple[Comparison, ...]


def stage(result: Result, unit: str) -> Stage | None:
    """The maturity stage of a unit's index score (None when the framework has no stages or no score)."""
    return result.framework.stage_of(result.score(unit))


def peer_units(
    result: Result, unit: str, peers: str | Sequence[str] | Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """The peer group of `unit` (never including it).

    `peers` is None (all other units), a group name ("region": the units sharing the unit's label), a mapping
    {group: label} (the units with that label), or an explicit list of unit codes.
    """
    others = [u for u in result.units if u != unit]
    if peers is None:
        return tuple(others)
    if isinstance(peers, str):
        labels = _labels(result, peers)
        own = labels.get(unit)
        if own is None:
            raise DataError(f"unit '{unit}' has no label in group '{peers}'", field=peers)
        return tuple(u for u in others if labels.get(u) == own)
    if isinstance(peers, Mapping):
        chosen = set(others)
        for group, label in peers.items():
            labels = _labels(result, group)
            chosen &= {u for u in others if labels.get(u) == label}
        return tuple(u for u in others if u in chosen)
    unknown = [p for p in peers if p not in result.unit_position]
    if unknown:
        raise DataError(f"unknown peer unit(s) {', '.join(unknown)}", field="peers")
    return tuple(p for p in peers if p != unit)


def compare(result: Result, unit: str, peers: Sequence[str], codes: Sequence[str]) -> list[Comparison]:
    """Each node in `codes` of `unit` against the same node of `peers` (vectorised over nodes)."""
    pos = [result.framework.position[c] for c in codes]
    own = result.values[result.index(unit), pos]
    P = result.values[[result.index(p) for p in peers]][:, pos]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean, sd = np.nanmean(P, axis=0), np.nanstd(P, axis=0, ddof=1)
        median = np.nanmedian(P, axis=0)
        z = np.where(sd > 0, (own - mean) / sd, 0.0)
        available = np.sum(~np.isnan(P), axis=0)
        below = np.sum(P < own, axis=0)
        percentile = np.where(available > 0, 100.0 * below / available, np.nan)
    above = np.sum(P > own, axis=0)
    return [
        Comparison(
            c,
            float(own[k]),
            float(mean[k]),
            float(median[k]),
            float(z[k]),
            float(percentile[k]),
            int(above[k]) + 1,
        )
        for k, c in enumerate(codes)
    ]


def strengths_weaknesses(
    result: Result,
    unit: str,
    peers: str | Sequence[str] | Mapping[str, str] | None = None,
    *,
    level: int = 1,
    n: int = 5,
) -> StrengthsWeaknesses:
    """The `n` nodes of `level` (1 = indicators, 2 = pillars, ...) where `unit` is furthest above (strengths)
    and below (weaknesses) its peers, in peer standard deviations."""
    if len(result.units) < 3:
        raise DataError("strengths and weaknesses need at least 3 units", field="unit")
    group = peer_units(result, unit, peers)
    if len(group) < 2:
        raise DataError(
            f"the peer group of '{unit}' has {len(group)} unit(s); at least 2 are needed", field="peers"
        )
    fw = result.framework
    codes = [c for c, h in zip(fw.codes, fw.heights, strict=True) if h == level]
    rows = [c for c in compare(result, unit, group, codes) if not np.isnan(c.value)]
    ordered = sorted(rows, key=lambda c: c.z, reverse=True)
    strengths = tuple(c for c in ordered[:n] if c.z > 0)
    weaknesses = tuple(c for c in reversed(ordered[-n:]) if c.z < 0)
    return StrengthsWeaknesses(unit, group, strengths, weaknesses, tuple(ordered))


def profile(
    result: Result,
    unit: str,
    peers: str | Sequence[str] | Mapping[str, str] | None = None,
    language: str = "en",
) -> dict:
    """Everything a country page shows, as plain data: scores, ranks and stage per node, indicator values with
    their provenance and imputation flags, strengths and weaknesses against `peers`."""
    fw, i = result.framework, result.index(unit)
    n_ind = len(fw.indicators)
    data_row = result.dataset.units.index(unit)
    nodes = []
    for k, code in enumerate(fw.codes):
        node = fw.by_code[code]
        entry = {
            "code": code,
            "name": node.label(language),
            "level": int(fw.heights[k]),
            "parent": node.parent,
            "score": _num(result.values[i, k]),
            "rank": _num(result.ranks[i, k]),
            "effective_weight": float(result.effective_weights[k]),
        }
        if k < n_ind:
            key = (unit, result.prepared.year, code)
            entry.update(
                raw=_num(result.raw[i, k]),
                imputed=bool(result.imputed_mask[i, k]),
                treated=bool(result.stage.treatment.changed[i, k]),
                unit=node.unit,
                source=result.dataset.sources.get(key) or node.source,
                note=result.dataset.notes.get(key, ""),
            )
        nodes.append(entry)
    found = stage(result, unit)
    sw = strengths_weaknesses(result, unit, peers) if len(peer_units(result, unit, peers)) >= 2 else None
    return {
        "unit": unit,
        "name": result.dataset.unit_names[data_row] if result.dataset.unit_names else unit,
        "groups": {g: labels[data_row] for g, labels in result.dataset.groups.items()},
        "year": result.prepared.year,
        "score": _num(result.score(unit)),
        "rank": _num(result.rank(unit)),
        "of": len(result.units),
        "stage": found.code if found else None,
        "stage_name": found.name.get(language, found.code) if found else None,
        "nodes": nodes,
        "strengths": [c.__dict__ for c in sw.strengths] if sw else [],
        "weaknesses": [c.__dict__ for c in sw.weaknesses] if sw else [],
        "peers": list(sw.peers) if sw else [],
    }


@dataclass(frozen=True)
class EditionChange:
    """Scores and ranks of the units and nodes two editions share (arrays: units × codes)."""

    units: tuple[str, ...]
    codes: tuple[str, ...]
    score_before: np.ndarray
    score_after: np.ndarray
    rank_before: np.ndarray
    rank_after: np.ndarray
    added_units: tuple[str, ...]
    removed_units: tuple[str, ...]

    def rows(self) -> list[dict]:
        """One row per unit and node, with the changes, for a preview table."""
        return [
            {
                "unit": u,
                "code": c,
                "score_before": _num(self.score_before[i, k]),
                "score_after": _num(self.score_after[i, k]),
                "rank_before": _num(self.rank_before[i, k]),
                "rank_after": _num(self.rank_after[i, k]),
            }
            for i, u in enumerate(self.units)
            for k, c in enumerate(self.codes)
        ]


def compare_editions(before: Result, after: Result, codes: Sequence[str] | None = None) -> EditionChange:
    """What a new edition (new data, framework version or methodology) changes in scores and ranks.

    `codes` defaults to the aggregates both frameworks have; units are those both editions score.
    """
    if codes is None:
        codes = [c for c in after.framework.aggregates if c in before.framework.position]
    units = tuple(u for u in after.units if u in before.unit_position)
    rows_b = [before.index(u) for u in units]
    rows_a = [after.index(u) for u in units]
    cols_b = [before.framework.position[c] for c in codes]
    cols_a = [after.framework.position[c] for c in codes]
    return EditionChange(
        units,
        tuple(codes),
        before.values[np.ix_(rows_b, cols_b)],
        after.values[np.ix_(rows_a, cols_a)],
        before.ranks[np.ix_(rows_b, cols_b)],
        after.ranks[np.ix_(rows_a, cols_a)],
        tuple(u for u in after.units if u not in before.unit_position),
        tuple(u for u in before.units if u not in after.unit_position),
    )


def _labels(result: Result, group: str) -> dict[str, str | None]:
    labels = result.dataset.group(group)
    return dict(zip(result.dataset.units, labels, strict=True))


def _num(x: float) -> float | None:
    return None if np.isnan(x) else float(x)
