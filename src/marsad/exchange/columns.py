"""The flat form of an entry record: one row of a CSV file or a spreadsheet, one column per field.

Column headers are accepted in three spellings per column: the stable key (`title_en`), and the label in
English, Arabic or French ("Title (English)", "العنوان (بالإنجليزية)", "Titre (anglais)"), compared after
orthographic normalisation, so a header typed with or without hamza, case or brackets still matches.
Lists of codes go in one cell separated by `;`, `,`, `|` or new lines; partners as `Name (CC, type)` lines;
further links as `URL label` lines. CSV is for people and spreadsheets; the lossless format is JSON.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _

from marsad.initiatives import records
from marsad.search.normalise import normalise
from marsad.search.normalise import tokens as split_tokens

LANGS = records.LANGS
LANG_WORDS = {
    "ar": {"en": ["Arabic", "ar"], "ar": ["بالعربية", "العربية", "عربي"], "fr": ["arabe"]},
    "en": {"en": ["English", "en"], "ar": ["بالإنجليزية", "الإنجليزية", "إنجليزي"], "fr": ["anglais"]},
    "fr": {"en": ["French", "fr"], "ar": ["بالفرنسية", "الفرنسية", "فرنسي"], "fr": ["français"]},
}
TEXT_WORDS = {
    "title": {"en": "Title", "ar": "العنوان", "fr": "Titre"},
    "summary": {"en": "Summary", "ar": "الملخص", "fr": "Résumé"},
    "description": {"en": "Description", "ar": "الوصف", "fr": "Description"},
    "outcomes": {"en": "Outcomes and impact", "ar": "النتائج والأثر", "fr": "Résultats et impact"},
    "funding": {"en": "Funding", "ar": "التمويل", "fr": "Financement"},
}
ORGANISATION_WORDS = {
    "organisation": {"en": "Owner organisation", "ar": "الجهة المالكة", "fr": "Organisation propriétaire"},
    "lead_organisation": {
        "en": "Lead organisation",
        "ar": "الجهة الرائدة",
        "fr": "Organisation chef de file",
    },
}
ORGANISATION_PARTS = {
    "country": {"en": "country", "ar": "البلد", "fr": "pays"},
    "type": {"en": "type", "ar": "النوع", "fr": "type"},
    "website": {"en": "website", "ar": "الموقع الإلكتروني", "fr": "site web"},
}
NAME_WORDS = {"en": "name", "ar": "الاسم", "fr": "nom"}
OTHER_WORDS = {
    "id": {"en": "Identifier", "ar": "المعرّف", "fr": "Identifiant"},
    "action_lines": {
        "en": "WSIS Action Lines",
        "ar": "خطوط عمل القمة العالمية",
        "fr": "Grandes orientations du SMSI",
    },
    "sdgs": {"en": "SDGs", "ar": "أهداف التنمية المستدامة", "fr": "ODD"},
    "technologies": {"en": "Technologies", "ar": "التقنيات", "fr": "Technologies"},
    "beneficiaries": {"en": "Beneficiaries", "ar": "المستفيدون", "fr": "Bénéficiaires"},
    "countries": {"en": "Countries covered", "ar": "البلدان المشمولة", "fr": "Pays couverts"},
    "stakeholder_type": {"en": "Stakeholder type", "ar": "نوع الجهة", "fr": "Type de partie prenante"},
    "scope": {"en": "Scope", "ar": "النطاق", "fr": "Portée"},
    "status": {"en": "Status", "ar": "الحالة", "fr": "Statut"},
    "start": {"en": "Start date", "ar": "تاريخ البدء", "fr": "Date de début"},
    "end": {"en": "End date", "ar": "تاريخ الانتهاء", "fr": "Date de fin"},
    "partners": {"en": "Partners", "ar": "الشركاء", "fr": "Partenaires"},
    "website": {"en": "Website", "ar": "الموقع الإلكتروني للمبادرة", "fr": "Site web"},
    "source_url": {"en": "Public source", "ar": "المصدر العام", "fr": "Source publique"},
    "contact_url": {
        "en": "Public contact page",
        "ar": "صفحة الاتصال العامة",
        "fr": "Page de contact publique",
    },
    "links": {"en": "Further links", "ar": "روابط إضافية", "fr": "Autres liens"},
    "change_note": {"en": "What changed", "ar": "ما الذي تغيّر", "fr": "Ce qui a changé"},
}
LIST_KEYS = ("action_lines", "sdgs", "technologies", "beneficiaries", "countries")
LIST_SEPARATORS = re.compile(r"[;,|\n\r]+")
PARTNER = re.compile(
    r"^(?P<name>.+?)\s*\((?P<country>[A-Za-z]{2})(?:\s*,\s*(?P<type>[-\w]+))?(?:\s*,\s*(?P<lang>ar|en|fr))?\)\s*$"
)
# Our CSV export prefixes an apostrophe to cells a spreadsheet would run as a formula; reading removes it again.
NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")


@dataclass(frozen=True)
class Column:
    key: str
    labels: dict[str, str]  # per UI language
    aliases: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels["en"]


def _build() -> list[Column]:
    columns = [Column("id", OTHER_WORDS["id"])]
    for name, words in TEXT_WORDS.items():
        for lang in LANGS:
            labels = {ui: f"{words[ui]} ({LANG_WORDS[lang][ui][0]})" for ui in LANGS}
            aliases = tuple(f"{words[ui]} {word}" for ui in LANGS for word in LANG_WORDS[lang][ui])
            columns.append(Column(f"{name}_{lang}", labels, aliases))
    for key in (*LIST_KEYS, "stakeholder_type", "scope", "status", "start", "end"):
        columns.append(Column(key, OTHER_WORDS[key]))
    for prefix, words in ORGANISATION_WORDS.items():
        for lang in LANGS:
            labels = {ui: f"{words[ui]}: {NAME_WORDS[ui]} ({LANG_WORDS[lang][ui][0]})" for ui in LANGS}
            aliases = tuple(
                f"{words[ui]} {NAME_WORDS[ui]} {word}" for ui in LANGS for word in LANG_WORDS[lang][ui]
            )
            columns.append(Column(f"{prefix}_name_{lang}", labels, aliases))
        for part, part_words in ORGANISATION_PARTS.items():
            columns.append(Column(f"{prefix}_{part}", {ui: f"{words[ui]}: {part_words[ui]}" for ui in LANGS}))
    for key in ("partners", "website", "source_url", "contact_url", "links", "change_note"):
        columns.append(Column(key, OTHER_WORDS[key]))
    return columns


COLUMNS = _build()
KEYS = [column.key for column in COLUMNS]


def header_key(text: str) -> str:
    """The comparable form of a header: normalised words, no punctuation ("Title (English)" → "title english")."""
    return " ".join(token for token, _arabic in split_tokens(normalise(str(text))))


HEADER_INDEX = {
    header_key(spelling): column.key
    for column in COLUMNS
    for spelling in (column.key, *column.labels.values(), *column.aliases)
}


def column_for(path: str) -> str:
    """The column holding a record path: "title.en" → "title_en", "partners[2]" → "partners"."""
    head = path.split("[")[0]
    if head in ("organisation", "lead_organisation") or head.startswith(
        ("organisation.", "lead_organisation.")
    ):
        prefix, _dot, rest = head.partition(".")
        part = rest.split(".")[0] if rest else "name"
        if part == "name":
            lang = rest.split(".")[1] if rest.count(".") >= 1 else "en"
            return f"{prefix}_name_{lang}"
        return f"{prefix}_{part}"
    if head.startswith("links"):
        return "links"
    return head.replace(".", "_")


def cell_text(value: Any) -> str:
    """A spreadsheet cell as text: dates as ISO dates, whole numbers without a decimal point."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return NEUTRALISED.sub("", str(value)).strip()


def _organisation(cells: dict[str, str], prefix: str) -> dict[str, Any] | None:
    keys = [f"{prefix}_name_{lang}" for lang in LANGS] + [f"{prefix}_{part}" for part in ORGANISATION_PARTS]
    if not any(cells.get(key) for key in keys):
        return None
    return {
        "name": {lang: cells.get(f"{prefix}_name_{lang}", "") for lang in LANGS},
        **{part: cells.get(f"{prefix}_{part}", "") for part in ORGANISATION_PARTS},
    }


def _partners(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    partners, problems = [], []
    for line in re.split(r"[\n\r;]+", text):
        line = line.strip()
        if not line:
            continue
        match = PARTNER.match(line)
        if not match:
            problems.append(
                _(
                    "Write each partner on its own line as “Name (country code)” or “Name (country code, "
                    "type)”, e.g. “Digital Dubai (AE, government)”; not “%(line)s”."
                )
                % {"line": line[:80]}
            )
            continue
        name = match["name"].strip()
        lang = match["lang"] or _script_language(name)
        partners.append(
            {"name": {lang: name}, "country": match["country"].upper(), "type": match["type"] or ""}
        )
    return partners, problems


def _script_language(name: str) -> str:
    return "ar" if any(arabic for _token, arabic in split_tokens(name)) else "en"


def _partner_cell(partner: dict[str, Any]) -> str:
    """`Name (CC, type)`, with the name's language when its script does not tell it (a French name)."""
    lang = next((lang for lang in LANGS if partner["name"].get(lang)), "en")
    name = partner["name"].get(lang, "")
    suffix = "" if _script_language(name) == lang else f", {lang}"
    return f"{name} ({partner['country']}, {partner.get('type', '')}{suffix})"


def _links(text: str) -> list[dict[str, str]]:
    links = []
    for line in text.splitlines():
        url, _sep, label = line.strip().partition(" ")
        if url:
            links.append({"url": url, "label": label.strip()})
    return links


def record_from_cells(cells: dict[str, str]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Build the record of one row; problems are (column key, message) pairs."""
    record: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    if cells.get("id"):
        record["id"] = cells["id"]
    for name in records.TEXTS:
        record[name] = {lang: cells.get(f"{name}_{lang}", "") for lang in LANGS}
    for key in LIST_KEYS:
        record[key] = [code.strip() for code in LIST_SEPARATORS.split(cells.get(key, "")) if code.strip()]
    for key in (
        "stakeholder_type",
        "scope",
        "status",
        "start",
        "end",
        "source_url",
        "contact_url",
        "change_note",
    ):
        record[key] = cells.get(key, "")
    if "website" in cells:
        record["website"] = cells["website"]
    for prefix in ORGANISATION_WORDS:
        organisation = _organisation(cells, prefix)
        if organisation is not None:
            record[prefix] = organisation
    record["partners"], partner_problems = _partners(cells.get("partners", ""))
    problems += [("partners", message) for message in partner_problems]
    record["links"] = _links(cells.get("links", ""))
    return record, problems


def _organisation_cells(prefix: str, info: dict[str, Any] | None) -> dict[str, str]:
    info = info or {}
    names = info.get("name") or {}
    return {
        **{f"{prefix}_name_{lang}": names.get(lang, "") for lang in LANGS},
        **{f"{prefix}_{part}": info.get(part, "") for part in ORGANISATION_PARTS},
    }


def cells_from_record(record: dict[str, Any]) -> dict[str, str]:
    """The inverse of `record_from_cells`, for exports: every column, in `KEYS` order."""
    cells = {"id": record.get("id", "")}
    for name in records.TEXTS:
        for lang in LANGS:
            cells[f"{name}_{lang}"] = (record.get(name) or {}).get(lang, "")
    for key in LIST_KEYS:
        cells[key] = "; ".join(record.get(key) or [])
    for key in ("stakeholder_type", "scope", "status", "start", "end"):
        cells[key] = record.get(key, "")
    for prefix in ORGANISATION_WORDS:
        cells.update(_organisation_cells(prefix, record.get(prefix)))
    cells["partners"] = "\n".join(_partner_cell(partner) for partner in record.get("partners") or [])
    for key in ("website", "source_url", "contact_url"):
        cells[key] = record.get(key, "")
    cells["links"] = "\n".join(
        f"{link['url']} {link.get('label', '')}".strip() for link in record.get("links") or []
    )
    cells["change_note"] = record.get("change_note", "")
    return {key: cells.get(key, "") for key in KEYS}
