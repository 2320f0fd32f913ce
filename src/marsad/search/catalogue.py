"""The per-process catalogue: compact arrays over every indexed document, exact at every search.

It holds, per document slot (= entry id): whether the entry is live, its sort keys, the token count of each
column, its facet values as bitmaps (:mod:`marsad.search.facets`), and the cached postings of recent query leaves
(:mod:`marsad.search.leaves`). None of it is a source of truth: all of it is derived from `search_document`.

Exactness. Every index write bumps a generation in the writing transaction (`indexer.bump`). Before each search
the catalogue reads the newest generation — one indexed single-row SELECT — and, when it moved, reads the
documents written since (their stored analysed text corrects the cached leaves one document at a time). A
generation carries a random stamp: if the generation the catalogue was built at is no longer in the database
with the same stamp (its transaction rolled back, or the database was flushed or rebuilt), the catalogue reloads
everything. A search racing a commit sees that commit's entries either before or after it, never half.
"""

import threading
from collections.abc import Iterable

import numpy as np
from django.conf import settings
from django.db import connection

from marsad.search import backends, ranking
from marsad.search.facets import FacetBitmaps, words_for
from marsad.search.leaves import LeafCache, postings_from_columns
from marsad.search.models import Document
from marsad.search.query import Phrase

MAX_DELTA = 2000  # beyond this many changed documents a full reload is cheaper
LEAF_CACHE_BYTES = getattr(settings, "SEARCH_LEAF_CACHE_BYTES", 64 * 1024 * 1024)

_FIELDS = ("entry_id", "live", "lengths", "facets", "published_at", "start_date", "sort_title")
_TEXTS = ("title", "summary", "body", "orgs")


class Catalogue:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.leaves = LeafCache(LEAF_CACHE_BYTES)
        self.version: tuple[int, int] | None = None
        self.full_loads = 0
        self._reset(0)

    def _reset(self, slots: int) -> None:
        self.slots = slots
        self.live = np.zeros(slots, dtype=bool)
        self.published = np.full(slots, -np.inf)
        self.start = np.zeros(slots, dtype=np.int64)
        self.lengths = np.zeros((len(_TEXTS), slots), dtype=np.float32)
        self.titles: dict[int, str] = {}
        self.facets: dict[str, FacetBitmaps] = {}
        self.leaves.clear()
        self._derived: dict[str, np.ndarray] = {}

    @property
    def words(self) -> int:
        return words_for(self.slots)

    # --- keeping in step with the database -------------------------------------------------------------

    def sync(self) -> None:
        """Bring the catalogue to the database's newest generation (call with the lock held)."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT number, stamp FROM search_generation ORDER BY number DESC LIMIT 1")
            newest = tuple(cursor.fetchone() or (0, 0))
            if newest == self.version:
                return
            if self.version is not None and newest[0] > self.version[0]:
                cursor.execute("SELECT stamp FROM search_generation WHERE number = %s", [self.version[0]])
                known = cursor.fetchone()
                if known and known[0] == self.version[1] and self._apply_changes_since(self.version[0]):
                    self.version = newest
                    return
            self._load_all()
            self.version = newest

    def _load_all(self) -> None:
        rows = list(Document.objects.values_list(*_FIELDS))
        self._reset(max((row[0] for row in rows), default=0) + 1)
        self.full_loads += 1
        if not rows:
            return
        slots = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
        self.live[slots] = [row[1] for row in rows]
        lengths = np.fromstring(",".join(row[2] for row in rows), dtype=np.float32, sep=",")
        self.lengths[:, slots] = lengths.reshape(len(rows), len(_TEXTS)).T
        self.published[slots] = [row[4].timestamp() if row[4] else -np.inf for row in rows]
        self.start[slots] = [row[5].toordinal() if row[5] else 0 for row in rows]
        self.titles = {row[0]: row[6] for row in rows}
        by_code: dict[tuple[str, str], list[int]] = {}
        for row in rows:
            if row[1]:
                for param, codes in row[3].items():
                    for code in codes:
                        by_code.setdefault((param, code), []).append(row[0])
        for (param, code), members in sorted(by_code.items()):
            self._facet(param).add_many(code, np.array(members, dtype=np.int64))

    def _apply_changes_since(self, number: int) -> bool:
        """Apply the documents written after generation ``number``; False when a full reload is better."""
        changed = Document.objects.filter(generation__gt=number)
        if changed.count() > MAX_DELTA:
            return False
        for row in changed.values_list(*_FIELDS, *_TEXTS):
            self._apply(row)
        self._derived.clear()
        return Document.objects.filter(live=True).count() == int(self.live.sum())

    def _apply(self, row: tuple) -> None:
        slot, live, lengths, facets, published, start, title, *texts = row
        if slot >= self.slots:
            self._grow(max(slot + 1, int(self.slots * 1.25)))
        self.live[slot] = live
        self.lengths[:, slot] = [float(n) for n in lengths.split(",")]
        self.published[slot] = published.timestamp() if published else -np.inf
        self.start[slot] = start.toordinal() if start else 0
        self.titles[slot] = title
        for param in set(self.facets) | set(facets):
            self._facet(param).set(slot, facets.get(param, []) if live else [])
        self.leaves.update(slot, [text.split() for text in texts] if live else None)

    def _grow(self, slots: int) -> None:
        old = self.slots
        self.slots = slots
        self.live = np.concatenate([self.live, np.zeros(slots - old, dtype=bool)])
        self.published = np.concatenate([self.published, np.full(slots - old, -np.inf)])
        self.start = np.concatenate([self.start, np.zeros(slots - old, dtype=np.int64)])
        self.lengths = np.concatenate(
            [self.lengths, np.zeros((len(_TEXTS), slots - old), np.float32)], axis=1
        )
        for bitmaps in self.facets.values():
            bitmaps.grow(self.words)
        self.leaves.grow(slots)

    def _facet(self, param: str) -> FacetBitmaps:
        if param not in self.facets:
            self.facets[param] = FacetBitmaps(self.words)
        return self.facets[param]

    # --- what searches read -----------------------------------------------------------------------------

    def postings(self, phrase: Phrase) -> np.ndarray:
        """The column flags of ``phrase`` per slot, from the cache or from the full-text index."""
        postings = self.leaves.get(phrase)
        if postings is None:
            with connection.cursor() as cursor:
                ids = backends.current().column_ids(cursor, phrase)
                postings = postings_from_columns(self.slots, ids)
            self.leaves.put(phrase, postings)
        return postings

    @property
    def score_table(self) -> np.ndarray:
        """BM25F contribution of a leaf for each postings byte and slot (see `ranking.score_table`)."""
        if "table" not in self._derived:
            self._derived["table"] = ranking.score_table(ranking.column_norms(self.lengths, self.live))
        return self._derived["table"]

    @property
    def title_rank(self) -> np.ndarray:
        """Rank of each slot's title in alphabetical order (0 first)."""
        if "titles" not in self._derived:
            rank = np.zeros(self.slots, dtype=np.int64)
            ordered = sorted(self.titles, key=lambda slot: (self.titles[slot], slot))
            rank[ordered] = np.arange(len(ordered))
            self._derived["titles"] = rank
        return self._derived["titles"]

    def facet_params(self) -> Iterable[str]:
        return self.facets.keys()


_catalogues: dict[tuple[str, str], Catalogue] = {}
_registry_lock = threading.Lock()


def current() -> Catalogue:
    """The catalogue of the default database in this process (one per database name)."""
    key = (connection.alias, str(connection.settings_dict["NAME"]))
    with _registry_lock:
        if key not in _catalogues:
            _catalogues[key] = Catalogue()
        return _catalogues[key]
