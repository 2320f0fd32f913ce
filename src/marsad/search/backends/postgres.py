"""PostgreSQL: the weighted `tsv` column of search_document and its GIN index (see migration 0002).

The four columns are concatenated into one tsvector with weights A-D. PostgreSQL shifts the positions of each
concatenated part after the previous one, so a phrase could run from the end of the title into the summary;
FTS5 never matches across columns. A phrase of several words is therefore compiled as the OR of the phrase
restricted to each weight, which matches exactly where FTS5 does.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from marsad.search.backends import ids_from_text
from marsad.search.query import AllOf, AnyOf, Node, Phrase, Query

WEIGHTS = "ABCD"  # title, summary, body, organisations


def _lexeme(token: str, prefix: bool, weight: str) -> str:
    quoted = "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
    marks = ("*" if prefix else "") + weight
    return f"{quoted}:{marks}" if marks else quoted


def phrase_in(phrase: Phrase, weight: str) -> str:
    last = len(phrase.tokens) - 1
    lexemes = [_lexeme(t, phrase.prefix and i == last, weight) for i, t in enumerate(phrase.tokens)]
    return lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")"


def phrase_anywhere(phrase: Phrase) -> str:
    if len(phrase.tokens) == 1:
        return phrase_in(phrase, "")
    return "(" + " | ".join(phrase_in(phrase, weight) for weight in WEIGHTS) + ")"


def _node(node: Node) -> str:
    if isinstance(node, Phrase):
        return phrase_anywhere(node)
    if isinstance(node, AnyOf):
        return "(" + " | ".join(map(_node, node.options)) + ")"
    if isinstance(node, AllOf):
        return "(" + " & ".join(map(_node, node.parts)) + ")"
    raise TypeError(node)


def tsquery(query: Query) -> str:
    """The query for ``to_tsquery('simple', %s)``; every lexeme quoted, phrases kept within one column."""
    parts = [_node(node) for node in query.must]
    if query.must_not:
        parts.append("!(" + " | ".join(map(_node, query.must_not)) + ")")
    return " & ".join(parts)


def column_ids(cursor, phrase: Phrase) -> list[np.ndarray]:
    """The entry ids whose column ``c`` contains ``phrase``, for each column, in one statement."""
    filters = ", ".join(
        "string_agg(entry_id::text, ',') FILTER (WHERE tsv @@ to_tsquery('simple', %s))" for _ in WEIGHTS
    )
    cursor.execute(
        f"SELECT {filters} FROM search_document WHERE tsv @@ to_tsquery('simple', %s)",
        [phrase_in(phrase, weight) for weight in WEIGHTS] + [phrase_anywhere(phrase)],
    )
    return [ids_from_text(joined) for joined in cursor.fetchone()]


def insert_terms(cursor, terms: list[str]) -> None:
    cursor.execute("INSERT INTO search_term (term) SELECT unnest(%s::text[]) ON CONFLICT DO NOTHING", [terms])


@contextmanager
def rebuilding(connection) -> Iterator[None]:
    """Empty the index for a rebuild (readers keep seeing the old one until commit), then refresh the
    planner's statistics of the rewritten table."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_document")
    yield
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_document")


def match_sql(query: Query) -> tuple[str, list[str]]:
    """SQL selecting the entry ids of the live documents matching ``query`` (which must not be empty)."""
    return (
        "SELECT entry_id FROM search_document WHERE live AND tsv @@ to_tsquery('simple', %s)",
        [tsquery(query)],
    )
