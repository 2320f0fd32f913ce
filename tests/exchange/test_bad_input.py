"""Bad files and bad rows: a clear report, nothing written, never an exception."""

import io

import openpyxl
import pytest

from marsad.accounts.models import Organisation
from marsad.exchange import readers
from marsad.initiatives.models import Entry
from tests.exchange.helpers import csv_bytes, json_bytes, problems, record, run

pytestmark = pytest.mark.django_db


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


FILES = {
    "empty file": (b"", "empty"),
    "only a byte-order mark and blanks": (b"\xef\xbb\xbf \r\n", "empty"),
    "Windows-1256 Arabic": ("title_ar,summary_ar\nمرصد,ملخص\n".encode("cp1256"), "not UTF-8"),
    "Latin-1 in line 3": (b"title_en,summary_en\nok,ok\ncaf\xe9,x\n", "line 3"),
    "old .xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ".xls"),
    "zip that is no workbook": (b"PK\x03\x04" + b"\0" * 50, "not a readable .xlsx"),
    "no known header": (b"foo,bar\n1,2\n", "No known column"),
    "header only": (b"title_en,summary_en\n", "no rows"),
    "the same column twice": (b"title_en,Title (English)\na,b\n", "same field"),
    "JSON that is not a list": (b'{"title": "x"}', "no “entries” list"),
    "truncated JSON": (b'[{"id": "a", "title": {"en": "x"', "JSON is invalid"),
    "JSON with text after it": (b"[] []", "unexpected text"),
    "JSON with invalid UTF-8": (b'[{"id": "\xff"}]', "not UTF-8"),
}


@pytest.mark.parametrize("case", FILES)
def test_an_unusable_file_is_refused_as_a_whole(cast, case):
    content, message = FILES[case]
    report = run(cast.moderator, content, name="upload.csv" if b"{" not in content[:2] else "upload.json")
    assert not report.ok and not report.committed
    assert report.problems and message in report.problems[0], report.problems
    assert not Entry.objects.exists()


ROWS = {
    "HTML in a title": ({"title": {"en": "<script>alert(1)</script>"}}, "title_en", "HTML"),
    "unknown technology code": ({"technologies": ["telepathy"]}, "technologies", "telepathy"),
    "unknown country": ({"countries": ["XX"]}, "countries", "XX"),
    "malformed date": ({"start": "15/03/2024"}, "start", "YYYY"),
    "impossible date": ({"end": "2024-02-30"}, "end", "does not exist"),
    "end before start": ({"start": "2024", "end": "2020"}, "end", "on or after"),
    "javascript link": ({"links": [{"url": "javascript:alert(1)", "label": "x"}]}, "links", "not a valid"),
    "right-to-left override": (
        {"title": {"ar": "برنامج \u202egnp.exe"}, "summary": {"ar": "ملخص"}},
        "title_ar",
        "direction",
    ),
    "unknown lead organisation type": (
        {"lead_organisation": {"name": {"en": "New body"}, "country": "SA", "type": "guild"}},
        "lead_organisation_name_en",
        "guild",
    ),
    "javascript website of a new organisation": (
        {
            "lead_organisation": {
                "name": {"en": "New"},
                "country": "SA",
                "type": "government",
                "website": "javascript:x",
            }
        },
        "lead_organisation_name_en",
        "not a valid http(s) address",
    ),
    "1 MB description": ({"description": {"en": "x" * 1_000_000}}, "description_en", "20000"),
}


@pytest.mark.parametrize("case", ROWS)
def test_a_bad_row_is_reported_on_its_column(cast, case):
    overrides, column, message = ROWS[case]
    report = run(cast.moderator, csv_bytes([record(1), record(2, **overrides)]))
    assert not report.ok and report.counts["invalid"] == 1
    [(row, where, text)] = problems(report)
    assert (row, where) == (3, column) and message in text, text
    assert not Entry.objects.exists() and Organisation.objects.count() == 2


def test_a_formula_cell_is_refused_and_a_formula_like_text_kept(cast):
    header = [
        "id",
        "title_en",
        "summary_en",
        "action_lines",
        "technologies",
        "stakeholder_type",
        "scope",
        "status",
        "countries",
        "lead_organisation_name_en",
        "lead_organisation_country",
    ]
    base = ["a", "Title", "Summary", "C4", "ai", "government", "national", "ongoing", "SA", "Org SA", "SA"]
    report = run(
        cast.moderator, xlsx_bytes([header, base[:1] + ['=HYPERLINK("http://x")'] + base[2:]]), name="x.xlsx"
    )
    assert "formula" in problems(report)[0][2] and problems(report)[0][1] == "title_en"
    text = run(cast.moderator, csv_bytes([record(1, summary={"en": "=1+1 is not run", "ar": "x"})]))
    assert text.committed and Entry.objects.get().latest_revision.summary_en == "=1+1 is not run"


JSON_ROWS = {
    "number for text": ({"title": {"en": 5}}, "title.en", "Expected text."),
    "text for a list": ({"technologies": "ai"}, "technologies", "Expected a list."),
    "object for a code": ({"status": {"code": "ongoing"}}, "status", "Expected text."),
    "lone surrogate": ({"summary": {"en": "bad \ud800 text"}}, "summary.en", "invalid characters"),
    "unknown field": ({"colour": "red"}, "colour", "Unknown field"),
    "missing lead organisation": ({"lead_organisation": None}, "lead_organisation", "Expected an object"),
    "id with spaces": ({"id": "my entry"}, "id", "hyphens"),
}


@pytest.mark.parametrize("case", JSON_ROWS)
def test_wrong_json_types_are_reported_by_path(cast, case):
    overrides, path, message = JSON_ROWS[case]
    report = run(cast.moderator, json_bytes([record(1, **overrides)]), name="x.json")
    assert not report.ok
    assert (path, message) in [(where, text) for _n, where, text in problems(report)] or any(
        where == path and message in text for _n, where, text in problems(report)
    ), problems(report)
    assert not Entry.objects.exists()


def test_a_list_item_that_is_not_an_object(cast):
    report = run(cast.moderator, b'[1, "x"]', name="x.json")
    assert [(n, m) for n, _w, m in problems(report)] == [(1, "Expected an object with named fields.")] * 1 + [
        (2, "Expected an object with named fields.")
    ]


def test_more_rows_than_the_limit(cast, monkeypatch):
    monkeypatch.setattr(readers, "MAX_ROWS", 3)
    report = run(cast.moderator, csv_bytes([record(n) for n in range(5)]))
    assert "more than 3 rows" in report.problems[0] and not Entry.objects.exists()


def test_a_partner_written_without_country(cast):
    content = csv_bytes([record(1)]).replace(b"\r\n", b"\n")
    content = content.rstrip(b"\n").split(b"\n")
    header = content[0].decode("utf-8-sig").split(",")
    row = content[1].decode().split(",")
    row[header.index("partners")] = "Some partner"
    report = run(cast.moderator, (",".join(header) + "\n" + ",".join(row) + "\n").encode())
    assert problems(report)[0][1] == "partners" and "country code" in problems(report)[0][2]
