"""The methodology of a build: which method each step uses, with which parameters.

A framework file carries its default methodology under ``method:`` (it is part of what the version pins); a
build can override any step (``build(..., normalise={"method": "zscore", "mean": 10, "sd": 2})``) and the CLI
exposes the common overrides. Parameters are checked by name here, so a typo (``winmx``) is an error that names
the step instead of a silently ignored option.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from marsad.maturity.errors import MethodError

STEPS: dict[str, dict[str, set[str]]] = {
    "impute": {
        "none": set(),
        "mean": set(),
        "median": set(),
        "group_mean": {"group"},
        "group_median": {"group"},
        "latest": {"max_age"},
        "interpolate": set(),
        "em": {"max_iter", "tol", "ridge"},
    },
    "treat": {"skew_kurtosis": {"winmax", "skew", "kurtosis", "force_winsorise"}, "none": set()},
    "normalise": {
        "minmax": {"low", "high"},
        "zscore": {"mean", "sd"},
        "goalposts": {"scale", "truncate"},
        "distance_to_frontier": {"scale"},
        "distance_to_target": {"scale", "cap"},
        "rank": set(),
        "percentile": {"scale"},
        "borda": set(),
    },
    "weights": {"framework": set(), "equal": set(), "budget": {"budgets"}, "pca": set(), "factor": set()},
    "aggregate": {
        "arithmetic": {"min_share"},
        "geometric": {"min_share"},
        "harmonic": {"min_share"},
        "generalised": {"min_share", "power"},
        "copeland": set(),
    },
}
DEFAULTS: dict[str, dict[str, Any]] = {
    "impute": {"method": "none"},
    "treat": {"method": "skew_kurtosis", "winmax": 5, "skew": 2.0, "kurtosis": 3.5},
    "normalise": {"method": "minmax", "low": 0.0, "high": 100.0},
    "weights": {"method": "framework"},
    "aggregate": {"method": "arithmetic"},
}
SCREEN_KEYS = {"min_unit_coverage", "min_indicator_coverage", "max_same_share", "action", "basis"}
TOP_KEYS = {"year", "denominate", "screen", *STEPS}


@dataclass(frozen=True)
class Step:
    """One step's method name and its parameters."""

    method: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"method": self.method, **self.params}


@dataclass(frozen=True)
class Method:
    """Everything a build needs to know besides the framework tree and the data."""

    year: int | None = None
    denominate: bool = True
    screen: Mapping[str, Any] = field(default_factory=dict)
    impute: Step = Step("none")
    treat: Step = Step("skew_kurtosis", {"winmax": 5, "skew": 2.0, "kurtosis": 3.5})
    normalise: Step = Step("minmax", {"low": 0.0, "high": 100.0})
    weights: Step = Step("framework")
    aggregate: Step = Step("arithmetic")

    def with_overrides(self, **overrides: Any) -> Method:
        """A copy with some steps replaced; a step given as a mapping may omit `method` to keep the current one."""
        changes: dict[str, Any] = {}
        for key, value in overrides.items():
            if value is None:
                continue
            if key in STEPS and isinstance(value, Step):
                changes[key] = value
            elif key in STEPS:
                if isinstance(value, str):
                    value = {"method": value}
                current = getattr(self, key)
                merged = (
                    dict(value)
                    if "method" in value and value["method"] != current.method
                    else {**current.as_dict(), **value}
                )
                changes[key] = parse_step(key, merged)
            elif key == "screen":
                changes[key] = _parse_screen({**self.screen, **value})
            elif key in ("year", "denominate"):
                changes[key] = value
            else:
                raise MethodError(
                    f"unknown option '{key}'; expected one of {', '.join(sorted(TOP_KEYS))}", field=key
                )
        return replace(self, **changes)

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "denominate": self.denominate,
            "screen": dict(self.screen),
            **{step: getattr(self, step).as_dict() for step in STEPS},
        }


def parse_step(step: str, raw: Any, source: str | None = None) -> Step:
    """Validate one step given as {method: ..., param: ...}."""
    if isinstance(raw, str):
        raw = {"method": raw}
    if not isinstance(raw, Mapping):
        raise MethodError(f"'{step}' must be a mapping with a 'method'", file=source, field=f"method.{step}")
    raw = (
        {**DEFAULTS[step], **raw}
        if raw.get("method", DEFAULTS[step]["method"]) == DEFAULTS[step]["method"]
        else dict(raw)
    )
    name = raw.get("method")
    allowed = STEPS[step]
    if name not in allowed:
        raise MethodError(
            f"unknown {step} method '{name}'; choose one of {', '.join(allowed)}",
            file=source,
            line=getattr(raw, "line", None),
            field=f"method.{step}.method",
        )
    params = {k: v for k, v in raw.items() if k != "method"}
    unknown = sorted(set(params) - allowed[name])
    if unknown:
        expected = ", ".join(sorted(allowed[name])) or "no parameters"
        raise MethodError(
            f"unknown parameter(s) {', '.join(unknown)} for {step} '{name}'; expected {expected}",
            file=source,
            field=f"method.{step}.{unknown[0]}",
        )
    return Step(name, params)


def parse_method(raw: Mapping[str, Any] | None, source: str | None = None) -> Method:
    """The methodology from a framework's ``method:`` section (missing steps take the defaults)."""
    raw = dict(raw or {})
    _reject_unknown(raw, TOP_KEYS, "key(s)", "under 'method'", "method", source)
    year = raw.get("year")
    if year is not None and year != "latest" and not isinstance(year, int):
        raise MethodError(
            f"year must be a whole number or 'latest', got {year!r}", file=source, field="method.year"
        )
    return Method(
        year=None if year in (None, "latest") else int(year),
        denominate=bool(raw.get("denominate", True)),
        screen=_parse_screen(raw.get("screen") or {}, source),
        **{step: parse_step(step, raw.get(step, DEFAULTS[step]), source) for step in STEPS},
    )


def _parse_screen(raw: Mapping[str, Any], source: str | None = None) -> dict[str, Any]:
    _reject_unknown(raw, SCREEN_KEYS, "screen option(s)", "", "method.screen", source)
    screen = dict(raw)
    if screen.get("basis", "raw") not in ("raw", "imputed"):
        raise MethodError(
            "screen basis must be 'raw' (coverage before imputation) or 'imputed'",
            file=source,
            field="method.screen.basis",
        )
    return screen


def _reject_unknown(
    raw: Mapping[str, Any], allowed: set[str], what: str, where: str, field: str, source: str | None
) -> None:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise MethodError(
            f"unknown {what} {', '.join(unknown)}{' ' + where if where else ''}; expected some "
            f"of {', '.join(sorted(allowed))}",
            file=source,
            field=f"{field}.{unknown[0]}",
        )
