"""Facet membership as bitmaps: one row of packed bits per facet value, one bit per document slot.

Counting a facet for a set of documents is then a bitwise AND of every value's row with the set, followed by a
population count: for 100,000 documents and a few hundred values, about a millisecond for all the facets of a
page, whatever the number of matches — where a SQL ``GROUP BY`` over a full-text join takes hundreds.

A document's slot is its entry id, so the full-text backends' row ids need no translation.
"""

import numpy as np

WORD_BITS = 64


def words_for(slots: int) -> int:
    return (slots + WORD_BITS - 1) // WORD_BITS


def pack(mask: np.ndarray, words: int) -> np.ndarray:
    """A boolean array over slots as packed little-endian bits in ``words`` uint64 words."""
    packed = np.zeros(words * 8, dtype=np.uint8)
    bits = np.packbits(mask, bitorder="little")
    packed[: len(bits)] = bits[: words * 8]
    return packed.view(np.uint64)


def unpack(words: np.ndarray, slots: int) -> np.ndarray:
    return np.unpackbits(words.view(np.uint8), bitorder="little", count=slots).astype(bool)


class FacetBitmaps:
    """The values of one facet (a country, an action line …) and, for each, the bitmap of its documents."""

    def __init__(self, words: int) -> None:
        self.codes: list[str] = []
        self.row_of: dict[str, int] = {}
        self.bits = np.zeros((0, words), dtype=np.uint64)

    def grow(self, words: int) -> None:
        if words > self.bits.shape[1]:
            grown = np.zeros((self.bits.shape[0], words), dtype=np.uint64)
            grown[:, : self.bits.shape[1]] = self.bits
            self.bits = grown

    def _row(self, code: str) -> int:
        row = self.row_of.get(code)
        if row is None:
            row = self.row_of[code] = len(self.codes)
            self.codes.append(code)
            self.bits = np.vstack([self.bits, np.zeros((1, self.bits.shape[1]), dtype=np.uint64)])
        return row

    def add_many(self, code: str, slots: np.ndarray) -> None:
        row = self._row(code)
        np.bitwise_or.at(
            self.bits[row],
            slots // WORD_BITS,
            np.left_shift(np.uint64(1), (slots % WORD_BITS).astype(np.uint64)),
        )

    def set(self, slot: int, codes: list[str]) -> None:
        """Make ``slot`` belong to exactly ``codes``."""
        word, bit = divmod(slot, WORD_BITS)
        one = np.uint64(1) << np.uint64(bit)
        self.bits[:, word] &= ~one
        for code in codes:
            row = self._row(code)  # may grow (replace) self.bits, so look it up before indexing
            self.bits[row, word] |= one

    def union(self, codes: list[str]) -> np.ndarray:
        """Packed bitmap of the documents having any of ``codes`` (unknown codes have none)."""
        rows = [self.row_of[code] for code in codes if code in self.row_of]
        if not rows:
            return np.zeros(self.bits.shape[1], dtype=np.uint64)
        return np.bitwise_or.reduce(self.bits[rows], axis=0)

    def counts(self, packed_mask: np.ndarray) -> dict[str, int]:
        """How many documents of ``packed_mask`` have each value; values with none are left out."""
        if not self.codes:
            return {}
        n = np.bitwise_count(self.bits & packed_mask).sum(axis=1)
        return {self.codes[row]: int(n[row]) for row in np.flatnonzero(n)}
