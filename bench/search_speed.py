"""How fast is Marsad's search at 1k, 10k and 100k entries, on SQLite and PostgreSQL, and next to tantivy?

For each database and size, a child process gets a database of its own (a temporary SQLite file; the
PostgreSQL database ``marsad_search_bench``, dropped and recreated — never var/marsad.sqlite3 nor ``marsad``), migrates
it, writes N published entries generated from the vocabularies and the glossary (seeded: Arabic and English text
in every entry, 90 % of them containing مبادرة/initiative, ~40 % about AI), then:

* builds the index with ``indexer.rebuild()`` (entries/s) and times the publish path (``index_entry``, ms);
* runs a fixed mix of 32 searches (Arabic, English, mixed, broad, narrow, phrase, prefix, exclusion, OR; each
  without and with 2 filters), each producing what the list page needs: the total, the counts of all 8 facets
  with their labels, and 20 hits read from the database with highlighted titles and snippets — *cold* (the leaf
  cache emptied before every search: each word is read from the full-text index) and *warm* (5 more passes);
* times similar-initiative retrieval for `--similar` entries (20 by default), cold then again;
* indexes the same analysed text with tantivy (Rust; benchmark-only dependency) and runs the same mix there
  (top 20 by BM25 with field boosts, total count, and 6 facet counts by terms aggregation, each with the other
  filters — the same work as the facet sidebar), and prints Marsad/tantivy latency ratios.

Run: .venv/bin/python bench/search_speed.py [--sizes 1000 10000 100000] [--backends sqlite postgres] [--similar 20]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_BENCH = "postgres://postgres@127.0.0.1:5432/marsad_search_bench"
MIX_TEXTS = [
    "الذكاء الاصطناعي",
    "artificial intelligence",
    "مبادرة",
    "initiative",
    "الحكومة الإلكترونية",
    "e-government",
    "blockchain",
    "سلسلة الكتل",
    "الأمن السيبراني للبنوك",
    '"digital twin"',
    "تعلم*",
    "smart cit*",
    "health -telemedicine",
    "AI الصحة",
    "5G OR الجيل الخامس",
    "quantum computing research",
]
FILTERS = [{}, {"country": ["SA", "AE"], "technology": ["ai"]}]
SIX_FACETS = ("country", "action_line", "sdg", "technology", "stakeholder", "status")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(values: list[float]) -> str:
    return f"p50 {percentile(values, 0.5):7.1f} ms  p95 {percentile(values, 0.95):7.1f} ms"


# --- parent -------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgres"])
    parser.add_argument(
        "--similar",
        type=int,
        default=20,
        help="entries whose similar initiatives are timed (each cold call reads ~90 leaves: minutes on "
        "PostgreSQL at 100k)",
    )
    parser.add_argument("--child", nargs=2, metavar=("BACKEND", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(int(args.child[1]), args.similar)))
        return
    for size in args.sizes:
        for backend in args.backends:
            report(backend, size, run_child(backend, size, args.similar))


def run_child(backend: str, size: int, similar: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, MARSAD_VAR_DIR=tmp, DJANGO_SETTINGS_MODULE="marsad.settings")
        if backend == "sqlite":
            env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        else:
            import psycopg

            with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as conn:
                conn.execute("DROP DATABASE IF EXISTS marsad_search_bench")
                conn.execute("CREATE DATABASE marsad_search_bench")
            env["DATABASE_URL"] = PG_BENCH
        out = subprocess.run(
            [sys.executable, __file__, "--child", backend, str(size), "--similar", str(similar)],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        )
        return json.loads(out.stdout.strip().splitlines()[-1])


def report(backend: str, size: int, r: dict) -> None:
    print(f"\n== {backend}, {size:,} entries")
    print(
        f"index build      {r['index_rate']:8.0f} entries/s  ({r['index_seconds']:.1f} s; "
        f"{r['index_cpu_rate']:.0f} entries per CPU-second of this process)"
    )
    print(f"publish path     {summary(r['publish_ms'])}   (index_entry of one entry, in its transaction)")
    print(f"process start    {r['first_sync_ms']:8.0f} ms  (first catalogue load)")
    print(f"mix, cold        {summary(r['cold_ms'])}   (no cached leaf: every word read from the index)")
    print(f"mix, warm        {summary(r['warm_ms'])}   CPU {summary(r['warm_cpu_ms'])}")
    print(f"  engine only    {summary(r['engine_warm_ms'])}   CPU {summary(r['engine_cpu_ms'])}")
    print(
        "                 (engine: match, rank, all facet counts; mix: + 20 hits read and highlighted, labels)"
    )
    print(f"  broad, warm    {summary(r['broad_warm_ms'])}   (مبادرة / initiative: ~90 % of entries)")
    print(f"similar (top 5)  {summary(r['similar_ms'])}   warm; cold {summary(r['similar_cold_ms'])}")
    if "tantivy_ms" in r:
        t = r["tantivy_ms"]
        print(f"tantivy index    {r['tantivy_rate']:8.0f} entries/s")
        print(f"tantivy mix      {summary(t)}")
        ratio_warm = percentile(r["warm_ms"], 0.5) / percentile(t, 0.5)
        ratio_cold = percentile(r["cold_ms"], 0.5) / percentile(t, 0.5)
        print(
            f"Marsad/tantivy   p50 ratio warm {ratio_warm:.1f}x, cold {ratio_cold:.1f}x; p95 ratio warm "
            f"{percentile(r['warm_ms'], 0.95) / percentile(t, 0.95):.1f}x"
        )
    print(f"top-20 overlap with FTS5 bm25 (same weights), sqlite only: {r.get('bm25_overlap', 'n/a')}")


# --- child --------------------------------------------------------------------------------------------------


def child(size: int, similar: int) -> dict:
    import django

    sys.path.insert(0, str(Path(__file__).parent))
    django.setup()
    from django.core.management import call_command

    from search_speed_data import write_entries

    call_command("migrate", verbosity=0)
    write_entries(size, seed=2026)
    return measure(size, similar)


def timed(function) -> tuple[float, object]:
    started = time.perf_counter()
    value = function()
    return (time.perf_counter() - started) * 1000, value


def timed_cpu(function) -> tuple[float, float]:
    """Wall and CPU milliseconds of this process: on a machine shared with other jobs the CPU time is what a
    dedicated machine would take (all of SQLite's work is in this process; PostgreSQL's is not)."""
    wall, cpu = time.perf_counter(), time.process_time()
    function()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def measure(size: int, similar: int) -> dict:
    from django.db import connection, transaction
    from django.http import QueryDict
    from django.utils import translation

    from marsad.initiatives.filters import FACETS, EntryQuery
    from marsad.initiatives.models import Entry
    from marsad.search import catalogue, engine, indexer
    from marsad.search.similar import similar_entries

    out: dict = {}
    cpu = time.process_time()
    seconds, count = timed(indexer.rebuild)
    out["index_seconds"], out["index_rate"] = seconds / 1000, count / (seconds / 1000)
    out["index_cpu_rate"] = count / (time.process_time() - cpu)
    entries = list(Entry.objects.order_by("?")[: 20 + similar])
    publish = []
    for entry in entries[:20]:
        with transaction.atomic():
            publish.append(timed(lambda e=entry: indexer.index_entry(e))[0])
    out["publish_ms"] = publish
    cat = catalogue.current()
    out["first_sync_ms"] = timed(lambda: (cat.lock.acquire(), cat.sync(), cat.lock.release()))[0]

    def page(text: str, filters: dict) -> None:
        params = QueryDict(mutable=True)
        for key, values in filters.items():
            params.setlist(key, values)
        params["q"] = text
        query = EntryQuery.from_params(params)
        query.facet_counts()
        list(query.results()[:20])

    mix = [(text, filters) for text in MIX_TEXTS for filters in FILTERS]
    translation.activate("ar")
    engine.default_expander()
    out["cold_ms"] = []
    for text, filters in mix:
        with cat.lock:
            cat.leaves.clear()
        out["cold_ms"].append(timed(lambda t=text, f=filters: page(t, f))[0])
    for key in ("warm_ms", "warm_cpu_ms", "engine_warm_ms", "engine_cpu_ms", "broad_warm_ms"):
        out[key] = []
    facets = [facet.param for facet in FACETS]
    for _ in range(5):
        for text, filters in mix:
            ms, cpu_ms = timed_cpu(lambda t=text, f=filters: page(t, f))
            out["warm_ms"].append(ms)
            out["warm_cpu_ms"].append(cpu_ms)
            if text in ("مبادرة", "initiative"):
                out["broad_warm_ms"].append(ms)
            prepared = engine.prepare(text)
            ms, cpu_ms = timed_cpu(lambda p=prepared, f=filters: engine.run(p, f, facets))
            out["engine_warm_ms"].append(ms)
            out["engine_cpu_ms"].append(cpu_ms)
    with cat.lock:
        cat.leaves.clear()
    out["similar_cold_ms"] = [timed(lambda e=e: similar_entries(e, 5))[0] for e in entries[20:]]
    out["similar_ms"] = [timed(lambda e=e: similar_entries(e, 5))[0] for e in entries[20:]]
    if connection.vendor == "sqlite":
        out["bm25_overlap"] = bm25_overlap(mix)
    out |= tantivy_mix(mix)
    return out


def bm25_overlap(mix) -> str:
    """Mean share of the engine's top 20 that FTS5's bm25() (weights 4, 2, 1, 0.5) also ranks in its top 20."""
    from django.db import connection

    from marsad.search import engine
    from marsad.search.query import to_fts5

    shares = []
    for text, filters in mix:
        if filters:
            continue
        prepared = engine.prepare(text)
        compiled = to_fts5(prepared)
        if compiled.match is None:
            continue
        ours = engine.run(prepared).ordered("relevance", 20)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY bm25(search_fts, 4, 2, 1, 0.5) "
                "LIMIT 20",
                [compiled.match],
            )
            theirs = {row[0] for row in cursor.fetchall()}
        if ours:
            shares.append(len(set(ours) & theirs) / len(ours))
    return f"{statistics.mean(shares):.2f} over {len(shares)} queries"


def tantivy_mix(mix) -> dict:
    from search_speed_tantivy import build, run

    index, seconds, count = build()
    times = []
    for _ in range(5):
        for text, filters in mix:
            times.append(timed(lambda t=text, f=filters: run(index, t, f, SIX_FACETS))[0])
    return {"tantivy_ms": times, "tantivy_rate": count / seconds}


if __name__ == "__main__":
    main()
