"""How fast is the analyzer? Prints tokens/s and entries/s for indexing, and microseconds per query.

Indexing 2,000 entries/s needs the analyzer to do several hundred thousand tokens/s. The corpus is generated
(seeded, reproducible) from the vocabularies' Arabic, English and French labels and descriptions and from the
glossary terms, with Arabic clitics (و ف ب ل ال وال بال لل) and diacritics added to some words, mixed Arabic/
English fields, and numbers in Eastern Arabic digits. Each entry has a title, a summary and a description in one
language (60 % Arabic, 30 % English, 10 % French). "cold" starts from an empty token cache; "warm" reruns the
same entries. Figures are the median of 5 runs.

Run: .venv/bin/python bench/analyzer_speed.py [entries]
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

import yaml

from marsad.search.analyzer import Analyzer
from marsad.search.expansion import expand, glossary_expander, load_glossary
from marsad.search.query import parse, to_fts5, to_tsquery

VOCAB = Path(__file__).resolve().parents[1] / "src" / "marsad" / "vocab" / "data"
CLITICS = ["", "", "", "و", "ف", "ب", "ل", "ال", "وال", "بال", "لل"]
DIACRITICS = "\u064e\u064f\u0650\u0651\u0652\u064b"


def vocabulary_words() -> dict[str, list[str]]:
    words: dict[str, list[str]] = {"ar": [], "en": [], "fr": []}
    for path in VOCAB.glob("*.yaml"):
        for item in yaml.safe_load(path.read_text("utf-8"))["items"]:
            for part in (item["label"], item.get("description") or {}):
                for lang in words:
                    words[lang].extend(part.get(lang, "").split())
    for concept in load_glossary():
        for lang in words:
            for term in concept.get(lang, []):
                words[lang].extend(term.split())
    return words


def arabic_word(rng: random.Random, words: list[str]) -> str:
    word = rng.choice(words)
    if not word.startswith("ال"):
        word = rng.choice(CLITICS) + word
    if rng.random() < 0.1:
        word = "".join(ch + (rng.choice(DIACRITICS) if rng.random() < 0.5 else "") for ch in word)
    return word


def generate(n: int, seed: int = 20260) -> list[tuple[str, list[str]]]:
    rng = random.Random(seed)
    words = vocabulary_words()
    entries = []
    for _ in range(n):
        lang = rng.choices(["ar", "en", "fr"], [6, 3, 1])[0]
        fields = []
        for length in (8, 30, 90):  # title, summary, description
            if lang == "ar":
                text = [arabic_word(rng, words["ar"]) for _ in range(length)]
                text[rng.randrange(length)] = rng.choice(["AI", "5G", "IoT", "٢٠٣٠", "e-government"])
            else:
                text = [rng.choice(words[lang]) for _ in range(length)]
            fields.append(" ".join(text))
        entries.append((lang, fields))
    return entries


def index_run(analyzer: Analyzer, entries: list[tuple[str, list[str]]]) -> tuple[float, int]:
    start = time.perf_counter()
    tokens = 0
    for lang, fields in entries:
        for text in fields:
            tokens += len(analyzer.index_text(text, lang).split())
    return time.perf_counter() - start, tokens


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    entries = generate(n)
    raw_words = sum(len(text.split()) for _, fields in entries for text in fields)
    print(f"{n} entries, {raw_words} words ({raw_words / n:.0f} per entry)")
    for stemmer in ("light10-stacked", "snowball"):
        for state in ("cold", "warm"):
            times = []
            for _ in range(5):
                analyzer = Analyzer(arabic_stemmer=stemmer)
                if state == "warm":
                    index_run(analyzer, entries)
                elapsed, tokens = index_run(analyzer, entries)
                times.append(elapsed)
            t = statistics.median(times)
            print(
                f"index {stemmer:16} {state}: {raw_words / t:>10,.0f} words/s  {tokens / t:>10,.0f} tokens/s"
                f"  {n / t:>8,.0f} entries/s"
            )
    # Real text has a long tail of words seen once: every distinct word here is a cache miss.
    distinct = sorted({w for _, fields in entries for text in fields for w in text.split()})
    for stemmer in ("light10-stacked", "snowball"):
        times = []
        for _ in range(5):
            analyzer = Analyzer(arabic_stemmer=stemmer)
            start = time.perf_counter()
            for word in distinct:
                analyzer.tokens(word)
            times.append(time.perf_counter() - start)
        print(
            f"cache misses only {stemmer:16}: {len(distinct) / statistics.median(times):>10,.0f} words/s"
            f" ({len(distinct)} distinct words)"
        )
    queries = [
        "الذكاء الاصطناعي للحكومة",
        "e-health OR telemedicine -covid",
        '"digital economy" 5G',
        "تعلم* الآلي",
    ]
    glossary_expander()
    for text in queries:
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            for _ in range(200):
                query = expand(parse(text))
                to_fts5(query), to_tsquery(query)
            runs.append((time.perf_counter() - start) / 200)
        print(f"query parse+expand+compile {text!r:40} {statistics.median(runs) * 1e6:7.0f} µs")


if __name__ == "__main__":
    main()
