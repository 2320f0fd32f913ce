"""Moderators upload a data release: every bad input gets a clear report and leaves the published edition be;
a good one becomes a draft, is previewed, then published as the next edition, the earlier one still online."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from marsad.insights import editions
from marsad.insights.models import Edition, Score
from tests.cast import PASSWORD
from tests.insights.conftest import bundled_rows, release_csv

pytestmark = pytest.mark.django_db
URL = "/en/index/manage/"


@pytest.fixture
def moderator(client, cast):
    client.login(username=cast.moderator.email, password=PASSWORD)
    return client


def post(client, content: bytes, name: str = "release.csv", **extra):
    data = {"label": "Test release", "data": SimpleUploadedFile(name, content), **extra}
    return client.post(URL, data)


@pytest.fixture
def stored(edition) -> int:
    return Score.objects.count()


def unchanged(edition, stored: int) -> None:
    """Only the published edition exists, it is still the current one, and no score was added or removed."""
    assert list(Edition.objects.all()) == [edition]
    assert Edition.objects.current().pk == edition.pk
    assert Score.objects.count() == Score.objects.filter(edition=edition).count() == stored


def assert_refused(response, *fragments: str, status: int = 400) -> None:
    assert response.status_code == status
    body = response.content.decode()
    assert 'id="report"' in body
    for fragment in fragments:
        assert fragment in body, fragment
    assert Edition.objects.filter(status=Edition.Status.DRAFT).count() == 0


def test_visitors_and_contributors_cannot_upload(client, cast, edition):
    assert client.get(URL).status_code == 302
    client.login(username=cast.contributor.email, password=PASSWORD)
    assert client.get(URL).status_code == 403
    assert post(client, release_csv([["SAU", 2023, "IT.CEL.SETS.P2", 100]])).status_code == 403


def test_wrong_columns(moderator, edition, stored):
    response = post(moderator, release_csv([["SAU", 2023, 5]], header=("country", "year", "val")))
    assert_refused(response, "missing required column(s) indicator, value", "release.csv")
    unchanged(edition, stored)


def test_unknown_units_and_indicators_and_text_in_numbers_each_on_their_row(moderator, edition, stored):
    rows = [
        ["SAU", 2023, "IT.CEL.SETS.P2", "120"],
        ["XYZ", 2023, "IT.CEL.SETS.P2", "120"],
        ["SAU", 2023, "NOT.A.CODE", "1"],
        ["TUN", 2023, "IT.NET.BBND.P2", "twelve"],
    ]
    response = post(moderator, release_csv(rows))
    assert_refused(response, "unknown unit &#x27;XYZ&#x27;", "NOT.A.CODE", "twelve")
    reported = [(p.row, p.field) for p in response.context["problems"]]
    assert reported == [(3, "unit"), (4, "indicator"), (5, "value")]
    unchanged(edition, stored)


def test_duplicated_rows_are_refused(moderator, edition, stored):
    rows = bundled_rows()[:2000] + [bundled_rows()[10]]
    assert_refused(post(moderator, release_csv(rows)), "is given twice (first on row 12)")
    unchanged(edition, stored)


def test_a_50_mb_file_is_refused_before_reading(moderator, edition, stored):
    big = b"unit,year,indicator,value\n" + b"SAU,2023,IT.CEL.SETS.P2,1\n" * (50 * 2**20 // 26)
    response = post(moderator, big)
    assert_refused(response, "MB; the limit is 20 MB", status=413)
    unchanged(edition, stored)


def test_other_formats_broken_encoding_and_bad_framework(moderator, edition, stored):
    assert_refused(post(moderator, b"%PDF-1.7", name="release.pdf"), "must be a .csv (UTF-8) or .xlsx")
    assert_refused(post(moderator, b"unit,year,indicator,value\nSA\xff,2023,X,1\n"), "not valid UTF-8")
    framework = SimpleUploadedFile("framework.yaml", b"id: dei\nversion: '2'\naggregates: [\n")
    response = post(moderator, release_csv([["SAU", 2023, "IT.CEL.SETS.P2", 1]]), framework=framework)
    assert_refused(response, "framework.yaml", "not valid YAML")
    unchanged(edition, stored)


def test_an_empty_or_missing_file_is_a_form_error(moderator, edition, stored):
    for response in (post(moderator, b""), moderator.post(URL, {"label": "x"})):
        assert response.status_code == 400
        assert response.context["form"].errors["data"]
    assert_refused(post(moderator, b"unit,year,indicator,value\n"), "no data rows after the header")
    unchanged(edition, stored)


def changed_release() -> list[list[str]]:
    """The bundled data with Tunisia's 2023 fixed broadband at 40 per 100 people (it has about 14)."""
    rows = bundled_rows()
    for row in rows:
        if row[:3] == ["TUN", "2023", "IT.NET.BBND.P2"]:
            row[3] = "40"
    return rows


def xlsx(rows: list[list[str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "data"
    sheet.append(["unit", "year", "indicator", "value"])
    for unit, year, code, value in rows:
        sheet.append([unit, int(year), code, float(value)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_good_release_is_previewed_then_published_and_the_earlier_edition_stays(moderator, edition, stored):
    response = post(moderator, release_csv(changed_release()), name="wdi-2027.csv")
    assert response.status_code == 302
    draft = Edition.objects.get(status=Edition.Status.DRAFT)
    assert draft.data_format == "csv" and draft.years == edition.years
    assert moderator.get("/en/index/").context["sel"].edition == edition  # a draft is not public

    preview = moderator.get(response.url)
    assert preview.status_code == 200
    change = preview.context["change"]
    tunisia = next(m for m in change.movements if m.unit == "TUN")
    assert tunisia.score_after > tunisia.score_before and tunisia.change > 0
    assert "Tunisia" in preview.content.decode()

    published = moderator.post(reverse("insights:publish", args=[draft.pk]))
    assert published.status_code == 302
    draft.refresh_from_db()
    assert draft.number == 2 and Edition.objects.current() == draft
    assert Score.objects.filter(edition=draft, year=2023, code="DEI").count() == 167
    old = moderator.get("/en/index/countries/TUN/?edition=1").context["p"]
    new = moderator.get("/en/index/countries/TUN/").context["p"]
    assert new.index.score > old.index.score
    assert [e.edition.number for e in new.editions] == [1, 2]
    compared = moderator.get("/en/index/editions/?a=2&b=1").context["change"]
    assert next(m for m in compared.movements if m.unit == "TUN").change == tunisia.change


def test_an_xlsx_release_reads_as_the_same_csv(moderator, edition, stored):
    rows = [
        r for r in bundled_rows() if r[0] in ("SAU", "TUN", "ARE", "EGY", "MAR", "FRA") and r[1] >= "2019"
    ]
    response = post(moderator, xlsx(rows), name="small.xlsx")
    assert response.status_code == 302
    draft = Edition.objects.get(status=Edition.Status.DRAFT)
    assert draft.data_format == "xlsx" and draft.years == [2019, 2020, 2021, 2022, 2023]
    as_csv = editions.check_release(release_csv(rows), "small.csv", edition.framework_text)
    assert as_csv.ok and as_csv.dataset.digest == draft.data_digest


def test_a_draft_can_be_discarded(moderator, edition, stored):
    response = post(moderator, release_csv(changed_release()))
    draft = Edition.objects.get(status=Edition.Status.DRAFT)
    assert moderator.post(reverse("insights:discard", args=[draft.pk])).status_code == 302
    assert not Edition.objects.filter(pk=draft.pk).exists()
    assert response.status_code == 302
    unchanged(edition, stored)


def test_check_release_refuses_codes_outside_iso(edition):
    release = editions.check_release(
        release_csv([["WLD", 2023, "IT.CEL.SETS.P2", 1]]), "r.csv", edition.framework_text
    )
    assert [p.message for p in release.problems][0].startswith("unknown unit 'WLD'")
