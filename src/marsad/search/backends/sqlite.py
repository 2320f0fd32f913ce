"""SQLite FTS5: the `search_fts` table (external content over search_document, see migration 0002)."""

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
