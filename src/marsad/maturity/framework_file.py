"""Reading and validating a framework file (YAML).

A framework file names the index (`id`, `version`, `name`), lists its `aggregates` (index, dimensions,
pillars, ... — any depth) and its `indicators`, each pointing to its `parent`, and may carry `denominators`,
maturity `stages`, level names and the default `method` of every step. See docs/maturity.md for the format with
an example.

Validation is strict because a wrong weight or a dangling parent silently changes every score: unknown keys,
duplicate codes, unknown parents, cycles, negative weights, bad directions and goalposts all fail with the file,
the YAML line and the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from marsad.maturity.errors import FrameworkError, MaturityError
from marsad.maturity.framework import Framework, Node, Stage
from marsad.maturity.options import parse_method

LANGUAGES = ("ar", "en", "fr")
CODE_PATTERN = re.compile(r"^[A-Za-z0-9_.\-]+$")
TRANSFORMS = ("auto", "log", "none")

_TOP_KEYS = {
    "id",
    "version",
    "name",
    "description",
    "levels",
    "stages",
    "method",
    "aggregates",
    "indicators",
    "denominators",
}
_AGGREGATE_KEYS = {"code", "name", "parent", "weight", "description"}
_INDICATOR_KEYS = _AGGREGATE_KEYS | {
    "direction",
    "unit",
    "source",
    "goalposts",
    "target",
    "transform",
    "denominator",
}
_DENOMINATOR_KEYS = {"code", "name", "unit", "source", "description"}
_STAGE_KEYS = {"code", "name", "min"}


class _LineDict(dict):
    """A YAML mapping that remembers the line it started on, for error messages."""

    line: int | None = None


class _LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> _LineDict:
        mapping = _LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)


def load_framework(path: str | Path) -> Framework:
    """Read and validate a framework YAML file.

    Raises
    ------
    FrameworkError
        With the file, line and field of the first problem found.
    """
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise FrameworkError("file not found", file=path) from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise FrameworkError(f"not valid UTF-8 (byte {exc.start})", file=path, line=line) from None
    try:
        raw = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise FrameworkError(
            f"not valid YAML: {getattr(exc, 'problem', exc)}", file=path, line=mark.line + 1 if mark else None
        ) from None
    return parse_framework(raw, source=str(path))


def parse_framework(raw: Any, source: str | None = None) -> Framework:
    """Validate a framework given as plain Python data (what `yaml.safe_load` returns)."""
    if raw is None:
        raise FrameworkError("the file is empty", file=source)
    reader = _Reader(source)
    top = reader.mapping(raw, "framework", _TOP_KEYS)
    fw_id = reader.code(top, "id", required=True)
    version = top.get("version")
    if version is None or str(version).strip() == "":
        raise reader.error("a framework needs a version (e.g. '2026.1')", top, "version")
    aggregates = [reader.aggregate(item, i) for i, item in enumerate(reader.items(top, "aggregates"))]
    indicators = [reader.indicator(item, i) for i, item in enumerate(reader.items(top, "indicators"))]
    denominators = [reader.denominator(item, i) for i, item in enumerate(top.get("denominators") or [])]
    stages = [reader.stage(item, i) for i, item in enumerate(top.get("stages") or [])]
    nodes = _order_tree(reader, aggregates, indicators, denominators)
    _check_stages(reader, stages)
    levels = top.get("levels") or {}
    if not isinstance(levels, Mapping) or not all(isinstance(k, int) for k in levels):
        raise reader.error("levels must map heights (1 = indicators) to names", top, "levels")
    return Framework(
        id=fw_id,
        version=str(version),
        name=reader.names(top, "framework", required=False) or {"en": fw_id},
        nodes=tuple(nodes),
        denominators=tuple(denominators),
        stages=tuple(stages),
        method=_method(top, source),
        level_names={int(k): str(v) for k, v in levels.items()},
        source=source,
    )


class _Reader:
    """Field-level validation with locations; one instance per file."""

    def __init__(self, source: str | None) -> None:
        self.source = source

    def error(self, message: str, where: Any, field_name: str) -> FrameworkError:
        return FrameworkError(message, file=self.source, line=getattr(where, "line", None), field=field_name)

    def mapping(self, value: Any, what: str, allowed: set[str]) -> Mapping:
        if not isinstance(value, Mapping):
            raise FrameworkError(f"{what} must be a mapping of keys to values", file=self.source, field=what)
        unknown = sorted(set(map(str, value)) - allowed)
        if unknown:
            raise self.error(
                f"unknown key(s) {', '.join(unknown)}; expected some of {', '.join(sorted(allowed))}",
                value,
                f"{what}.{unknown[0]}",
            )
        return value

    def items(self, top: Mapping, key: str) -> list:
        value = top.get(key)
        if not isinstance(value, list) or not value:
            raise self.error(f"'{key}' must be a non-empty list", top, key)
        return value

    def code(self, item: Mapping, key: str, required: bool = True, where: str = "") -> str | None:
        value = item.get(key)
        if value is None:
            if required:
                raise self.error(f"'{key}' is required", item, where + key)
            return None
        value = str(value)
        if not CODE_PATTERN.match(value):
            raise self.error(
                f"'{value}' is not a valid code (letters, digits, '_', '.', '-')", item, where + key
            )
        return value

    def number(self, item: Mapping, key: str, where: str, default: float | None = None) -> float | None:
        value = item.get(key, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not np.isfinite(value):
            raise self.error(f"must be a number, got {value!r}", item, where + key)
        return float(value)

    def names(self, item: Mapping, where: str, required: bool = True, key: str = "name") -> dict[str, str]:
        value = item.get(key)
        if value in (None, "") and not required:
            return {}
        if isinstance(value, str) and value.strip():
            return {"en": value}
        if isinstance(value, Mapping) and value:
            unknown = sorted(set(value) - set(LANGUAGES))
            if unknown:
                raise self.error(
                    f"unknown language(s) {', '.join(map(str, unknown))}; use ar, en, fr",
                    item,
                    f"{where}{key}",
                )
            return {k: str(v) for k, v in value.items() if v}
        needed = f"a {key} is required" if required else f"{key} must be"
        raise self.error(f"{needed}: a string or a mapping of ar/en/fr to text", item, f"{where}{key}")

    def units(self, item: Mapping, where: str) -> dict[str, Any]:
        """`unit` as the data gives it (English, else the first language given) and per language."""
        names = self.names(item, where, required=False, key="unit")
        return {"unit": names.get("en") or next(iter(names.values()), ""), "unit_names": names}

    def _node(self, item: Any, kind: str, i: int, allowed: set[str]) -> dict[str, Any]:
        where = f"{kind}s[{i}]."
        item = self.mapping(item, where[:-1], allowed)
        code = self.code(item, "code", where=where)
        weight = self.number(item, "weight", where, default=1.0)
        if weight < 0:
            raise self.error(
                f"weight of '{code}' is negative ({weight:g}); weights must be >= 0", item, where + "weight"
            )
        return {
            "code": code,
            "kind": kind,
            "name": self.names(item, where),
            "weight": weight,
            "parent": self.code(item, "parent", required=False, where=where),
            "line": getattr(item, "line", None),
        }

    def aggregate(self, item: Any, i: int) -> Node:
        return Node(**self._node(item, "aggregate", i, _AGGREGATE_KEYS))

    def indicator(self, item: Any, i: int) -> Node:
        fields = self._node(item, "indicator", i, _INDICATOR_KEYS)
        where = f"indicators[{i}]."
        if fields["parent"] is None:
            raise self.error(f"indicator '{fields['code']}' needs a parent", item, where + "parent")
        direction = item.get("direction", 1)
        if direction not in (1, -1) or isinstance(direction, bool):
            raise self.error(
                f"direction must be 1 (higher is better) or -1, got {direction!r}", item, where + "direction"
            )
        goalposts = item.get("goalposts")
        if goalposts is not None:
            if (
                not isinstance(goalposts, list)
                or len(goalposts) != 2
                or not all(isinstance(g, int | float) and not isinstance(g, bool) for g in goalposts)
                or goalposts[0] >= goalposts[1]
            ):
                raise self.error(
                    "goalposts must be [lower, upper] numbers with lower < upper", item, where + "goalposts"
                )
            goalposts = (float(goalposts[0]), float(goalposts[1]))
        transform = item.get("transform", "auto")
        if transform not in TRANSFORMS:
            raise self.error(f"transform must be one of {', '.join(TRANSFORMS)}", item, where + "transform")
        return Node(
            **fields,
            direction=int(direction),
            **self.units(item, where),
            source=str(item.get("source") or ""),
            goalposts=goalposts,
            target=self.number(item, "target", where),
            transform=transform,
            denominator=self.code(item, "denominator", required=False, where=where),
        )

    def denominator(self, item: Any, i: int) -> Node:
        where = f"denominators[{i}]."
        item = self.mapping(item, where[:-1], _DENOMINATOR_KEYS)
        return Node(
            code=self.code(item, "code", where=where),
            kind="denominator",
            name=self.names(item, where),
            **self.units(item, where),
            source=str(item.get("source") or ""),
            line=getattr(item, "line", None),
        )

    def stage(self, item: Any, i: int) -> Stage:
        where = f"stages[{i}]."
        item = self.mapping(item, where[:-1], _STAGE_KEYS)
        threshold = self.number(item, "min", where)
        if threshold is None:
            raise self.error("a stage needs 'min', the lowest score in the stage", item, where + "min")
        return Stage(
            code=self.code(item, "code", where=where),
            name=self.names(item, where),
            min=threshold,
            line=getattr(item, "line", None),
        )


def _order_tree(
    reader: _Reader, aggregates: list[Node], indicators: list[Node], denominators: list[Node]
) -> list[Node]:
    """Check the tree (one root, known parents, no cycles) and order aggregates bottom-up."""
    seen: dict[str, Node] = {}
    for node in (*aggregates, *indicators, *denominators):
        if node.code in seen:
            raise FrameworkError(
                f"code '{node.code}' is used twice (first at line {seen[node.code].line})",
                file=reader.source,
                line=node.line,
                field="code",
            )
        seen[node.code] = node
    agg = {n.code: n for n in aggregates}
    denominator_codes = {n.code for n in denominators}
    for node in (*aggregates, *indicators):
        if node.parent is not None and node.parent not in agg:
            hint = " (indicators cannot have children)" if node.parent in seen else ""
            raise FrameworkError(
                f"parent '{node.parent}' of '{node.code}' is not an aggregate{hint}",
                file=reader.source,
                line=node.line,
                field="parent",
            )
    for node in indicators:
        if node.denominator is not None and node.denominator not in denominator_codes:
            raise FrameworkError(
                f"denominator '{node.denominator}' of '{node.code}' is not declared under 'denominators'",
                file=reader.source,
                line=node.line,
                field="denominator",
            )
    roots = [n for n in aggregates if n.parent is None]
    for node in aggregates:  # walk up from every aggregate: a cycle never reaches a root
        path = [node.code]
        current = node
        while current.parent is not None:
            current = agg[current.parent]
            if current.code in path:
                cycle = " -> ".join([*path[path.index(current.code) :], current.code])
                raise FrameworkError(
                    f"cycle in the tree: {cycle}", file=reader.source, line=current.line, field="parent"
                )
            path.append(current.code)
    if len(roots) != 1:
        names = ", ".join(n.code for n in roots) or "none"
        raise FrameworkError(
            f"the tree needs exactly one root aggregate (without parent), found {names}",
            file=reader.source,
            field="aggregates",
        )
    has_children = {n.parent for n in (*aggregates, *indicators)}
    for node in aggregates:
        if node.code not in has_children:
            raise FrameworkError(
                f"aggregate '{node.code}' has no children", file=reader.source, line=node.line, field="code"
            )
    height = {n.code: 1 for n in indicators}

    def height_of(code: str) -> int:
        if code not in height:
            height[code] = 1 + max(height_of(c.code) for c in (*aggregates, *indicators) if c.parent == code)
        return height[code]

    ordered_aggregates = sorted(
        aggregates, key=lambda n: height_of(n.code)
    )  # stable: file order within height
    return [*indicators, *ordered_aggregates]


def _check_stages(reader: _Reader, stages: list[Stage]) -> None:
    for previous, stage in zip(stages, stages[1:], strict=False):
        if stage.min <= previous.min:
            raise FrameworkError(
                f"stage '{stage.code}' must start above '{previous.code}' ({previous.min:g})",
                file=reader.source,
                line=stage.line,
                field="min",
            )


def _method(top: Mapping, source: str | None) -> dict[str, Any]:
    """The raw ``method:`` section, checked now so that a typo fails when the file is loaded, not at build."""
    raw = top.get("method") or {}
    if not isinstance(raw, Mapping):
        raise FrameworkError("'method' must be a mapping of steps", file=source, field="method")
    try:
        parse_method(raw, source)
    except MaturityError as exc:
        raise FrameworkError(
            exc.message, file=source, line=getattr(raw, "line", None), field=exc.field
        ) from None
    return dict(raw)
