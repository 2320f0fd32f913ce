"""Records and files for the import and export tests."""

import csv
import io
import json
from typing import Any

from marsad.accounts.models import User
from marsad.exchange import importer
from marsad.exchange.columns import cells_from_record
from marsad.exchange.report import Report


def record(n: int = 1, **overrides: Any) -> dict[str, Any]:
    """A valid entry record (the JSON import format) led by the cast's Saudi organisation."""
    data = {
        "id": f"ai-skills-{n}",
        "title": {
            "en": f"National AI skills programme {n}",
            "ar": f"البرنامج الوطني لمهارات الذكاء الاصطناعي {n}",
        },
        "summary": {"en": "Trains civil servants in applied machine learning.", "ar": "يدرّب موظفي الحكومة."},
        "description": {"en": "A **two-year** programme."},
        "action_lines": ["C4"],
        "technologies": ["ai", "ai-ml"],
        "sdgs": ["SDG4"],
        "beneficiaries": ["public-sector"],
        "countries": ["SA"],
        "stakeholder_type": "government",
        "scope": "national",
        "status": "ongoing",
        "lead_organisation": {"name": {"en": "Org SA"}, "country": "SA", "type": "government"},
        "start": "2023",
        "end": "2025-06",
        "source_url": f"https://example.org/programme/{n}",
        "links": [{"url": "https://example.org/report", "label": "Annual report"}],
    }
    data.update(overrides)
    return data


def csv_bytes(records: list[dict[str, Any]], delimiter: str = ",", bom: bool = True) -> bytes:
    out = io.StringIO()
    rows = [cells_from_record(r) for r in records]
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8")


def json_bytes(records: list[Any]) -> bytes:
    return json.dumps({"entries": records}).encode()  # ASCII escapes: a lone surrogate stays writable


def run(actor: User, content: bytes, name: str = "entries.csv", **options: Any) -> Report:
    options.setdefault("dry_run", False)
    return importer.run(io.BytesIO(content), name, importer.Options(actor=actor, **options))


def problems(report: Report) -> list[tuple[int, str, str]]:
    return [(row.number, where, message) for row in report.rows for where, message in row.problems]
