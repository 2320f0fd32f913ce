"""Blank import templates in each format, with a help sheet saying what each column takes."""

import csv
import io
import json

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from marsad.exchange.columns import COLUMNS

HELP = {
    "id": _(
        "Stable identifier of the entry (letters, digits, hyphens). Importing a row again with the "
        "same id updates that entry instead of adding one."
    ),
    "title": _("Title; give a title (and a summary) in at least one language."),
    "summary": _("One or two sentences; required in each language that has a title."),
    "description": _("Longer description; Markdown is allowed."),
    "outcomes": _("Outcomes and impact; Markdown is allowed."),
    "funding": _("How the initiative is funded."),
    "action_lines": _("WSIS Action Line codes, e.g. C4; C7.3 (at least one)."),
    "sdgs": _("SDG codes, e.g. SDG4; SDG9."),
    "technologies": _("Technology codes, e.g. ai; ai-ml (at least one)."),
    "beneficiaries": _("Beneficiary group codes, e.g. youth; women."),
    "countries": _("ISO 3166-1 alpha-2 codes of the countries covered, e.g. TN; SA."),
    "stakeholder_type": _("Stakeholder type code, e.g. government."),
    "scope": _("Scope code: local, national, regional or international."),
    "status": _("Status code: planned, ongoing or completed."),
    "start": _("Start date: YYYY, YYYY-MM or YYYY-MM-DD."),
    "end": _("End date: YYYY, YYYY-MM or YYYY-MM-DD, not before the start."),
    "organisation": _(
        "Organisation owning the entry, if not the lead organisation (moderators) or your own organisation."
    ),
    "lead_organisation": _(
        "Lead organisation: found by its name and country, or listed as new (type required then)."
    ),
    "partners": _("One partner per line: Name (country code, type), e.g. Digital Dubai (AE, government)."),
    "website": _("The initiative's website (http or https)."),
    "source_url": _("Public page documenting the initiative."),
    "contact_url": _("Public contact page (no e-mail addresses)."),
    "links": _("Further links, one per line: the address, a space, then a label."),
    "change_note": _("What changed, for the history of the entry."),
}


def help_text(key: str) -> str:
    for prefix, text in HELP.items():
        if key == prefix or key.startswith(prefix + "_"):
            return str(text)
    return ""


def headers() -> list[str]:
    """The headers in the page's language; the importer accepts them in any of the three languages."""
    lang = (get_language() or "en")[:2]
    return [column.label(lang) for column in COLUMNS]


def csv_template() -> bytes:
    out = io.StringIO()
    csv.writer(out).writerow(headers())
    return "\ufeff".encode() + out.getvalue().encode()


def xlsx_template() -> bytes:
    workbook = Workbook()
    entries = workbook.active
    entries.title = "entries"
    entries.append(headers())
    guide = workbook.create_sheet("help")
    guide.append([str(_("column")), str(_("key")), str(_("what it takes"))])
    for column, header in zip(COLUMNS, headers(), strict=True):
        guide.append([header, column.key, help_text(column.key)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def json_template() -> bytes:
    example = {
        "id": "«stable-id»",
        "title": {"ar": "«…»", "en": "«…»"},
        "summary": {"ar": "«…»", "en": "«…»"},
        "description": {"en": "«Markdown»"},
        "action_lines": ["C4"],
        "technologies": ["ai"],
        "sdgs": [],
        "beneficiaries": [],
        "countries": ["TN"],
        "stakeholder_type": "government",
        "scope": "national",
        "status": "ongoing",
        "lead_organisation": {"name": {"en": "«…»"}, "country": "TN", "type": "government", "website": ""},
        "partners": [],
        "start": "2024",
        "end": "",
        "links": [{"url": "https://…", "label": "«…»"}],
        "website": "",
        "source_url": "https://…",
        "contact_url": "",
        "change_note": "",
    }
    guide = {column.key: help_text(column.key) for column in COLUMNS}
    return json.dumps({"help": guide, "entries": [example]}, ensure_ascii=False, indent=2).encode()


TEMPLATES = {
    "csv": (csv_template, "text/csv; charset=utf-8"),
    "xlsx": (xlsx_template, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "json": (json_template, "application/json"),
}
