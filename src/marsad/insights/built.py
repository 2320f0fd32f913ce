"""Editions rebuilt in memory from their stored framework and data, cached per process.

A page that needs indicator-level detail (a profile, a what-if, the audit) works on the engine's `Result`
objects. Rebuilding them from the edition's stored files takes about half a second (reading the data file is
most of it; each year's build takes about 10 ms), so each process keeps the editions it has rebuilt, keyed by
the edition's id and the digests of its framework and data: the cache is derived from the database and can
never disagree with it. The what-if model of a year is made once and reused for every slider move.
"""

from __future__ import annotations

import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from marsad import maturity as mi
from marsad.insights.models import Edition

CACHE_SIZE = 4  # editions kept per process: the current one, the one being compared, a draft or two


@dataclass
class Built:
    """One edition's framework, data and per-year results."""

    framework: mi.Framework
    dataset: mi.Dataset
    results: dict[int, mi.Result]
    links: dict
    _models: dict[int, mi.WhatIfModel] = field(default_factory=dict, repr=False)

    @property
    def years(self) -> list[int]:
        return sorted(self.results)

    def result(self, year: int | None = None) -> mi.Result:
        """The result of `year` (the latest year when None); KeyError for a year the edition lacks."""
        return self.results[year if year is not None else self.years[-1]]

    def whatif_model(self, year: int) -> mi.WhatIfModel:
        if year not in self._models:
            self._models[year] = mi.WhatIfModel(self.result(year))
        return self._models[year]

    def pillar_links(self, code: str) -> dict:
        """The WSIS Action Lines and technology tags linked to a pillar (empty when none)."""
        return (self.links or {}).get("pillars", {}).get(code) or {}

    def planned(self, language: str) -> list[dict]:
        """Pillars not measured yet (not in the framework), with their name, indicator and reason in `language`."""
        return [
            {
                "code": item["code"],
                "parent": item.get("parent", ""),
                "name": localised(item.get("name"), language, item["code"]),
                "indicator": localised(item.get("indicator"), language),
                "reason": localised(item.get("reason"), language),
            }
            for item in (self.links or {}).get("planned", [])
        ]

    def scored_aggregates(self, year: int | None = None) -> list[str]:
        """Aggregates that have a score for at least one unit (pillars without data have none)."""
        r = self.result(year)
        fw = r.framework
        return [c for c in fw.aggregates if np.any(~np.isnan(r.column(c)))]


def localised(names: dict | str | None, language: str, default: str = "") -> str:
    """A text given as {language: text} (or a plain string) in `language`, else English, else any."""
    if isinstance(names, str):
        return names
    names = names or {}
    return names.get(language) or names.get("en") or next(iter(names.values()), default)


def read_files(framework_text: str, data: bytes, data_name: str) -> tuple[mi.Framework, mi.Dataset]:
    """Parse a framework text and a data file's bytes with the engine (which reads paths, hence a temp dir).

    Raises the engine's `FrameworkError` / `DataError` on bad input.
    """
    suffix = (
        Path(data_name).suffix.lower() if Path(data_name).suffix.lower() in (".xlsx", ".xlsm") else ".csv"
    )
    with tempfile.TemporaryDirectory(prefix="marsad-edition-") as tmp:
        framework_path = Path(tmp) / "framework.yaml"
        framework_path.write_text(framework_text, encoding="utf-8")
        framework = mi.load_framework(framework_path)
        data_path = Path(tmp) / f"data{suffix}"
        data_path.write_bytes(data)
        return framework, mi.load_data(data_path, framework)


def build_years(framework: mi.Framework, dataset: mi.Dataset, years: list[int]) -> dict[int, mi.Result]:
    return {year: mi.build(framework, dataset, year=year) for year in years}


_cache: OrderedDict[tuple, Built] = OrderedDict()
_lock = threading.Lock()


def built(edition: Edition) -> Built:
    """The edition rebuilt in memory (cached per process)."""
    key = (edition.pk, edition.framework_digest, edition.data_digest, tuple(edition.years))
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    framework, dataset = read_files(edition.framework_text, bytes(edition.data), edition.data_name)
    result = Built(framework, dataset, build_years(framework, dataset, list(edition.years)), edition.links)
    with _lock:
        _cache[key] = result
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return result
