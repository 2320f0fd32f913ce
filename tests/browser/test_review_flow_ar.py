"""In Arabic, end to end: a contributor submits, a focal point returns it with a comment, the contributor
fixes it, a moderator publishes it, and a visitor finds it through the filters."""

import pytest
from playwright.sync_api import Page, expect

from marsad.initiatives.models import Entry
from tests.cast import PASSWORD, make_cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def sign_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/ar/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("form.narrow button")
    expect(page.locator("header")).to_contain_text("تسجيل الخروج")


def sign_out(page: Page) -> None:
    page.click("header form button")


def test_submit_return_fix_publish_find(live_server, new_page, shoot):
    cast = make_cast()
    base = live_server.url
    page = new_page("ar")

    sign_in(page, base, cast.contributor.email)
    page.goto(f"{base}/ar/entries/new/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.fill("#id_title_ar", "منصة الرياض للزراعة الذكية")
    page.fill("#id_summary_ar", "منصة تستخدم إنترنت الأشياء لترشيد مياه الري.")
    page.check("input[name=action_lines][value='C7.7']")
    page.check("input[name=technologies][value='iot']")
    page.select_option("#id_stakeholder_type", "government")
    page.select_option("#id_scope", "national")
    page.select_option("#id_status", "ongoing")
    page.select_option("#id_countries", "SA")
    page.fill("#id_start", "٢٠٢٤")
    shoot(page, "01-contributor-form-ar")
    page.click("button[value=submit]")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "submitted")
    shoot(page, "02-submitted-ar")
    slug = Entry.objects.get().slug
    sign_out(page)

    sign_in(page, base, cast.focal_sa.email)
    page.goto(f"{base}/ar/review/")
    page.click(f"a[href='/ar/entries/{slug}/manage/']")
    page.fill("#comment", "أضيفوا ملخصاً باللغة الإنجليزية من فضلكم.")
    page.click("button[value=return]")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "returned")
    shoot(page, "03-returned-by-focal-point-ar")
    sign_out(page)

    sign_in(page, base, cast.contributor.email)
    page.goto(f"{base}/ar/entries/{slug}/manage/")
    expect(page.locator(".comment", has_text="ملخصاً باللغة الإنجليزية")).to_be_visible()
    page.click(f"a[href='/ar/entries/{slug}/edit/']")
    page.fill("#id_title_en", "Riyadh smart agriculture platform")
    page.fill("#id_summary_en", "An IoT platform to save irrigation water.")
    page.click("button[value=submit]")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "submitted")
    sign_out(page)

    sign_in(page, base, cast.moderator.email)
    page.goto(f"{base}/ar/entries/{slug}/manage/")
    page.click("button[value=publish]")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "published")
    shoot(page, "04-published-by-moderator-ar")

    visitor = new_page("ar")
    visitor.goto(f"{base}/ar/entries/")
    visitor.click("a[data-facet=technology][data-code=iot]")
    expect(visitor).to_have_url(f"{base}/ar/entries/?technology=iot")
    visitor.click("a[data-facet=country][data-code=SA]")
    expect(visitor.locator(".result-count")).to_contain_text("مبادرة واحدة")
    expect(visitor.locator(".card h3")).to_have_text("منصة الرياض للزراعة الذكية")
    shoot(visitor, "05-visitor-finds-it-ar")
    visitor.click("text=منصة الرياض للزراعة الذكية")
    expect(visitor.locator("h1")).to_have_text("منصة الرياض للزراعة الذكية")
    shoot(visitor, "06-entry-page-ar")
