"""Regenerate countries.yaml from pinned packages and groups.yaml.

Run from the repository root (generator-only dependencies, not needed at run time)::

    .venv/bin/pip install pycountry==26.2.16
    .venv/bin/pip install --no-deps hdx-python-country==4.2.5
    .venv/bin/python src/marsad/vocab/data/build_countries.py          # rewrite countries.yaml
    .venv/bin/python src/marsad/vocab/data/build_countries.py --check  # exit 1 if it is out of date

Where each value comes from, and why:

- The list of countries, their alpha-2, alpha-3 and numeric codes: ISO 3166-1 as shipped in pycountry, which
  bundles Debian's iso-codes (LGPL-2.1-or-later). ISO 3166-1 is the authority the brief names.
- The names in Arabic, English and French, and the M49 sub-region: the UN Statistics Division's M49 standard,
  as compiled in OCHA's Countries & Territories Taxonomy that hdx-python-country (MIT) ships as a CSV. These
  are the UN's official names in the UN's own languages, which is the terminology Marsad's users (AICTO, DCO,
  ministries) work with. iso-codes' translations were the first choice but are weaker: the French names are in
  ISO's inverted sorting form ("Corée, République de"), and several Arabic ones are wrong or untranslated
  (Türkiye left in Latin script, "صربية" for Serbia, "لثوانيا" for Lithuania).
- Where M49 has no name (Taiwan, which the UN does not list separately), the iso-codes name and translations
  are used. Arabic diacritics (harakat, shadda) are removed from every Arabic name: iso-codes writes them and
  M49 does not, and unvocalised text is the norm for names in Arabic interfaces.
- A few Arabic M49 names are stored in the UN's sorting form or are damaged in the source; OVERRIDES_AR fixes
  them, each with its reason.
- The Arabic names of the 22 League of Arab States members were checked by eye against the usual official
  short names; ARAB_STATES_AR pins them so that an upstream change cannot silently alter them (the build says
  when upstream differs). M49 already agreed on all 22 when this was written.
- Group memberships come from groups.yaml in this folder, the single place where they are edited.
"""

import argparse
import csv
import gettext
import importlib.resources
import re
import sys
from pathlib import Path
from typing import Any

import pycountry
import yaml

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "countries.yaml"
TAXONOMY = "Countries & Territories Taxonomy MVP - C&T Taxonomy.csv"

ARAB_STATES_AR = {
    "AE": "الإمارات العربية المتحدة",
    "BH": "البحرين",
    "DJ": "جيبوتي",
    "DZ": "الجزائر",
    "EG": "مصر",
    "IQ": "العراق",
    "JO": "الأردن",
    "KM": "جزر القمر",
    "KW": "الكويت",
    "LB": "لبنان",
    "LY": "ليبيا",
    "MA": "المغرب",
    "MR": "موريتانيا",
    "OM": "عمان",
    "PS": "دولة فلسطين",
    "QA": "قطر",
    "SA": "المملكة العربية السعودية",
    "SD": "السودان",
    "SO": "الصومال",
    "SY": "الجمهورية العربية السورية",
    "TN": "تونس",
    "YE": "اليمن",
}

OVERRIDES_AR = {
    # UN sorting forms, where "-" or "_" marks the place of the short name: written out in reading order.
    "BO": "دولة بوليفيا المتعددة القوميات",  # بوليفيا (دولة - المتعددة القوميات)
    "FM": "ولايات ميكرونيزيا الموحدة",  # ميكرونيزيا (ولايات - الموحدة)
    "IR": "جمهورية إيران الإسلامية",  # إيران (جمهورية - الإسلامية)
    "NL": "مملكة هولندا",  # هولندا (مملكة _)
    "VE": "جمهورية فنزويلا البوليفارية",  # فنزويلا (جمهورية - البوليفارية)
    # Damaged in the source CSV.
    "IO": "إقليم المحيط الهندي البريطاني",  # word order scrambled: المحيط الهندي الإقليم البريطاني في
    "TF": "الأراضي الفرنسية الجنوبية",  # last word doubled: الأراضي الفرنسية الجنوبية الجنوبية
    "UM": "جزر الولايات المتحدة النائية الصغيرة",  # truncated: نائية التابعة للولايات المتحدة
    "SJ": "سفالبارد وجان ماين",  # "جزيرتي" is the genitive, wrong as a standalone name
}

ARABIC_DIACRITICS = re.compile("[\u064b-\u0652]")


def load_taxonomy() -> dict[str, dict[str, str]]:
    """The OCHA taxonomy rows that carry an ISO 3166-1 alpha-2 code, keyed by it."""
    path = importlib.resources.files("hdx.location") / TAXONOMY
    with path.open(encoding="utf-8") as fh:
        rows = [row for row in csv.DictReader(fh) if row["ISO 3166-1 Alpha 2-Codes"]]
    return {row["ISO 3166-1 Alpha 2-Codes"]: row for row in rows}


def load_memberships(groups: dict[str, Any]) -> dict[str, list[str]]:
    """Map each alpha-2 code to the codes of the groups that list it, in the order of groups.yaml."""
    memberships: dict[str, list[str]] = {}
    for group in groups["items"]:
        for member in group.get("members", []):
            memberships.setdefault(member, []).append(group["code"])
    return memberships


def country_names(country: Any, m49: dict[str, str] | None) -> dict[str, str]:
    """Arabic, English and French names of one country, by the precedence described in the module docstring."""
    if m49 and m49["M49 English"]:
        names = {"ar": m49["M49 Arabic"], "en": m49["M49 English"], "fr": m49["M49 French"]}
    else:
        iso_name = country.name
        translate = {
            lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext
            for lang in ("ar", "fr")
        }
        names = {
            "ar": translate["ar"](iso_name),
            "en": iso_name,
            "fr": translate["fr"](iso_name),
        }
    code = country.alpha_2
    if code in ARAB_STATES_AR and names["ar"] != ARAB_STATES_AR[code]:
        print(
            f"{code}: upstream Arabic name {names['ar']!r} replaced by {ARAB_STATES_AR[code]!r}",
            file=sys.stderr,
        )
    names["ar"] = ARABIC_DIACRITICS.sub("", ARAB_STATES_AR.get(code) or OVERRIDES_AR.get(code) or names["ar"])
    return {lang: " ".join(name.split()) for lang, name in names.items()}


def build(groups: dict[str, Any], taxonomy: dict[str, dict[str, str]]) -> dict[str, Any]:
    """The countries document, checked for consistency between the two sources and groups.yaml."""
    group_codes = {item["code"] for item in groups["items"]}
    memberships = load_memberships(groups)
    unknown = set(memberships) - {c.alpha_2 for c in pycountry.countries}
    if unknown:
        raise SystemExit(f"groups.yaml: members that are not ISO 3166-1 alpha-2 codes: {sorted(unknown)}")
    items = []
    for position, country in enumerate(sorted(pycountry.countries, key=lambda c: c.alpha_2), start=1):
        m49 = taxonomy.get(country.alpha_2)
        if m49 and m49["m49 numerical code"] and int(m49["m49 numerical code"]) != int(country.numeric):
            raise SystemExit(
                f"{country.alpha_2}: ISO numeric {country.numeric} but M49 {m49['m49 numerical code']}"
            )
        item: dict[str, Any] = {
            "code": country.alpha_2,
            "label": country_names(country, m49),
            "alpha3": country.alpha_3,
            "numeric": country.numeric,
        }
        if m49 and m49["Sub-region Code"]:
            region = m49["Sub-region Code"].zfill(3)
            if f"M49-{region}" not in group_codes:
                raise SystemExit(f"{country.alpha_2}: sub-region M49-{region} is missing from groups.yaml")
            item["region"] = region
        item["groups"] = memberships.get(country.alpha_2, [])
        item["sort"] = position
        items.append(item)
    return {
        "kind": "country",
        "version": 1,
        "source": (
            "ISO 3166-1 codes from pycountry 26.2.16 (Debian iso-codes, https://salsa.debian.org/iso-codes-team/"
            "iso-codes); names and sub-regions from the UN M49 standard (https://unstats.un.org/unsd/methodology/"
            "m49/) as compiled in OCHA's Countries & Territories Taxonomy shipped by hdx-python-country 4.2.5 "
            "(https://github.com/OCHA-DAP/hdx-python-country); memberships from groups.yaml. Generated by "
            "build_countries.py."
        ),
        "licence": (
            "Generated data. ISO codes and the Taiwan names come from iso-codes (LGPL-2.1-or-later); the "
            "taxonomy is distributed in hdx-python-country under the MIT licence; the compilation is part of "
            "Marsad (AGPL-3.0-or-later)."
        ),
        "items": items,
    }


class _Dumper(yaml.SafeDumper):
    """Quotes every all-digit string: PyYAML leaves "039" bare, which YAML 1.2 parsers read as the number 39."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "'" if value.isdigit() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def render(document: dict[str, Any]) -> str:
    header = "# Generated by build_countries.py from pycountry, the UN M49 taxonomy and groups.yaml: do not edit.\n"
    body = yaml.dump(
        document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=None
    )
    return header + body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if countries.yaml is out of date")
    args = parser.parse_args()
    with open(HERE / "groups.yaml", encoding="utf-8") as fh:
        groups = yaml.safe_load(fh)
    text = render(build(groups, load_taxonomy()))
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            raise SystemExit(f"{OUTPUT} is out of date: run build_countries.py")
        print(f"{OUTPUT.name} is up to date")
        return
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {len(yaml.safe_load(text)['items'])} countries to {OUTPUT}")


if __name__ == "__main__":
    main()
