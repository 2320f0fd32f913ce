"""Errors the engine raises for bad input, each naming where the problem is.

An analyst who uploads a framework or a data release must be able to fix it from the message alone, so every
error carries the file, the row of a table (or the line of a YAML file) and the field, and says what was expected.
"""

from __future__ import annotations

from pathlib import Path


class MaturityError(ValueError):
    """Bad input to the maturity engine: a message plus where it was found."""

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        row: int | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.row = row
        self.line = line
        self.field = field
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [self.file] if self.file else []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class FrameworkError(MaturityError):
    """The framework file is malformed: bad YAML, missing fields, cycles, negative weights, unknown parents."""


class DataError(MaturityError):
    """The data file is malformed: encoding, columns, text in numbers, unknown codes, units without data."""


class MethodError(MaturityError):
    """A methodological option is unknown or its parameters are out of range."""
