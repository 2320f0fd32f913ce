"""Speed of the maturity index in the web (issue 7): prints figures, asserts nothing.

    .venv/bin/python bench/insights_speed.py [--requests 200] [--runs 1000]

On a temporary SQLite database (never var/marsad.sqlite3; `DATABASE_URL` is set to a file in a temporary
directory before Django starts), with the full default edition (the bundled World Bank data, 215 countries,
ten years, rank intervals from `--runs` Monte Carlo replications per aggregate):

1. Publishing the default edition: seconds.
2. The first page after a process start (the edition rebuilt from the database): ms.
3. Country profile page, through Django's test client (full middleware, templates, charts), cycling over
   countries and both languages: p50 / p95 ms. Target p95 ≤ 150 ms.
4. What-if update as htmx sends it (a partial page with one to three moved sliders): p50 / p95 ms. Target
   p95 ≤ 100 ms.
5. For reference: the rankings page and the profile PDF.
"""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

TMP = tempfile.mkdtemp(prefix="marsad-bench-")
atexit.register(shutil.rmtree, TMP, ignore_errors=True)
os.environ["DATABASE_URL"] = f"sqlite:///{Path(TMP) / 'bench.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marsad.settings")

import django  # noqa: E402 - the database must be chosen before Django reads its settings

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from marsad.insights import built as built_cache  # noqa: E402
from marsad.insights.editions import load_default_edition  # noqa: E402

COUNTRIES = (
    "SAU",
    "ARE",
    "TUN",
    "EGY",
    "MAR",
    "JOR",
    "QAT",
    "KWT",
    "BHR",
    "OMN",
    "DZA",
    "PAK",
    "NGA",
    "GRC",
    "FRA",
)
MOVES = (
    {"IT.NET.BBND.P2": "{}"},
    {"IT.NET.BBND.P2": "{}", "GB.XPD.RSDV.GD.ZS": "1.5"},
    {"SE.TER.ENRR": "{}", "FB.ATM.TOTL.P5": "80", "SL.UEM.TOTL.ZS": "4"},
)


def timed(client: Client, url: str, params: dict | None = None, **headers: str) -> float:
    start = time.perf_counter()
    response = client.get(url, params or {}, **headers)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} {params}: HTTP {response.status_code}")
    return elapsed


def summary(name: str, times: list[float], target: float | None = None) -> None:
    ordered = sorted(times)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    goal = f" (target p95 ≤ {target:.0f} ms: {'met' if p95 <= target else 'NOT met'})" if target else ""
    print(f"{name}: n={len(times)} p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {ordered[-1]:.1f} ms{goal}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--runs", type=int, default=1000)
    args = parser.parse_args()
    setup_test_environment()
    print(f"temporary database: {os.environ['DATABASE_URL']}")
    call_command("migrate", verbosity=0)

    start = time.perf_counter()
    edition = load_default_edition(runs=args.runs)
    print(f"publish the default edition ({args.runs} runs per interval): {time.perf_counter() - start:.1f} s")

    client = Client()
    built_cache._cache.clear()  # as after a process start
    print(f"first profile after a process start: {timed(client, '/en/index/countries/SAU/'):.0f} ms")

    profile = []
    for k in range(args.requests):
        lang = ("ar", "en")[k % 2]
        profile.append(timed(client, f"/{lang}/index/countries/{COUNTRIES[k % len(COUNTRIES)]}/"))
    summary("profile page", profile, 150)

    whatif = []
    for k in range(args.requests):
        unit = COUNTRIES[k % len(COUNTRIES)]
        move = {code: value.format(10 + k % 50) for code, value in MOVES[k % len(MOVES)].items()}
        lang = ("ar", "en")[k % 2]
        whatif.append(timed(client, f"/{lang}/index/countries/{unit}/what-if/", move, HTTP_HX_REQUEST="true"))
    summary("what-if update (htmx partial)", whatif, 100)

    summary("rankings page", [timed(client, "/ar/index/", {"group": "LAS"}) for _ in range(20)])
    summary("what-if page (full)", [timed(client, f"/en/index/countries/{u}/what-if/") for u in COUNTRIES])
    summary("profile PDF", [timed(client, f"/ar/index/countries/{u}/profile.pdf") for u in COUNTRIES[:5]])
    print(f"edition {edition.number}: years {edition.years[0]}-{edition.years[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
