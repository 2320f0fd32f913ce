"""In Arabic and in English, end to end: a contributor saves an AI entry, is led to its three questionnaires,
walks them step by step (follow-up questions, Back, a refused skipped answer), submits; a moderator publishes;
a visitor sees the tier badge, the impact level and the record, and finds the entry by its risk tier."""

import json
import re

import pytest
from playwright.sync_api import Page, expect

from marsad.assessments.models import Assessment
from marsad.initiatives.models import Entry
from tests.browser.harness import submit
from tests.cast import PASSWORD, make_cast

from .answers import RECORD, changed, complete_impact, high_risk_eu

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EU = changed(high_risk_eu(), interacts_with_people="yes", interaction_obvious="no")
IMPACT = complete_impact(public_service="yes", automation="recommends", personal_data="yes")
ARABIC_TEXT = "يوضح هذا الحقل كيفية عمل النظام في خدمة المواطنين."
WORDS = {
    "ar": {"signed_in": "تسجيل الخروج", "title": "مساعد فرز طلبات التوظيف", "summary": "يفرز طلبات التوظيف."},
    "en": {
        "signed_in": "Sign out",
        "title": "Job application screening assistant",
        "summary": "Sorts job applications.",
    },
}


def sign_in(page: Page, base: str, lang: str, email: str) -> None:
    page.goto(f"{base}/{lang}/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("form.narrow button")
    expect(page.locator("header")).to_contain_text(WORDS[lang]["signed_in"])


def answer_the_page(page: Page, answers: dict, lang: str) -> None:
    """Answer every question shown on the current step from `answers` (texts in the page's language)."""
    for fieldset in page.locator("fieldset.question").all():
        question = fieldset.get_attribute("data-question")
        if question not in answers:  # an optional question these answers leave empty
            continue
        value = answers[question]
        if isinstance(value, dict):  # translatable text: the page's language, Arabic written for Arabic
            text = value.get(lang) or (
                ARABIC_TEXT if lang == "ar" else value.get("en") or next(iter(value.values()))
            )
            fieldset.locator(f"[name='{question}__{lang}']").fill(text)
        elif isinstance(value, list):
            for option in value:
                fieldset.locator(f"input[name='{question}'][value='{option}']").check()
        elif fieldset.locator(f"input[type=radio][name='{question}']").count():
            fieldset.locator(f"input[name='{question}'][value='{value}']").check()
        else:
            fieldset.locator(f"[name='{question}']").fill(value)


def walk(page: Page, answers: dict, lang: str, shots: dict[str, str], shoot) -> int:
    """Answer steps until the questionnaire is complete; returns the number of pages answered."""
    pages = 0
    while "/assessments/" in page.url and not page.url.endswith("/assessments/"):
        step = page.locator("h2[data-section]").get_attribute("data-section")
        if step in shots:
            shoot(page, shots.pop(step))
        answer_the_page(page, answers, lang)
        submit(page, "button[value=next]")
        pages += 1
        assert pages < 40, "the questionnaire does not end"
    return pages


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_an_ai_entry_through_the_three_questionnaires(live_server, new_page, shoot, lang):
    cast = make_cast()
    base = live_server.url
    words = WORDS[lang]
    page = new_page(lang)
    sign_in(page, base, lang, cast.contributor.email)

    page.goto(f"{base}/{lang}/entries/new/")
    page.fill(f"#id_title_{lang}", words["title"])
    page.fill(f"#id_summary_{lang}", words["summary"])
    page.check("input[name=action_lines][value='C7.4']")
    page.check("input[name=technologies][value='ai']")
    page.select_option("#id_stakeholder_type", "government")
    page.select_option("#id_scope", "national")
    page.select_option("#id_status", "ongoing")
    page.select_option("#id_countries", "SA")
    submit(page, "button[value=save]")
    slug = Entry.objects.get().slug
    expect(page).to_have_url(f"{base}/{lang}/entries/{slug}/assessments/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
    shoot(page, f"rai-01-overview-{lang}")

    # EU AI Act: the first step grows as answers reveal follow-up questions; Back keeps the answers.
    page.click("[data-kind=eu_ai_act] a.button")
    page.check("input[name=provides][value=system]")
    submit(page, "button[value=next]")
    expect(page.locator("fieldset[data-question=military]")).to_have_class(re.compile("new"))
    shoot(page, f"rai-02-follow-up-{lang}")
    submit(page, "button[value=next]")  # "military" was shown and left empty: refused, nothing saved
    expect(page.locator(".errors[role=alert]")).to_be_visible()
    shoot(page, f"rai-02-refused-{lang}")
    assert Assessment.objects.get().given == {"provides": "system"}
    answer_the_page(page, EU, lang)
    submit(page, "button[value=next]")
    while page.locator("h2[data-section=scope]").count():
        answer_the_page(page, EU, lang)
        submit(page, "button[value=next]")
    submit(page, "button[value=back]")
    expect(page.locator("h2[data-section=scope]")).to_be_visible()
    expect(page.locator("input[name=testing_only][value=no]")).to_be_checked()
    submit(page, "button[value=next]")
    walk(page, EU, lang, {"annex_iii": f"rai-03-eu-annex-iii-{lang}"}, shoot)
    expect(page.locator(".card[data-kind=eu_ai_act]")).to_contain_text(
        "complete" if lang == "en" else "مكتمل"
    )

    page.click("[data-kind=impact_assessment] a.button")
    walk(page, IMPACT, lang, {"impacts": f"rai-04-impact-{lang}"}, shoot)
    page.click("[data-kind=transparency_record] a.button")
    walk(page, RECORD, lang, {"purpose": f"rai-05-record-{lang}"}, shoot)
    expect(page.locator("[data-tier=high_risk]").first).to_be_visible()
    shoot(page, f"rai-06-results-{lang}")
    assert all(a.complete for a in Assessment.objects.all()) and Assessment.objects.count() == 3

    page.goto(f"{base}/{lang}/entries/{slug}/manage/")
    page.click("form[action$='/submit/'] button")
    page.click("header form button")
    sign_in(page, base, lang, cast.moderator.email)
    page.goto(f"{base}/{lang}/review/")
    expect(page.locator("td [data-tier=high_risk]")).to_be_visible()
    shoot(page, f"rai-07-queue-{lang}")
    page.goto(f"{base}/{lang}/entries/{slug}/manage/")
    expect(page.locator("[data-outcome=high_risk_employment]")).to_be_visible()
    shoot(page, f"rai-08-manage-{lang}")
    submit(page, "button[value=publish]")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "published")

    visitor = new_page(lang)
    visitor.goto(f"{base}/{lang}/entries/")
    # facets after the fourth start closed
    visitor.click("details.facet:has(a[data-facet=risk_tier]) summary")
    shoot(visitor, f"rai-09-facets-{lang}")
    visitor.click("a[data-facet=risk_tier][data-code=high_risk]")
    expect(visitor).to_have_url(f"{base}/{lang}/entries/?risk_tier=high_risk")
    visitor.click(f"a[href='/{lang}/entries/{slug}/']")
    expect(visitor.locator("#responsible-ai [data-tier=high_risk]")).to_be_visible()
    expect(visitor.locator("#responsible-ai [data-tier=transparency]")).to_be_visible()
    expect(visitor.locator("#responsible-ai [data-level]")).to_be_visible()
    visitor.locator("#responsible-ai details").first.click()
    shoot(visitor, f"rai-10-public-{lang}")
    exported = visitor.request.get(f"{base}/{lang}/entries/{slug}/transparency.json")
    assert json.loads(exported.body())["answers"]["contact_email"] == RECORD["contact_email"]
