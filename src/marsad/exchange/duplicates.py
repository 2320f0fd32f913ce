"""Suspected duplicates: the same initiative entered twice, perhaps in another language.

The default finder compares what survives spelling differences: titles after orthographic normalisation (in
any of the three languages, against every language of the other entry) and the public source or website
address when it points at a specific page (a bare domain is shared by every initiative of an organisation).
The address is what catches an Arabic entry duplicating an English one until the search engine offers
cross-lingual similarity; the finder is chosen by the `MARSAD_DUPLICATE_FINDER` setting (a dotted path to a
class with this interface), so the search app can replace it without touching the import.
"""

from typing import Any, Protocol
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from django.utils.module_loading import import_string

from marsad.initiatives.models import Revision
from marsad.search.normalise import normalise, tokens

LANGS = ("ar", "en", "fr")


class DuplicateFinder(Protocol):
    def candidates(self, data: dict[str, Any], slug: str) -> list[str]:
        """Labels (entry slugs, or "row N" of this import) of entries that may be the same initiative."""

    def remember(self, data: dict[str, Any], label: str) -> None:
        """Take a row of this import into account for the rows after it."""


def title_key(title: str) -> str:
    return " ".join(token for token, _arabic in tokens(normalise(title)))


def page_key(url: str) -> str:
    """A URL reduced to host and path; empty when it names no specific page."""
    parts = urlsplit(url.strip().lower())
    path = parts.path.strip("/")
    if not parts.netloc or not path or path in ("index.html", "index.php", "en", "ar", "fr"):
        return ""
    return parts.netloc.removeprefix("www.") + "/" + path + ("?" + parts.query if parts.query else "")


def _keys(values: dict[str, Any]) -> set[str]:
    keys = {
        "t:" + title_key(values.get(f"title_{lang}") or "") for lang in LANGS if values.get(f"title_{lang}")
    }
    keys |= {"u:" + page_key(values.get(name) or "") for name in ("source_url", "website")}
    return {key for key in keys if key not in ("t:", "u:")}


class TitleAndPageFinder:
    """Exact match on a normalised title or on a specific page address; one pass over existing entries."""

    def __init__(self) -> None:
        self.index: dict[str, set[str]] = {}
        fields = [f"title_{lang}" for lang in LANGS] + ["source_url", "website"]
        current = Revision.objects.filter(Q(latest_of__isnull=False) | Q(live=True))
        for values in current.values("entry__slug", *fields).iterator(chunk_size=5000):
            for key in _keys(values):
                self.index.setdefault(key, set()).add(values["entry__slug"])

    def candidates(self, data: dict[str, Any], slug: str) -> list[str]:
        found: set[str] = set()
        for key in _keys(data):
            found |= self.index.get(key, set())
        found.discard(slug)
        return sorted(found)

    def remember(self, data: dict[str, Any], label: str) -> None:
        for key in _keys(data):
            self.index.setdefault(key, set()).add(label)


def finder() -> DuplicateFinder:
    path = getattr(settings, "MARSAD_DUPLICATE_FINDER", "marsad.exchange.duplicates.TitleAndPageFinder")
    return import_string(path)()
