"""The query language: parsing, and compiled expressions run for real on SQLite FTS5 and PostgreSQL."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.search.analyzer import DEFAULT
from marsad.search.query import MAX_TERMS, AnyOf, Phrase, Query, parse, to_fts5, to_tsquery
from tests.search.conftest import CORPUS

props = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ALL = {rowid for rowid, _, _ in CORPUS}
# Queries and the rowids of CORPUS they must find, on both backends (no expansion here).
CASES = [
    ("الذكاء الاصطناعي", {1}),
    ("للذكاء", {1}),
    ("artificial intelligence", {2}),
    ('"government services"', {2}),
    ('"services government"', set()),
    ("comput*", {7}),
    ("الحكوم*", {1}),
    ("services -rural", {2, 3}),
    ('services -"rural hospitals"', {2, 3}),
    ("e-health OR telemedicine", {5}),
    ("telemedicine | nothingmatches", {5}),
    ("الصحة أو التعليم", {4, 6}),
    ("-rural", ALL - {5}),
    ("Plateforme Nationale", {3}),  # the English "platform" needs the glossary
    ("٢٠٣٠ OR المصرفي", {8}),
    ("", ALL),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_sqlite_finds_the_judged_hits(sqlite_search, text, expected):
    assert sqlite_search(parse(text)) == expected


@pytest.mark.parametrize("text, expected", CASES)
def test_postgresql_finds_the_same_hits(pg_search, text, expected):
    assert pg_search(parse(text)) == expected


def test_plain_words_are_all_required():
    query = parse("health services")
    assert len(query.must) == 2 and not query.must_not


def test_or_binds_tighter_than_and():
    query = parse("health mobile OR online")
    assert query.must[0] == Phrase(("health",))
    assert isinstance(query.must[1], AnyOf) and len(query.must[1].options) == 2


def test_hyphenated_word_is_a_phrase():
    assert parse("e-government").must[0].options[0] == Phrase(("e", "govern"))


def test_prefix_of_an_arabic_word_drops_its_article_only():
    assert parse("الذكاء*").must == (Phrase(("ذكاء",), prefix=True),)


def test_one_letter_prefix_searches_the_letter_as_a_word():
    assert parse("x*").must == (Phrase(("x",)),)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "!!! ??? ،؛", '"""', "* - OR | أو", "the of and في من", "\ud800\udfff", "NOT", "-"],
)
def test_nothing_to_search_gives_the_empty_query(text):
    query = parse(text)
    assert query.is_empty or text == "NOT"  # NOT is an ordinary English word to us, and not a stop word
    if query.is_empty:
        assert to_fts5(query).match is None and to_fts5(query).exclude is None and to_tsquery(query) is None


def test_fts_syntax_in_user_input_is_only_words():
    compiled = to_fts5(parse('NEAR(a b) title:x ^start "open *'))
    assert compiled.match == '"near" AND "b" AND "titl x" AND "start" AND "open"'


def test_sql_fragment_is_searched_as_words():
    assert to_tsquery(parse("'; DROP TABLE entries; --")) == "'drop' & 'tabl' & 'entri'"


def test_ten_thousand_characters_keep_the_first_terms():
    query = parse("word " * 2000)
    assert 0 < len(query.must) <= MAX_TERMS


def test_highlight_terms_come_from_positive_terms_only():
    exact, prefixes = parse("الذكاء comput* -rural").highlight_terms()
    assert exact == {"ذكاء"} and prefixes == {"comput"}


words = st.sampled_from(["AI", "NEAR", "OR", "AND", "NOT", "أو", "الذكاء", "كَتَبَ", "e-gov", "5G", "x", "the"])
syntax = st.sampled_from(list("\"*()-+:^|{}[],.'\\;") + ["NEAR(", "OR", "--", "/*", "' OR 1=1"])
query_text = st.lists(st.one_of(words, syntax, st.text(max_size=4), st.just(" ")), max_size=25).map("".join)
any_text = st.lists(st.one_of(st.characters(), st.integers(0xD800, 0xDFFF).map(chr)), max_size=80).map(
    "".join
)


@props
@given(st.one_of(query_text, any_text))
def test_compiled_fts5_expression_always_runs(sqlite_search, text):
    sqlite_search(parse(text))  # raises sqlite3.OperationalError on a syntax error


@props
@given(st.one_of(query_text, any_text))
def test_compiled_tsquery_always_runs(pg_search, text):
    pg_search(parse(text))  # raises psycopg.errors.SyntaxError on a bad tsquery


@props
@given(st.text(alphabet=st.characters(exclude_characters='"“”«»„*-|'), max_size=60))
def test_a_quoted_phrase_is_analysed_as_the_documents_are(text):
    query = parse(f'"{text}"')
    analyses = DEFAULT.query_analyses(text)
    if not analyses[0] or sum(map(len, analyses)) > MAX_TERMS:
        return
    node = query.must[0]
    options = node.options if isinstance(node, AnyOf) else (node,)
    assert {option.tokens for option in options} == set(analyses)
    for lang in ("ar", "en", "fr"):
        assert tuple(DEFAULT.tokens(text, lang)) in {option.tokens for option in options}


def test_query_is_a_plain_value():
    assert parse("health") == parse("HEALTH") == Query(must=(Phrase(("health",)),))
