"""Every table of the index pages as CSV or XLSX: `downloads/<table>.<csv|xlsx>` with the page's parameters.

Tables carry the edition and year they come from in their rows, so a file taken out of context still says
what it is. Names are in the language of the URL (`/ar/…` gives Arabic names).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from openpyxl import Workbook

from marsad import maturity as mi
from marsad.insights import method, profiles, rankings
from marsad.insights.selection import Selection, select
from marsad.maturity.export import TIDY_COLUMNS, checks_table, weights_table

Table = tuple[list[str], list[list]]


def scores(sel: Selection, request: HttpRequest) -> Table:
    """Scores, ranks and rank intervals of every aggregate (or of `node`), optionally for one `group`: the
    rankings page's table."""
    node = request.GET.get("node", "")
    codes = [node] if node in sel.framework.aggregates else sel.built.scored_aggregates(sel.year)
    group = request.GET.get("group", "")
    columns = [
        "edition",
        "year",
        "unit",
        "country",
        "code",
        "name",
        "score",
        "rank",
        "rank_p05",
        "rank_median",
    ]
    columns += ["rank_p95", "stage"]
    body = [
        [sel.edition.number, sel.year, r.unit, r.name, code, sel.name(code), r.score, r.rank, r.rank_low]
        + [r.rank_median, r.rank_high, r.stage]
        for code in codes
        for r in rankings.ranking(sel, code, group)
    ]
    return columns, body


def indicators(sel: Selection, request: HttpRequest) -> Table:
    """The engine's tidy table: raw, imputed, treated and normalised values of every unit and node."""
    rows = mi.tidy(sel.result, sel.language)
    columns = ["edition", *TIDY_COLUMNS]
    return columns, [[sel.edition.number, *(r[c] for c in TIDY_COLUMNS)] for r in rows]


def weights(sel: Selection, request: HttpRequest) -> Table:
    rows = weights_table(sel.result)
    columns = ["code", "name", "level", "parent", "weight", "effective_weight"]
    return columns, [[r["code"], sel.name(r["code"]), *(r[c] for c in columns[2:])] for r in rows]


def checks(sel: Selection, request: HttpRequest) -> Table:
    rows = checks_table(sel.result)
    columns = ["year", "check", "message", "unit", "indicator", "value", "action"]
    return columns, [[sel.year, *(r[c] for c in columns[1:])] for r in rows]


def audit(sel: Selection, request: HttpRequest) -> Table:
    report = method.audit(sel)
    columns = ["group", "children", "cronbach_alpha", "pc1_share_percent", "components_above_one"]
    return columns, [
        [g["name"], g["children"], g["alpha"], g["pc1"], g["above_one"]] for g in report["groups"]
    ]


def profile(sel: Selection, request: HttpRequest) -> Table:
    """One country: every aggregate, then every indicator with its raw value, year, source and flags."""
    unit = request.GET.get("unit", "").upper()
    if unit not in sel.result.unit_position:
        raise Http404("unknown or unscored country")
    p = profiles.build_profile(sel, unit, request.GET.get("peers", ""))
    columns = [
        "unit",
        "year",
        "code",
        "name",
        "level",
        "score",
        "rank",
        "rank_p05",
        "rank_p95",
        "peer_median",
    ]
    columns += ["raw_value", "unit_of_measure", "data_year", "imputed", "source"]
    body = []
    nodes = [p.index] + [n for d in p.dimensions for n in (d.node, *(x.node for x in d.pillars))]
    for n in nodes:
        body.append(
            [unit, p.year, n.code, n.name, n.level, n.score, n.rank, n.rank_low, n.rank_high, n.peer_median]
        )
        body[-1] += [None] * 5
    for d in p.dimensions:
        for pillar in d.pillars:
            for i in pillar.indicators:
                body.append(
                    [unit, p.year, i.code, i.name, 1, i.score, i.rank, None, None, None]
                    + [i.value, i.unit, i.data_year, i.imputed, i.source]
                )
    return columns, body


TABLES: dict[str, Callable[[Selection, HttpRequest], Table]] = {
    "scores": scores,
    "indicators": indicators,
    "weights": weights,
    "checks": checks,
    "audit": audit,
    "profile": profile,
}


def write_csv(columns: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return out.getvalue().encode("utf-8")


def write_xlsx(columns: list[str], rows: list[list], title: str) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(columns)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def download(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    if table not in TABLES or fmt not in ("csv", "xlsx"):
        raise Http404("unknown table or format")
    sel = select(request)
    columns, rows = TABLES[table](sel, request)
    stem = f"marsad-{sel.framework.id}-e{sel.edition.number}-{sel.year}-{table}"
    if fmt == "csv":
        response = HttpResponse(write_csv(columns, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            write_xlsx(columns, rows, table),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response
