"""Exports of published entries — any search result or the whole repository — as CSV, XLSX, JSON and JSON-LD.

Every format is produced from the same records (`records.record_of`, the format `marsad import` reads), read
from the database in chunks, so a 100,000-entry export never holds the repository in memory: CSV, JSON and
JSON-LD are generators for a streaming response; XLSX is written row by row to a temporary file (a workbook is
a zip archive, finished only at the end). Each export carries the licence of the data.
"""

import csv
import io
import json
import tempfile
from collections.abc import Iterator
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from marsad.exchange.columns import KEYS, cells_from_record
from marsad.initiatives import records
from marsad.initiatives.filters import EntryQuery
from marsad.initiatives.models import Revision
from marsad.vocab.models import Country, Term

CHUNK = 500
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "jsonld": "application/ld+json",
}


def licence() -> dict[str, str]:
    return getattr(
        settings,
        "MARSAD_DATA_LICENCE",
        {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    )


def notice() -> str:
    return (
        _("Marsad open data, published under %(name)s (%(url)s): cite “Marsad” and link to the source.")
        % licence()
    )


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def checked(params: QueryDict) -> QueryDict:
    """A query string fit for `EntryQuery`: a control character in it (a NUL byte breaks PostgreSQL) is a
    400 Bad Request, through Django's handling of `SuspiciousOperation`."""
    if any(ch < " " for values in params.lists() for value in values[1] for ch in value):
        raise SuspiciousOperation("control characters in a query string")
    return params


def revisions(params: QueryDict | None = None) -> QuerySet:
    """The published revisions matching a list page's query string (all of them without one), oldest first."""
    query = EntryQuery.from_params(checked(params or QueryDict()))
    return (
        query.queryset()
        .select_related(*records.RECORD_RELATED, "entry")
        .prefetch_related(*records.RECORD_PREFETCH)
        .order_by("entry_id")
    )


def entry_record(revision: Revision) -> dict[str, Any]:
    """A published revision's record with what an export adds about it (the import reads past those keys)."""
    entry = revision.entry
    return {
        **records.record_of(revision),
        "revision": revision.number,
        # The public revision of an entry with a change under way is still what is published.
        "state": "published" if revision.live else entry.state,
        "url": site_url(reverse("initiatives:detail", args=[entry.slug])),
        "published_at": entry.published_at.isoformat() if entry.published_at else None,
    }


def iter_records(queryset: QuerySet) -> Iterator[dict[str, Any]]:
    for revision in queryset.iterator(chunk_size=CHUNK):
        yield entry_record(revision)


def neutralise(value: str) -> str:
    """A cell a spreadsheet would run as a formula starts with an apostrophe instead (OWASP CSV injection)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_chunks(queryset: QuerySet) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(KEYS)
    yield "\ufeff" + buffer.getvalue()  # the byte-order mark makes Excel read UTF-8
    for record in iter_records(queryset):
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([neutralise(value) for value in cells_from_record(record).values()])
        yield buffer.getvalue()


def _text_cell(sheet, value: str) -> WriteOnlyCell:
    # An explicit string type: the cell shows "=1+1" as text and is never evaluated, nothing added to it.
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"
    return cell


def xlsx_file(queryset: QuerySet, description: str) -> IO[bytes]:
    """The workbook in a temporary file, rewound; closing the file deletes it."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("entries")
    sheet.append(KEYS)
    for record in iter_records(queryset):
        sheet.append([_text_cell(sheet, value) for value in cells_from_record(record).values()])
    about = workbook.create_sheet("licence")
    for line in (notice(), description, timezone.now().isoformat()):
        about.append([_text_cell(about, line)])
    out = tempfile.TemporaryFile()
    workbook.save(out)
    out.seek(0)
    return out


def _stream(head: dict[str, Any], key: str, items: Iterator[Any]) -> Iterator[str]:
    """A JSON object whose `key` list is written item by item after the other fields."""
    opening = json.dumps(head, ensure_ascii=False)[:-1]
    yield opening + (", " if head else "") + json.dumps(key) + ": [\n"
    first = True
    for item in items:
        yield ("" if first else ",\n") + json.dumps(item, ensure_ascii=False)
        first = False
    yield "\n]}\n"


def json_chunks(queryset: QuerySet, description: str) -> Iterator[str]:
    head = {
        "licence": licence(),
        "notice": notice(),
        "description": description,
        "generated_at": timezone.now().isoformat(),
        "count": queryset.count(),
    }
    return _stream(head, "entries", iter_records(queryset))


LD_CONTEXT = {
    "@vocab": "https://schema.org/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
}


def _texts(texts: dict[str, str]) -> list[dict[str, str]]:
    return [{"@value": text, "@language": lang} for lang, text in texts.items() if text]


def _organisation_node(info: dict[str, Any]) -> dict[str, Any]:
    node = {
        "@type": "Organization",
        "name": _texts(info["name"]),
        "address": {"@type": "PostalAddress", "addressCountry": info["country"]},
    }
    if info.get("website"):
        node["url"] = info["website"]
    return node


def project_node(record: dict[str, Any], labels: dict[tuple[str, str], str]) -> dict[str, Any]:
    """An entry as a schema.org Project (an Organization subtype: it has members, a founder, an area served)."""
    node: dict[str, Any] = {
        "@id": record["url"],
        "@type": "Project",
        "identifier": record["id"],
        "name": _texts(record["title"]),
        "description": _texts(record["summary"]),
        "url": record["url"],
        "areaServed": [
            {"@type": "Country", "identifier": code, "name": labels.get(("country", code), code)}
            for code in record["countries"]
        ],
        "parentOrganization": _organisation_node(record["lead_organisation"]),
        "member": [_organisation_node(p) for p in record["partners"]],
        "keywords": [
            labels.get(("term", code), code)
            for key in ("technologies", "action_lines", "sdgs")
            for code in record[key]
        ],
        "dct:modified": record["published_at"],
    }
    if record["start"]:
        node["foundingDate"] = record["start"]
    if record["end"]:
        node["dissolutionDate"] = record["end"]
    if record["website"] or record["source_url"]:
        node["sameAs"] = [url for url in (record["website"], record["source_url"]) if url]
    return node


def dataset_node(description: str, query_string: str) -> dict[str, Any]:
    """The export described with DCAT: what it is, under which licence, and where each format is."""
    base = site_url("/en/export/entries")
    suffix = f"?{query_string}" if query_string else ""
    return {
        "@id": f"{base}.jsonld{suffix}#dataset",
        "@type": ["dcat:Dataset", "Dataset"],
        "dct:title": [
            {"@value": "Marsad: initiatives in emerging technologies in the Arab region", "@language": "en"},
            {"@value": "مرصد: مبادرات التقنيات الناشئة في المنطقة العربية", "@language": "ar"},
        ],
        "dct:description": description,
        "dct:license": {"@id": licence()["url"]},
        "dct:publisher": {"@type": "Organization", "name": "Marsad"},
        "dct:issued": timezone.now().isoformat(),
        "dcat:distribution": [
            {
                "@type": "dcat:Distribution",
                "dcat:downloadURL": {"@id": f"{base}.{fmt}{suffix}"},
                "dcat:mediaType": media.split(";")[0],
            }
            for fmt, media in FORMATS.items()
        ],
    }


def jsonld_chunks(queryset: QuerySet, description: str, query_string: str = "") -> Iterator[str]:
    labels = {("term", t.code): t.label_en for t in Term.objects.all()} | {
        ("country", c.code): c.label_en for c in Country.objects.all()
    }
    head = {"@context": LD_CONTEXT}
    nodes = (project_node(record, labels) for record in iter_records(queryset))
    return _stream(head, "@graph", _prepend(dataset_node(description, query_string), nodes))


def _prepend(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


def describe(params: QueryDict) -> str:
    """Say which entries an export holds: the filters of its query string, or the whole repository."""
    query = EntryQuery.from_params(checked(params))
    parts = [f"{param}={','.join(values)}" for param, values in query.selected.items()]
    if query.q:
        parts.append(f"q={query.q}")
    return (
        _("Published entries matching %(filters)s") % {"filters": "; ".join(parts)}
        if parts
        else _("All published entries")
    )
