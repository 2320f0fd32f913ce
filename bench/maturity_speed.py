"""Speed of the maturity-index engine (issue 5): prints medians and ratios, asserts nothing.

    .venv/bin/python bench/maturity_speed.py [--replications 10000] [--naive 100]

1. Full build (checks → imputation → treatment → normalisation → aggregation → ranks) of a synthetic
   200 units × 120 indicators × 4 levels index (seeded): median of repeated builds. Target ≤ 50 ms.
2. Uncertainty analysis with 10,000 replications over noisy weights, normalisation and aggregation method on
   the same index: total time and replications per second. Target ≤ 10 s.
3. COINr's sensitivity-vignette design on the ASEM example (winmax 1-5, min-max [1, 100] or z-score (10, 2),
   weights ±25% at levels 2-3, arithmetic or geometric mean): 100 uncertainty replications and the
   600-replication Sobol design, against COINr's measured 10.0 s and 63.5 s.
4. The naive reference: a Python loop that rebuilds the whole index once per replication; speed-up ratio.
5. What-if on the synthetic index (issue 7 needs < 100 ms per slider update).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from marsad.maturity import (
    Dataset,
    MethodError,
    WhatIfModel,
    build,
    load_data,
    load_framework,
    parse_framework,
    perturb_weights,
    sensitivity,
    uncertainty,
    vary,
    whatif,
)

ASEM = Path(__file__).resolve().parent.parent / "tests" / "maturity" / "fixtures" / "coinr_asem"
COINR_UA_100_S, COINR_SA_600_S = 10.0, 63.5  # COINr 1.1.14 on ASEM, measured on a 2-core machine (README)


def synthetic(units: int = 200, dimensions: int = 4, pillars: int = 6, per_pillar: int = 5, seed: int = 2026):
    """A 4-level index (index → 4 dimensions → 24 pillars → 120 indicators) and skewed data with 5% gaps."""
    rng = np.random.default_rng(seed)
    aggregates = [{"code": "IDX", "name": "Index"}]
    indicators = []
    for d in range(dimensions):
        aggregates.append({"code": f"D{d}", "name": f"Dimension {d}", "parent": "IDX"})
        for p in range(pillars):
            pillar = f"D{d}P{p}"
            aggregates.append(
                {
                    "code": pillar,
                    "name": f"Pillar {pillar}",
                    "parent": f"D{d}",
                    "weight": float(rng.uniform(0.5, 2)),
                }
            )
            for k in range(per_pillar):
                indicators.append(
                    {
                        "code": f"{pillar}I{k}",
                        "name": "indicator",
                        "parent": pillar,
                        "direction": int(rng.choice([1, -1], p=[0.8, 0.2])),
                    }
                )
    framework = parse_framework(
        {
            "id": "synthetic",
            "version": "1",
            "aggregates": aggregates,
            "indicators": indicators,
            "method": {
                "impute": {"method": "group_mean", "group": "region"},
                "treat": {"method": "skew_kurtosis", "winmax": 5},
            },
        }
    )
    m = len(indicators)
    latent = rng.normal(size=(units, 1))
    X = latent * rng.uniform(0.3, 1.0, m) + rng.normal(size=(units, m))
    skewed = rng.random(m) < 0.3  # a third of the indicators are log-normal, as GDP-like series are
    X[:, skewed] = np.exp(1.5 * X[:, skewed])
    X[rng.random(X.shape) < 0.05] = np.nan
    regions = list(rng.choice(["Gulf", "Levant", "Maghreb", "Other"], units))
    data = Dataset.from_arrays(
        [f"U{i:03d}" for i in range(units)], list(framework.indicators), X, groups={"region": regions}
    )
    return framework, data


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def naive_replication(framework, data, weights, normalise, aggregate):
    """What a rebuild-per-replication engine does (COINr's regenerate): new framework weights, full build; a
    method that cannot run (geometric mean of a negative z-score) fails the replication, as in COINr."""
    nodes = tuple(replace(n, weight=float(w)) for n, w in zip(framework.nodes, weights, strict=True))
    try:
        result = build(replace(framework, nodes=nodes), data, normalise=normalise, aggregate=aggregate)
    except MethodError:
        return np.full(len(data.units), np.nan)
    return result.column(framework.root)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replications", type=int, default=10_000)
    parser.add_argument("--naive", type=int, default=100, help="replications of the naive loop")
    args = parser.parse_args(argv)
    framework, data = synthetic()
    n_units, n_ind = len(data.units), len(framework.indicators)
    print(
        f"synthetic index: {n_units} units × {n_ind} indicators × {len(framework.levels) + 1} levels "
        f"(seed 2026)"
    )

    build(framework, data)  # warm caches (framework plan, numpy)
    build_ms = median_ms(lambda: build(framework, data), 31)
    print(f"1. full build: median {build_ms:.1f} ms over 31 builds (target ≤ 50 ms)")

    norms = [{"method": "minmax", "low": 1, "high": 100}, {"method": "zscore", "mean": 10, "sd": 2}]
    assumptions = [
        perturb_weights({2: 0.25, 3: 0.25, 4: 0.25}, pool=1000, name="weights"),
        vary("normalise", norms, "normalisation"),
        vary("aggregate", ["arithmetic", "geometric"], "aggregation"),
    ]
    start = time.perf_counter()
    ua = uncertainty(framework, data, assumptions, args.replications, seed=1)
    ua_s = time.perf_counter() - start
    per_rep_ms = ua_s / args.replications * 1000
    print(
        f"2. uncertainty, {args.replications} replications (weights, normalisation, aggregation): "
        f"{ua_s:.2f} s, {args.replications / ua_s:,.0f} replications/s, {per_rep_ms:.3f} ms each "
        f"({ua.failed} with a unit unscored: z-score then geometric mean) (target ≤ 10 s); COINr needs "
        f"{COINR_UA_100_S / 100 * 1000:.0f} ms per replication on the smaller ASEM: "
        f"{COINR_UA_100_S / 100 * 1000 / per_rep_ms:,.0f}× (target ≥ 100×)"
    )

    fw_asem = load_framework(ASEM / "framework.yaml")
    data_asem = load_data(ASEM / "data.csv", fw_asem)
    vignette = [
        vary("treat", [{"winmax": k} for k in range(1, 6)], "winmax"),
        vary("normalise", norms, "normalisation"),
        perturb_weights({2: 0.25, 3: 0.25}, pool=100, name="weights"),
        vary("aggregate", ["arithmetic", "geometric"], "aggregation"),
    ]
    ua_asem = median_ms(lambda: uncertainty(fw_asem, data_asem, vignette, 100, seed=1), 5) / 1000
    sa_asem = median_ms(lambda: sensitivity(fw_asem, data_asem, vignette, 100, seed=1), 5) / 1000
    print(
        f"3. COINr sensitivity vignette on ASEM (51 × 49): uncertainty 100 replications {ua_asem:.3f} s "
        f"(COINr {COINR_UA_100_S} s, {COINR_UA_100_S / ua_asem:,.0f}× faster); Sobol 600 replications "
        f"{sa_asem:.3f} s (COINr {COINR_SA_600_S} s, {COINR_SA_600_S / sa_asem:,.0f}× faster); per "
        f"replication {sa_asem / 600 * 1000:.2f} ms vs COINr's {COINR_SA_600_S / 600 * 1000:.0f} ms"
    )

    rng = np.random.default_rng(1)
    pool = ua.weight_sets["weights"]
    choices = [
        (pool[rng.integers(len(pool))], norms[rng.integers(2)], ["arithmetic", "geometric"][rng.integers(2)])
        for _ in range(args.naive)
    ]
    start = time.perf_counter()
    for weights, normalise, aggregate in choices:
        naive_replication(framework, data, weights, normalise, aggregate)
    naive_ms = (time.perf_counter() - start) / args.naive * 1000
    print(
        f"4. naive loop (full rebuild per replication), {args.naive} replications: {naive_ms:.1f} ms each; "
        f"vectorised {per_rep_ms:.3f} ms each: speed-up {naive_ms / per_rep_ms:,.0f}×"
    )

    result = build(framework, data)
    model = WhatIfModel(result)
    unit, codes = result.units[17], framework.indicators[:3]
    changes = {c: float(np.nanmax(result.raw[:, j])) for j, c in enumerate(codes)}
    frozen_ms = median_ms(lambda: whatif(model, unit, changes), 200)
    exact_ms = median_ms(lambda: whatif(model, unit, changes, exact=True), 11)
    print(
        f"5. what-if, 3 indicators of one unit: frozen edition median {frozen_ms:.2f} ms; exact rebuild "
        f"median {exact_ms:.1f} ms (issue 7 needs < 100 ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
