"""In a browser, in Arabic and in English: a member starts the self-assessment, answers it step by step (an
error on the way, Back, a saved draft resumed), reads the report with its chart, progress and examples, and
downloads the PDF. Screenshots go to var/screenshots/readiness-*.png to be looked at.
"""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from marsad.readiness.models import Assessment
from tests.browser.harness import submit
from tests.cast import PASSWORD, make_cast, make_entry
from tests.insights.test_pdf import first_page_png, pdf_text
from tests.readiness.conftest import answers, completed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WORDS = {
    "ar": {
        "sign_out": "تسجيل الخروج",
        "menu": "الجاهزية للذكاء الاصطناعي",
        "start": "بدء تقييم جديد",
        "missing": "يحتاج إلى إجابة",
        "report": "تقرير الجاهزية",
        "weak": "المواهب والمهارات",
        "resume": "متابعة التقييم الجاري",
    },
    "en": {
        "sign_out": "Sign out",
        "menu": "AI readiness",
        "start": "Start a new assessment",
        "missing": "needs an answer",
        "report": "Readiness report",
        "weak": "Talent and skills",
        "resume": "Continue the assessment in progress",
    },
}
# The level chosen for every item of a pillar: talent and skills is the weakest, then governance.
PLAN = {
    "strategy": "established",
    "policy_regulation": "established",
    "data_infrastructure": "leading",
    "talent_skills": "initial",
    "governance_ethics": "developing",
}


def sign_in(page: Page, base: str, lang: str, email: str) -> None:
    page.goto(f"{base}/{lang}/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("form.narrow button")
    expect(page.locator("header")).to_contain_text(WORDS[lang]["sign_out"])


def answer_step(page: Page, section: str) -> None:
    """Tick the planned level for every question shown on the step."""
    for fieldset in page.locator("fieldset.rd-question").all():
        name = fieldset.locator("input[type=radio]").first.get_attribute("name")
        value = "public" if section == "organisation" else PLAN[section]
        fieldset.locator(f"input[name={name}][value={value}]").check()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_answer_the_assessment_read_the_report_and_download_the_pdf(
    live_server, new_page, shoot, tmp_path, lang
):
    cast = make_cast()
    cast.org_sa.name_ar = "الهيئة الوطنية للتحول الرقمي"
    cast.org_sa.save()
    make_entry(
        cast,
        "published",
        title_en="Arab AI academy",
        title_ar="الأكاديمية العربية للذكاء الاصطناعي",
        action_lines=["C4"],
    )
    completed(cast, answers("developing"))  # last year's assessment, to measure progress against
    words, base = WORDS[lang], live_server.url
    page = new_page(lang)
    sign_in(page, base, lang, cast.contributor.email)

    page.click(f"header a:text-is('{words['menu']}')")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
    page.click(f"button:text-is('{words['start']}')")
    assessment = Assessment.objects.get(status="draft")
    shoot(page, f"readiness-01-first-step-{lang}")

    answer_step(page, "organisation")
    submit(page, "button[value=next]")
    expect(page.locator("nav.rd-steps li[aria-current=step]")).to_contain_text(
        "الاستراتيجية" if lang == "ar" else "Strategy"
    )
    # The public-body question is asked; leave it out and press Next: the step is refused, nothing saved.
    answer_step(page, "strategy")
    page.evaluate(
        "document.querySelectorAll('#q-strategy_national_alignment input').forEach(i => i.checked = false)"
    )
    submit(page, "button[value=next]")
    expect(page.locator(".rd-errors")).to_contain_text(words["missing"])
    expect(page.locator("#q-strategy_national_alignment")).to_have_class("rd-question invalid")
    shoot(page, f"readiness-02-missing-answer-{lang}")
    page.check(f"#q-strategy_national_alignment input[value={PLAN['strategy']}]")
    submit(page, "button[value=next]")

    answer_step(page, "policy_regulation")
    submit(page, "button[value=back]")  # Back keeps the step's answers
    expect(page.locator("#q-strategy_roadmap input[value=established]")).to_be_checked()
    submit(page, "button[value=next]")
    expect(page.locator("#q-policy_laws input[value=established]")).to_be_checked()
    submit(page, "button[value=save]")  # save and continue later
    expect(page.locator(f"a:text-is('{words['resume']}')")).to_be_visible()
    page.click(f"a:text-is('{words['resume']}')")

    for section in ("policy_regulation", "data_infrastructure", "talent_skills", "governance_ethics"):
        expect(page.locator("input[name=section]")).to_have_value(section)
        answer_step(page, section)
        if section == "talent_skills":
            shoot(page, f"readiness-03-step-{lang}")
        submit(page, "button[value=next]")

    expect(page.locator("h1")).to_have_text(words["report"])
    assessment.refresh_from_db()
    assert assessment.status == "completed"
    expect(page.locator(".rd-weak").first).to_contain_text(words["weak"])
    expect(page.locator(".rd-weak").first.locator(".rd-examples a")).to_have_count(1)
    expect(page.locator("figure.mc-bars th.mc-label")).to_have_count(6)
    shoot(page, f"readiness-04-report-{lang}")

    page.click(
        f"a:text-is('{'كل تقييمات المؤسسة' if lang == 'ar' else 'All assessments of the organisation'}')"
    )
    expect(page.locator("tr[data-assessment]")).to_have_count(2)
    expect(page.locator(".mc-plot")).to_be_visible()
    shoot(page, f"readiness-05-progress-{lang}")

    page.goto(f"{base}/{lang}/readiness/{assessment.pk}/")
    with page.expect_download() as download:
        page.click("a[data-pdf]")
    pdf = Path(download.value.path()).read_bytes()
    text = pdf_text(pdf, tmp_path)
    assert words["report"] in text and words["weak"] in text
    first_page_png(pdf, f"readiness-06-pdf-{lang}", tmp_path)
    page.wait_for_load_state("networkidle")  # no request may still run when the database is flushed
    page.close()
