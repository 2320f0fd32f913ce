"""The bundled demo file `data/demo/initiatives.yaml` against the record format the loader expects.

Pure checks (no database): the lists of allowed codes are written out here on purpose, independently of the
vocabulary files, so that a code renamed on one side only is caught. Country codes come from the project's own
ISO 3166 vocabulary file, which is generated from pycountry.
"""

import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEMO_FILE = ROOT / "data" / "demo" / "initiatives.yaml"
COUNTRIES_FILE = ROOT / "src" / "marsad" / "vocab" / "data" / "countries.yaml"

MAIN_ACTION_LINES = [f"C{n}" for n in range(1, 12)]
ACTION_LINES = {*MAIN_ACTION_LINES, *(f"C7.{n}" for n in range(1, 9))}
SDGS = {f"SDG{n}" for n in range(1, 18)}
TECHNOLOGIES = {
    "ai",
    "ai-ml",
    "ai-arabic-nlp",
    "ai-computer-vision",
    "ai-generative",
    "ai-robotics",
    "iot",
    "blockchain",
    "cloud",
    "big-data",
    "5g",
    "cybersecurity",
    "quantum",
    "ar-vr",
    "digital-twins",
    "drones",
    "smart-cities",
}
STAKEHOLDER_TYPES = {
    "government",
    "private-sector",
    "civil-society",
    "academia",
    "international-organisation",
    "multi-stakeholder",
}
SCOPES = {"local", "national", "regional", "international"}
STATUSES = {"planned", "ongoing", "completed"}
BENEFICIARIES = {
    "youth",
    "women",
    "persons-with-disabilities",
    "smes",
    "children",
    "older-persons",
    "rural-communities",
    "refugees-displaced",
    "students",
    "researchers",
    "public-sector",
    "startups",
    "general-public",
}
TEXT_FIELDS = ("title", "summary", "description", "outcomes", "funding")
REQUIRED_TEXT_FIELDS = ("title", "summary", "description")
LANGS = {"ar", "en", "fr"}
# Record keys, written as the demo file spells them (the form's own field names differ).
OPTIONAL_KEYS = {
    "outcomes",
    "funding",
    "sdgs",
    "beneficiaries",
    "partners",
    "start",
    "end",
    "links",
    "contact_url",
}
REQUIRED_KEYS = {
    "id",
    *REQUIRED_TEXT_FIELDS,
    *"action_lines technologies stakeholder_type lead_organisation countries scope status source_url".split(),
}
ENTRY_KEYS = REQUIRED_KEYS | OPTIONAL_KEYS
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PARTIAL_DATE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")


def load_entries() -> list[dict[str, Any]]:
    return yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    return load_entries()


@pytest.fixture(scope="module")
def country_codes() -> set[str]:
    vocabulary = yaml.safe_load(COUNTRIES_FILE.read_text(encoding="utf-8"))
    return {item["code"] for item in vocabulary["items"]}


def organisations(entry: dict[str, Any]) -> list[dict[str, Any]]:
    return [entry["lead_organisation"], *(entry.get("partners") or [])]


def urls(entry: dict[str, Any]) -> list[str]:
    found = [entry["source_url"], *(link["url"] for link in entry.get("links") or [])]
    found += [entry[key] for key in ("contact_url",) if key in entry]
    found += [org["website"] for org in organisations(entry) if "website" in org]
    return found


def texts(value: Any) -> list[str]:
    """Every string anywhere in a parsed YAML value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in texts(item)]
    return []


def test_at_least_150_entries(entries):
    assert isinstance(entries, list)
    assert len(entries) >= 150


def test_ids_are_unique_slugs(entries):
    ids = [entry["id"] for entry in entries]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert [i for i in ids if not (isinstance(i, str) and SLUG.match(i) and len(i) <= 120)] == []


def test_keys_are_known_and_required_ones_present(entries):
    for entry in entries:
        assert set(entry) <= ENTRY_KEYS, (entry["id"], set(entry) - ENTRY_KEYS)
        assert REQUIRED_KEYS <= set(entry), (entry["id"], REQUIRED_KEYS - set(entry))


def test_codes_come_from_the_allowed_lists(entries, country_codes):
    for entry in entries:
        where = entry["id"]
        assert entry["action_lines"] and set(entry["action_lines"]) <= ACTION_LINES, where
        assert set(entry.get("sdgs") or []) <= SDGS, where
        assert entry["technologies"] and set(entry["technologies"]) <= TECHNOLOGIES, where
        assert set(entry.get("beneficiaries") or []) <= BENEFICIARIES, where
        assert entry["stakeholder_type"] in STAKEHOLDER_TYPES, where
        assert entry["scope"] in SCOPES, where
        assert entry["status"] in STATUSES, where
        assert entry["countries"] and set(entry["countries"]) <= country_codes, where
        for field in ("action_lines", "sdgs", "technologies", "beneficiaries", "countries"):
            values = entry.get(field) or []
            assert len(values) == len(set(values)), (where, field)
        for org in organisations(entry):
            assert org["country"] in country_codes, (where, org)
            assert org["type"] in STAKEHOLDER_TYPES, (where, org)


def test_every_url_is_well_formed_https(entries):
    for entry in entries:
        for url in urls(entry):
            parts = urlsplit(url)
            assert parts.scheme == "https", (entry["id"], url)
            assert HOST.match(parts.hostname or ""), (entry["id"], url)
            assert not re.search(r"\s", url) and len(url) <= 500, (entry["id"], url)
        for link in entry.get("links") or []:
            assert link.get("label"), (entry["id"], link)


def test_text_fields_have_a_language_and_titles_have_summaries(entries):
    for entry in entries:
        for field in TEXT_FIELDS:
            if field not in entry:
                assert field not in REQUIRED_TEXT_FIELDS, (entry["id"], field)
                continue
            value = entry[field]
            assert isinstance(value, dict) and set(value) <= LANGS, (entry["id"], field)
            assert any(isinstance(t, str) and t.strip() for t in value.values()), (entry["id"], field)
        # The entry form refuses a title in a language that has no summary in that language.
        assert set(entry["title"]) <= set(entry["summary"]), entry["id"]
        assert all(len(title) <= 300 for title in entry["title"].values()), entry["id"]


def test_arabic_fields_contain_arabic_letters(entries):
    for entry in entries:
        for field in TEXT_FIELDS:
            if "ar" in entry.get(field, {}):
                assert ARABIC_LETTER.search(entry[field]["ar"]), (entry["id"], field)
        for org in organisations(entry):
            if "ar" in org["name"]:
                assert ARABIC_LETTER.search(org["name"]["ar"]), (entry["id"], org["name"])


def test_dates_are_partial_iso_and_end_is_not_before_start(entries):
    for entry in entries:
        for key in ("start", "end"):
            if key in entry:
                assert isinstance(entry[key], str) and PARTIAL_DATE.match(entry[key]), (entry["id"], key)
        if "start" in entry and "end" in entry:
            # Partial dates compare as their first day, like the loader does: "2020" <= "2020-06".
            assert entry["end"] >= entry["start"], entry["id"]


def test_no_email_address_anywhere():
    assert EMAIL.findall(DEMO_FILE.read_text(encoding="utf-8")) == []


def test_an_organisation_is_spelled_the_same_everywhere(entries):
    """The loader de-duplicates organisations by English name and country: one spelling per organisation."""
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for entry in entries:
        for org in organisations(entry):
            assert org["name"].get("en"), (entry["id"], org)
            key = (org["name"]["en"], org["country"])
            assert seen.setdefault(key, org) == org, (entry["id"], key)


def test_no_two_entries_share_a_title(entries):
    for lang in LANGS:
        titles = [entry["title"][lang].casefold() for entry in entries if lang in entry["title"]]
        assert [t for t, n in Counter(titles).items() if n > 1] == [], lang


def test_coverage_of_countries_and_vocabularies(entries):
    used = {field: set() for field in ("countries", "action_lines", "technologies", "scope", "status")}
    for entry in entries:
        for field in ("countries", "action_lines", "technologies"):
            used[field].update(entry[field])
        used["scope"].add(entry["scope"])
        used["status"].add(entry["status"])
    main_lines = {code.split(".")[0] for code in used["action_lines"]}
    assert len(used["countries"]) >= 15
    assert main_lines == set(MAIN_ACTION_LINES)
    assert used["technologies"] == TECHNOLOGIES
    assert used["scope"] == SCOPES
    assert used["status"] == STATUSES


@pytest.mark.parametrize(
    ("pattern", "good", "bad"),
    [
        (PARTIAL_DATE, ["2024", "2024-02", "2024-02-29"], ["24", "2024-13", "2024-02-32", "2024/02"]),
        (SLUG, ["sa-sdaia-allam", "ae-g42"], ["SA-sdaia", "sa_sdaia", "-sa", "sa--x"]),
        (HOST, ["sdaia.gov.sa", "www.tamm.abudhabi"], ["localhost", "sdaia..gov.sa", "-x.org"]),
        (ARABIC_LETTER, ["علّام"], ["ALLaM", "١٢٣"]),
    ],
)
def test_the_checks_accept_and_reject_what_they_should(pattern, good, bad):
    """These patterns are the whole of some checks above (all but the Arabic one are anchored): they can fail."""
    assert all(pattern.search(value) for value in good)
    assert not any(pattern.search(value) for value in bad)


def test_the_email_check_finds_addresses():
    assert EMAIL.findall("write to someone@example.org today") == ["someone@example.org"]
    assert EMAIL.findall("https://www.humain.com and @handle") == []


def test_no_text_carries_markup_or_direction_controls(entries):
    for entry in entries:
        for text in texts(entry):
            assert not re.search(r"<\s*/?\s*[a-zA-Z!][^>]*>", text), entry["id"]
            assert not re.search("[\u202a-\u202e\u2066-\u2069\ufffd]", text), entry["id"]
