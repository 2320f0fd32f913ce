"""Entries as the API shows them: the record of the import format plus their place in Marsad."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from marsad.api.problems import Problem
from marsad.api.schemas import ENTRY_FIELDS
from marsad.core.i18n import localise
from marsad.exchange.exports import entry_record
from marsad.initiatives import records
from marsad.initiatives.models import Revision


def with_record_relations(queryset: QuerySet) -> QuerySet:
    return queryset.select_related(*records.RECORD_RELATED).prefetch_related(*records.RECORD_PREFETCH)


def entry_out(revision: Revision, fields: set[str] | None = None) -> dict[str, Any]:
    out = entry_record(revision)
    title, summary = localise(revision, "title"), localise(revision, "summary")
    out["display"] = {
        "title": title.text,
        "summary": summary.text,
        "language": title.lang,
        "fallback": title.fallback,
    }
    if fields is not None:
        out = {key: value for key, value in out.items() if key in fields or key == "id"}
    return out


def parse_fields(raw: str) -> set[str] | None:
    """`fields=title,summary`: the keys wanted; unknown names are a 400 listing the known ones."""
    if not raw.strip():
        return None
    wanted = {name.strip() for name in raw.split(",") if name.strip()}
    unknown = wanted - set(ENTRY_FIELDS)
    if unknown:
        raise Problem(
            400,
            "fields",
            _("Unknown field names in “fields”."),
            _("Unknown: %(unknown)s. Known: %(known)s.")
            % {"unknown": ", ".join(sorted(unknown))[:200], "known": ", ".join(ENTRY_FIELDS)},
        )
    return wanted
