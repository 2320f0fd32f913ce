"""Cross-lingual query expansion: an Arabic query also finds English and French entries, and back.

A *concept* is a set of terms in several languages that mean the same thing ({"ar": "الذكاء الاصطناعي",
"en": "artificial intelligence|AI", "fr": "intelligence artificielle|IA"}). Every term is analysed with the
same analyzer as the documents, in its own language. When a run of consecutive query words (or a quoted
phrase) analyses to one of those terms, the run is replaced by ``AnyOf(original, translation, …)`` marked as an
expansion: the words the user typed still match as before, and entries in the other languages match through
the translations. The expanded :class:`~marsad.search.query.Query` compiles with :func:`~marsad.search.query.to_fts5`
and :func:`~marsad.search.query.to_tsquery` like any other.

Concepts come from the curated glossary shipped with the package (``glossary.tsv``, see glossary.md) and from
any extra list of ``{lang: label}`` dicts, e.g. the translated labels of the vocabularies, passed in by the
caller (this module does not import Django).
"""

import csv
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from itertools import product

from marsad.search.analyzer import DEFAULT, Analyzer
from marsad.search.query import AllOf, AnyOf, Node, Phrase, Query, any_of

LANGUAGES = ("ar", "en", "fr")
MAX_TERM_WORDS = 8  # longest run of query words looked up as one concept
MAX_ADDED_PHRASES = 64  # per query: keeps the compiled expression small whatever the input

Concept = Mapping[str, str | Sequence[str]]


def load_glossary() -> list[dict[str, list[str]]]:
    """Read the packaged glossary.tsv as a list of concepts ``{lang: [term, synonym, …]}``."""
    text = resources.files("marsad.search").joinpath("glossary.tsv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return [
        {lang: row[lang].split("|") for lang in LANGUAGES if row.get(lang)}
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    ]


def _terms(concept: Concept) -> Iterable[tuple[str, str]]:
    for lang, terms in concept.items():
        for term in [terms] if isinstance(terms, str) else terms:
            yield lang, term


class Expander:
    """Looks up runs of analysed query words in a set of concepts and adds their translations.

    Parameters
    ----------
    concepts:
        ``{lang: term}`` or ``{lang: [terms]}`` mappings; languages other than ar/en/fr are analysed with the
        English stemmer for Latin script.
    analyzer:
        Must be the analyzer that built the index.
    """

    def __init__(self, concepts: Iterable[Concept], analyzer: Analyzer = DEFAULT) -> None:
        self.analyzer = analyzer
        self._forms: list[tuple[tuple[str, ...], ...]] = []  # analysed terms of each concept
        self._index: dict[tuple[str, ...], list[int]] = {}  # analysed term -> concepts
        for concept in concepts:
            forms = {tuple(analyzer.tokens(term, lang)) for lang, term in _terms(concept)}
            forms = tuple(sorted(form for form in forms if 0 < len(form) <= MAX_TERM_WORDS))
            if len(forms) < 2:
                continue  # nothing to translate to
            for form in forms:
                self._index.setdefault(form, []).append(len(self._forms))
            self._forms.append(forms)

    def __len__(self) -> int:
        return len(self._forms)

    def translations(self, words: Sequence[Sequence[str]]) -> list[tuple[str, ...]]:
        """The analysed forms of every concept matching ``words``: one list of alternative tokens per word
        (the English and French stems of a Latin word). The forms the words themselves take are left out."""
        typed = set(product(*words))
        found: dict[tuple[str, ...], None] = {}
        for form in typed:
            for concept in self._index.get(form, ()):
                found.update(dict.fromkeys(self._forms[concept]))
        return [form for form in found if form not in typed]

    def expand(self, query: Query, max_added: int = MAX_ADDED_PHRASES) -> Query:
        """Return ``query`` with each recognised concept OR-ed with its translations.

        Exclusions are left as typed. Runs are matched greedily, longest first, so "machine learning" is one
        concept rather than "machine" and "learning". At most ``max_added`` phrases are added in all.
        """
        must = list(query.must)
        out: list[Node] = []
        i = 0
        while i < len(must):
            span, added = self._longest_match(must, i, max_added)
            if not added:
                out.append(must[i])
                i += 1
                continue
            original = must[i] if span == 1 else AllOf(tuple(must[i : i + span]))
            out.append(any_of([original, *(Phrase(form) for form in added)], expansion=True))
            max_added -= len(added)
            i += span
        return Query(tuple(out), query.must_not)

    def _longest_match(self, must: list[Node], start: int, budget: int) -> tuple[int, list[tuple[str, ...]]]:
        words = []
        for node in must[start : start + MAX_TERM_WORDS]:
            variants = _word_variants(node)
            if variants is None:
                break
            words.append(variants)
        if not words:  # a phrase or a prefix: looked up whole
            alternatives = _phrase_variants(must[start])
            found = [] if alternatives is None else self._translations_of_phrases(alternatives)
            return 1, found[: max(0, budget)]
        for span in range(len(words), 0, -1):
            found = self.translations(words[:span])
            if found:
                return span, found[: max(0, budget)]
        return 1, []

    def _translations_of_phrases(self, alternatives: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
        found = {form: None for alt in alternatives for form in self.translations([[t] for t in alt])}
        return [form for form in found if form not in alternatives]


def _phrase_variants(node: Node) -> list[tuple[str, ...]] | None:
    """The token tuples of a node made of whole-word phrases only (no prefix), else None."""
    options = node.options if isinstance(node, AnyOf) and not node.expansion else (node,)
    if all(isinstance(option, Phrase) and not option.prefix for option in options):
        return [option.tokens for option in options]
    return None


def _word_variants(node: Node) -> list[str] | None:
    """The alternative tokens of a node that is one plain query word, else None."""
    variants = _phrase_variants(node)
    if variants is None or any(len(tokens) != 1 for tokens in variants):
        return None
    return [tokens[0] for tokens in variants]


@cache
def glossary_expander() -> Expander:
    """The expander over the packaged glossary with the default analyzer, built once per process."""
    return Expander(load_glossary())


def expander_with(extra: Iterable[Concept], analyzer: Analyzer = DEFAULT) -> Expander:
    """An expander over the glossary plus ``extra`` concepts, e.g. vocabulary labels ``[{"ar": …, "en": …}]``."""
    return Expander([*load_glossary(), *extra], analyzer)


def expand(query: Query, expander: Expander | None = None) -> Query:
    """Expand ``query`` with ``expander`` (the glossary by default); see :meth:`Expander.expand`."""
    return (expander or glossary_expander()).expand(query)
