"""The vocabulary data files are well formed and say what the brief and the public sources say.

Pure: reads the YAML files only, no database. The migration that loads them trusts these properties (unique
codes, existing parents, three labels), so a broken edit must fail here rather than half-way through a migration.
"""

import datetime
import importlib.resources
import re
from functools import cache
from typing import Any

import pytest
import yaml

DATA = importlib.resources.files("marsad.vocab") / "data"
KINDS = {
    "action_lines": "action_line",
    "sdgs": "sdg",
    "countries": "country",
    "groups": "group",
    "stakeholder_types": "stakeholder_type",
    "technologies": "technology",
    "beneficiaries": "beneficiary",
    "statuses": "status",
    "scopes": "scope",
}
LANGS = ("ar", "en", "fr")
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
MEMBERSHIP_GROUPS = {"LAS", "DCO", "AICTO", "GCC", "ARAB-REGION"}
# The 22 members of the League of Arab States (alpha-2), written out independently of groups.yaml.
ARAB_LEAGUE = set("AE BH DJ DZ EG IQ JO KM KW LB LY MA MR OM PS QA SA SD SO SY TN YE".split())


@cache
def read(name: str) -> dict[str, Any]:
    with (DATA / f"{name}.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def items(name: str) -> list[dict[str, Any]]:
    return read(name)["items"]


def by_code(name: str) -> dict[str, dict[str, Any]]:
    return {item["code"]: item for item in items(name)}


@pytest.mark.parametrize("name", KINDS)
def test_header(name):
    doc = read(name)
    assert doc["kind"] == KINDS[name]
    assert doc["version"] == 1
    assert "https://" in doc["source"]
    assert doc["licence"].strip()
    assert isinstance(doc["items"], list) and doc["items"]


@pytest.mark.parametrize("name", KINDS)
def test_items_have_code_labels_and_sort(name):
    for item in items(name):
        code = item["code"]
        assert isinstance(code, str) and code == code.strip() and 0 < len(code) <= 40, code
        assert isinstance(item["sort"], int), code
        assert set(item["label"]) == set(LANGS), code
        texts = [item["label"]]
        if "description" in item:
            assert set(item["description"]) == set(LANGS), code
            texts.append(item["description"])
        for text in texts:
            for lang in LANGS:
                value = text[lang]
                assert isinstance(value, str) and value.strip(), (code, lang)
                assert value == " ".join(value.split()), (code, lang, value)
        for lang in LANGS:
            assert len(item["label"][lang]) <= 300, (code, lang)


@pytest.mark.parametrize("name", KINDS)
def test_arabic_labels_are_arabic_and_others_are_not(name):
    for item in items(name):
        label = item["label"]
        assert ARABIC_LETTER.search(label["ar"]), (item["code"], label["ar"])
        assert not ARABIC_LETTER.search(label["en"]), (item["code"], label["en"])
        assert not ARABIC_LETTER.search(label["fr"]), (item["code"], label["fr"])


@pytest.mark.parametrize("name", KINDS)
def test_codes_are_unique(name):
    codes = [item["code"] for item in items(name)]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("name", KINDS)
def test_parents_exist_in_the_same_file_without_cycles(name):
    known = by_code(name)
    for item in items(name):
        seen = {item["code"]}
        parent = item.get("parent")
        while parent is not None:
            assert parent in known, (item["code"], parent)
            assert parent not in seen, f"cycle through {parent}"
            seen.add(parent)
            parent = known[parent].get("parent")


# Scopes are left out: "Local", "National" and "International" are the French words too.
@pytest.mark.parametrize("name", sorted(set(KINDS) - {"scopes", "countries"}))
def test_french_labels_are_translated(name):
    translated = [item["label"]["fr"] != item["label"]["en"] for item in items(name)]
    assert sum(translated) >= 0.8 * len(translated)


def test_french_country_names_are_translated():
    # Many country names are written the same in French (Afghanistan, Canada, Kenya ...): 174 of 249 differ.
    # An untranslated copy of the English names would fall far below this floor.
    translated = [item["label"]["fr"] != item["label"]["en"] for item in items("countries")]
    assert sum(translated) >= 0.65 * len(translated)
    names = by_code("countries")
    assert names["DE"]["label"]["fr"] == "Allemagne"
    assert names["MA"]["label"]["fr"] == "Maroc"
    assert names["SA"]["label"]["fr"] == "Arabie saoudite"


def test_action_lines_are_c1_to_c11_with_the_eight_c7_sub_lines():
    lines = by_code("action_lines")
    assert set(lines) == {f"C{n}" for n in range(1, 12)} | {f"C7.{n}" for n in range(1, 9)}
    for code, item in lines.items():
        assert item.get("parent") == ("C7" if code.startswith("C7.") else None), code
        assert "description" in item, code
    assert lines["C2"]["label"]["en"] == "Information and communication infrastructure"
    assert lines["C7.4"]["label"]["en"] == "E-health"


def test_sdgs_are_the_seventeen_goals():
    goals = by_code("sdgs")
    assert list(goals) == [f"SDG{n}" for n in range(1, 18)]
    assert goals["SDG9"]["label"]["en"] == "Industry, innovation and infrastructure"
    assert goals["SDG9"]["label"]["ar"] == "الصناعة والابتكار والهياكل الأساسية"


@pytest.mark.parametrize(
    "name, codes",
    [
        (
            "stakeholder_types",
            "government private-sector civil-society academia international-organisation multi-stakeholder",
        ),
        (
            "technologies",
            "ai ai-ml ai-arabic-nlp ai-computer-vision ai-generative ai-robotics iot blockchain cloud big-data 5g "
            "cybersecurity quantum ar-vr digital-twins drones smart-cities",
        ),
        (
            "beneficiaries",
            "youth women persons-with-disabilities smes children older-persons rural-communities "
            "refugees-displaced students researchers public-sector startups general-public",
        ),
        ("statuses", "planned ongoing completed"),
        ("scopes", "local national regional international"),
    ],
)
def test_exact_codes(name, codes):
    assert [item["code"] for item in items(name)] == codes.split()


def test_only_ai_has_children_among_technologies():
    parents = {item["code"]: item.get("parent") for item in items("technologies")}
    assert {code for code, parent in parents.items() if parent} == {
        "ai-ml",
        "ai-arabic-nlp",
        "ai-computer-vision",
        "ai-generative",
        "ai-robotics",
    }
    assert set(parents.values()) == {None, "ai"}


def test_countries_are_all_of_iso_3166_1():
    countries = items("countries")
    assert len(countries) == 249
    for country in countries:
        assert re.fullmatch("[A-Z]{2}", country["code"]), country["code"]
        assert re.fullmatch("[A-Z]{3}", country["alpha3"]), country["code"]
        assert isinstance(country["numeric"], str) and re.fullmatch("[0-9]{3}", country["numeric"])
    for key in ("alpha3", "numeric"):
        assert len({country[key] for country in countries}) == 249, key


@pytest.mark.parametrize(
    "code, alpha3, numeric, region",
    [
        ("SA", "SAU", "682", "145"),
        ("EG", "EGY", "818", "015"),
        ("PS", "PSE", "275", "145"),
        ("TN", "TUN", "788", "015"),
        ("SO", "SOM", "706", "202"),
        ("FR", "FRA", "250", "155"),
        ("BR", "BRA", "076", "419"),
    ],
)
def test_country_codes_and_regions_match_iso_and_m49(code, alpha3, numeric, region):
    country = by_code("countries")[code]
    assert (country["alpha3"], country["numeric"], country["region"]) == (alpha3, numeric, region)


def test_every_country_but_antarctica_has_an_m49_sub_region():
    groups = by_code("groups")
    missing = {country["code"] for country in items("countries") if "region" not in country}
    assert missing == {"AQ"}
    for country in items("countries"):
        if "region" in country:
            region = groups[f"M49-{country['region']}"]
            assert region.get("parent", "").startswith("M49-"), country["code"]
            assert "members" not in region


def test_arabic_names_of_arab_states_are_the_usual_official_ones():
    countries = by_code("countries")
    assert countries["SA"]["label"]["ar"] == "المملكة العربية السعودية"
    assert countries["AE"]["label"]["ar"] == "الإمارات العربية المتحدة"
    assert countries["EG"]["label"]["ar"] == "مصر"
    assert countries["DZ"]["label"]["ar"] == "الجزائر"
    for code in ARAB_LEAGUE:
        assert not re.search("[\u064b-\u0652()]", countries[code]["label"]["ar"]), code


def test_league_of_arab_states_has_its_22_members():
    members = by_code("groups")["LAS"]["members"]
    assert len(members) == 22
    assert set(members) == ARAB_LEAGUE
    assert set(members) <= set(by_code("countries"))


def test_membership_groups_are_dated_sourced_and_consistent():
    groups = by_code("groups")
    countries = set(by_code("countries"))
    assert {code for code, group in groups.items() if "members" in group} == MEMBERSHIP_GROUPS
    for code in MEMBERSHIP_GROUPS:
        group = groups[code]
        datetime.date.fromisoformat(group["as_of"])
        assert group["source"].startswith(("http://", "https://")), code
        assert len(group["members"]) == len(set(group["members"])), code
        assert set(group["members"]) <= countries, code
    assert set(groups["GCC"]["members"]) == {"AE", "BH", "KW", "OM", "QA", "SA"}
    # AICTO's founding agreement opens membership to League members only.
    assert set(groups["AICTO"]["members"]) <= ARAB_LEAGUE
    assert len(groups["DCO"]["members"]) == 16


def test_country_groups_mirror_the_group_member_lists():
    groups = by_code("groups")
    for country in items("countries"):
        assert set(country["groups"]) <= MEMBERSHIP_GROUPS, country["code"]
    for code in MEMBERSHIP_GROUPS:
        listed = {country["code"] for country in items("countries") if code in country["groups"]}
        assert listed == set(groups[code]["members"]), code


def test_m49_items_are_regions_or_sub_regions():
    for item in items("groups"):
        if item["code"].startswith("M49-"):
            assert re.fullmatch("M49-[0-9]{3}", item["code"])
            assert "members" not in item
            parent = item.get("parent")
            assert parent is None or by_code("groups")[parent].get("parent") is None, item["code"]
