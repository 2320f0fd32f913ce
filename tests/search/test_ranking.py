"""The ranking (marsad.search.ranking) on small hand-built collections: the order a reader expects."""

import numpy as np
import pytest

from marsad.search.analyzer import tokens
from marsad.search.expansion import expand
from marsad.search.leaves import column_flags
from marsad.search.query import parse
from marsad.search.ranking import Scorer, idf, score_table


class Columns:
    """Documents given as (title, summary, body, orgs) texts, analysed like the indexer does."""

    def __init__(self, *documents: tuple[str, str, str, str], lang: str = "en") -> None:
        self.columns = [[tokens(text, lang) for text in doc] for doc in documents]
        self.slots = len(documents)
        self.live = np.ones(self.slots, dtype=bool)
        self.lengths = np.array([[len(c) for c in doc] for doc in self.columns], dtype=np.float32).T

    def postings(self, phrase):
        return np.array([column_flags(phrase, doc) for doc in self.columns], dtype=np.uint8)


def order(collection: Columns, text: str) -> list[int]:
    mask, score = Scorer(collection).match(expand(parse(text)))
    ids = np.flatnonzero(mask)
    return [int(i) for i in ids[np.lexsort((ids, -score[ids]))]]


FILLER = "programme for citizens and services in the region"


def test_title_beats_summary_beats_body_beats_organisation():
    docs = Columns(
        ("Regional office", FILLER, "Drones deliver medicines", "Agency"),
        ("Agency portal", "Drones for medicine delivery", FILLER, "Agency"),
        ("Drones programme", FILLER, FILLER, "Agency"),
        ("Regional office", FILLER, FILLER, "Drones Agency"),
    )
    assert order(docs, "drones") == [2, 1, 0, 3]


def test_a_rare_word_counts_more_than_a_common_one():
    docs = Columns(
        ("Quantum platform", FILLER, FILLER, ""),
        ("Digital platform", FILLER, FILLER, ""),
        ("Digital platform", FILLER, FILLER, ""),
        ("Digital services", FILLER, FILLER, ""),
    )
    # OR, so that every document matches one word: the rarer word decides.
    assert order(docs, "digital OR quantum")[0] == 0
    assert idf(1, 4) > idf(3, 4)


def test_a_short_title_beats_a_long_one_with_the_same_word():
    docs = Columns(
        ("Blockchain in government transactions across every emirate and sector of the economy", "", "", ""),
        ("Blockchain strategy", "", "", ""),
    )
    assert order(docs, "blockchain") == [1, 0]


def test_the_words_typed_rank_above_their_translation():
    docs = Columns(
        ("الأمن السيبراني في المصارف", "", "", ""),
        ("Cybersecurity for banks", "", "", ""),
    )
    assert order(docs, "الأمن السيبراني") == [0, 1]
    assert order(docs, "cybersecurity") == [1, 0]


def test_an_exclusion_removes_without_changing_the_others_order():
    docs = Columns(
        ("Telemedicine platform", "", "", ""),
        ("Health platform", "telemedicine for rural areas", "", ""),
        ("Health data platform", "", "", ""),
    )
    assert order(docs, "platform -telemedicine") == [2]
    assert order(docs, "telemedicine") == [0, 1]


@pytest.mark.parametrize("text", ["", "the of", "!!"])
def test_an_empty_query_browses_without_scores(text):
    docs = Columns(("Drones", "", "", ""), ("Portal", "", "", ""))
    mask, score = Scorer(docs).match(parse(text))
    assert mask.all() and score is None


def test_the_score_table_sums_the_norms_of_the_columns_a_leaf_occurs_in():
    norms = np.random.default_rng(7).random((4, 50), dtype=np.float32)
    table = score_table(norms)
    for flags in range(16):
        expected = sum(norms[c] for c in range(4) if flags >> c & 1) if flags else np.zeros(50)
        assert np.allclose(table[flags], expected)
