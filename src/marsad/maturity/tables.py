"""Reading a CSV or XLSX table with spreadsheet row numbers (the header is row 1), for error messages.

Blank rows are skipped; CSV must be UTF-8 (a BOM is accepted); an XLSX workbook is read from its sheet named
`data`, else its first sheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from marsad.maturity.errors import DataError


def read_table(path: Path) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    """Header and numbered rows of a CSV or XLSX file."""
    if not path.exists():
        raise DataError("file not found", file=path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    raw = path.read_bytes()
    if not raw.strip():
        raise DataError("the file is empty", file=path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            f"not valid UTF-8 (byte {exc.start}); save the file as UTF-8", file=path, row=row
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader)]

    def numbered() -> Iterator[tuple[int, list[Any]]]:
        for row in reader:
            if any(cell.strip() for cell in row):
                yield reader.line_num, row

    return header, numbered()


def _read_xlsx(path: Path) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a corrupt file; all mean "not a workbook"
        raise DataError(f"not a readable XLSX workbook ({type(exc).__name__})", file=path) from None
    sheet = book["data"] if "data" in book.sheetnames else book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    first = next(rows, None)
    if first is None or all(c is None for c in first):
        raise DataError("the file is empty", file=path)
    header = ["" if c is None else str(c).strip() for c in first]

    def numbered() -> Iterator[tuple[int, list[Any]]]:
        for n, row in enumerate(rows, start=2):
            if any(c is not None and str(c).strip() for c in row):
                yield n, ["" if c is None else c for c in row]

    return header, numbered()


def cell(row: list[Any], index: int | None) -> str:
    if index is None or index >= len(row) or row[index] is None:
        return ""
    return str(row[index]).strip()
