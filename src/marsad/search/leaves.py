"""The leaves of a query — single words, phrases, prefixes — and where each occurs, by document and column.

A leaf is a :class:`~marsad.search.query.Phrase`. Its *postings* are a byte per document slot whose bit ``c`` is
set when the leaf occurs in column ``c`` (title, summary, body, organisations). The database's full-text index
answers a leaf once; the per-process cache keeps the answer and corrects it, document by document, whenever the
generation moves: a changed document's stored analysed text is read and the leaf looked for in it, with the
same rules as FTS5 and PostgreSQL (tokens split on spaces, a phrase is consecutive tokens within one column, a
prefix leaf matches tokens starting with its last token).
"""

from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from marsad.search.query import Phrase

COLUMN_COUNT = 4


def occurs(phrase: Phrase, tokens: Sequence[str]) -> bool:
    """Whether ``phrase`` occurs in the token sequence of one column."""
    size = len(phrase.tokens)
    head, last = phrase.tokens[:-1], phrase.tokens[-1]
    for start in range(len(tokens) - size + 1):
        if tuple(tokens[start : start + size - 1]) != head:
            continue
        token = tokens[start + size - 1]
        if token == last or (phrase.prefix and token.startswith(last)):
            return True
    return False


def column_flags(phrase: Phrase, columns: Sequence[Sequence[str]]) -> int:
    """The column bits of ``phrase`` in one document given as its columns' token lists."""
    return sum(1 << c for c, tokens in enumerate(columns) if occurs(phrase, tokens))


class LeafCache:
    """Postings of recently used leaves, least recently used evicted beyond ``max_bytes``."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._postings: OrderedDict[Phrase, np.ndarray] = OrderedDict()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._postings)

    def get(self, phrase: Phrase) -> np.ndarray | None:
        postings = self._postings.get(phrase)
        if postings is not None:
            self._postings.move_to_end(phrase)
        return postings

    def put(self, phrase: Phrase, postings: np.ndarray) -> None:
        if phrase in self._postings:
            self._bytes -= self._postings.pop(phrase).nbytes
        self._postings[phrase] = postings
        self._bytes += postings.nbytes
        while self._bytes > self.max_bytes and len(self._postings) > 1:
            self._bytes -= self._postings.popitem(last=False)[1].nbytes

    def grow(self, slots: int) -> None:
        for phrase, postings in self._postings.items():
            if len(postings) < slots:
                grown = np.zeros(slots, dtype=np.uint8)
                grown[: len(postings)] = postings
                self._bytes += grown.nbytes - postings.nbytes
                self._postings[phrase] = grown

    def update(self, slot: int, columns: Sequence[Sequence[str]] | None) -> None:
        """Re-evaluate every cached leaf on one changed document (None: the document has no text now)."""
        present = {token for tokens in columns for token in tokens} if columns else set()
        for phrase, postings in self._postings.items():
            if columns is None or not _may_occur(phrase, present):
                postings[slot] = 0
            else:
                postings[slot] = column_flags(phrase, columns)

    def clear(self) -> None:
        self._postings.clear()
        self._bytes = 0


def _may_occur(phrase: Phrase, present: set[str]) -> bool:
    if not all(token in present for token in phrase.tokens[:-1]):
        return False
    last = phrase.tokens[-1]
    return last in present or (phrase.prefix and any(token.startswith(last) for token in present))


def postings_from_columns(slots: int, per_column: Sequence[np.ndarray]) -> np.ndarray:
    """Build the postings of a leaf from the ids matching it in each column."""
    postings = np.zeros(slots, dtype=np.uint8)
    for column, ids in enumerate(per_column):
        ids = ids[ids < slots]
        postings[ids] |= np.uint8(1 << column)
    return postings
