"""What an import did or would do, row by row, in the language of the person importing."""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext as _

from marsad.charts.numbers import localise_digits
from marsad.core.i18n import joined

NEW, UPDATED, UNCHANGED, DUPLICATE, INVALID = "new", "updated", "unchanged", "duplicate", "invalid"
OUTCOMES = {
    NEW: pgettext_lazy("import outcome", "new"),
    UPDATED: pgettext_lazy("import outcome", "updated"),
    UNCHANGED: pgettext_lazy("import outcome", "unchanged"),
    DUPLICATE: pgettext_lazy("import outcome", "suspected duplicate"),
    INVALID: pgettext_lazy("import outcome", "invalid"),
}


@dataclass(slots=True)
class RowResult:
    number: int
    id: str
    title: str
    outcome: str
    problems: list[tuple[str, str]] = field(default_factory=list)  # (column or path, message)
    duplicates: list[str] = field(default_factory=list)

    @property
    def outcome_label(self) -> str:
        return str(OUTCOMES[self.outcome])


@dataclass
class Report:
    file: str
    dry_run: bool
    state: str
    allow_duplicates: bool = False
    format: str = ""
    rows: list[RowResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # the file as a whole
    warnings: list[str] = field(default_factory=list)
    committed: bool = False

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(row.outcome for row in self.rows)
        return {outcome: counted.get(outcome, 0) for outcome in OUTCOMES}

    @property
    def blocking_duplicates(self) -> bool:
        return not self.allow_duplicates and any(row.outcome == DUPLICATE for row in self.rows)

    @property
    def ok(self) -> bool:
        """Would (or did) the commit go through: a readable file, no invalid row, duplicates accepted."""
        return (
            not self.problems
            and bool(self.rows)
            and not any(row.outcome == INVALID for row in self.rows)
            and not self.blocking_duplicates
        )

    def rows_to_show(self, limit: int = 1000) -> list[RowResult]:
        """Rows that need attention first; a 100,000-row report is not read row by row."""
        attention = [row for row in self.rows if row.outcome in (INVALID, DUPLICATE)]
        rest = [row for row in self.rows if row.outcome not in (INVALID, DUPLICATE)]
        return (attention + rest)[:limit]

    def summary(self) -> str:
        counts, lang = self.counts, get_language() or "en"
        parts = [
            f"{OUTCOMES[outcome]}: {localise_digits(str(counts[outcome]), lang)}" for outcome in OUTCOMES
        ]
        if self.committed:
            verdict = _("Imported.")
        elif self.problems:
            verdict = _("The file cannot be imported.")
        elif not self.ok:
            verdict = _("Nothing was imported: correct the rows below and try again.")
        elif self.dry_run:
            verdict = _("Dry run: nothing was written. The file can be imported.")
        else:
            verdict = _("Nothing was imported.")
        return f"{verdict} " + joined(parts, lang)

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": self.format,
            "dry_run": self.dry_run,
            "committed": self.committed,
            "ok": self.ok,
            "target_state": self.state,
            "summary": self.summary(),
            "counts": self.counts,
            "problems": self.problems,
            "warnings": self.warnings,
            "rows": [
                {
                    "row": row.number,
                    "id": row.id,
                    "title": row.title,
                    "outcome": row.outcome,
                    "problems": [{"field": where, "message": message} for where, message in row.problems],
                    "duplicates": row.duplicates,
                }
                for row in self.rows
            ],
        }

    def lines(self, limit: int = 200) -> list[str]:
        """The report as text for the command line: the verdict, file problems, then rows needing attention."""
        out = [self.summary(), *self.problems, *self.warnings]
        for row in self.rows_to_show(limit):
            if row.outcome not in (INVALID, DUPLICATE):
                break
            head = f"{_('row')} {row.number}" + (f" ({row.id})" if row.id else "") + f": {row.outcome_label}"
            out.append(head)
            out += [f"  {where or '-'}: {message}" for where, message in row.problems]
            if row.duplicates:
                out.append("  " + _("may duplicate: %(which)s") % {"which": ", ".join(row.duplicates[:10])})
        return out
