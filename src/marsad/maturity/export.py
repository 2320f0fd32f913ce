"""Tidy exports of a built index: CSV, JSON and XLSX, each carrying the provenance of the edition.

The tidy table has one row per unit and node: the raw, denominated, imputed, treated and normalised values for
indicators, the score for aggregates, the rank for both, and the flags (imputed value, treated point). Wide
tables (scores and ranks by node) and the weights and data-check issues go to JSON and XLSX beside it.
"""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from typing import Any

import numpy as np

from marsad.maturity.pipeline import Result

TIDY_COLUMNS = (
    "unit",
    "unit_name",
    "year",
    "code",
    "name",
    "level",
    "level_name",
    "kind",
    "parent",
    "raw",
    "denominated",
    "imputed",
    "treated",
    "treated_value",
    "normalised",
    "score",
    "rank",
    "stage",
)


def tidy(result: Result, language: str = "en") -> list[dict[str, Any]]:
    """One row per unit × node (see `TIDY_COLUMNS`); missing numbers are None."""
    fw = result.framework
    n_ind = len(fw.indicators)
    root = fw.position[fw.root]
    names = dict(zip(result.dataset.units, result.dataset.unit_names or result.dataset.units, strict=True))
    rows = []
    for i, unit in enumerate(result.units):
        stage = fw.stage_of(result.values[i, root])
        for k, code in enumerate(fw.codes):
            node = fw.by_code[code]
            height = int(fw.heights[k])
            row = dict.fromkeys(TIDY_COLUMNS)
            row |= {
                "unit": unit,
                "unit_name": names.get(unit, unit),
                "year": result.prepared.year,
                "code": code,
                "name": node.label(language),
                "level": height,
                "level_name": fw.level_name(height),
                "kind": node.kind,
                "parent": node.parent,
                "score": _num(result.values[i, k]),
                "rank": _num(result.ranks[i, k]),
                "stage": stage.code if stage and k == root else None,
            }
            if k < n_ind:
                row.update(
                    raw=_num(result.raw[i, k]),
                    denominated=_num(result.denominated[i, k]),
                    imputed=bool(result.imputed_mask[i, k]),
                    treated=bool(result.stage.treatment.changed[i, k]),
                    treated_value=_num(result.treated[i, k]),
                    normalised=_num(result.normalised[i, k]),
                )
            rows.append(row)
    return rows


def wide(result: Result, what: str = "score") -> list[dict[str, Any]]:
    """Scores (or ranks) with one row per unit and one column per node, the index first."""
    M = result.values if what == "score" else result.ranks
    order = list(reversed(range(len(result.framework.codes))))
    return [
        {"unit": u, **{result.framework.codes[k]: _num(M[i, k]) for k in order}}
        for i, u in enumerate(result.units)
    ]


def metadata(result: Result) -> dict[str, Any]:
    """Provenance and methodology of the edition."""
    return {
        **result.meta,
        "units": len(result.units),
        "dropped_units": list(result.dropped_units),
        "method": result.method.as_dict(),
    }


def weights_table(result: Result) -> list[dict[str, Any]]:
    fw = result.framework
    return [
        {
            "code": c,
            "level": int(fw.heights[k]),
            "parent": fw.by_code[c].parent,
            "weight": float(result.weights[k]),
            "effective_weight": float(result.effective_weights[k]),
        }
        for k, c in enumerate(fw.codes)
    ]


def checks_table(result: Result) -> list[dict[str, Any]]:
    return [dict(issue.__dict__) for issue in result.prepared.checks.issues]


def write_csv(result: Result, path: str | Path) -> Path:
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=TIDY_COLUMNS)
        writer.writeheader()
        writer.writerows(tidy(result))
    return path


def write_json(result: Result, path: str | Path) -> Path:
    path = Path(path)
    document = {
        "meta": metadata(result),
        "weights": weights_table(result),
        "checks": checks_table(result),
        "scores": wide(result),
        "ranks": wide(result, "rank"),
        "rows": tidy(result),
    }
    path.write_text(
        json.dumps(document, ensure_ascii=False, indent=1, default=_json_default), encoding="utf-8"
    )
    return path


def write_xlsx(result: Result, path: str | Path) -> Path:
    from openpyxl import Workbook

    path = Path(path)
    book = Workbook(write_only=True)
    sheets = {
        "scores": wide(result),
        "ranks": wide(result, "rank"),
        "tidy": tidy(result),
        "weights": weights_table(result),
        "checks": checks_table(result),
        "meta": [
            {"key": k, "value": json.dumps(v, default=_json_default) if isinstance(v, dict | list) else v}
            for k, v in metadata(result).items()
        ],
    }
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        columns = list(rows[0]) if rows else ["(none)"]
        sheet.append(columns)
        for row in rows:
            sheet.append([row.get(c) for c in columns])
    book.save(path)
    return path


def export(result: Result, directory: str | Path, stem: str | None = None) -> list[Path]:
    """Write the CSV, JSON and XLSX exports into `directory` (created if needed)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    stem = stem or f"{result.framework.id}-{result.prepared.year}"
    return [
        write_csv(result, directory / f"{stem}.csv"),
        write_json(result, directory / f"{stem}.json"),
        write_xlsx(result, directory / f"{stem}.xlsx"),
    ]


def _num(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


def _json_default(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    return str(value)
