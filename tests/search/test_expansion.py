"""Cross-lingual expansion: the glossary, and Arabic queries finding English and French entries, and back."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.search.analyzer import DEFAULT
from marsad.search.expansion import Expander, expand, expander_with, glossary_expander, load_glossary
from marsad.search.query import AnyOf, Phrase, parse

props = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Queries and the rowids of tests/search/conftest.py's CORPUS they must find once expanded.
CASES = [
    ("الذكاء الاصطناعي", {1, 2, 3}),
    ("artificial intelligence", {1, 2, 3}),
    ("intelligence artificielle", {1, 2, 3}),
    ("AI", {1, 2, 3}),
    ("e-health", {5, 6}),
    ("الصحة الإلكترونية", {5, 6}),
    ("data protection", {8}),
    ("platform", {1, 2, 3}),
    ("المهارات الرقمية", {4}),
    ("الذكاء الاصطناعي -platform", {1, 3}),  # exclusions are not expanded: منصة and plateforme stay
]


def test_glossary_has_three_hundred_trilingual_concepts():
    concepts = load_glossary()
    assert len(concepts) >= 300
    assert all(set(concept) == {"ar", "en", "fr"} for concept in concepts)


def test_every_glossary_term_analyses_to_something():
    empty = [
        term
        for concept in load_glossary()
        for lang, terms in concept.items()
        for term in terms
        if not DEFAULT.tokens(term, lang)
    ]
    assert empty == []


@pytest.mark.parametrize("text, expected", CASES)
def test_sqlite_finds_entries_in_the_other_languages(sqlite_search, text, expected):
    assert sqlite_search(expand(parse(text))) == expected


@pytest.mark.parametrize("text, expected", CASES)
def test_postgresql_finds_the_same_entries(pg_search, text, expected):
    assert pg_search(expand(parse(text))) == expected


def test_what_the_user_typed_stays_first_and_the_translations_are_marked():
    node = expand(parse("الذكاء الاصطناعي")).must[0]
    assert isinstance(node, AnyOf) and node.expansion
    assert node.options[0] == parse("الذكاء الاصطناعي").must[0] or len(node.options[0].parts) == 2
    assert Phrase(("artifici", "intellig")) in node.options
    assert Phrase(("intelligent", "artificiel")) in node.options


def test_the_longest_concept_wins():
    node = expand(parse("machine learning")).must
    assert len(node) == 1 and Phrase(("apprentissag", "automat")) in node[0].options


def test_an_unknown_word_is_left_alone():
    query = parse("zanzibarian")
    assert expand(query) == query


def test_vocabulary_labels_extend_the_glossary(sqlite_search):
    labels = [{"ar": "المستشفيات الريفية", "en": "Rural hospitals", "fr": "Hôpitaux ruraux"}]
    query = parse("المستشفيات الريفية")
    assert sqlite_search(expand(query)) == {6}
    assert sqlite_search(expand(query, expander_with(labels))) == {5, 6}


def test_a_concept_in_one_language_only_adds_nothing():
    assert len(Expander([{"en": "lonely"}])) == 0


def test_the_number_of_added_phrases_is_capped():
    query = expand(parse("AI " * 30), glossary_expander())
    added = sum(len(node.options) - 1 for node in query.must if isinstance(node, AnyOf) and node.expansion)
    assert 0 < added <= 64


words = st.sampled_from(
    [
        "الذكاء",
        "الاصطناعي",
        "AI",
        "health",
        "e-health",
        "الصحة",
        "الإلكترونية",
        "data",
        "protection",
        "platform",
        "services",
        "حماية",
        "البيانات",
        "rural",
        "-rural",
        "OR",
        "comput*",
        '"',
        "learning",
        "machine",
    ]
)


@props
@given(st.lists(words, min_size=1, max_size=6).map(" ".join))
def test_expansion_only_adds_hits_on_both_backends(sqlite_search, pg_search, text):
    query = parse(text)
    expanded = expand(query)
    assert sqlite_search(query) <= sqlite_search(expanded)
    assert sqlite_search(expanded) == pg_search(expanded)
