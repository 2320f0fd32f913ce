"""The rankings page: every aggregate, filtered by group and year, sortable, with intervals; and its downloads."""

import csv
import io

import pytest
from openpyxl import load_workbook

from marsad.insights import places

pytestmark = pytest.mark.django_db


def units(response) -> list[str]:
    return [r.unit for r in response.context["rows"]]


def test_arabic_is_the_default_and_right_to_left(client, edition, reference):
    response = client.get("/ar/index/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'dir="rtl"' in body and "مؤشر نضج الاقتصاد الرقمي" in body
    result = reference[2]
    assert units(response)[:3] == sorted(result.units, key=lambda u: result.rank(u))[:3]
    assert "١" in body  # ranks in Eastern Arabic digits


def test_english_rankings_of_a_pillar_for_the_arab_league(client, edition, reference):
    response = client.get("/en/index/", {"node": "CON", "group": "LAS"})
    assert response.status_code == 200 and 'dir="ltr"' in response.content.decode()
    shown = units(response)
    assert set(shown) <= places.members("LAS") and "SAU" in shown and "FRA" not in shown
    result = reference[2]
    assert shown == sorted(shown, key=lambda u: result.rank(u, "CON"))
    rows = response.context["rows"]
    assert [r.group_rank for r in rows][:3] == [1, 2, 3]
    assert rows[0].rank == result.rank(rows[0].unit, "CON")  # the world rank is kept beside the group rank


def test_sorting_by_name_and_reversed_rank(client, edition):
    by_name = client.get("/en/index/", {"sort": "name", "group": "GCC"}).context["rows"]
    assert [r.name for r in by_name] == sorted(r.name for r in by_name)
    worst_first = units(client.get("/en/index/", {"sort": "-rank"}))
    best_first = units(client.get("/en/index/"))
    assert worst_first[0] == best_first[-1]


def test_years_and_editions_in_the_url(client, edition, reference):
    earlier = client.get("/en/index/", {"year": "2016"})
    assert earlier.context["sel"].year == 2016
    assert client.get("/en/index/", {"year": "1999"}).context["sel"].year == 2023  # unknown: the headline
    assert client.get("/en/index/", {"edition": "7"}).status_code == 404
    assert client.get("/en/index/", {"edition": "x"}).status_code == 404


def test_htmx_gets_only_the_table(client, edition):
    response = client.get("/en/index/", {"node": "SOC"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body and 'id="ranking-table"' in body


def test_unknown_node_and_group_fall_back(client, edition):
    response = client.get("/en/index/", {"node": "NOPE", "group": "NOPE"})
    assert response.context["code"] == "DEI" and response.context["group"] == ""


def test_the_table_downloads_as_csv_and_xlsx(client, edition, reference):
    response = client.get("/en/index/downloads/scores.csv", {"node": "DEI", "group": "GCC"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["unit"] for r in rows} == places.members("GCC") & set(reference[2].units)
    sau = next(r for r in rows if r["unit"] == "SAU")
    assert float(sau["score"]) == pytest.approx(reference[2].score("SAU"))
    assert float(sau["rank_p05"]) <= float(sau["rank_p95"])
    book = load_workbook(io.BytesIO(client.get("/ar/index/downloads/scores.xlsx").content))
    sheet = book.active
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header[:4] == ["edition", "year", "unit", "country"]
    assert any(row[3] == "المملكة العربية السعودية" for row in sheet.iter_rows(values_only=True))


def test_every_table_downloads(client, edition):
    for table in ("indicators", "weights", "checks", "audit"):
        for fmt in ("csv", "xlsx"):
            response = client.get(f"/en/index/downloads/{table}.{fmt}")
            assert response.status_code == 200, (table, fmt)
            assert f"e1-2023-{table}.{fmt}" in response["Content-Disposition"]
    assert client.get("/en/index/downloads/secrets.csv").status_code == 404
    assert client.get("/en/index/downloads/scores.pdf").status_code == 404


def test_no_edition_yet_is_a_404_not_a_500(client, db):
    from marsad.insights.models import Edition

    Edition.objects.update(status=Edition.Status.DRAFT)  # rolled back after the test
    assert client.get("/en/index/").status_code == 404
