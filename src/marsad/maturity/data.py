"""Indicator data in long form (one value per row), read from CSV or XLSX into a dense unit × year × series cube.

Columns (case-insensitive; aliases in brackets):

- ``unit`` [country, country_code, ucode, iso3] — the unit (country) code, required
- ``year`` [time], ``indicator`` [icode, series], ``value`` — required
- ``unit_name`` [country_name, uname, name], ``source``, ``note``, ``unit_of_measure`` [measure] — optional
- any other column is a *group* of the unit (region, income group, DCO member ...), used for peer comparison and
  group imputation; a unit must carry the same label on every row where the column is filled.

Rows are numbered as a spreadsheet shows them: the header is row 1. Errors name the file, the row and the field.
An optional units table (``unit``, ``unit_name``, group columns) adds names and groups and lists units that must
have data.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from marsad.maturity.errors import DataError
from marsad.maturity.framework import Framework
from marsad.maturity.tables import cell, read_table

ALIASES = {
    "unit": ("unit", "country", "country_code", "ucode", "iso3"),
    "unit_name": ("unit_name", "country_name", "uname", "name"),
    "year": ("year", "time"),
    "indicator": ("indicator", "icode", "series"),
    "value": ("value",),
    "source": ("source",),
    "note": ("note",),
    "unit_of_measure": ("unit_of_measure", "measure"),
}
REQUIRED = ("unit", "year", "indicator", "value")
MISSING_MARKS = {"", "na", "n/a", "nan", "..", "null"}


@dataclass(frozen=True)
class Duplicate:
    """A (unit, year, series) cell given twice; the first value is kept."""

    row: int
    first_row: int
    unit: str
    year: int
    series: str


@dataclass(frozen=True)
class Dataset:
    """A data release: values[year, unit, series] (NaN = missing) plus provenance of every cell.

    `series` lists the framework's indicators then its denominators, in framework order, whether or not the
    file has values for them (the checks report empty ones).
    """

    units: tuple[str, ...]
    series: tuple[str, ...]
    years: tuple[int, ...]
    values: np.ndarray
    unit_names: tuple[str, ...] = ()
    groups: Mapping[str, tuple[str | None, ...]] = field(default_factory=dict)
    sources: Mapping[tuple[str, int, str], str] = field(default_factory=dict)
    notes: Mapping[tuple[str, int, str], str] = field(default_factory=dict)
    measures: Mapping[str, frozenset[str]] = field(default_factory=dict)
    rows: Mapping[tuple[str, int, str], int] = field(default_factory=dict)
    duplicates: tuple[Duplicate, ...] = ()
    file: str | None = None

    @property
    def digest(self) -> str:
        """SHA-256 of the values and groups (not of the file bytes): the same data as CSV or XLSX hash alike."""
        h = hashlib.sha256()
        for part in (self.units, self.series, self.years):
            h.update(repr(part).encode())
        h.update(np.ascontiguousarray(np.nan_to_num(self.values, nan=np.inf)).tobytes())
        h.update(repr(sorted((k, tuple(v)) for k, v in self.groups.items())).encode())
        return h.hexdigest()

    def year_slice(self, year: int) -> np.ndarray:
        """The unit × series matrix of one year."""
        try:
            return self.values[self.years.index(year)]
        except ValueError:
            raise DataError(
                f"no data for year {year}; years present: {', '.join(map(str, self.years))}",
                file=self.file,
                field="year",
            ) from None

    def group(self, name: str) -> tuple[str | None, ...]:
        if name not in self.groups:
            known = ", ".join(self.groups) or "none"
            raise DataError(
                f"unknown group '{name}'; groups in the data: {known}", file=self.file, field=name
            )
        return self.groups[name]

    def name_of(self, unit: str) -> str:
        return self.unit_names[self.units.index(unit)] if self.unit_names else unit

    @classmethod
    def from_arrays(
        cls,
        units: list[str],
        series: list[str],
        values: np.ndarray,
        years: list[int] | None = None,
        groups: Mapping[str, list[str | None]] | None = None,
        unit_names: list[str] | None = None,
    ) -> Dataset:
        """Wrap in-memory arrays (one year: units × series, or years × units × series)."""
        values = np.asarray(values, dtype=float)
        if values.ndim == 2:
            values = values[None]
        years = list(years) if years is not None else [0]
        if values.shape != (len(years), len(units), len(series)):
            raise DataError(
                f"values have shape {values.shape}, expected {(len(years), len(units), len(series))}"
            )
        return cls(
            units=tuple(units),
            series=tuple(series),
            years=tuple(years),
            values=values,
            unit_names=tuple(unit_names or units),
            groups={k: tuple(v) for k, v in (groups or {}).items()},
        )


def load_data(path: str | Path, framework: Framework, units: str | Path | None = None) -> Dataset:
    """Read a long-form data file (CSV or XLSX) against a framework.

    Raises
    ------
    DataError
        At the first problem, naming the file, row and field: unreadable file, broken UTF-8, missing columns, text
        in a numeric column, an indicator code the framework does not know, a unit without any value.
    """
    return _read(Path(path), framework, units, problems=None)


def validate_data(path: str | Path, framework: Framework, units: str | Path | None = None) -> list[DataError]:
    """Every problem of a data file, one per bad row (empty if the file is good): the per-row report an upload
    page shows. A problem with the file itself (missing, empty, broken UTF-8, no header) stops the reading."""
    problems: list[DataError] = []
    try:
        _read(Path(path), framework, units, problems=problems)
    except DataError as exc:
        problems.append(exc)
    return problems


def _read(
    path: Path, framework: Framework, units: str | Path | None, problems: list[DataError] | None
) -> Dataset | None:
    """Read the file; row problems are raised (`problems` None) or collected (then None is returned)."""
    known = {
        code: i for i, code in enumerate((*framework.indicators, *(d.code for d in framework.denominators)))
    }
    header, rows = read_table(path)
    columns = _map_columns(header, path)
    group_columns = [i for i, name in enumerate(header) if i not in columns.values() and name]
    cells: dict[tuple[str, int, str], float] = {}
    rows_of: dict[tuple[str, int, str], int] = {}
    sources, notes, duplicates = {}, {}, []
    measures: dict[str, set[str]] = {}
    unit_order: dict[str, int] = {}
    unit_names: dict[str, str] = {}
    unit_groups: dict[str, dict[str, str]] = {}
    first_row: dict[str, int] = {}

    def report(error: DataError) -> None:
        if problems is None:
            raise error
        problems.append(error)

    for rownum, row in rows:
        fields = {name: cell(row, index) for name, index in columns.items()}
        get = fields.get
        try:
            unit, year, code, value = _parse_row(row, fields, columns, header, known, framework, path, rownum)
            _record_groups(unit_groups.setdefault(unit, {}), row, header, group_columns, path, rownum)
        except DataError as error:
            report(error)
            continue
        unit_order.setdefault(unit, len(unit_order))
        first_row.setdefault(unit, rownum)
        if get("unit_name"):
            unit_names.setdefault(unit, get("unit_name"))
        if get("unit_of_measure"):
            measures.setdefault(code, set()).add(get("unit_of_measure"))
        key = (unit, year, code)
        if key in rows_of:
            duplicates.append(Duplicate(rownum, rows_of[key], unit, year, code))
            continue
        rows_of[key] = rownum
        cells[key] = value
        if get("source"):
            sources[key] = get("source")
        if get("note"):
            notes[key] = get("note")
    if not cells and not problems:
        raise DataError("no data rows after the header", file=path, row=2)
    if units is not None:
        _merge_units_table(Path(units), unit_order, unit_names, unit_groups, first_row)
    unit_list = sorted(unit_order, key=unit_order.get)
    year_list = sorted({y for _, y, _ in cells})
    cube = np.full((len(year_list), len(unit_list), len(known)), np.nan)
    u_index = {u: i for i, u in enumerate(unit_list)}
    y_index = {y: i for i, y in enumerate(year_list)}
    for (unit, year, code), value in cells.items():
        cube[y_index[year], u_index[unit], known[code]] = value
    has_data = ~np.all(np.isnan(cube), axis=(0, 2))
    for unit in unit_list:
        if not has_data[u_index[unit]]:
            report(
                DataError(
                    f"unit '{unit}' has no data: every one of its values is empty",
                    file=path,
                    row=first_row[unit],
                    field="value",
                )
            )
    if problems:
        return None
    group_names = sorted({g for gs in unit_groups.values() for g in gs})
    return Dataset(
        units=tuple(unit_list),
        series=tuple(known),
        years=tuple(year_list),
        values=cube,
        unit_names=tuple(unit_names.get(u, u) for u in unit_list),
        groups={g: tuple(unit_groups.get(u, {}).get(g) for u in unit_list) for g in group_names},
        sources=sources,
        notes=notes,
        measures={k: frozenset(v) for k, v in measures.items()},
        rows=rows_of,
        duplicates=tuple(duplicates),
        file=str(path),
    )


def _parse_row(
    row: list[Any],
    fields: dict[str, str],
    columns: dict[str, int],
    header: list[str],
    known: dict[str, int],
    framework: Framework,
    path: Path,
    rownum: int,
) -> tuple[str, int, str, float]:
    """Unit, year, series code and value of one row, or the DataError naming what is wrong."""
    unit = fields["unit"]
    if not unit:
        raise DataError("the unit code is empty", file=path, row=rownum, field=header[columns["unit"]])
    year = _parse_year(fields["year"], path, rownum, header[columns["year"]])
    code = fields["indicator"]
    if code not in known:
        raise DataError(
            f"unknown indicator code '{code}': not in framework '{framework.id}' (indicators or "
            "denominators)",
            file=path,
            row=rownum,
            field=header[columns["indicator"]],
        )
    raw = row[columns["value"]] if columns["value"] < len(row) else ""
    return unit, year, code, _parse_value(raw, path, rownum, header[columns["value"]])


def _map_columns(header: list[str], path: Path) -> dict[str, int]:
    lowered = [h.lower() for h in header]
    columns = {}
    for name, aliases in ALIASES.items():
        for alias in aliases:
            if alias in lowered:
                columns[name] = lowered.index(alias)
                break
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise DataError(
            f"missing required column(s) {', '.join(missing)}; found {', '.join(header)}",
            file=path,
            row=1,
            field=missing[0],
        )
    return columns


def _parse_year(text: str, path: Path, row: int, field_name: str) -> int:
    try:
        year = float(text)
    except ValueError:
        year = np.nan
    if not year.is_integer():
        raise DataError(f"year must be a whole number, got '{text}'", file=path, row=row, field=field_name)
    return int(year)


def _parse_value(raw: Any, path: Path, row: int, field_name: str) -> float:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return float(raw)
    text = str(raw).strip()
    if text.lower() in MISSING_MARKS:
        return np.nan
    try:
        value = float(text)
    except ValueError:
        raise DataError(
            f"expected a number, got text '{text}'", file=path, row=row, field=field_name
        ) from None
    if not np.isfinite(value):
        raise DataError(f"expected a finite number, got '{text}'", file=path, row=row, field=field_name)
    return value


def _record_groups(
    groups: dict[str, str],
    row: list[Any],
    header: list[str],
    group_columns: list[int],
    path: Path,
    rownum: int,
) -> None:
    for i in group_columns:
        label = cell(row, i)
        if not label:
            continue
        previous = groups.setdefault(header[i], label)
        if previous != label:
            raise DataError(
                f"group label '{label}' differs from '{previous}' given earlier for the same unit",
                file=path,
                row=rownum,
                field=header[i],
            )


def _merge_units_table(
    path: Path,
    unit_order: dict[str, int],
    unit_names: dict[str, str],
    unit_groups: dict[str, dict[str, str]],
    first_row: dict[str, int],
) -> None:
    """Add names and groups from a units table; a listed unit that has no data rows is an error."""
    header, rows = read_table(path)
    lowered = [h.lower() for h in header]
    unit_col = next((lowered.index(a) for a in ALIASES["unit"] if a in lowered), None)
    if unit_col is None:
        raise DataError("missing required column unit", file=path, row=1, field="unit")
    name_col = next((lowered.index(a) for a in ALIASES["unit_name"] if a in lowered), None)
    group_columns = [i for i in range(len(header)) if i not in (unit_col, name_col) and header[i]]
    for rownum, row in rows:
        unit = cell(row, unit_col)
        if unit not in unit_order:
            raise DataError(
                f"unit '{unit}' has no data: it is listed here but has no row in the data file",
                file=path,
                row=rownum,
                field=header[unit_col],
            )
        if name_col is not None and cell(row, name_col):
            unit_names[unit] = cell(row, name_col)
        _record_groups(unit_groups.setdefault(unit, {}), row, header, group_columns, path, rownum)
