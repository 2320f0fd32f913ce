"""Input checks shared by every way text enters Marsad (forms, API, import)."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

# Bidi embeddings, overrides and isolates can make a title read differently from what is stored (spoofing).
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
http_url = URLValidator(schemes=["http", "https"])


def clean_text(value: str) -> str:
    """Reject text that was not valid UTF-8 or that carries bidi controls; trim surrounding space."""
    if "\ufffd" in value:
        raise ValidationError(_("This text contains bytes that are not valid UTF-8; paste it again."))
    if BIDI_CONTROLS.search(value):
        raise ValidationError(
            _("Remove the invisible text-direction control characters (U+202A–U+202E, U+2066–U+2069).")
        )
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise ValidationError(_("This text contains invalid characters."))
    return value.strip()


def clean_plain_text(value: str) -> str:
    """Plain-text fields (titles, summaries, names) take no markup: say so rather than silently stripping it."""
    value = clean_text(value)
    if TAG.search(value):
        raise ValidationError(_("HTML tags are not allowed here; write plain text."))
    return value


def western_digits(value: str) -> str:
    return value.translate(EASTERN_DIGITS)


def parse_partial_date(value: str) -> tuple[date, str] | None:
    """Parse "2021", "2021-09" or "2021-09-15" (Eastern Arabic digits accepted) into a date and its precision."""
    value = western_digits(value.strip()).replace("/", "-")
    if not value:
        return None
    match = PARTIAL_DATE.match(value)
    if not match:
        raise ValidationError(_("Write a date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2024 or 2024-03-15."))
    year, month, day = match.groups()
    try:
        parsed = date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValidationError(_("This date does not exist.")) from exc
    if not 1950 <= parsed.year <= 2100:
        raise ValidationError(_("The year must be between 1950 and 2100."))
    return parsed, "day" if day else "month" if month else "year"


def format_partial_date(value: date | None, precision: str) -> str:
    if value is None:
        return ""
    return value.isoformat()[: {"year": 4, "month": 7}.get(precision, 10)]


def parse_links(value: str) -> list[dict[str, str]]:
    """One link per line: a URL, optionally followed by a space and a label."""
    links = []
    for number, line in enumerate(clean_text(value).splitlines(), start=1):
        if not line.strip():
            continue
        url, _sep, label = line.strip().partition(" ")
        try:
            http_url(url)
        except ValidationError as exc:
            raise ValidationError(
                _("Line %(n)s: “%(url)s” is not a valid http(s) address.") % {"n": number, "url": url[:80]}
            ) from exc
        links.append({"url": url, "label": clean_plain_text(label)[:200]})
    if len(links) > 20:
        raise ValidationError(_("Give at most 20 links."))
    return links
