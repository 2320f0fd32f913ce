"""Read an uploaded file — CSV, XLSX or JSON — as a stream of entry records, one per row.

Nothing here trusts the file: its size, encoding, structure and every cell are checked, and whatever is wrong
becomes a `FileProblem` (the whole file is unusable: say why and how to fix it) or a problem on one row. Rows
are produced one at a time, so a 100,000-row file is never held in memory as a whole.
"""

import codecs
import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from marsad.exchange import columns, shape

MAX_ROWS = getattr(settings, "MARSAD_IMPORT_MAX_ROWS", 200_000)
# The csv module stops at a cell over 128 KiB, which would turn one overlong description into an unreadable
# file; with a higher limit the entry form reports the cell on its row instead.
csv.field_size_limit(max(csv.field_size_limit(), 16 * 1024 * 1024))
SNIFF_BYTES = 64 * 1024


class FileProblem(Exception):
    """The file as a whole cannot be imported; the message says why and what to do, in the user's language."""


@dataclass
class SourceRow:
    number: int  # as the user counts: the spreadsheet row (header = 1), or the position in a JSON list
    record: dict[str, Any] | None
    problems: list[tuple[str, str]] = field(default_factory=list)  # (where, message)


@dataclass
class Source:
    format: str
    rows: Iterator[SourceRow]
    headers: dict[str, str] = field(default_factory=dict)  # column key → the header as written in the file
    warnings: list[str] = field(default_factory=list)

    def where(self, path: str) -> str:
        """Name a record path the way the user sees it: their column header, or the JSON path."""
        if self.format == "json" or not path:
            return path
        key = columns.column_for(path)
        return self.headers.get(key, key)


def open_source(file: IO[bytes], name: str = "") -> Source:
    """Recognise the format from the content (the name only breaks ties) and start reading rows."""
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    if not head.strip(b" \t\r\n\xef\xbb\xbf\xff\xfe\x00"):
        raise FileProblem(_("The file is empty."))
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileProblem(
            _("This is an old Excel .xls workbook: save it as .xlsx (Excel 2007 or later) or CSV UTF-8.")
        )
    if head.startswith(b"PK\x03\x04"):
        return _xlsx(file)
    text = _decode_head(head)
    if text.lstrip()[:1] in ("[", "{") or name.lower().endswith(".json"):
        return _json(file, _encoding(head))
    return _csv(file, _encoding(head), text)


def _encoding(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8-sig"


def _decode_head(head: bytes) -> str:
    decoder = codecs.getincrementaldecoder(_encoding(head))()
    try:
        return decoder.decode(head, final=False)
    except UnicodeDecodeError as exc:
        line = head[: exc.start].count(b"\n") + 1
        raise FileProblem(_not_utf8(line)) from exc


def _not_utf8(line: int) -> str:
    return _(
        "The file is not UTF-8 text (the first wrong byte is on line %(line)s). In Excel choose “CSV UTF-8” "
        "when saving; in LibreOffice choose the character set “Unicode (UTF-8)”."
    ) % {"line": line}


class _Borrowed(io.BufferedIOBase):
    """The caller's file, read through a text wrapper that must not close it when it is done."""

    def __init__(self, file: IO[bytes]) -> None:
        super().__init__()
        self.file = file

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        return self.file.read(-1 if size is None else size)

    read1 = read


class _Lines:
    """Text lines of the file, decoded strictly, counting lines so a decoding error can say where it is."""

    def __init__(self, file: IO[bytes], encoding: str) -> None:
        self.text = io.TextIOWrapper(_Borrowed(file), encoding=encoding, errors="strict", newline="")
        self.line = 0

    def __iter__(self) -> Iterator[str]:
        while True:
            try:
                line = self.text.readline()
            except UnicodeDecodeError as exc:
                raise FileProblem(_not_utf8(self.line + 1)) from exc
            if not line:
                return
            self.line += 1
            yield line


def _delimiter(first_line: str) -> str:
    counts = {sep: first_line.count(sep) for sep in (";", ",", "\t")}
    return max(counts, key=counts.get) if any(counts.values()) else ","


def _header(cells: list[str], source: Source) -> list[str | None]:
    keys: list[str | None] = []
    unknown = []
    for cell in cells:
        text = columns.cell_text(cell)
        key = columns.HEADER_INDEX.get(columns.header_key(text)) if text else None
        if key in source.headers:
            raise FileProblem(
                _("The columns “%(a)s” and “%(b)s” are the same field; keep one.")
                % {"a": source.headers[key], "b": text[:80]}
            )
        if key:
            source.headers[key] = text
        elif text:
            unknown.append(text[:80])
        keys.append(key)
    if not source.headers:
        raise FileProblem(
            _(
                "No known column in the first row. The first row must name the columns, e.g. title_en, "
                "summary_en, action_lines (see the template)."
            )
        )
    if unknown:
        source.warnings.append(
            _("These columns are not part of the format and were ignored: %(names)s.")
            % {"names": ", ".join(unknown)}
        )
    return keys


def _rows_from_cells(
    table: Iterator[tuple[int, list[Any], list[str]]], keys: list[str | None]
) -> Iterator[SourceRow]:
    """Rows of (number, values, formula flags) to records; blank rows are skipped."""
    count = 0
    for number, values, problems in table:
        cells = {key: columns.cell_text(value) for key, value in zip(keys, values, strict=False) if key}
        if not any(cells.values()) and not problems:
            continue
        count += 1
        if count > MAX_ROWS:
            raise FileProblem(
                _("The file has more than %(n)s rows; split it into several files.") % {"n": MAX_ROWS}
            )
        record, row_problems = columns.record_from_cells(cells)
        yield SourceRow(number, record, [*problems, *row_problems])


def _csv(file: IO[bytes], encoding: str, head: str) -> Source:
    source = Source("csv", iter(()))
    lines = _Lines(file, encoding)
    reader = csv.reader(lines, delimiter=_delimiter(head.splitlines()[0] if head else ""))

    def table() -> Iterator[tuple[int, list[Any], list[str]]]:
        number = 1
        try:
            for number, cells in enumerate(reader, start=2):
                yield number, cells, []
        except csv.Error as exc:
            raise FileProblem(
                _("The CSV file is malformed near line %(line)s: %(error)s.")
                % {"line": lines.line, "error": exc}
            ) from exc

    try:
        header = next(reader)
    except StopIteration as exc:
        raise FileProblem(_("The file is empty.")) from exc
    except csv.Error as exc:
        raise FileProblem(
            _("The CSV file is malformed near line %(line)s: %(error)s.") % {"line": lines.line, "error": exc}
        ) from exc
    keys = _header(header, source)
    source.rows = _rows_from_cells(table(), keys)
    return source


def _xlsx(file: IO[bytes]) -> Source:
    source = Source("xlsx", iter(()))
    try:
        workbook = load_workbook(file, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, InvalidFileException) as exc:
        raise FileProblem(
            _("This is not a readable .xlsx workbook; open it in a spreadsheet and save it again.")
        ) from exc
    names = {name.strip().lower(): name for name in workbook.sheetnames}
    sheet = workbook[names.get("entries") or names.get("المبادرات") or workbook.sheetnames[0]]
    rows = sheet.iter_rows()
    try:
        header = next(rows)
    except StopIteration as exc:
        raise FileProblem(_("The file is empty.")) from exc
    keys = _header([cell.value for cell in header], source)

    def table() -> Iterator[tuple[int, list[Any], list[str]]]:
        for number, row in enumerate(rows, start=2):
            values, problems = [], []
            for key, cell in zip(keys, row, strict=False):
                if getattr(cell, "data_type", None) == "f":
                    problems.append(
                        (
                            source.headers.get(key or "", key or ""),
                            _("This cell holds a formula (%(formula)s); replace it by its value.")
                            % {"formula": str(cell.value)[:60]},
                        )
                    )
                    values.append(None)
                else:
                    values.append(getattr(cell, "value", None))
            yield number, values, problems

    source.rows = _rows_from_cells(table(), keys)
    return source


class _JsonStream:
    """Decode a JSON document one top-level list item at a time (an export may hold 100,000 entries)."""

    WHITESPACE = re.compile(r"[ \t\r\n]*")
    CHUNK = 1 << 16  # characters; a value longer than the buffer doubles it

    def __init__(self, lines: _Lines) -> None:
        self.text, self.buffer, self.pos, self.lines_before = lines.text, "", 0, 0
        self.decoder = json.JSONDecoder()

    def _fill(self) -> bool:
        try:
            chunk = self.text.read(max(self.CHUNK, len(self.buffer)))
        except UnicodeDecodeError as exc:
            raise FileProblem(_not_utf8(self.lines_before + self.buffer.count("\n") + 1)) from exc
        self.lines_before += self.buffer.count("\n", 0, self.pos)
        self.buffer, self.pos = self.buffer[self.pos :] + chunk, 0
        return bool(chunk)

    def peek(self) -> str:
        while True:
            self.pos = self.WHITESPACE.match(self.buffer, self.pos).end()
            if self.pos < len(self.buffer) or not self._fill():
                return self.buffer[self.pos : self.pos + 1]

    def expect(self, char: str) -> None:
        if self.peek() != char:
            self.fail(_("expected “%(char)s”") % {"char": char})
        self.pos += 1

    def value(self) -> Any:
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.pos)
            except json.JSONDecodeError as exc:
                if self._fill():
                    continue
                self.fail(exc.msg)
            # A number or literal that ends the buffer may continue in the next chunk.
            if end == len(self.buffer) and not isinstance(value, dict | list | str) and self._fill():
                continue
            self.pos = end
            return value

    def fail(self, what: str) -> None:
        line = self.lines_before + self.buffer.count("\n", 0, self.pos) + 1
        raise FileProblem(
            _("The JSON is invalid near line %(line)s: %(what)s.") % {"line": line, "what": what}
        )

    def items(self) -> Iterator[Any]:
        """The items of a top-level list, or of the top-level object's "entries" list."""
        if self.peek() == "[":
            yield from self._list()
        elif self.peek() == "{":
            yield from self._object()
        else:
            self.fail(_("expected a list of entries"))
        if self.peek():
            self.fail(_("unexpected text after the end"))

    def _object(self) -> Iterator[Any]:
        self.expect("{")
        found = self.peek() == "}"
        while self.peek() != "}":
            key = self.value()
            if not isinstance(key, str):
                self.fail(_("expected a field name"))
            self.expect(":")
            if key == "entries" and self.peek() == "[":
                found = True
                yield from self._list()
            else:
                self.value()
            if self.peek() != ",":
                break
            self.pos += 1
        self.expect("}")
        if not found:
            raise FileProblem(_("The JSON object has no “entries” list; see the template."))

    def _list(self) -> Iterator[Any]:
        self.expect("[")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value()
            if self.peek() == ",":
                self.pos += 1
                continue
            self.expect("]")
            return


def _json(file: IO[bytes], encoding: str) -> Source:
    source = Source("json", iter(()))
    stream = _JsonStream(_Lines(file, encoding))

    def rows() -> Iterator[SourceRow]:
        for number, item in enumerate(stream.items(), start=1):
            if number > MAX_ROWS:
                raise FileProblem(
                    _("The file has more than %(n)s entries; split it into several files.") % {"n": MAX_ROWS}
                )
            record, problems = shape.parse(item)
            yield SourceRow(number, record, problems)

    source.rows = rows()
    return source
