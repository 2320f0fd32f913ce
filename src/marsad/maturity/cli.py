"""`marsad index …`: build, audit, analyse and stress-test an index from a framework file and a data file.

    marsad index build FRAMEWORK DATA [--out DIR]
    marsad index audit FRAMEWORK DATA
    marsad index sensitivity FRAMEWORK DATA --runs N [--kind sensitivity]
    marsad index profile UNIT FRAMEWORK DATA [--peers GROUP]
    marsad index whatif UNIT FRAMEWORK DATA INDICATOR=VALUE [INDICATOR=VALUE ...]

Bad input ends with one line naming the file, row and field, and exit status 2 — never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from marsad.maturity.analysis import profile
from marsad.maturity.audit import audit
from marsad.maturity.data import load_data
from marsad.maturity.errors import MaturityError
from marsad.maturity.export import export
from marsad.maturity.framework_file import load_framework
from marsad.maturity.pipeline import Result, build
from marsad.maturity.sensitivity import exclude_indicators, perturb_weights, sensitivity, uncertainty, vary
from marsad.maturity.whatif import gap_to_target, whatif


def main(argv: list[str]) -> int:
    """Run one `marsad index` sub-command; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.run(args)
    except MaturityError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head`: stop quietly, as the Python docs advise
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="marsad index", description="The maturity-index engine.")
    sub = parser.add_subparsers(dest="command")
    b = _command(sub, "build", "build the index and print the ranking", _build)
    b.add_argument("--out", help="write CSV, JSON and XLSX exports into this directory")
    b.add_argument("--top", type=int, default=15, help="how many units to print (default 15)")
    _command(sub, "audit", "statistical audit: Cronbach's alpha, PCA, correlation flags", _audit)
    s = _command(sub, "sensitivity", "uncertainty (or Sobol sensitivity) analysis of the ranks", _sensitivity)
    s.add_argument(
        "--runs",
        type=int,
        required=True,
        help="replications (N of Saltelli's design with --kind sensitivity, which runs N (d + 2))",
    )
    s.add_argument("--kind", choices=("uncertainty", "sensitivity"), default="uncertainty")
    s.add_argument("--seed", type=int, default=1)
    s.add_argument(
        "--weights-noise",
        type=float,
        default=0.25,
        help="perturb aggregate weights by ± this share (0 to keep them fixed; default 0.25)",
    )
    s.add_argument(
        "--normalisations",
        default="minmax:1:100,zscore:10:2",
        help="alternatives, comma-separated: minmax:LOW:HIGH, zscore:MEAN:SD, rank, percentile, "
        "goalposts, distance_to_frontier (default minmax:1:100,zscore:10:2)",
    )
    s.add_argument(
        "--aggregations", default="arithmetic,geometric", help="alternatives (default arithmetic,geometric)"
    )
    s.add_argument("--imputations", default="", help="imputation alternatives, e.g. mean,median,em")
    s.add_argument("--winmax", default="", help="winsorisation limits to try, e.g. 1-5")
    s.add_argument("--exclude", action="store_true", help="also leave out one indicator at a time")
    s.add_argument("--out", help="write the rank statistics to this CSV file")
    p = _command(
        sub, "profile", "one unit's scores, ranks, stage, strengths and weaknesses", _profile, unit=True
    )
    p.add_argument("--peers", help="peer group: a group name (e.g. EurAsia_group) or comma-separated units")
    p.add_argument("--target", help="also print the gap to this unit or stage")
    w = _command(
        sub, "whatif", "recompute a unit's scores and ranks with changed raw values", _whatif, unit=True
    )
    w.add_argument("changes", nargs="+", metavar="INDICATOR=VALUE")
    w.add_argument(
        "--exact", action="store_true", help="rebuild the whole index instead of the frozen edition"
    )
    return parser


def _command(sub: Any, name: str, text: str, run: Any, unit: bool = False) -> argparse.ArgumentParser:
    cmd = sub.add_parser(name, help=text, description=text)
    if unit:
        cmd.add_argument("unit", metavar="UNIT")
    cmd.add_argument("framework", metavar="FRAMEWORK", help="framework file (YAML)")
    cmd.add_argument("data", metavar="DATA", help="data file (CSV or XLSX, long form)")
    cmd.add_argument("--units", help="units table (CSV or XLSX) with names and groups")
    cmd.add_argument("--year", type=int, help="year to build (default: the framework's, else the latest)")
    cmd.add_argument("--json", action="store_true", help="print JSON instead of a table")
    cmd.set_defaults(run=run)
    return cmd


def _load(args: argparse.Namespace) -> tuple[Any, Any]:
    framework = load_framework(args.framework)
    return framework, load_data(args.data, framework, units=args.units)


def _result(args: argparse.Namespace) -> Result:
    framework, dataset = _load(args)
    return build(framework, dataset, year=args.year)


def _build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    r = _result(args)
    elapsed = (time.perf_counter() - started) * 1000
    fw = r.framework
    issues = r.prepared.checks.issues
    print(
        f"{fw.id} {fw.version} · year {r.prepared.year} · {len(r.units)} units · {len(fw.indicators)} "
        f"indicators · {len(fw.levels) + 1} levels · {elapsed:.0f} ms"
    )
    print(
        f"framework {fw.digest[:12]} · data {r.dataset.digest[:12]} · imputed cells {int(r.imputed_mask.sum())}"
        f" · treated points {int(r.stage.treatment.changed.sum())}"
    )
    if r.dropped_units:
        print(f"dropped units: {', '.join(r.dropped_units)}")
    for issue in issues[:10]:
        print(f"check {issue.check}: {issue.unit or issue.indicator}: {issue.message} ({issue.action})")
    if len(issues) > 10:
        print(f"... and {len(issues) - 10} more data-check issues (see the exports)")
    root = fw.position[fw.root]
    order = np.argsort(r.ranks[:, root], kind="stable")
    rows = [
        (
            _rank(r.ranks[i, root]),
            r.units[i],
            r.dataset.name_of(r.units[i]),
            r.values[i, root],
            (fw.stage_of(r.values[i, root]) or _NoStage).code,
        )
        for i in order[: args.top]
    ]
    _table(("rank", "unit", "name", fw.root, "stage"), rows)
    if args.out:
        for path in export(r, args.out):
            print(f"wrote {path}")
    return 0


def _audit(args: argparse.Namespace) -> int:
    a = audit(_result(args))
    if args.json:
        print(
            json.dumps(
                {
                    "groups": [g.__dict__ for g in a.groups],
                    "flags": [f.__dict__ for f in a.flags],
                    "importance": a.importance,
                },
                default=float,
                indent=1,
            )
        )
        return 0
    _table(
        ("group", "children", "cronbach_alpha", "pc1_share", "eigen>1"),
        [(g.code, len(g.children), g.cronbach_alpha, g.pc1_share, g.components_above_one) for g in a.groups],
    )
    for flag in a.flags:
        print(f"flag {flag.kind}: {flag.message}")
    return 0


def _sensitivity(args: argparse.Namespace) -> int:
    framework, dataset = _load(args)
    assumptions = _assumptions(args, framework)
    started = time.perf_counter()
    run = sensitivity if args.kind == "sensitivity" else uncertainty
    out = run(framework, dataset, assumptions, args.runs, seed=args.seed, year=args.year, progress=_progress)
    elapsed = time.perf_counter() - started
    ua = out.uncertainty if args.kind == "sensitivity" else out
    total = ua.ranks.shape[0]
    print(
        f"{total} replications in {elapsed:.2f} s ({total / elapsed:,.0f} per second), {ua.failed} failed",
        file=sys.stderr,
    )
    stats = ua.rank_statistics(slice(0, 2 * args.runs) if args.kind == "sensitivity" else slice(None))
    order = np.argsort(ua.nominal_ranks, kind="stable")
    rows = [
        (ua.units[i], _rank(ua.nominal_ranks[i]), stats["median"][i], stats["q05"][i], stats["q95"][i])
        for i in order
    ]
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write("unit,nominal_rank,median_rank,q05,q95\n")
            fh.writelines(",".join(map(str, row)) + "\n" for row in rows)
        print(f"wrote {args.out}", file=sys.stderr)
    _table(("unit", "nominal", "median", "q05", "q95"), rows)
    if args.kind == "sensitivity":
        print("\nSobol indices on the mean absolute rank shift (5-95% bootstrap interval):")
        _table(
            ("assumption", "first_order", "total", "first_ci", "total_ci"),
            [
                (
                    a.name,
                    out.first_order[k],
                    out.total[k],
                    _interval(out.first_order_ci[k]),
                    _interval(out.total_ci[k]),
                )
                for k, a in enumerate(ua.assumptions)
            ],
        )
    return 0


def _assumptions(args: argparse.Namespace, framework: Any) -> list:
    assumptions = []
    if args.winmax:
        lo, _, hi = args.winmax.partition("-")
        assumptions.append(
            vary("treat", [{"winmax": k} for k in range(int(lo), int(hi or lo) + 1)], "winmax")
        )
    if args.imputations:
        assumptions.append(vary("impute", args.imputations.split(","), "imputation"))
    if args.normalisations:
        assumptions.append(
            vary("normalise", [_norm_spec(s) for s in args.normalisations.split(",")], "normalisation")
        )
    if args.weights_noise > 0:
        levels = range(2, len(framework.levels) + 2)
        assumptions.append(perturb_weights({h: args.weights_noise for h in levels}, name="weights"))
    if args.aggregations:
        assumptions.append(vary("aggregate", args.aggregations.split(","), "aggregation"))
    if args.exclude:
        assumptions.append(exclude_indicators(name="exclusion"))
    if not assumptions:
        raise MaturityError("nothing to vary: give at least one alternative", field="sensitivity")
    return assumptions


def _norm_spec(text: str) -> dict[str, Any]:
    name, *numbers = text.split(":")
    keys = {"minmax": ("low", "high"), "zscore": ("mean", "sd")}.get(name, ("scale",))
    try:
        return {"method": name, **{k: float(v) for k, v in zip(keys, numbers, strict=False)}}
    except ValueError:
        raise MaturityError(
            f"bad normalisation '{text}'; e.g. minmax:1:100", field="normalisations"
        ) from None


def _profile(args: argparse.Namespace) -> int:
    r = _result(args)
    peers = args.peers.split(",") if args.peers and "," in args.peers else args.peers
    data = profile(r, args.unit, peers)
    if args.target:
        plan = gap_to_target(r, args.unit, _number_or_code(args.target))
        data["gap"] = {
            "target": plan.target,
            "reached": plan.reached,
            "achieved": plan.achieved,
            "by_parent": {p: [s.__dict__ for s in steps] for p, steps in plan.by_parent().items()},
        }
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1, default=float))
        return 0
    print(
        f"{data['name']} ({data['unit']}) · {data['year']} · score {_fmt(data['score'])} · rank "
        f"{_rank(data['rank'])} of {data['of']} · stage {data['stage'] or '-'}"
    )
    aggregates = [n for n in reversed(data["nodes"]) if n["level"] > 1]
    _table(
        ("node", "level", "score", "rank"),
        [(n["code"], n["level"], n["score"], _rank(n["rank"])) for n in aggregates],
    )
    for title, items in (("strengths", data["strengths"]), ("weaknesses", data["weaknesses"])):
        print(f"\n{title} against {len(data['peers'])} peers:")
        _table(
            ("indicator", "value", "peer_median", "z", "percentile"),
            [(c["code"], c["value"], c["peer_median"], c["z"], c["percentile"]) for c in items],
        )
    if "gap" in data:
        gap = data["gap"]
        print(
            f"\ngap to {args.target} ({_fmt(gap['target'])}): {'reachable' if gap['reached'] else 'not reachable'}"
        )
        for parent, steps in gap["by_parent"].items():
            for s in steps:
                print(f"  {parent}: {s['indicator']} {_fmt(s['raw_from'])} -> {_fmt(s['raw_to'])}")
    return 0


def _whatif(args: argparse.Namespace) -> int:
    changes = {}
    for item in args.changes:
        code, sep, value = item.partition("=")
        try:
            changes[code] = float(value)
        except ValueError:
            raise MaturityError(f"'{item}' is not INDICATOR=NUMBER", field="changes") from None
        if not sep:
            raise MaturityError(f"'{item}' is not INDICATOR=NUMBER", field="changes")
    r = _result(args)
    started = time.perf_counter()
    out = whatif(r, args.unit, changes, exact=args.exact)
    elapsed = (time.perf_counter() - started) * 1000
    if args.json:
        print(
            json.dumps(
                {
                    "unit": out.unit,
                    "changes": changes,
                    "stage_before": out.stage_before,
                    "stage_after": out.stage_after,
                    "nodes": out.rows(),
                },
                default=float,
                indent=1,
            )
        )
        return 0
    fw = r.framework
    rows = [
        (row["code"], row["before"], row["after"], _rank(row["rank_before"]), _rank(row["rank_after"]))
        for row in reversed(out.rows())
        if fw.by_code[row["code"]].kind == "aggregate" or row["code"] in changes
    ]
    _table(("node", "score_before", "score_after", "rank_before", "rank_after"), rows)
    print(f"stage {out.stage_before or '-'} -> {out.stage_after or '-'} ({elapsed:.1f} ms)")
    return 0


class _NoStage:
    code = "-"


def _progress(done: int, total: int) -> None:
    width = 30
    filled = int(width * done / total)
    print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", end="", file=sys.stderr, flush=True)
    if done == total:
        print(file=sys.stderr)


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    cells = [list(header)] + [[_fmt(v) for v in row] for row in rows]
    widths = [max(len(str(r[c])) for r in cells) for c in range(len(header))]
    for row in cells:
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


def _fmt(value: Any) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "-"
    if isinstance(value, float | np.floating):
        return f"{value:.2f}"
    return str(value)


def _rank(value: float | None) -> int | None:
    return None if value is None or np.isnan(value) else int(value)


def _interval(pair: np.ndarray) -> str:
    return f"[{pair[0]:.2f}, {pair[1]:.2f}]"


def _number_or_code(text: str) -> str | float:
    try:
        return float(text)
    except ValueError:
        return text
