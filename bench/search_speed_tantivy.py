"""tantivy over the same analysed text as Marsad's index, for bench/search_speed.py (benchmark only).

The four columns of search_document are indexed as whitespace-tokenised text fields (our analyzer already did
the linguistics), the facet values as raw multi-valued fast fields. A Marsad query tree is translated node by
node: a phrase is searched in each field with the column weights 4, 2, 1, 0.5 as boosts, an expansion's
translations at 0.6, prefixes as regex or phrase-prefix queries, exclusions as MustNot.
"""

import re
import tempfile
import time

import tantivy

from marsad.search import engine
from marsad.search.models import Document
from marsad.search.query import AllOf, Node, Phrase

COLUMNS = {"title": 4.0, "summary": 2.0, "body": 1.0, "orgs": 0.5}
FACETS = ("country", "action_line", "sdg", "technology", "stakeholder", "status", "scope", "year")


class Index:
    def __init__(self, index: tantivy.Index, schema: tantivy.Schema) -> None:
        self.index, self.schema = index, schema
        self.searcher = index.searcher()


def build() -> tuple[Index, float, int]:
    builder = tantivy.SchemaBuilder()
    for column in COLUMNS:
        builder.add_text_field(column, tokenizer_name="whitespace")
    for facet in FACETS:
        builder.add_text_field(facet, fast=True, tokenizer_name="raw")
    schema = builder.build()
    index = tantivy.Index(schema, path=tempfile.mkdtemp(prefix="tantivy-bench-"))
    rows = list(Document.objects.filter(live=True).values_list(*COLUMNS, "facets"))
    started = time.perf_counter()
    writer = index.writer(heap_size=200_000_000, num_threads=1)
    for *texts, facets in rows:
        fields = dict(zip(COLUMNS, texts, strict=True))
        fields |= {facet: facets.get(facet, []) for facet in FACETS if facets.get(facet)}
        writer.add_document(tantivy.Document(**fields))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return Index(index, schema), time.perf_counter() - started, len(rows)


def _phrase(ix: Index, phrase: Phrase) -> tantivy.Query:
    options = []
    for column, weight in COLUMNS.items():
        tokens = list(phrase.tokens)
        if len(tokens) == 1 and not phrase.prefix:
            query = tantivy.Query.term_query(ix.schema, column, tokens[0])
        elif len(tokens) == 1:
            query = tantivy.Query.regex_query(ix.schema, column, re.escape(tokens[0]) + ".*")
        elif phrase.prefix:
            query = tantivy.Query.phrase_prefix_query(ix.schema, column, tokens)
        else:
            query = tantivy.Query.phrase_query(ix.schema, column, tokens)
        options.append((tantivy.Occur.Should, tantivy.Query.boost_query(query, weight)))
    return tantivy.Query.boolean_query(options)


def _node(ix: Index, node: Node) -> tantivy.Query:
    if isinstance(node, Phrase):
        return _phrase(ix, node)
    if isinstance(node, AllOf):
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, _node(ix, part)) for part in node.parts])
    options = [(tantivy.Occur.Should, _node(ix, option)) for option in node.options]
    if node.expansion:
        options = options[:1] + [(occur, tantivy.Query.boost_query(q, 0.6)) for occur, q in options[1:]]
    return tantivy.Query.boolean_query(options)


def _filter(ix: Index, param: str, codes: list[str]) -> tantivy.Query:
    terms = [(tantivy.Occur.Should, tantivy.Query.term_query(ix.schema, param, code)) for code in codes]
    return tantivy.Query.boolean_query(terms)


def run(ix: Index, text: str, filters: dict[str, list[str]], facets: tuple[str, ...]) -> int:
    """Top 20, total and facet counts (each with the other filters); returns the total."""
    query = engine.prepare(text)
    clauses = [(tantivy.Occur.Must, _node(ix, node)) for node in query.must]
    clauses += [(tantivy.Occur.MustNot, _node(ix, node)) for node in query.must_not]
    if not query.must:
        clauses.append((tantivy.Occur.Must, tantivy.Query.all_query()))

    def with_filters(skip: str | None) -> tantivy.Query:
        extra = [(tantivy.Occur.Must, _filter(ix, p, c)) for p, c in filters.items() if p != skip]
        return tantivy.Query.boolean_query(clauses + extra)

    result = ix.searcher.search(with_filters(None), 20, count=True)
    for facet in facets:
        ix.searcher.aggregate(with_filters(facet), {facet: {"terms": {"field": facet, "size": 300}}})
    return result.count
