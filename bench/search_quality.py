"""How good is Marsad's search? Recall@10 and MRR@10 on hand-judged queries over the demo data.

Corpus: the 157 real entries of data/demo/initiatives.yaml, read directly (no database): each record becomes the
four columns the indexer writes — title; summary; description + outcomes; lead organisation + partners — in
every language it has, analysed per field language exactly as `indexer.columns_of` does. Queries and their
relevant entries are in bench/search_quality_judgements.yaml, judged by hand (see its header).

Configurations, each ranked by the *same* function, `marsad.search.ranking.Scorer` (the engine's ranking):

* plain      — lower-cased runs of letters/digits as written, no normalisation, no stop words;
* normalised — Marsad's normalisation (diacritics, alef/hamza, ى/ي, ة/ه, digits, accents) and stop words;
* stemmed    — + light10-stacked Arabic stemming and Snowball English/French (the production analyzer);
* expanded   — + cross-lingual expansion with the glossary and the vocabularies' translated labels (production).

Recall@10 = relevant entries in the first 10 / min(relevant, 10); MRR@10 = 1 / rank of the first relevant entry
(0 beyond 10); MAP@10 = mean over queries of the precision at each relevant hit in the first 10 / min(relevant,
10), the figure that moves when only the order changes. Ties in score are broken by file order. Queries are AND
of their words, as on the site. Group ``xl`` indexes only the other language's fields of every entry (an Arabic
query over English-only entries and back); the demo data has no French text, so group ``fr`` is cross-lingual.

A second table compares ranking variants on the production analysis: the engine's (a leaf's presence per
column, weights 4/2/1/0.5), the same with occurrence counts per column (per-field BM25 saturation of tf), and
the engine's with equal column weights.

Run: .venv/bin/python bench/search_quality.py [--verbose]
"""

import argparse
import re
import statistics
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import yaml

from marsad.search.analyzer import Analyzer
from marsad.search.expansion import Expander, expander_with
from marsad.search.leaves import column_flags
from marsad.search.query import Phrase, parse
from marsad.search.ranking import COLUMN_WEIGHTS, K1, B, Scorer, column_norms, idf, score_table

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo" / "initiatives.yaml"
JUDGEMENTS = Path(__file__).with_name("search_quality_judgements.yaml")
VOCAB = ROOT / "src" / "marsad" / "vocab" / "data"
LANGUAGES = ("ar", "en", "fr")
GROUPS = ("ar", "en", "fr", "morph", "xl")
CUTOFF = 10


class PlainAnalyzer(Analyzer):
    """Tokens as written: lower-cased runs of word characters, nothing removed or folded."""

    def __init__(self) -> None:
        super().__init__(stem=False, stop_words=False)

    def tokens(self, text: str, lang: str | None = None) -> list[str]:
        return [token.lower() for token in re.findall(r"\w+", text)]

    def prefix_forms(self, word: str) -> tuple[str, ...]:
        return tuple(self.tokens(word)[-1:])


@dataclass
class Config:
    name: str
    analyzer: Analyzer
    expander: Expander | None = None


def configs() -> list[Config]:
    stemmed = Analyzer()
    labels = [
        item["label"]
        for path in sorted(VOCAB.glob("*.yaml"))
        for item in yaml.safe_load(path.read_text("utf-8")).get("items", [])
        if isinstance(item.get("label"), dict)
    ]
    return [
        Config("plain", PlainAnalyzer()),
        Config("normalised", Analyzer(stem=False)),
        Config("stemmed", stemmed),
        Config("expanded", stemmed, expander_with(labels, stemmed)),
    ]


def _texts(record: dict, field: str, languages: tuple[str, ...]) -> list[tuple[str, str]]:
    value = record.get(field) or {}
    return [(value[lang], lang) for lang in languages if value.get(lang)]


def record_columns(record: dict, languages: tuple[str, ...]) -> list[list[tuple[str, str]]]:
    """The (text, language) pairs of the four indexed columns of a demo record, as the indexer builds them."""
    orgs = [record.get("lead_organisation") or {}, *(record.get("partners") or [])]
    return [
        _texts(record, "title", languages),
        _texts(record, "summary", languages),
        _texts(record, "description", languages) + _texts(record, "outcomes", languages),
        [text for org in orgs for text in _texts(org, "name", languages)],
    ]


class Corpus:
    """The demo records analysed into token columns: a :class:`marsad.search.ranking.Collection`."""

    def __init__(self, records: list[dict], analyzer: Analyzer, languages: tuple[str, ...]) -> None:
        self.ids = [record["id"] for record in records]
        self.columns = [
            [[token for text, lang in pairs for token in analyzer.tokens(text, lang)] for pairs in columns]
            for columns in (record_columns(record, languages) for record in records)
        ]
        self.slots = len(records)
        self.live = np.ones(self.slots, dtype=bool)
        self.lengths = np.array([[len(c) for c in doc] for doc in self.columns], dtype=np.float32).T
        self._postings: dict[Phrase, np.ndarray] = {}

    def postings(self, phrase: Phrase) -> np.ndarray:
        if phrase not in self._postings:
            flags = [column_flags(phrase, doc) for doc in self.columns]
            self._postings[phrase] = np.array(flags, dtype=np.uint8)
        return self._postings[phrase]


def occurrences(phrase: Phrase, tokens: list[str]) -> int:
    size = len(phrase.tokens)
    return sum(
        1 for start in range(len(tokens) - size + 1) if column_flags(phrase, [tokens[start : start + size]])
    )


class CountingScorer(Scorer):
    """BM25 per column with the leaf's occurrence count in the column (tf), summed with the column weights."""

    def evaluate(self, node):
        if not isinstance(node, Phrase):
            return super().evaluate(node)
        corpus = self.collection
        tf = np.array([[occurrences(node, doc[c]) for doc in corpus.columns] for c in range(4)], np.float32)
        mask = corpus.postings(node) != 0
        weight = idf(int(mask.sum()), corpus.slots)
        average = np.maximum(corpus.lengths.mean(axis=1, keepdims=True), 1.0)
        norm = 1 - B + B * corpus.lengths / average
        per_column = COLUMN_WEIGHTS[:, None] * tf * (K1 + 1) / (tf + K1 * norm)
        return mask, (weight * per_column.sum(axis=0)).astype(np.float32)


def equal_weights(corpus: Corpus) -> Scorer:
    return Scorer(corpus, score_table(column_norms(corpus.lengths, corpus.live) / COLUMN_WEIGHTS[:, None]))


RANKINGS = {
    "engine (presence, 4/2/1/0.5)": Scorer,
    "occurrence counts": CountingScorer,
    "equal weights": equal_weights,
}


def ranked(corpus: Corpus, config: Config, text: str, scorer=Scorer) -> list[str]:
    query = parse(text, config.analyzer)
    if config.expander is not None:
        query = config.expander.expand(query)
    mask, score = scorer(corpus).match(query)
    ids = np.flatnonzero(mask)
    if score is None:
        return []
    order = ids[np.lexsort((ids, -score[ids]))]
    return [corpus.ids[i] for i in order[:CUTOFF]]


def figures(found: list[str], relevant: set[str]) -> tuple[float, float, float]:
    """Recall@10, reciprocal rank and average precision@10 of one ranked list."""
    hits = [i for i, entry in enumerate(found) if entry in relevant]
    wanted = min(len(relevant), CUTOFF)
    precision = sum((n + 1) / (rank + 1) for n, rank in enumerate(hits)) / wanted
    return len(hits) / wanted, (1 / (hits[0] + 1) if hits else 0.0), precision


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every query's first hits")
    args = parser.parse_args()
    records = yaml.safe_load(DEMO.read_text("utf-8"))
    judged = yaml.safe_load(JUDGEMENTS.read_text("utf-8"))
    known = {record["id"] for record in records}
    for item in judged:
        unknown = set(item["relevant"]) - known
        if unknown:
            raise SystemExit(
                f"{JUDGEMENTS.name}: query {item['q']!r} names unknown entries {sorted(unknown)}"
            )

    @cache
    def corpus(config_index: int, languages: tuple[str, ...]) -> Corpus:
        return Corpus(records, all_configs[config_index].analyzer, languages)

    all_configs = configs()
    corpora = {"all": LANGUAGES, "en": ("en",), "ar": ("ar",)}
    table: dict[tuple[str, str], list[tuple[float, float, float]]] = {}
    for index, config in enumerate(all_configs):
        for item in judged:
            found = ranked(corpus(index, corpora[item.get("corpus", "all")]), config, item["q"])
            row = figures(found, set(item["relevant"]))
            table.setdefault((config.name, item["group"]), []).append(row)
            table.setdefault((config.name, "all"), []).append(row)
            if args.verbose and config.name == all_configs[-1].name:
                marks = " ".join(("+" if entry in item["relevant"] else "-") for entry in found)
                print(f"{item['group']:5} R {row[0]:.2f} RR {row[1]:.2f}  {item['q']}  [{marks}]")
    counts = {group: sum(1 for item in judged if item["group"] == group) for group in GROUPS}
    print(f"{len(judged)} judged queries over {len(records)} entries ({DEMO.relative_to(ROOT)})\n")
    header = " | ".join(f"{group} ({counts[group]})" for group in GROUPS)
    print(f"| configuration | {header} | all ({len(judged)}) |")
    print("|---" * (len(GROUPS) + 2) + "|")
    for config in all_configs:
        cells = []
        for group in (*GROUPS, "all"):
            rows = table[(config.name, group)]
            cells.append(" / ".join(f"{statistics.mean(row[i] for row in rows):.3f}" for i in range(3)))
        print(f"| {config.name} | " + " | ".join(cells) + " |")
    print("\ncells: recall@10 / MRR@10 / MAP@10\n")
    print("| ranking, on the expanded configuration | recall@10 | MRR@10 | MAP@10 |\n|---|---|---|---|")
    production = len(all_configs) - 1
    for name, scorer in RANKINGS.items():
        rows = [
            figures(
                ranked(
                    corpus(production, corpora[item.get("corpus", "all")]), all_configs[-1], item["q"], scorer
                ),
                set(item["relevant"]),
            )
            for item in judged
        ]
        print(
            f"| {name} | "
            + " | ".join(f"{statistics.mean(row[i] for row in rows):.3f}" for i in range(3))
            + " |"
        )


if __name__ == "__main__":
    main()
