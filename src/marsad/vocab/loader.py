"""Load the vocabulary data files into the database.

Called by migrations (with historical models) and by `marsad vocab sync`. Loading only adds what is missing:
once an item exists, moderators own its labels, so a later load never overwrites their edits.
"""

from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
TERM_FILES = (
    "action_lines",
    "sdgs",
    "technologies",
    "stakeholder_types",
    "beneficiaries",
    "statuses",
    "scopes",
    "groups",
)
LANGS = ("ar", "en", "fr")


def read(name: str) -> dict[str, Any]:
    with open(DATA_DIR / f"{name}.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _labels(item: dict[str, Any]) -> dict[str, str]:
    fields = {f"label_{lang}": item["label"][lang] for lang in LANGS}
    for lang in LANGS:
        fields[f"description_{lang}"] = (item.get("description") or {}).get(lang, "")
    return fields


def load_terms(term_model: Any, name: str) -> int:
    doc = read(name)
    kind, version = doc["kind"], doc["version"]
    existing = {t.code: t for t in term_model.objects.filter(kind=kind)}
    created = 0
    for position, item in enumerate(doc["items"]):
        if item["code"] in existing:
            continue
        existing[item["code"]] = term_model.objects.create(
            kind=kind,
            code=item["code"],
            sort=item.get("sort", position),
            source_version=version,
            **_labels(item),
        )
        created += 1
    for item in doc["items"]:
        if item.get("parent"):
            term = existing[item["code"]]
            if term.parent_id is None:
                term.parent = existing[item["parent"]]
                term.save(update_fields=["parent"])
    return created


def load_countries(term_model: Any, country_model: Any) -> int:
    groups = {t.code: t for t in term_model.objects.filter(kind="group")}
    existing = set(country_model.objects.values_list("code", flat=True))
    created = 0
    for item in read("countries")["items"]:
        if item["code"] in existing:
            continue
        country = country_model.objects.create(
            code=item["code"],
            alpha3=item["alpha3"],
            numeric=item["numeric"],
            region=groups.get(f"M49-{item['region']}") if item.get("region") else None,
            **_labels(item),
        )
        country.groups.set([groups[code] for code in item.get("groups", []) if code in groups])
        created += 1
    return created


def load_all(term_model: Any, country_model: Any) -> dict[str, int]:
    counts = {name: load_terms(term_model, name) for name in TERM_FILES}
    counts["countries"] = load_countries(term_model, country_model)
    return counts
