"""`marsad index …` on the ASEM example, and its answers to bad input: one line naming file/row/field, exit 2."""

import csv
import json

import pytest

from marsad.cli import main as marsad
from marsad.maturity.cli import main

from .conftest import ASEM

FRAMEWORK, DATA = str(ASEM / "framework.yaml"), str(ASEM / "data.csv")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_build_prints_the_ranking_and_writes_exports(capsys, tmp_path):
    code, out, err = run(capsys, "build", FRAMEWORK, DATA, "--out", str(tmp_path), "--top", "3")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("asem-sci coinr-1.1.14 · year 2018 · 51 units · 49 indicators · 4 levels")
    ranking = [line.split()[:2] for line in lines if line[:1].isdigit()]
    assert ranking == [["1", "CHE"], ["2", "NLD"], ["3", "DNK"]]
    with (tmp_path / "asem-sci-2018.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 51 * 60
    che = next(r for r in rows if r["unit"] == "CHE" and r["code"] == "Index")
    assert che["rank"] == "1.0" and che["stage"] == "leading"
    document = json.loads((tmp_path / "asem-sci-2018.json").read_text(encoding="utf-8"))
    assert (
        document["meta"]["framework_version"] == "coinr-1.1.14" and len(document["meta"]["data_digest"]) == 64
    )
    assert (tmp_path / "asem-sci-2018.xlsx").stat().st_size > 0


def test_the_marsad_command_dispatches_index(capsys):
    assert marsad(["index", "build", FRAMEWORK, DATA, "--top", "1"]) == 0
    assert "CHE" in capsys.readouterr().out


def test_audit(capsys):
    code, out, _ = run(capsys, "audit", FRAMEWORK, DATA)
    assert code == 0
    assert out.splitlines()[1].split()[:3] == ["Physical", "8", "0.66"]
    assert "TBTs is negatively correlated with its parent Instit" in out


def test_profile_with_peers_and_a_target(capsys):
    code, out, _ = run(
        capsys,
        "profile",
        "BGD",
        FRAMEWORK,
        DATA,
        "--peers",
        "EurAsia_group",
        "--target",
        "developing",
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["rank"] == 46 and data["stage"] == "emerging" and len(data["peers"]) == 20
    assert data["gap"]["reached"] and data["gap"]["target"] == 45
    assert data["weaknesses"][0]["code"] == "CostImpEx"


def test_whatif(capsys):
    code, out, _ = run(capsys, "whatif", "BGD", FRAMEWORK, DATA, "LPI=3.5", "Flights=40", "--json")
    assert code == 0
    nodes = {n["code"]: n for n in json.loads(out)["nodes"]}
    assert nodes["Index"]["after"] > nodes["Index"]["before"]
    assert nodes["LPI"]["rank_after"] < nodes["LPI"]["rank_before"]
    assert nodes["Sust"]["after"] == pytest.approx(
        nodes["Sust"]["before"], abs=1e-9
    )  # LPI, Flights: Conn only


def test_sensitivity_shows_progress_on_stderr(capsys, tmp_path):
    stats = tmp_path / "ranks.csv"
    code, out, err = run(
        capsys,
        "sensitivity",
        FRAMEWORK,
        DATA,
        "--runs",
        "20",
        "--kind",
        "sensitivity",
        "--winmax",
        "1-5",
        "--out",
        str(stats),
    )
    assert code == 0
    assert "120/120" in err and "replications in" in err
    assert "Sobol indices" in out and "aggregation" in out
    assert len(stats.read_text().splitlines()) == 52


def asem_variant(tmp_path, name, old, new):
    source = ASEM / name
    text = source.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "which, old, new, expected",
    [
        (
            "data.csv",
            "AUT,Austria,2018,LPI,",
            "AUT,Austria,2018,LPX,",
            "data.csv, row 2, field 'indicator': unknown indicator code 'LPX'",
        ),
        (
            "data.csv",
            "AUT,Austria,2018,LPI,4.097985",
            "AUT,Austria,2018,LPI,four",
            "data.csv, row 2, field 'value': expected a number, got text 'four'",
        ),
        (
            "framework.yaml",
            "weight: 1.0\n  parent: Conn",
            "weight: -1.0\n  parent: Conn",
            "line 85, field 'aggregates[3].weight': weight of 'Physical' is negative",
        ),
        (
            "framework.yaml",
            "- code: Index\n  name:\n    en: Sustainable Connectivity\n  weight: 1.0\n",
            "- code: Index\n  name:\n    en: Sustainable Connectivity\n  weight: 1.0\n  parent: Physical\n",
            "cycle in the tree",
        ),
    ],
)
def test_bad_input_names_file_row_field(capsys, tmp_path, which, old, new, expected):
    framework, data = FRAMEWORK, DATA
    if which == "data.csv":
        data = str(asem_variant(tmp_path, which, old, new))
    else:
        framework = str(asem_variant(tmp_path, which, old, new))
    code, out, err = run(capsys, "build", framework, data)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and expected in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_unit_without_data_broken_utf8_and_empty_file(capsys, tmp_path):
    extra = tmp_path / "extra.csv"
    extra.write_text(
        (ASEM / "data.csv").read_text(encoding="utf-8") + "XXX,Nowhere,2018,LPI,,L,L,L,Asia\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "build", FRAMEWORK, str(extra))
    assert code == 2 and "row 2705, field 'value': unit 'XXX' has no data" in err
    broken = tmp_path / "broken.csv"
    broken.write_bytes((ASEM / "data.csv").read_bytes().replace(b"Austria", b"\xc3\x28stria", 1))
    code, _, err = run(capsys, "build", FRAMEWORK, str(broken))
    assert code == 2 and "row 2: not valid UTF-8" in err
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    code, _, err = run(capsys, "build", FRAMEWORK, str(empty))
    assert code == 2 and "empty.csv: the file is empty" in err


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["whatif", "ZZZ", FRAMEWORK, DATA, "LPI=3"], "unknown unit 'ZZZ'"),
        (["whatif", "BGD", FRAMEWORK, DATA, "LPI"], "'LPI' is not INDICATOR=NUMBER"),
        (["whatif", "BGD", FRAMEWORK, DATA, "Conn=3"], "unknown indicator 'Conn'"),
        (["build", FRAMEWORK, "missing.csv"], "missing.csv: file not found"),
        (["build", FRAMEWORK, DATA, "--year", "1999"], "no data for year 1999"),
        (["profile", "BGD", FRAMEWORK, DATA, "--peers", "colour"], "unknown group 'colour'"),
    ],
)
def test_bad_arguments(capsys, argv, expected):
    code, _, err = run(capsys, *argv)
    assert code == 2 and expected in err and "Traceback" not in err
