"""`marsad export`: write published entries (all, or those of a list-page query) as JSON, CSV, XLSX or JSON-LD.

The JSON export is the data dump: `marsad import` reads it back as the same entries.
"""

import shutil
import sys
from pathlib import Path

from django.core.management.base import BaseCommand
from django.http import QueryDict

from marsad.exchange import exports


class Command(BaseCommand):
    help = (
        "Export published entries; JSON (the default) is the dump that `marsad import` reads back losslessly."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--format", choices=list(exports.FORMATS), default="json")
        parser.add_argument("--output", "-o", type=Path, help="file to write (default: standard output)")
        parser.add_argument(
            "--query", default="", help="a list page's query string, e.g. 'country=SA&technology=ai'"
        )

    def handle(self, *args, format: str, output: Path | None, query: str, **options) -> None:
        params = QueryDict(query)
        queryset = exports.revisions(params)
        description = exports.describe(params)
        binary = output.open("wb") if output else sys.stdout.buffer
        try:
            if format == "xlsx":
                with exports.xlsx_file(queryset, description) as workbook:
                    shutil.copyfileobj(workbook, binary)
            else:
                chunks = {
                    "csv": lambda: exports.csv_chunks(queryset),
                    "json": lambda: exports.json_chunks(queryset, description),
                    "jsonld": lambda: exports.jsonld_chunks(queryset, description, query),
                }[format]()
                for chunk in chunks:
                    binary.write(chunk.encode("utf-8"))
        finally:
            if output:
                binary.close()
            else:
                binary.flush()
        self.stderr.write(exports.notice())
