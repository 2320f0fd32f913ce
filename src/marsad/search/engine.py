"""The search interface: a text query and facet filters in, matches, ranking and facet counts out.

One function, :func:`run`, serves the list page, the topic pages, the API and similar-entry retrieval on both
databases. The work is split so that nothing grows with the number of matches in SQL:

1. the query is parsed and expanded across languages (:mod:`marsad.search.query`, :mod:`~.expansion`);
2. each leaf (word, phrase, prefix) is looked up in the database's full-text index — FTS5 or a GIN-indexed
   tsvector — column by column, or found in the per-process cache, which is exact (:mod:`~.catalogue`);
3. leaves are combined into the match set and scored with numpy (:mod:`~.ranking`: BM25F with column weights
   title > summary > body > organisations, translations from the expansion ranked below the words typed);
4. facet filters and counts are bitmap operations (:mod:`~.facets`).
"""

import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from marsad.search import catalogue as catalogues
from marsad.search import ranking
from marsad.search.expansion import Expander, expand, expander_with
from marsad.search.facets import pack, unpack
from marsad.search.query import Query, parse

EXPANDER_MAX_AGE = 300.0  # seconds


@dataclass
class Outcome:
    """What a search found. ``mask`` and ``score`` are over catalogue slots (entry ids)."""

    query: Query
    mask: np.ndarray
    score: np.ndarray | None
    total: int
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    without: dict[str, int] = field(default_factory=dict)  # total if one facet's filter were removed

    def ordered(self, sort: str, stop: int) -> list[int]:
        """Entry ids of the first ``stop`` matches in ``sort`` order."""
        cat = catalogues.current()
        with cat.lock:
            ids = np.flatnonzero(self.mask[: cat.slots])
            keys = _sort_keys(cat, sort if self.score is not None or sort != "relevance" else "recent", self)
            return [int(i) for i in top(ids, keys, stop)]


def _sort_keys(cat: catalogues.Catalogue, sort: str, outcome: Outcome) -> list[np.ndarray]:
    """Arrays over slots, the first most significant, all meaning "larger comes first"."""
    slots = np.arange(cat.slots)
    if sort == "relevance":
        return [outcome.score[: cat.slots], cat.published, slots]
    if sort == "title":
        return [-cat.title_rank, slots]
    if sort == "start":
        return [cat.start, cat.published, slots]
    return [cat.published, slots]


def top(ids: np.ndarray, keys: Sequence[np.ndarray], stop: int) -> np.ndarray:
    """The ``stop`` best of ``ids`` by ``keys`` (lexicographic, descending), without sorting all of them."""
    if len(ids) > stop > 0:
        primary = keys[0][ids]
        threshold = np.partition(primary, len(ids) - stop)[len(ids) - stop]
        ids = ids[primary >= threshold]  # ties at the threshold are kept, so the order stays exact
    order = np.lexsort([-key[ids] for key in reversed(keys)])
    return ids[order][:stop]


@lru_cache(maxsize=4)
def _expander_for(labels: tuple[tuple[tuple[str, str], ...], ...]) -> Expander:
    return expander_with([dict(label) for label in labels])


_expander: dict[str, object] = {"at": -math.inf, "value": None}


def forget_expander(**kwargs: object) -> None:
    """Receiver of the vocabularies' save signals: rebuild the expander at the next search."""
    _expander["value"] = None


def default_expander() -> Expander:
    """The glossary plus the vocabularies' translated labels (Term and Country, in ar/en/fr).

    Kept per process; rebuilt when a label is saved in this process, and re-read every
    ``EXPANDER_MAX_AGE`` seconds so that a rename made through another process reaches this one too.
    """
    from marsad.vocab.models import Country, Term

    if _expander["value"] is None or time.monotonic() - _expander["at"] > EXPANDER_MAX_AGE:
        labels = tuple(
            (("ar", ar), ("en", en), ("fr", fr))
            for model in (Term, Country)
            for ar, en, fr in model.objects.order_by("pk").values_list("label_ar", "label_en", "label_fr")
        )
        _expander.update(value=_expander_for(labels), at=time.monotonic())
    return _expander["value"]


def prepare(text: str, expander: Expander | None = None) -> Query:
    """Parse a visitor's text and expand it across languages."""
    return expand(parse(text), expander or default_expander())


def match(cat: catalogues.Catalogue, query: Query) -> tuple[np.ndarray, np.ndarray | None]:
    """Mask of the live documents matching ``query`` and their scores (None for an empty query: browse)."""
    return ranking.Scorer(cat, cat.score_table).match(query)


def run(
    query: Query,
    selected: Mapping[str, Sequence[str]] | None = None,
    facets: Sequence[str] = (),
) -> Outcome:
    """Search: the matches of ``query`` among the live entries having, for every facet in ``selected``, one of
    its values; with counts for each facet in ``facets`` computed with all the *other* filters applied."""
    selected = selected or {}
    cat = catalogues.current()
    with cat.lock:
        cat.sync()
        mask, score = match(cat, query)
        words = cat.words
        base = pack(mask, words)
        filters = {param: _filter_bits(cat, param, codes, words) for param, codes in selected.items()}
        everything = base.copy()
        for bits in filters.values():
            everything &= bits
        outcome = Outcome(
            query, unpack(everything, cat.slots), score, int(np.bitwise_count(everything).sum())
        )
        for param in dict.fromkeys([*facets, *selected]):
            others = base.copy()
            for other, bits in filters.items():
                if other != param:
                    others &= bits
            if param in selected:
                outcome.without[param] = int(np.bitwise_count(others).sum())
            if param in facets:
                bitmaps = cat.facets.get(param)
                outcome.counts[param] = bitmaps.counts(others) if bitmaps else {}
        return outcome


def _filter_bits(cat: catalogues.Catalogue, param: str, codes: Sequence[str], words: int) -> np.ndarray:
    bitmaps = cat.facets.get(param)
    if bitmaps is None:
        return np.zeros(words, dtype=np.uint64)
    return bitmaps.union(list(codes))
