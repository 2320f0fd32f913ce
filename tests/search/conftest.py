"""Fixtures of the search tests: a real SQLite FTS5 table and a real PostgreSQL connection."""

import os
import sqlite3

import psycopg
import pytest

from marsad.search.analyzer import index_text
from marsad.search.query import Fts5Match, to_fts5, to_tsquery


@pytest.fixture(scope="session")
def fts5():
    """An in-memory FTS5 table with the tokenizer the backend uses, and a helper returning matching rowids."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE doc USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')")

    def search(compiled: Fts5Match) -> set[int]:
        if compiled.match is None:
            rows = conn.execute("SELECT rowid FROM doc").fetchall()
            if compiled.exclude:
                excluded = {
                    r[0] for r in conn.execute("SELECT rowid FROM doc WHERE doc MATCH ?", [compiled.exclude])
                }
                rows = [r for r in rows if r[0] not in excluded]
        else:
            rows = conn.execute("SELECT rowid FROM doc WHERE doc MATCH ?", [compiled.match]).fetchall()
        return {r[0] for r in rows}

    search.conn = conn
    return search


@pytest.fixture(scope="session")
def pg():
    """A psycopg connection to the local PostgreSQL; its absence fails the run under CI, skips elsewhere."""
    try:
        conn = psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=postgres", autocommit=True)
    except psycopg.OperationalError as error:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at 127.0.0.1:5432 is required under CI: {error}")
        pytest.skip(f"PostgreSQL at 127.0.0.1:5432 is not reachable: {error}")
    yield conn
    conn.close()


# A small trilingual corpus: (rowid, language, text). Queries in the tests name the rowids they must find.
CORPUS = [
    (1, "ar", "أطلقت وزارة الاتصالات منصة وطنية للذكاء الاصطناعي في الخدمات الحكومية"),
    (2, "en", "A national artificial intelligence platform for government services"),
    (
        3,
        "fr",
        "Une plateforme nationale d'intelligence artificielle au service de l'administration électronique",
    ),
    (4, "ar", "برنامج للتعليم الإلكتروني وتدريب المعلمين على المهارات الرقمية"),
    (5, "en", "Telemedicine and e-health services for rural hospitals"),
    (6, "ar", "مبادرة الصحة الإلكترونية في المستشفيات الريفية"),
    (7, "en", "Computing clusters and computer science training for students"),
    (8, "ar", "حماية البيانات الشخصية والأمن السيبراني في القطاع المصرفي"),
]


@pytest.fixture(scope="session")
def sqlite_search(fts5):
    """CORPUS in the FTS5 table; returns query -> matching rowids."""
    for rowid, lang, text in CORPUS:
        fts5.conn.execute("INSERT INTO doc(rowid, body) VALUES (?, ?)", [rowid, index_text(text, lang)])
    return lambda query: fts5(to_fts5(query))


@pytest.fixture(scope="session")
def pg_search(pg):
    """CORPUS in a PostgreSQL temporary table of tsvectors; returns query -> matching ids."""
    pg.execute("CREATE TEMPORARY TABLE doc (id int PRIMARY KEY, body tsvector)")
    for rowid, lang, text in CORPUS:
        pg.execute("INSERT INTO doc VALUES (%s, to_tsvector('simple', %s))", [rowid, index_text(text, lang)])

    def search(query) -> set[int]:
        tsquery = to_tsquery(query)
        if tsquery is None:
            return {r[0] for r in pg.execute("SELECT id FROM doc")}
        return {
            r[0] for r in pg.execute("SELECT id FROM doc WHERE body @@ to_tsquery('simple', %s)", [tsquery])
        }

    return search
