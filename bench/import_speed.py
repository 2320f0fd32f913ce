"""How fast does `marsad import` load a 100,000-row CSV, validated, committed and searchable?

For each database a child process gets a database of its own (a temporary SQLite file; the PostgreSQL
database ``marsad_bench_import``, dropped and recreated — never var/marsad.sqlite3 nor ``marsad``), migrates it,
writes a seeded CSV of N bilingual rows (Arabic and English titles and summaries, vocabulary codes drawn from
the loaded vocabularies, 50 lead organisations, dates, a source page and a link per row: the shape of a real
export), then times, as a moderator, with the validation workers `marsad import` starts on this machine
(`importer.default_workers`):

* the dry run (read, validate every row with the entry form's rules, classify; nothing written);
* the commit (the same, plus writing entries, revisions, links and review events in one transaction, and the
  search index following each batch of published entries in that transaction), with the time spent in the search
  index's receiver measured separately;
* a second import of the same file (idempotent: every row unchanged, nothing written);

and checks that every entry is published and found by a full-text query. Prints rows/s for each.

Then it exports the N published entries in each format (`marsad export`, as the download pages do), each in a
process of its own, and prints the time and the process's peak resident memory over its resident memory before
the export (Django loaded with every app's modules, connected): a streamed export stays flat whatever N is, one
that held the repository would grow with it.

Run: .venv/bin/python bench/import_speed.py [--rows 100000] [--backends sqlite postgres]
     [--formats csv json jsonld xlsx]   (--formats alone: no export)
"""

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FORMATS = ("csv", "json", "jsonld", "xlsx")
PG_BENCH = "postgres://postgres@127.0.0.1:5432/marsad_bench_import"
WORDS_EN = (
    "digital skills platform national programme data health learning smart services agriculture water energy "
    "youth women startups innovation cloud security open government portal"
).split()
WORDS_AR = (
    "منصة رقمية برنامج وطني بيانات صحة تعليم ذكي خدمات زراعة مياه طاقة شباب نساء ابتكار سحابة أمن حكومة "
    "مفتوحة بوابة"
).split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgres"])
    parser.add_argument(
        "--formats", nargs="*", default=list(FORMATS), help="export formats to time (none: skip)"
    )
    parser.add_argument("--child", nargs=3, metavar=("BACKEND", "ROWS", "FORMATS"), help=argparse.SUPPRESS)
    parser.add_argument("--export", metavar="FORMAT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(int(args.child[1]), [f for f in args.child[2].split(",") if f])))
        return
    if args.export:
        print(json.dumps(export(args.export)))
        return
    for backend in args.backends:
        report(backend, args.rows, run_child(backend, args.rows, args.formats))


def run_child(backend: str, rows: int, formats: list[str]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, MARSAD_VAR_DIR=tmp, DJANGO_SETTINGS_MODULE="marsad.settings")
        if backend == "sqlite":
            env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        else:
            import psycopg

            with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as conn:
                conn.execute("DROP DATABASE IF EXISTS marsad_bench_import")
                conn.execute("CREATE DATABASE marsad_bench_import")
            env["DATABASE_URL"] = PG_BENCH
        out = subprocess.run(
            [sys.executable, __file__, "--child", backend, str(rows), ",".join(formats)],
            env=env,
            capture_output=True,
            text=True,
        )
        if out.returncode:
            sys.exit(out.stderr[-3000:])
        return json.loads(out.stdout.strip().splitlines()[-1])


def report(backend: str, rows: int, r: dict) -> None:
    print(
        f"\n== {backend}: {rows:,}-row CSV ({r['megabytes']:.1f} MB), {r['workers']} validation worker(s) "
        f"beside the importing process, as `marsad import` uses on this machine"
    )
    print(
        f"dry run            {rows / r['dry_s']:8.0f} rows/s  ({r['dry_s']:6.1f} s)  read + validate + classify"
    )
    print(
        f"commit             {rows / r['commit_s']:8.0f} rows/s  ({r['commit_s']:6.1f} s)  of which search index "
        f"{r['index_s']:.1f} s ({rows / max(r['index_s'], 1e-9):.0f} entries/s)"
    )
    print(f"commit, no index   {rows / (r['commit_s'] - r['index_s']):8.0f} rows/s  (the import's own share)")
    print(
        f"same file again    {rows / r['again_s']:8.0f} rows/s  ({r['again_s']:6.1f} s)  all unchanged, nothing written"
    )
    print(
        f"published {r['published']:,}; full-text query finds {r['found']:,} of the {r['expected']:,} rows it should"
    )
    at_target = r["commit_s"] * 100_000 / rows
    verdict = "under" if at_target < 120 else "OVER"
    scaled = "" if rows == 100_000 else ", scaled linearly from this run"
    print(
        f"target: 100,000 rows validated, committed and searchable in under 2 minutes: {verdict} "
        f"({at_target:.0f} s{scaled})"
    )
    for fmt, e in r["exports"].items():
        print(
            f"export {fmt:6}      {rows / e['seconds']:8.0f} rows/s  ({e['seconds']:6.1f} s, "
            f"{e['megabytes']:6.1f} MB)  peak RSS {e['peak_mb']:.0f} MB = {e['before_mb']:.0f} MB before + "
            f"{e['peak_mb'] - e['before_mb']:.0f} MB"
        )


# --- child --------------------------------------------------------------------------------------------------


def write_csv(path: Path, rows: int) -> int:
    from marsad.vocab.models import Kind, Term

    rng = random.Random(20261122)
    codes = {kind: list(Term.objects.of(kind).values_list("code", flat=True)) for kind in Kind.values}
    countries = ["SA", "AE", "EG", "TN", "MA", "JO", "QA", "KW", "BH", "OM", "DZ", "IQ", "LB", "SD", "PS"]
    header = [
        "id",
        "title_ar",
        "title_en",
        "summary_ar",
        "summary_en",
        "description_en",
        "action_lines",
        "technologies",
        "sdgs",
        "beneficiaries",
        "countries",
        "stakeholder_type",
        "scope",
        "status",
        "start",
        "end",
        "lead_organisation_name_en",
        "lead_organisation_country",
        "lead_organisation_type",
        "source_url",
        "links",
    ]
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for n in range(rows):
            en = " ".join(rng.sample(WORDS_EN, 4))
            ar = " ".join(rng.sample(WORDS_AR, 4))
            start = rng.randint(2010, 2024)
            org = n % 50
            writer.writerow(
                [
                    f"bench-{n}",
                    f"{ar} {n}",
                    f"{en.capitalize()} {n}" + (" marker" if n % 10 == 0 else ""),
                    f"{ar} {' '.join(rng.sample(WORDS_AR, 6))}.",
                    f"{en.capitalize()} {' '.join(rng.sample(WORDS_EN, 8))}.",
                    f"A **{rng.choice(WORDS_EN)}** initiative about {' and '.join(rng.sample(WORDS_EN, 3))}.",
                    "; ".join(rng.sample(codes["action_line"], rng.randint(1, 2))),
                    "; ".join(rng.sample(codes["technology"], rng.randint(1, 3))),
                    "; ".join(rng.sample(codes["sdg"], rng.randint(0, 2))),
                    "; ".join(rng.sample(codes["beneficiary"], rng.randint(0, 2))),
                    "; ".join(rng.sample(countries, rng.randint(1, 2))),
                    rng.choice(codes["stakeholder_type"]),
                    rng.choice(codes["scope"]),
                    rng.choice(codes["status"]),
                    str(start),
                    f"{start + rng.randint(0, 5)}-{rng.randint(1, 12):02d}",
                    f"Benchmark organisation {org}",
                    countries[org % len(countries)],
                    "government",
                    f"https://example.org/initiatives/{n}",
                    f"https://example.org/reports/{n} Report",
                ]
            )
    return path.stat().st_size


def child(rows: int, formats: list[str]) -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from marsad.accounts.models import User
    from marsad.exchange import bulk, importer
    from marsad.initiatives.filters import EntryQuery
    from marsad.initiatives.models import Entry
    from marsad.search import indexer

    moderator = User.objects.create_user(email="bench@example.org", is_moderator=True)
    path = Path(os.environ["MARSAD_VAR_DIR"]) / "entries.csv"
    size = write_csv(path, rows)

    spent = [0.0]

    def timed_index(sender, entries, **kwargs):
        started = time.perf_counter()
        indexer.on_entries_published(sender, entries=entries)
        spent[0] += time.perf_counter() - started

    bulk.entries_published.disconnect(dispatch_uid="marsad.search.index_batch")
    bulk.entries_published.connect(timed_index, dispatch_uid="bench.timed_index")

    def timed_run(dry_run: bool):
        with path.open("rb") as file:
            started = time.perf_counter()
            options = importer.Options(actor=moderator, dry_run=dry_run, workers=importer.default_workers())
            report = importer.run(file, path.name, options)
            return report, time.perf_counter() - started

    dry, dry_s = timed_run(True)
    assert dry.ok and dry.counts["new"] == rows, dry.summary()
    done, commit_s = timed_run(False)
    assert done.committed, done.summary()
    again, again_s = timed_run(False)
    assert again.counts["unchanged"] == rows, again.summary()
    found = EntryQuery(q="marker").results().count()
    exports = {}
    for fmt in formats:
        out = subprocess.run(
            [sys.executable, __file__, "--export", fmt], env=os.environ, capture_output=True, text=True
        )
        if out.returncode:
            sys.exit(out.stderr[-3000:])
        exports[fmt] = json.loads(out.stdout.strip().splitlines()[-1])
        assert exports[fmt]["entries"] == rows, exports[fmt]
    return {
        "exports": exports,
        "megabytes": size / 1e6,
        "workers": importer.default_workers(),
        "dry_s": dry_s,
        "commit_s": commit_s,
        "index_s": spent[0],
        "again_s": again_s,
        "published": Entry.objects.public().count(),
        "found": found,
        "expected": len(range(0, rows, 10)),
    }


def _memory_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process, in MB.

    Not `getrusage().ru_maxrss`: Linux carries it over fork and exec, so a child started by the 600 MB importing
    process would report that process's peak as its own.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024  # kB
    raise RuntimeError(f"no {field} in /proc/self/status")


def export(fmt: str) -> dict:
    """Export every published entry to a file with `marsad export`; time and peak memory of this process."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.urls import reverse

    from marsad.initiatives.models import Entry

    entries = Entry.objects.public().count()
    reverse("home")  # the export links each entry: load every app's modules before measuring
    before = _memory_mb("VmRSS")
    path = Path(os.environ["MARSAD_VAR_DIR"]) / f"export.{fmt}"
    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("export", format=fmt, output=path, stderr=quiet)
    seconds = time.perf_counter() - started
    return {
        "entries": entries,
        "seconds": seconds,
        "megabytes": path.stat().st_size / 1e6,
        "before_mb": before,
        "peak_mb": _memory_mb("VmHWM"),
    }


if __name__ == "__main__":
    main()
