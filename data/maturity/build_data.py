"""Write the bundled data release of the default index from the World Bank WDI extract.

Run by hand when the extract changes (never at run time)::

    .venv/bin/python data/maturity/build_data.py /path/to/wdi            # rewrites wdi.csv and units.csv
    .venv/bin/python data/maturity/build_data.py /path/to/wdi --check    # exit 1 if they are stale

Only values are copied, never computed or filled: the rows of the extract for the series the framework uses
(indicators and denominators), for the countries of ISO 3166-1 (World Bank aggregates such as ARB or WLD and
non-ISO codes such as XKX are left out), years 2010 onwards. `units.csv` gives each country its name and its
groups (UN M49 region and sub-region, League of Arab States, DCO, AICTO, GCC membership) from Marsad's
vocabulary files, so that `marsad index ... --units data/maturity/units.csv` can compare peers.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
VOCAB = HERE.parents[1] / "src" / "marsad" / "vocab" / "data"
MEMBERSHIPS = ("LAS", "DCO", "AICTO", "GCC")


def framework_series() -> list[str]:
    framework = yaml.safe_load((HERE / "framework.yaml").read_text(encoding="utf-8"))
    return [i["code"] for i in framework["indicators"]] + [
        d["code"] for d in framework.get("denominators", [])
    ]


def countries() -> dict[str, dict]:
    """alpha-3 → {name, region, subregion, memberships} from the vocabulary files."""
    groups = {
        g["code"]: g for g in yaml.safe_load((VOCAB / "groups.yaml").read_text(encoding="utf-8"))["items"]
    }
    items = yaml.safe_load((VOCAB / "countries.yaml").read_text(encoding="utf-8"))["items"]
    out = {}
    for c in items:
        sub = groups.get(f"M49-{c['region']}") if c.get("region") else None
        region = groups.get(sub["parent"]) if sub and sub.get("parent") else None
        out[c["alpha3"]] = {
            "name": c["label"]["en"],
            "region": region["label"]["en"] if region else "",
            "subregion": sub["label"]["en"] if sub else "",
            "memberships": set(c.get("groups", [])),
        }
    return out


def render(wdi: Path) -> tuple[str, str]:
    series = framework_series()
    known = countries()
    rows = []
    with (wdi / "wdi_long.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["indicator"] in series and r["country_code"] in known and int(r["year"]) >= 2010:
                rows.append((r["country_code"], int(r["year"]), series.index(r["indicator"]), r["value"]))
    rows.sort()
    data = io.StringIO()
    out = csv.writer(data, lineterminator="\n")
    out.writerow(["unit", "year", "indicator", "value"])
    for unit, year, k, value in rows:
        out.writerow([unit, year, series[k], value])
    present = sorted({r[0] for r in rows})
    units = io.StringIO()
    out = csv.writer(units, lineterminator="\n")
    out.writerow(["unit", "unit_name", "region", "subregion", *MEMBERSHIPS])
    for code in present:
        c = known[code]
        out.writerow(
            [
                code,
                c["name"],
                c["region"],
                c["subregion"],
                *("member" if m in c["memberships"] else "" for m in MEMBERSHIPS),
            ]
        )
    return data.getvalue(), units.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wdi", type=Path, help="folder of the WDI extract (wdi_long.csv)")
    parser.add_argument("--check", action="store_true", help="exit 1 if the bundled files differ")
    args = parser.parse_args()
    data, units = render(args.wdi)
    targets = {HERE / "wdi.csv": data, HERE / "units.csv": units}
    if args.check:
        stale = [
            p.name for p, text in targets.items() if not p.exists() or p.read_text(encoding="utf-8") != text
        ]
        print("stale: " + ", ".join(stale) if stale else "up to date")
        return 1 if stale else 0
    for path, text in targets.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(HERE.parents[1])}: {text.count(chr(10)) - 1} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
