"""The report as a PDF in Arabic and English, read back with poppler (`pdftotext`, `pdftoppm`).

Arabic must come out shaped and in logical order: `pdftotext` returns the words as typed only when the PDF
holds them that way (the reversed, unshaped rendering WeasyPrint gives SVG text fails the check). The pillar
labels of the chart are among the words checked. Each first page is saved under var/screenshots/ to look at.
"""

import re

import pytest

from tests.insights.test_pdf import first_page_png, pdf_text
from tests.readiness.conftest import QUESTIONNAIRE, answers, completed

pytestmark = pytest.mark.django_db
WEAK_TALENT = {"default": "established", "talent_skills": "initial", "governance_ethics": "developing"}


def test_the_arabic_pdf_has_shaped_arabic_in_logical_order(client, cast, tmp_path):
    cast.org_sa.name_ar = "الهيئة الوطنية للتحول الرقمي"
    cast.org_sa.save()
    completed(cast, answers("developing"))
    assessment = completed(cast, answers(**WEAK_TALENT))
    client.force_login(cast.contributor)
    response = client.get(f"/ar/readiness/{assessment.pk}/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    day = assessment.completed_at.date().isoformat()
    assert f'filename="marsad-readiness-{cast.org_sa.pk}-{day}-ar.pdf"' in response["Content-Disposition"]
    text = pdf_text(response.content, tmp_path)
    talent = QUESTIONNAIRE.rules.pillars[3].recommendations["developing"][0].ar
    for words in (
        "تقرير الجاهزية",
        "الهيئة الوطنية للتحول الرقمي",
        "البيانات والبنية التحتية",  # a chart label
        "المواهب والمهارات",
        "الحوكمة والأخلاقيات",
        "الركائز الأضعف",
        " ".join(talent.split()[:5]),  # a recommended next step (lines may wrap after a few words)
    ):
        assert words in text, words
    assert "٦٠٫٠" in text  # the overall score in Eastern Arabic digits with the Arabic decimal separator
    assert re.search(r"\+١٠٫٠|١٠٫٠\+", text)  # the change since the previous assessment (60 - 50), signed
    assert re.search(r"(١\.|\.١)ابدؤوا", text)  # the steps numbered in Eastern Arabic digits
    assert first_page_png(response.content, "readiness-report-ar", tmp_path).stat().st_size > 10_000


def test_the_english_pdf(client, cast, tmp_path):
    assessment = completed(cast, answers(**WEAK_TALENT))
    client.force_login(cast.contributor)
    response = client.get(f"/en/readiness/{assessment.pk}/report.pdf")
    assert response["Content-Disposition"].endswith('-en.pdf"')
    text = pdf_text(response.content, tmp_path)
    for words in ("Readiness report", "Org SA", "Data and infrastructure", "Weakest pillars", "60.0"):
        assert words in text, words
    assert "Since the previous assessment" in text and "+" not in text  # a first assessment: no change
    assert first_page_png(response.content, "readiness-report-en", tmp_path).stat().st_size > 10_000
