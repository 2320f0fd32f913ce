"""Reading files: JSON streamed item by item whatever its layout, CSV dialects, spreadsheet cells."""

import io
import json
from datetime import datetime

import pytest

from marsad.exchange import readers
from marsad.exchange.columns import cell_text

DOCUMENT = {
    "licence": "CC BY 4.0",
    "count": 3,
    "entries": [{"id": "a", "title": {"en": "x" * 50}}, {"id": "b", "start": 2024}, {"id": "c", "links": []}],
    "after": [1, 2.5, {"n": None}],
}


def ids(content: bytes) -> list:
    stream = readers._JsonStream(readers._Lines(io.BytesIO(content), "utf-8-sig"))
    return [item["id"] for item in stream.items()]


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64, 1 << 16])
@pytest.mark.parametrize("indent", [None, 0, 2])
def test_json_items_are_read_across_any_chunk_boundary(monkeypatch, chunk, indent):
    monkeypatch.setattr(readers._JsonStream, "CHUNK", chunk)
    text = json.dumps(DOCUMENT, indent=indent, ensure_ascii=False)
    assert ids(text.encode()) == ["a", "b", "c"]
    assert ids(json.dumps(DOCUMENT["entries"], indent=indent).encode()) == ["a", "b", "c"]
    assert ids(b"\xef\xbb\xbf" + text.encode()) == ["a", "b", "c"]


def test_a_year_written_as_a_number_is_read_as_the_year():
    source = readers.open_source(
        io.BytesIO(
            b'[{"id": "a", "start": 2024, "lead_organisation": {"name": {"en": "x"}, "country": "SA"}}]'
        ),
        "x.json",
    )
    [row] = list(source.rows)
    assert row.record["start"] == "2024" and not row.problems


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_csv_dialects(separator):
    content = (
        separator.join(["id", "title_en", "technologies"])
        + "\r\n"
        + separator.join(["a", "T", "ai"])
        + "\r\n"
    )
    for encoding, bom in (("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe")):
        source = readers.open_source(io.BytesIO(bom + content.encode(encoding)), "x.csv")
        [row] = list(source.rows)
        assert (row.record["id"], row.record["title"]["en"], row.record["technologies"]) == ("a", "T", ["ai"])


def test_spreadsheet_cells_become_text():
    assert cell_text(datetime(2024, 3, 15, 0, 0)) == "2024-03-15"
    assert cell_text(2024.0) == "2024" and cell_text(None) == "" and cell_text(" x ") == "x"
    assert cell_text("'=SUM(A1)") == "=SUM(A1)"  # our export's neutralising apostrophe is taken off again
    assert cell_text("'quoted'") == "'quoted'"
