"""The visitors' query language, parsed into a small tree and compiled for SQLite FTS5 and PostgreSQL.

Syntax (documented for users in docs/search.md):

* ``words``: every word must match (AND); the backend ranks the hits.
* ``"exact phrase"`` (also “…” and «…»): the words in this order, next to each other (after stop words go).
* ``prefix*``: any word beginning with the prefix (at least two letters).
* ``-word``, ``-"phrase"``: exclude entries containing it.
* ``a OR b`` (also ``|`` and Arabic ``أو``): either side; OR binds tighter than the implicit AND, so
  ``health mobile OR online`` means health AND (mobile OR online).

Every word goes through the same :class:`~marsad.search.analyzer.Analyzer` as the documents. Anything else in
the input (parentheses, colons, carets, ``NEAR``, SQL) is either analysed as ordinary words or dropped with the
punctuation; no input can produce an invalid FTS5 or tsquery expression, because each compiled term is a quoted
string of analysed letters and digits. Input longer than ``MAX_QUERY_CHARS`` is cut, and only the first
``MAX_TERMS`` analysed words are kept.
"""

import re
from dataclasses import dataclass
from itertools import product

from marsad.search.analyzer import DEFAULT, Analyzer
from marsad.search.normalise import TOKEN_RE, clean

MAX_QUERY_CHARS = 2_000
MAX_TERMS = 32
OR_WORDS = frozenset({"OR", "|", "أو", "او"})
_QUOTES = '"“”«»„'
_CHUNK_RE = re.compile(
    rf"(?P<neg>-?)(?:[{_QUOTES}](?P<phrase>[^{_QUOTES}]*)[{_QUOTES}]?(?P<pstar>\*?)|(?P<word>[^\s{_QUOTES}]+))"
)


@dataclass(frozen=True)
class Phrase:
    """Analysed tokens that must appear in this order; a single word is a phrase of one token.

    ``prefix`` marks the last token as a prefix.
    """

    tokens: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class AnyOf:
    """At least one of the options must match. ``expansion`` is set when options[0] is what the user typed
    and the others are its translations (see :mod:`marsad.search.expansion`); backends may rank them lower."""

    options: tuple["Node", ...]
    expansion: bool = False


@dataclass(frozen=True)
class AllOf:
    """Every part must match (a multi-word concept inside an expansion)."""

    parts: tuple["Node", ...]


Node = Phrase | AnyOf | AllOf


@dataclass(frozen=True)
class Query:
    """A parsed query: entries must match every node of ``must`` and none of ``must_not``.

    An empty ``must`` and ``must_not`` (:attr:`is_empty`) means "no text condition": browse.
    """

    must: tuple[Node, ...] = ()
    must_not: tuple[Node, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.must and not self.must_not

    def highlight_terms(self) -> tuple[frozenset[str], frozenset[str]]:
        """The analysed tokens to highlight in a hit, as (exact tokens, prefixes), translations included."""
        exact: set[str] = set()
        prefixes: set[str] = set()
        for phrase in _phrases(self.must):
            exact.update(phrase.tokens[:-1] if phrase.prefix else phrase.tokens)
            if phrase.prefix:
                prefixes.add(phrase.tokens[-1])
        return frozenset(exact), frozenset(prefixes)


def _phrases(nodes: tuple[Node, ...]):
    for node in nodes:
        if isinstance(node, Phrase):
            yield node
        else:
            yield from _phrases(node.options if isinstance(node, AnyOf) else node.parts)


def any_of(options: list[Node] | tuple[Node, ...], *, expansion: bool = False) -> Node:
    """Build an :class:`AnyOf`, flattening nested plain alternatives and dropping duplicates."""
    flat: list[Node] = []
    for option in options:
        nested = isinstance(option, AnyOf) and not option.expansion and not expansion
        flat.extend(option.options if nested else (option,))
    unique = tuple(dict.fromkeys(flat))
    return unique[0] if len(unique) == 1 else AnyOf(unique, expansion)


def _term(text: str, prefix: bool, analyzer: Analyzer) -> Node | None:
    """The node for one word or phrase of the query, or None when nothing is left after analysis."""
    if not prefix:
        sequences = analyzer.query_analyses(text)
        return any_of([Phrase(seq) for seq in sequences]) if sequences[0] else None
    raw = [arabic or other for arabic, other in TOKEN_RE.findall(clean(text))]
    if not raw:
        return None
    heads = analyzer.query_analyses(" ".join(raw[:-1]))
    last = analyzer.prefix_forms(raw[-1])
    if not last:  # a one-letter prefix: search the word itself
        return _term(text, False, analyzer)
    return any_of([Phrase(head + (form,), prefix=True) for head, form in product(heads, last)])


def _size(node: Node) -> int:
    return max((len(p.tokens) for p in _phrases((node,))), default=0)


def parse(text: str, analyzer: Analyzer = DEFAULT) -> Query:
    """Parse a visitor's query. Never raises on a ``str``; returns an empty :class:`Query` when nothing is
    left to search for (empty input, punctuation, stop words only)."""
    groups: list[list[Node]] = []  # each group is OR-ed; groups are AND-ed
    must_not: list[Node] = []
    pending_or = False
    budget = MAX_TERMS
    for chunk in _CHUNK_RE.finditer(clean(text[:MAX_QUERY_CHARS])):
        word = chunk["word"]
        if word in OR_WORDS and not chunk["neg"]:
            pending_or = bool(groups)
            continue
        if word is not None:
            stripped = word.lstrip("+")
            node = _term(stripped.rstrip("*"), stripped.endswith("*"), analyzer)
        else:
            node = _term(chunk["phrase"], bool(chunk["pstar"]), analyzer)
        if node is None or budget <= 0:
            continue
        budget -= _size(node)
        if chunk["neg"]:
            must_not.append(node)
            pending_or = False
        elif pending_or:
            groups[-1].append(node)
            pending_or = False
        else:
            groups.append([node])
    return Query(tuple(any_of(group) for group in groups), tuple(must_not))


@dataclass(frozen=True)
class Fts5Match:
    """A compiled FTS5 query. ``match`` goes to ``WHERE fts MATCH ?``; it is None when the query has no
    positive term, and then ``exclude``, if set, names the rows to drop:
    ``rowid NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)`` (FTS5 has no unary NOT)."""

    match: str | None
    exclude: str | None = None


def _fts5(node: Node) -> str:
    if isinstance(node, Phrase):
        return '"' + " ".join(node.tokens).replace('"', '""') + '"' + ("*" if node.prefix else "")
    if isinstance(node, AnyOf):
        return "(" + " OR ".join(_fts5(option) for option in node.options) + ")"
    return "(" + " AND ".join(_fts5(part) for part in node.parts) + ")"


def to_fts5(query: Query) -> Fts5Match:
    """Compile to an FTS5 MATCH expression in which every term is a double-quoted string."""
    if not query.must:
        return Fts5Match(None, " OR ".join(map(_fts5, query.must_not)) or None)
    match = " AND ".join(map(_fts5, query.must))
    if query.must_not:
        match = f"({match}) NOT ({' OR '.join(map(_fts5, query.must_not))})"
    return Fts5Match(match)


def _lexeme(token: str, prefix: bool) -> str:
    quoted = "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
    return quoted + ":*" if prefix else quoted


def _tsquery(node: Node) -> str:
    if isinstance(node, Phrase):
        last = len(node.tokens) - 1
        lexemes = [_lexeme(token, node.prefix and i == last) for i, token in enumerate(node.tokens)]
        return lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")"
    if isinstance(node, AnyOf):
        return "(" + " | ".join(_tsquery(option) for option in node.options) + ")"
    return "(" + " & ".join(_tsquery(part) for part in node.parts) + ")"


def to_tsquery(query: Query) -> str | None:
    """Compile to a string for ``to_tsquery('simple', %s)`` (pass it as a bound parameter), or None when the
    query is empty. Lexemes are quoted, so the 'simple' parser sees each as one word."""
    parts = [_tsquery(node) for node in query.must]
    if query.must_not:
        parts.append("!(" + " | ".join(_tsquery(node) for node in query.must_not) + ")")
    return " & ".join(parts) or None
