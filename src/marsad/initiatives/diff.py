"""Field-by-field comparison of two revisions of an entry."""

from dataclasses import dataclass

from marsad.initiatives.models import Revision
from marsad.initiatives.workflow import M2M_FIELDS

SKIPPED = {"id", "entry", "number", "author", "created_at", "live", "change_note"}


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    before: str
    after: str


def _value(revision: Revision, name: str) -> str:
    if name in M2M_FIELDS:
        return ", ".join(sorted(str(obj) for obj in getattr(revision, name).all()))
    value = getattr(revision, name)
    if isinstance(value, list):
        return "\n".join(f"{link.get('url')} {link.get('label', '')}".strip() for link in value)
    return "" if value is None else str(value)


def compare(old: Revision, new: Revision) -> list[Change]:
    changes = []
    for field in Revision._meta.get_fields():
        if field.name in SKIPPED or not hasattr(field, "verbose_name") or field.auto_created:
            continue
        before, after = _value(old, field.name), _value(new, field.name)
        if before != after:
            changes.append(Change(field.name, str(field.verbose_name), before, after))
    return changes
