"""The index framework: the tree of aggregates and indicators, with weights, directions and goalposts.

The tree may be ragged: aggregation goes bottom-up by *height* (1 for indicators, 1 + the highest child for an
aggregate), as COINr's levels do for a regular tree. Frameworks are read from YAML by
`marsad.maturity.framework_file.load_framework`, which validates them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Node:
    """One aggregate or indicator of the tree (or a denominator, which sits outside it)."""

    code: str
    kind: str  # "indicator", "aggregate" or "denominator"
    name: Mapping[str, str]
    parent: str | None = None
    weight: float = 1.0
    direction: int = 1
    unit: str = ""  # as the data's unit_of_measure says it (English for the bundled data)
    unit_names: Mapping[str, str] = field(default_factory=dict)  # the unit to show, per language
    source: str = ""
    goalposts: tuple[float, float] | None = None
    target: float | None = None
    transform: str = "auto"
    denominator: str | None = None
    line: int | None = None

    def label(self, language: str = "en") -> str:
        """The name in `language`, falling back to English, then any language, then the code."""
        return self.name.get(language) or self.name.get("en") or next(iter(self.name.values()), self.code)

    def unit_label(self, language: str = "en") -> str:
        """The unit in `language`, falling back to the unit as the data gives it."""
        return self.unit_names.get(language) or self.unit


@dataclass(frozen=True)
class Stage:
    """A maturity stage: units whose index score is at least `min` (and below the next stage) are in it."""

    code: str
    name: Mapping[str, str]
    min: float
    line: int | None = None


@dataclass(frozen=True)
class Level:
    """The aggregates of one height and their children, laid out for vectorised aggregation.

    `children` lists node positions grouped by parent. `groups` is the same as a (parents × widest group)
    table, short groups padded with their first child and `real` marking the true entries, so that every
    parent of a level is one slice of a rectangular array; `sizes` counts each group's children.
    """

    height: int
    parents: np.ndarray
    children: np.ndarray
    groups: np.ndarray
    real: np.ndarray
    sizes: np.ndarray

    def members(self, j: int) -> np.ndarray:
        """Positions of the children of the level's j-th parent."""
        return self.groups[j, self.real[j]]

    @property
    def regular(self) -> bool:
        """Whether the groups are equally sized runs of consecutive positions (then reshaping copies nothing)."""
        c = self.children
        return bool(self.real.all()) and np.array_equal(c, np.arange(c[0], c[0] + c.size))


@dataclass(frozen=True)
class Framework:
    """A validated framework. Node positions: indicators first (file order), then aggregates bottom-up."""

    id: str
    version: str
    name: Mapping[str, str]
    nodes: tuple[Node, ...]
    denominators: tuple[Node, ...] = ()
    stages: tuple[Stage, ...] = ()
    method: Mapping[str, Any] = field(default_factory=dict)
    level_names: Mapping[int, str] = field(default_factory=dict)
    source: str | None = None

    @cached_property
    def indicators(self) -> tuple[str, ...]:
        return tuple(n.code for n in self.nodes if n.kind == "indicator")

    @cached_property
    def aggregates(self) -> tuple[str, ...]:
        return tuple(n.code for n in self.nodes if n.kind == "aggregate")

    @cached_property
    def codes(self) -> tuple[str, ...]:
        return tuple(n.code for n in self.nodes)

    @cached_property
    def position(self) -> dict[str, int]:
        return {code: i for i, code in enumerate(self.codes)}

    @cached_property
    def by_code(self) -> dict[str, Node]:
        return {n.code: n for n in (*self.nodes, *self.denominators)}

    @property
    def root(self) -> str:
        return self.nodes[-1].code

    @cached_property
    def parent_positions(self) -> np.ndarray:
        """Position of each node's parent, -1 for the root."""
        return np.array([self.position[n.parent] if n.parent else -1 for n in self.nodes], dtype=np.intp)

    @cached_property
    def heights(self) -> np.ndarray:
        """1 for indicators, 1 + the tallest child for aggregates (COINr's level in a regular tree)."""
        height = np.ones(len(self.nodes), dtype=int)
        for i in range(len(self.nodes)):  # aggregates come after all their children
            p = self.parent_positions[i]
            if p >= 0:
                height[p] = max(height[p], height[i] + 1)
        return height

    @cached_property
    def weights(self) -> np.ndarray:
        """Nominal weight of every node relative to its siblings, as written in the file."""
        return np.array([n.weight for n in self.nodes], dtype=float)

    @cached_property
    def directions(self) -> np.ndarray:
        return np.array([n.direction for n in self.nodes if n.kind == "indicator"], dtype=float)

    @cached_property
    def levels(self) -> tuple[Level, ...]:
        """Aggregation plan: one `Level` per height above 1, bottom-up."""
        plan = []
        for h in range(2, int(self.heights.max()) + 1):
            parents = np.flatnonzero(self.heights == h)
            kids = [np.flatnonzero(self.parent_positions == p) for p in parents]
            width = max(len(k) for k in kids)
            groups = np.array([np.r_[k, np.full(width - len(k), k[0])] for k in kids], dtype=np.intp)
            real = np.arange(width) < np.array([len(k) for k in kids])[:, None]
            plan.append(Level(h, parents, np.concatenate(kids), groups, real, real.sum(axis=1)))
        return tuple(plan)

    def children(self, code: str) -> tuple[str, ...]:
        p = self.position[code]
        return tuple(self.codes[i] for i in np.flatnonzero(self.parent_positions == p))

    def ancestors(self, code: str) -> tuple[str, ...]:
        """Parent, grandparent, ... up to the root."""
        out, node = [], self.by_code[code]
        while node.parent:
            out.append(node.parent)
            node = self.by_code[node.parent]
        return tuple(out)

    def level_name(self, height: int) -> str:
        return self.level_names.get(height, f"Level {height}")

    def stage_of(self, score: float) -> Stage | None:
        """The stage whose threshold `score` reaches (the highest such), or None below the first or if NaN."""
        found = None
        for stage in self.stages:
            if score >= stage.min:
                found = stage
        return found

    @cached_property
    def digest(self) -> str:
        """SHA-256 of the framework's content, so a result can prove which framework built it."""
        content = {
            "id": self.id,
            "version": self.version,
            "nodes": [
                {k: v for k, v in n.__dict__.items() if k != "line"}
                for n in (*self.nodes, *self.denominators)
            ],
            "stages": [{k: v for k, v in s.__dict__.items() if k != "line"} for s in self.stages],
            "method": self.method,
        }
        return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()
