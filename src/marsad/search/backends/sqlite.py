"""SQLite FTS5: the `search_fts` table (external content over search_document, see migration 0002)."""

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from marsad.search.backends import ids_from_text
from marsad.search.query import Phrase, Query, to_fts5

COLUMNS = ("title", "summary", "body", "orgs")
_COLUMN_SQL = " UNION ALL ".join(
    f"SELECT {i}, group_concat(rowid) FROM search_fts WHERE search_fts MATCH %s" for i in range(len(COLUMNS))
)


def phrase_expression(phrase: Phrase) -> str:
    """A quoted FTS5 phrase (``"a b"`` or ``"a b"*``): user text can never become an operator."""
    return '"' + " ".join(phrase.tokens).replace('"', '""') + '"' + ("*" if phrase.prefix else "")


def column_ids(cursor, phrase: Phrase) -> list[np.ndarray]:
    """The entry ids whose column ``c`` contains ``phrase``, for each column, in one statement."""
    expression = phrase_expression(phrase)
    cursor.execute(_COLUMN_SQL, [f"{{{column}}} : {expression}" for column in COLUMNS])
    found = {column: ids for column, ids in cursor.fetchall()}
    return [ids_from_text(found.get(c)) for c in range(len(COLUMNS))]


def insert_terms(cursor, terms: list[str]) -> None:
    cursor.executemany("INSERT OR IGNORE INTO search_term (term) VALUES (%s)", [(term,) for term in terms])


@contextmanager
def rebuilding(connection) -> Iterator[None]:
    """Empty the index for a rebuild and fill FTS5 once at the end, inside the caller's transaction.

    Through the triggers, FTS5 is updated row by row (about 1 ms a document); dropped for the rebuild and
    recreated from their own stored SQL afterwards, the table is written alone and FTS5 rebuilds itself from
    it in one pass, ten times faster. SQLite's DDL is transactional: a failed rebuild rolls the triggers back.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'search_document'"
        )
        triggers = cursor.fetchall()
        for name, _sql in triggers:
            cursor.execute(f'DROP TRIGGER "{name}"')
        cursor.execute("DELETE FROM search_document")
    yield
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        for _name, sql in triggers:
            cursor.execute(sql)


def match_sql(query: Query) -> tuple[str, list[str]]:
    """SQL selecting the entry ids of the live documents matching ``query`` (which must not be empty)."""
    compiled = to_fts5(query)
    if compiled.match is not None:
        return "SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [compiled.match]
    return (
        "SELECT entry_id FROM search_document WHERE live AND entry_id NOT IN "
        "(SELECT rowid FROM search_fts WHERE search_fts MATCH %s)",
        [compiled.exclude],
    )
