"""Bad input on the entry form: a clear message on the right field, no partial write, never a 500."""

import pytest
from django.urls import reverse

from marsad.initiatives.models import Entry, Revision
from tests.cast import form_data

pytestmark = pytest.mark.django_db

CASES = {
    "no title in any language": (
        {"title_en": "", "title_ar": "", "summary_en": "", "summary_ar": ""},
        "__all__",
        "at least one language",
    ),
    "title without summary": ({"summary_en": ""}, "summary_en", "summary in it too"),
    "missing action line": ({"action_lines": []}, "action_lines", "required"),
    "unknown technology code": ({"technologies": ["telepathy"]}, "technologies", "telepathy"),
    "wrong type for scope": ({"scope": "12345"}, "scope", "valid choice"),
    "unknown country": ({"countries": ["XX"]}, "countries", "XX"),
    "1 MB title": ({"title_en": "x" * 1_000_000}, "title_en", "at most 300"),
    "1 MB description": ({"description_en": "مرصد " * 200_000}, "description_en", "20000"),
    "broken UTF-8 (replacement characters)": ({"title_en": "AI \ufffd\ufffd programme"}, "title_en", "UTF-8"),
    "HTML in title": ({"title_en": "<script>alert(1)</script>"}, "title_en", "HTML"),
    "right-to-left override": ({"title_ar": "برنامج \u202egnp.exe"}, "title_ar", "direction"),
    "invalid date": ({"start": "2023-02-30"}, "start", "does not exist"),
    "date in words": ({"start": "last year"}, "start", "YYYY"),
    "end before start": ({"start": "2024", "end": "2023"}, "end", "on or after"),
    "javascript URL": ({"source_url": "javascript:alert(1)"}, "source_url", "valid URL"),
    "bad extra link": ({"links_text": "ftp://example.org/x"}, "links_text", "Line 1"),
    "NUL character": ({"title_en": "AI\x00programme"}, "title_en", "Null characters"),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_refused_with_a_clear_message(cast, client, case):
    overrides, field, message = CASES[case]
    client.force_login(cast.contributor)
    response = client.post(reverse("initiatives:create"), form_data(cast.org_sa, **overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message.lower() in " ".join(errors[field]).lower()
    assert not Entry.objects.exists() and not Revision.objects.exists()


def test_eastern_arabic_digits_in_dates_are_understood(cast, client):
    client.force_login(cast.contributor)
    response = client.post(reverse("initiatives:create"), form_data(cast.org_sa, start="٢٠٢٣-٠٩", end="۲۰۲۵"))
    assert response.status_code == 302
    revision = Entry.objects.get().latest_revision
    assert (revision.start_date.isoformat(), revision.start_precision) == ("2023-09-01", "month")
    assert (revision.end_date.year, revision.end_precision) == (2025, "year")


def test_mixed_arabic_and_english_text_is_kept_as_written(cast, client):
    client.force_login(cast.contributor)
    title = "منصة AI للحكومة الرقمية 2030"
    response = client.post(reverse("initiatives:create"), form_data(cast.org_sa, title_ar=title))
    assert response.status_code == 302
    assert Entry.objects.get().latest_revision.title_ar == title


def test_a_request_body_over_the_limit_is_refused_without_a_server_error(cast, client):
    client.force_login(cast.contributor)
    response = client.post(
        reverse("initiatives:create"), form_data(cast.org_sa, description_en="x" * 3_000_000)
    )
    assert response.status_code == 400
    assert not Entry.objects.exists()


def test_script_in_markdown_description_is_sanitised_on_the_page(cast, client):
    from tests.cast import make_entry

    entry = make_entry(
        cast,
        "published",
        description_en='Hello <script>alert(1)</script> [x](javascript:alert(2)) <b onclick="x">b</b>',
    )
    response = client.get(f"/en/entries/{entry.slug}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)" not in body and "javascript:alert" not in body and "onclick" not in body
