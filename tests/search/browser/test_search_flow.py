"""In Arabic and in English, a visitor searches from the header box: results with marked words and facet counts
update in place (htmx, no page load) with the URL kept in step; a misspelt query offers a correction; the entry
page lists similar initiatives."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.cast import make_cast, make_entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def publish_entries():
    cast = make_cast()
    make_entry(
        cast,
        "published",
        title_en="National artificial intelligence platform",
        summary_en="Government services powered by artificial intelligence",
        title_ar="المنصة الوطنية للذكاء الاصطناعي",
        summary_ar="خدمات حكومية تعمل بالذكاء الاصطناعي",
        technologies=["ai"],
    )
    make_entry(
        cast,
        "published",
        org=cast.org_ae,
        countries=["AE"],
        title_en="Artificial intelligence tutors in Emirati schools",
        summary_en="Teachers use artificial intelligence tutors",
        title_ar="معلمون بالذكاء الاصطناعي في مدارس الإمارات",
        summary_ar="يستخدم المعلمون مساعدين بالذكاء الاصطناعي",
        technologies=["ai", "ai-ml"],
    )
    make_entry(
        cast,
        "published",
        title_en="Smart water meters",
        summary_en="Internet of things sensors for irrigation",
        title_ar="عدادات المياه الذكية",
        summary_ar="أجهزة استشعار إنترنت الأشياء للري",
        technologies=["iot"],
    )


def type_query(page: Page, text: str) -> None:
    box = page.locator("header form.search input[name=q]")
    box.fill(text)
    box.press("Enter")


def test_search_in_arabic_then_english(live_server, new_page, shoot):
    publish_entries()
    base = live_server.url
    page = new_page("ar")
    page.goto(f"{base}/ar/entries/")
    page.evaluate("window.notReloaded = true")
    type_query(page, "artificial intelligence")
    expect(page).to_have_url(re.compile(r"/ar/entries/\?q=artificial(\+|%20)intelligence"))
    expect(page.locator(".cards .card")).to_have_count(2)
    expect(page.locator(".card h3 mark").first).to_be_visible()
    expect(page.locator(".card h3").first).to_contain_text("الاصطناعي")
    shoot(page, "search-01-results-ar")
    page.click("a[data-facet=technology][data-code=ai-ml]")
    expect(page.locator(".cards .card")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"technology=ai-ml"))
    assert page.evaluate("window.notReloaded") is True  # htmx swapped the results in place
    shoot(page, "search-02-facet-ar")

    type_query(page, "irigation")
    expect(page.locator("[data-suggestion]")).to_have_text("irrigation")
    shoot(page, "search-03-suggestion-ar")
    page.click("[data-suggestion]")
    expect(page.locator(".card h3")).to_have_text("عدادات المياه الذكية")

    english = new_page("en")
    english.goto(f"{base}/en/entries/?q=الذكاء+الاصطناعي")
    expect(english.locator("html")).to_have_attribute("dir", "ltr")
    expect(english.locator(".card .snippet mark").first).to_have_text(re.compile("artificial", re.IGNORECASE))
    english.click("a[data-sort=recent]")
    expect(english).to_have_url(re.compile(r"sort=recent"))
    shoot(english, "search-04-results-en")
    english.click(".card h3 a >> nth=0")
    expect(english.locator(".similar h2")).to_have_text("Similar initiatives")
    expect(english.locator(".similar .card")).to_have_count(1)
    shoot(english, "search-05-similar-en")
