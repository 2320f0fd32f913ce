"""The framework loader rejects every malformed file with the file, the YAML line and the field."""

import textwrap

import pytest

from marsad.maturity import FrameworkError, load_framework

GOOD = """\
id: dei
version: "2026.1"
name: {en: Digital Economy Maturity Index, ar: مؤشر نضج الاقتصاد الرقمي}
levels: {1: Indicator, 2: Pillar, 3: Index}
stages:
  - {code: nascent, min: 0, name: {en: Nascent}}
  - {code: leading, min: 60, name: {en: Leading}}
method:
  normalise: {method: minmax, low: 0, high: 100}
denominators:
  - {code: POP, name: Population}
aggregates:
  - {code: DEI, name: Index}
  - {code: ENA, name: {en: Enablers, fr: Catalyseurs}, parent: DEI, weight: 2}
  - {code: SOC, name: Society, parent: DEI}
indicators:
  - {code: BB, name: Broadband, parent: ENA, direction: 1, weight: 1, goalposts: [0, 50], unit: per 100 people}
  - {code: SRV, name: Secure servers, parent: ENA, denominator: POP}
  - {code: UNE, name: Unemployment, parent: SOC, direction: -1}
"""


def write(tmp_path, text, name="framework.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error_for(tmp_path, text):
    with pytest.raises(FrameworkError) as info:
        load_framework(write(tmp_path, text))
    return info.value


def test_a_good_file_loads_with_heights_and_bottom_up_order(tmp_path):
    fw = load_framework(write(tmp_path, GOOD))
    assert fw.indicators == ("BB", "SRV", "UNE")
    assert fw.aggregates == ("ENA", "SOC", "DEI")
    assert list(fw.heights) == [1, 1, 1, 2, 2, 3]
    assert fw.by_code["ENA"].label("fr") == "Catalyseurs" and fw.by_code["SOC"].label("ar") == "Society"
    assert fw.by_code["BB"].goalposts == (0.0, 50.0) and fw.by_code["UNE"].direction == -1
    assert fw.stage_of(59.9).code == "nascent" and fw.stage_of(60).code == "leading"
    assert len(fw.digest) == 64


@pytest.mark.parametrize(
    "old, new, message, line, field",
    [
        ("weight: 2}", "weight: -2}", "weight of 'ENA' is negative", 14, "aggregates[1].weight"),
        (
            "{code: DEI, name: Index}",
            "{code: DEI, name: Index, parent: SOC}",
            "cycle in the tree",
            None,
            "parent",
        ),
        (
            "parent: SOC, direction: -1",
            "parent: XXX, direction: -1",
            "parent 'XXX' of 'UNE' is not an aggregate",
            19,
            "parent",
        ),
        (
            "parent: SOC, direction: -1",
            "parent: BB, direction: -1",
            "indicators cannot have children",
            19,
            "parent",
        ),
        ("{code: SRV,", "{code: BB,", "code 'BB' is used twice", 18, "code"),
        ("direction: -1}", "direction: 2}", "direction must be 1", 19, "indicators[2].direction"),
        (
            "goalposts: [0, 50]",
            "goalposts: [50, 0]",
            "goalposts must be [lower, upper]",
            17,
            "indicators[0].goalposts",
        ),
        (
            "denominator: POP",
            "denominator: GDP",
            "denominator 'GDP' of 'SRV' is not declared",
            18,
            "denominator",
        ),
        ('version: "2026.1"\n', "", "needs a version", None, "version"),
        ("{code: leading, min: 60", "{code: leading, min: -1", "must start above 'nascent'", 7, "min"),
        (
            "normalise: {method: minmax",
            "normalise: {method: minimax",
            "unknown normalise method 'minimax'",
            None,
            "method.normalise.method",
        ),
        ("low: 0, high", "lo: 0, high", "unknown parameter(s) lo", None, "method.normalise.lo"),
        ("levels:", "colour: red\nlevels:", "unknown key(s) colour", None, "framework.colour"),
        (
            "{code: SOC, name: Society, parent: DEI}",
            "{code: SOC, name: Society}",
            "exactly one root",
            None,
            "aggregates",
        ),
        (
            "{code: BB, name: Broadband,",
            "{code: BB, name: {de: Breitband},",
            "unknown language(s) de",
            17,
            "indicators[0].name",
        ),
        ("{code: SRV,", "{code: 'S R V',", "not a valid code", 18, "indicators[1].code"),
        (
            "unit: per 100 people}",
            "unit: [per, 100]}",
            "unit must be: a string or a mapping",
            17,
            "indicators[0].unit",
        ),
        (
            "unit: per 100 people}",
            "unit: {en: per 100 people, es: por 100}}",
            "unknown language(s) es",
            17,
            "indicators[0].unit",
        ),
    ],
)
def test_bad_frameworks_name_line_and_field(tmp_path, old, new, message, line, field):
    assert old in GOOD
    err = error_for(tmp_path, GOOD.replace(old, new, 1))
    assert message in err.message
    assert err.file.endswith("framework.yaml")
    assert err.field == field
    if line is not None:
        assert err.line == line
    assert str(err).startswith(str(err.file))


def test_an_aggregate_without_children_is_rejected(tmp_path):
    err = error_for(
        tmp_path,
        GOOD.replace(
            "  - {code: SOC, name: Society, parent: DEI}",
            "  - {code: SOC, name: Society, parent: DEI}\n  - {code: EMPTY, name: Empty, parent: DEI}",
        ),
    )
    assert "aggregate 'EMPTY' has no children" in err.message and err.line == 16


def test_invalid_yaml_gives_the_line(tmp_path):
    err = error_for(tmp_path, GOOD.replace("levels: {1", "levels: [1"))
    assert "not valid YAML" in err.message and err.line == 4


def test_empty_file_and_broken_utf8(tmp_path):
    assert "empty" in error_for(tmp_path, "").message
    path = tmp_path / "broken.yaml"
    path.write_bytes(GOOD.encode().replace(b"Broadband", b"Broad\xffband"))
    with pytest.raises(FrameworkError) as info:
        load_framework(path)
    assert "not valid UTF-8" in info.value.message and info.value.line == 17


def test_missing_file(tmp_path):
    with pytest.raises(FrameworkError, match="file not found"):
        load_framework(tmp_path / "nope.yaml")


def test_the_asem_framework_is_valid(asem_framework):
    assert len(asem_framework.indicators) == 49 and asem_framework.root == "Index"
    assert [lv.height for lv in asem_framework.levels] == [2, 3, 4]


def test_the_documented_example_is_valid():
    """docs/maturity.md shows a framework file: it must load as written."""
    from pathlib import Path

    import yaml

    from marsad.maturity import parse_framework
    from marsad.maturity.framework_file import _LineLoader

    doc = (Path(__file__).parents[2] / "docs" / "maturity.md").read_text(encoding="utf-8")
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    fw = parse_framework(yaml.load(example, Loader=_LineLoader), source="docs/maturity.md")
    assert fw.indicators == ("IT.NET.BBND.P2",) and [s.code for s in fw.stages][-1] == "leading"
    assert fw.by_code["IT.NET.BBND.P2"].denominator == "SP.POP.TOTL"


def test_a_unit_in_several_languages_keeps_the_datas_unit_for_the_checks(tmp_path):
    text = GOOD.replace("unit: per 100 people}", "unit: {en: per 100 people, ar: لكل 100 شخص}}", 1)
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    node = load_framework(path).by_code["BB"]
    assert node.unit == "per 100 people"
    assert (node.unit_label("ar"), node.unit_label("fr")) == ("لكل 100 شخص", "per 100 people")
