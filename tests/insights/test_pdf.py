"""The profile PDF in Arabic and English: WeasyPrint output read back with poppler (`pdftotext`, `pdftoppm`).

Arabic must come out shaped and in logical order: `pdftotext` returns the words as typed only when the PDF
holds them that way (a reversed or unshaped rendering, as WeasyPrint gives for SVG text, fails the check).
The first page of each PDF is also saved as an image under var/screenshots/ for a person to look at.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "profile.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True)
    return BIDI_CONTROLS.sub("", out.stdout)


def first_page_png(pdf: bytes, name: str, tmp_path: Path) -> Path:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(path), str(tmp_path / name)], check=True
    )
    png = next(tmp_path.glob(f"{name}-*1.png"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(png, SCREENSHOTS / f"insights-{name}.png"))


def test_arabic_profile_pdf_has_shaped_arabic_in_logical_order(client, edition, tmp_path):
    response = client.get("/ar/index/countries/SAU/profile.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="marsad-dei-SAU-2023-ar.pdf"' in response["Content-Disposition"]
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    for words in (
        "المملكة العربية السعودية",
        "مؤشر نضج الاقتصاد الرقمي",
        "الاتصال والبنية التحتية",
        "جامعة الدول العربية",
    ):
        assert words in text, words
    assert "٢٠٢٣" in text  # the year in Eastern Arabic digits
    assert re.search(r"[٠-٩]+٫[٠-٩]", text)  # scores with the Arabic decimal separator
    assert first_page_png(pdf, "profile-sau-ar", tmp_path).stat().st_size > 10_000


def test_english_profile_pdf(client, edition, tmp_path):
    pdf = client.get("/en/index/countries/TUN/profile.pdf").content
    text = pdf_text(pdf, tmp_path)
    assert (
        "Tunisia" in text
        and "Digital Economy Maturity Index" in text
        and "Connectivity and infrastructure" in text
    )
    assert "Digital trust and cybersecurity" in text  # planned pillars say they are not measured
    assert first_page_png(pdf, "profile-tun-en", tmp_path).stat().st_size > 10_000


def test_a_pdf_for_a_country_without_a_score(client, edition, tmp_path):
    pdf = client.get("/en/index/countries/YEM/profile.pdf").content
    assert "has no score in 2023" in pdf_text(pdf, tmp_path)
