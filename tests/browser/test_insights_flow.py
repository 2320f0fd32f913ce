"""The maturity index in a browser, in Arabic and in English: rankings → a country's profile → what-if → PDF.

Screenshots go to var/screenshots/insights-*.png (and the PDF's first page as an image) to be looked at.
"""

import re
import subprocess

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from marsad.insights.editions import load_default_edition
from tests.browser.harness import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


NAMES = {
    "ar": ("المملكة العربية السعودية", "جامعة الدول العربية"),
    "en": ("Saudi Arabia", "League of Arab States"),
}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_rankings_profile_whatif_pdf(live_server, new_page, shoot, tmp_path, lang):
    with override_settings(INSIGHTS_MONTE_CARLO_RUNS=20):
        load_default_edition()
    country, league = NAMES[lang]
    base = live_server.url
    page = new_page(lang)

    page.goto(f"{base}/{lang}/index/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
    expect(page.locator("#ranking-table tbody tr")).to_have_count(167)
    shoot(page, f"insights-01-rankings-{lang}")

    page.select_option("#group", "LAS")  # htmx swaps the table and pushes the URL
    expect(page.locator("#ranking h2")).to_contain_text(league)
    expect(page).to_have_url(re.compile(rf"^{base}/{lang}/index/\?.*group=LAS"))  # a shareable URL
    rows = page.locator("#ranking-table tbody tr")
    expect(rows.first).to_be_visible()
    assert 15 <= rows.count() <= 22
    shoot(page, f"insights-02-rankings-las-{lang}")

    page.click("#ranking-table tr[data-unit=SAU] a")
    expect(page.locator("h1")).to_have_text(country)
    score = page.locator("#index-score").inner_text()
    assert score.strip()
    shoot(page, f"insights-03-profile-{lang}")

    page.click("#to-whatif")
    expect(page.locator("#whatif-table")).to_be_visible()
    expect(page.locator("#gap-summary")).to_be_visible()  # the gap to the next stage loads by itself
    dei = page.locator("#whatif-table tr[data-code=DEI] td[data-after]")
    before = dei.inner_text()
    page.fill(".mi-slider[data-code='IT.NET.BBND.P2'] input[type=number]", "60")
    expect(dei).not_to_have_text(before)
    expect(page).to_have_url(re.compile(r"/countries/SAU/what-if/\?.*IT\.NET\.BBND\.P2=60"))
    expect(page.locator(".mi-slider[data-code='IT.NET.BBND.P2']")).to_have_class("mi-slider changed")
    shoot(page, f"insights-04-whatif-{lang}")

    page.goto(f"{base}/{lang}/index/countries/SAU/")
    page.wait_for_load_state("networkidle")
    with page.expect_download() as download:
        page.click("#pdf")
    pdf = tmp_path / "profile.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "70",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(SCREENSHOTS / f"insights-05-pdf-{lang}"),
        ],
        check=True,
    )
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert country in text.replace("\u202b", "").replace("\u202c", "")
    # No request may still be running in the live server when the database is flushed for the next test:
    # it shares the test's connection.
    page.wait_for_load_state("networkidle")
    page.close()
