"""Relevance: which documents match a query tree, and how well, as numpy arrays over document slots.

Pure functions over a :class:`Collection` — the per-process catalogue in production, an in-memory corpus in
`bench/search_quality.py` — so the benchmark measures exactly the ranking the site uses.

A leaf (word, phrase, prefix) has *postings*: a byte per slot whose bit ``c`` says that it occurs in column
``c`` (title, summary, body, organisations; :mod:`marsad.search.leaves`). Its score in a document is BM25F with
the leaf's frequency in a column taken as present or absent, with IDF, column weights title > summary > body >
organisations and BM25 length normalisation per column. Leaves combine as follows: AND and OR sum their parts'
scores; an expansion (what the user typed OR its translations) takes the better of the typed words and the
best translation scaled by ``TRANSLATION_WEIGHT``.

References
----------
Robertson, S., Zaragoza, H. (2009). The probabilistic relevance framework: BM25 and beyond. *Foundations and
Trends in Information Retrieval* 3(4), 333-389 (BM25F, section 3.5; the IDF used here, section 3.4).
"""

import math
from typing import Protocol

import numpy as np

from marsad.search.query import AllOf, AnyOf, Node, Phrase, Query

COLUMN_WEIGHTS = np.array([4.0, 2.0, 1.0, 0.5], dtype=np.float32)  # title > summary > body > organisations
K1, B = 1.2, 0.75  # the usual BM25 constants
TRANSLATION_WEIGHT = 0.6


class Collection(Protocol):
    """What ranking reads: ``live`` (bool per slot), ``lengths`` (tokens per column × slot) and the postings
    of a leaf (uint8 column flags per slot)."""

    slots: int
    live: np.ndarray
    lengths: np.ndarray

    def postings(self, phrase: Phrase) -> np.ndarray: ...


def column_norms(lengths: np.ndarray, live: np.ndarray) -> np.ndarray:
    """Weight × BM25 length normalisation of a term occurring in each column of each document.

    ``lengths`` is (columns, slots); the average length of a column is taken over the live documents.
    """
    live_lengths = lengths[:, live]
    average = np.maximum(live_lengths.mean(axis=1, keepdims=True), 1.0) if live_lengths.size else 1.0
    saturation = 1 + K1 * (1 - B + B * lengths / average)
    return (COLUMN_WEIGHTS[:, None] * (K1 + 1) / saturation).astype(np.float32)


def score_table(norms: np.ndarray) -> np.ndarray:
    """``table[flags, slot]``: the sum of ``norms[c, slot]`` over the columns ``c`` set in ``flags``.

    A leaf's postings byte then gives its BM25F contribution in one gather instead of a loop over columns:
    16 × slots float32 (6.4 MB at 100k entries), computed once per index generation.
    """
    flags = np.arange(1 << norms.shape[0])
    present = ((flags[:, None] >> np.arange(norms.shape[0])) & 1).astype(np.float32)  # (16, columns)
    return present @ norms


def idf(df: int, live_count: int) -> float:
    """Robertson-Sparck Jones IDF, kept positive for terms in more than half the documents."""
    return math.log(1 + (live_count - df + 0.5) / (df + 0.5))


def leaf_scores(postings: np.ndarray, table: np.ndarray, live: np.ndarray, live_count: int) -> np.ndarray:
    """BM25F scores of one leaf over all slots (0 where it does not occur); ``table`` from :func:`score_table`."""
    ids = np.flatnonzero(postings)
    weight = idf(int(np.count_nonzero(live[ids])), live_count)
    score = np.zeros(len(postings), dtype=np.float32)
    score[ids] = weight * table[postings[ids], ids]
    return score


class Scorer:
    """Evaluates query trees over one collection. ``table`` (see :func:`score_table`) may be passed in by a
    caller that keeps it between searches; otherwise it is computed from the collection's lengths."""

    def __init__(self, collection: Collection, table: np.ndarray | None = None) -> None:
        self.collection = collection
        self.table = (
            score_table(column_norms(collection.lengths, collection.live)) if table is None else table
        )
        self.live_count = int(np.count_nonzero(collection.live))

    def evaluate(self, node: Node) -> tuple[np.ndarray, np.ndarray]:
        """Mask and score of one query node over all slots."""
        if isinstance(node, Phrase):
            postings = self.collection.postings(node)
            return postings != 0, leaf_scores(postings, self.table, self.collection.live, self.live_count)
        parts = node.options if isinstance(node, AnyOf) else node.parts
        results = [self.evaluate(part) for part in parts]
        masks = np.array([mask for mask, _ in results])
        scores = np.array([score for _, score in results])
        if isinstance(node, AllOf):
            return masks.all(axis=0), scores.sum(axis=0)
        if node.expansion:
            translated = scores[1:].max(axis=0) * TRANSLATION_WEIGHT if len(scores) > 1 else 0
            return masks.any(axis=0), np.maximum(scores[0], translated)
        return masks.any(axis=0), scores.sum(axis=0)

    def match(self, query: Query) -> tuple[np.ndarray, np.ndarray | None]:
        """Mask of the live documents matching ``query`` and their scores (None for an empty query: browse)."""
        live = self.collection.live
        if query.is_empty:
            return live.copy(), None
        mask = live.copy()
        score = np.zeros(self.collection.slots, dtype=np.float32)
        for node in query.must:
            node_mask, node_score = self.evaluate(node)
            mask &= node_mask
            score += node_score
        for node in query.must_not:
            mask &= ~self.evaluate(node)[0]
        return mask, score
