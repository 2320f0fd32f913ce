"""In Arabic, a contributor loads a spreadsheet with Arabic column headers: the dry run names the bad cell in
Arabic and writes nothing; the corrected file passes, is imported, and its entries wait for review; then the
contributor creates an API token (shown once) and opens the open-data page."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from marsad.exchange.columns import COLUMNS, cells_from_record
from marsad.initiatives.models import Entry
from tests.browser.harness import submit
from tests.browser.test_review_flow_ar import sign_in
from tests.cast import make_cast
from tests.exchange.helpers import record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARABIC_HEADERS = {column.key: column.label("ar") for column in COLUMNS}


def arabic_csv(records: list[dict]) -> bytes:
    rows = [cells_from_record(r) for r in records]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([ARABIC_HEADERS[key] for key in rows[0]])
    writer.writerows([list(row.values()) for row in rows])
    return out.getvalue().encode("utf-8")


def upload(page, content: bytes) -> None:
    page.set_input_files("#id_file", {"name": "مبادرات.csv", "mimeType": "text/csv", "buffer": content})
    submit(page, "form[enctype] button.primary")


def test_a_contributor_imports_a_file_in_arabic(live_server, new_page, shoot):
    cast = make_cast()
    base = live_server.url
    page = new_page("ar")
    sign_in(page, base, cast.contributor.email)
    page.goto(f"{base}/ar/import/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    good = record(1)
    bad = record(2, start="2024-13", technologies=["ai", "telepathy"])
    upload(page, arabic_csv([good, bad]))
    report = page.locator("#report")
    expect(report).to_contain_text("غير صالح: ١")  # counts in Arabic-Indic digits
    bad_row = report.locator("tr.outcome-invalid")
    expect(bad_row).to_have_count(1)
    expect(bad_row).to_contain_text("telepathy")
    expect(page.locator("form[action*=commit]")).to_have_count(0)
    shoot(page, "import-01-dry-run-errors-ar")
    assert not Entry.objects.exists()

    upload(page, arabic_csv([good, record(2)]))
    expect(page.locator("#report tr.outcome-invalid")).to_have_count(0)
    submit(page, "form[action*=commit] button")
    expect(page.locator("#report")).to_contain_text("تقرير الاستيراد")
    shoot(page, "import-02-committed-ar")
    assert sorted(Entry.objects.values_list("slug", "state")) == [
        ("ai-skills-1", "submitted"),
        ("ai-skills-2", "submitted"),
    ]

    page.goto(f"{base}/ar/account/api-tokens/")
    page.fill("#id_name", "بوابة وطنية")
    page.check("input[name=scopes][value=write]")
    submit(page, "form.narrow button.primary")
    expect(page.locator("#new-token")).to_have_text(re.compile(r"^msd_\S{40,}$"))
    shoot(page, "import-03-token-created-ar")
    page.goto(f"{base}/ar/account/api-tokens/")
    expect(page.locator("#new-token")).to_have_count(0)  # shown once
    expect(page.locator("tbody tr", has_text="بوابة وطنية")).to_have_count(1)

    page.goto(f"{base}/ar/export/")
    expect(page.locator("a[href*='entries.csv']").first).to_be_visible()
    shoot(page, "import-04-open-data-ar")
