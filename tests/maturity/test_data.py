"""The data loader reads long-form CSV and XLSX, and names the file, row and field of every bad value."""

import numpy as np
import pytest
from openpyxl import Workbook

from marsad.maturity import DataError, build, load_data, parse_framework
from marsad.maturity.checks import run_checks

FRAMEWORK = parse_framework(
    {
        "id": "t",
        "version": "1",
        "aggregates": [{"code": "IDX", "name": "Index"}],
        "indicators": [
            {"code": "BB", "name": "Broadband", "parent": "IDX", "unit": "per 100 people"},
            {"code": "SRV", "name": "Servers", "parent": "IDX", "denominator": "POP"},
            {"code": "UNE", "name": "Unemployment", "parent": "IDX", "direction": -1},
        ],
        "denominators": [{"code": "POP", "name": "Population"}],
    }
)

GOOD = """\
country_code,country_name,year,indicator,value,source,region
SAU,Saudi Arabia,2024,BB,41.2,ITU,GCC
SAU,Saudi Arabia,2024,SRV,3300,Netcraft,GCC
SAU,Saudi Arabia,2024,POP,33.0,,GCC
SAU,Saudi Arabia,2024,UNE,4.1,,GCC
ARE,United Arab Emirates,2024,BB,38.0,ITU,GCC
ARE,United Arab Emirates,2024,SRV,9000,,GCC
ARE,United Arab Emirates,2024,POP,10.0,,GCC
ARE,United Arab Emirates,2024,UNE,2.9,,GCC
EGY,Egypt,2024,BB,9.5,ITU,North Africa
EGY,Egypt,2024,SRV,,,North Africa
EGY,Egypt,2023,SRV,1100,,North Africa
EGY,Egypt,2023,POP,108.0,,North Africa
EGY,Egypt,2024,POP,110.0,,North Africa
EGY,Egypt,2024,UNE,7.0,,North Africa
"""


def write(tmp_path, text, name="data.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path, text):
    with pytest.raises(DataError) as info:
        load_data(write(tmp_path, text), FRAMEWORK)
    return info.value


def test_long_form_becomes_a_cube_with_groups_and_provenance(tmp_path):
    ds = load_data(write(tmp_path, GOOD), FRAMEWORK)
    assert ds.units == ("SAU", "ARE", "EGY") and ds.years == (2023, 2024)
    assert ds.series == ("BB", "SRV", "UNE", "POP")
    assert ds.values[1, 0, 0] == 41.2 and np.isnan(ds.values[1, 2, 1]) and ds.values[0, 2, 1] == 1100
    assert ds.groups["region"] == ("GCC", "GCC", "North Africa")
    assert ds.unit_names[2] == "Egypt" and ds.sources[("SAU", 2024, "BB")] == "ITU"
    assert ds.rows[("EGY", 2023, "SRV")] == 12  # the header is row 1


def test_build_uses_denominators_and_latest_values(tmp_path):
    ds = load_data(write(tmp_path, GOOD), FRAMEWORK)
    r = build(FRAMEWORK, ds, impute={"method": "latest", "max_age": 2}, treat="none")
    assert r.prepared.year == 2024
    assert r.denominated[0, 1] == pytest.approx(3300 / 33.0)
    assert r.imputed[2, 1] == pytest.approx(1100 / 108.0) and r.imputed_mask[2, 1]
    assert r.imputed_mask.sum() == 1


@pytest.mark.parametrize(
    "old, new, message, row, field",
    [
        (
            "SAU,Saudi Arabia,2024,BB,41.2",
            "SAU,Saudi Arabia,2024,BB,forty",
            "expected a number, got text 'forty'",
            2,
            "value",
        ),
        (
            "ARE,United Arab Emirates,2024,UNE",
            "ARE,United Arab Emirates,2024,UNEMP",
            "unknown indicator code 'UNEMP'",
            9,
            "indicator",
        ),
        ("EGY,Egypt,2024,BB,9.5", "EGY,Egypt,20x4,BB,9.5", "year must be a whole number", 10, "year"),
        (
            "ARE,United Arab Emirates,2024,BB",
            ",United Arab Emirates,2024,BB",
            "the unit code is empty",
            6,
            "country_code",
        ),
        (
            "ARE,United Arab Emirates,2024,SRV,9000,,GCC",
            "ARE,United Arab Emirates,2024,SRV,9000,,Levant",
            "group label 'Levant' differs from 'GCC'",
            7,
            "region",
        ),
    ],
)
def test_bad_rows_name_row_and_field(tmp_path, old, new, message, row, field):
    assert old in GOOD
    err = error_for(tmp_path, GOOD.replace(old, new))
    assert message in err.message and err.row == row and err.field == field
    assert err.file.endswith("data.csv") and f"row {row}" in str(err)


def test_a_unit_with_no_data(tmp_path):
    text = GOOD + "QAT,Qatar,2024,BB,,,GCC\nQAT,Qatar,2024,UNE,NA,,GCC\n"
    err = error_for(tmp_path, text)
    assert "unit 'QAT' has no data" in err.message and err.row == 16


def test_a_listed_unit_with_no_rows(tmp_path):
    units = write(tmp_path, "unit,name,income\nSAU,Saudi Arabia,High\nOMN,Oman,High\n", "units.csv")
    with pytest.raises(DataError) as info:
        load_data(write(tmp_path, GOOD), FRAMEWORK, units=units)
    assert "unit 'OMN' has no data" in info.value.message and info.value.row == 3
    assert info.value.file.endswith("units.csv")


def test_a_units_table_adds_names_and_groups(tmp_path):
    units = write(tmp_path, "unit,name,income\nSAU,KSA,High\nEGY,Egypt,Lower middle\n", "units.csv")
    ds = load_data(write(tmp_path, GOOD), FRAMEWORK, units=units)
    assert ds.groups["income"] == ("High", None, "Lower middle") and ds.unit_names[0] == "KSA"


def test_empty_header_only_broken_utf8_missing_columns(tmp_path):
    assert "empty" in error_for(tmp_path, "").message
    assert "no data rows" in error_for(tmp_path, GOOD.splitlines()[0] + "\n").message
    err = error_for(tmp_path, "unit,year,value\nSAU,2024,1\n")
    assert "missing required column(s) indicator" in err.message and err.row == 1
    path = tmp_path / "latin1.csv"
    path.write_bytes(GOOD.replace("Egypt", "Égypte").encode("latin-1"))
    with pytest.raises(DataError) as info:
        load_data(path, FRAMEWORK)
    assert "not valid UTF-8" in info.value.message and info.value.row == 10


def test_duplicates_and_unit_mismatches_are_reported_by_the_checks(tmp_path):
    text = GOOD.replace("value,source,region", "value,source,region,unit_of_measure")
    text += "SAU,Saudi Arabia,2024,BB,99,ITU,GCC,%\n"
    ds = load_data(write(tmp_path, text), FRAMEWORK)
    assert ds.values[1, 0, 0] == 41.2  # the first value is kept
    report = run_checks(ds.year_slice(2024)[:, :3], FRAMEWORK, ds, list(ds.units))
    kinds = {i.check for i in report.issues}
    assert {"duplicate", "unit_of_measure"} <= kinds
    dup = next(i for i in report.issues if i.check == "duplicate")
    assert "row 16 repeats row 2" in dup.message


def test_xlsx_and_csv_give_the_same_data_and_digest(tmp_path):
    csv_ds = load_data(write(tmp_path, GOOD), FRAMEWORK)
    book = Workbook()
    sheet = book.active
    for line in GOOD.splitlines():
        cells = line.split(",")
        sheet.append(
            [
                float(c) if c.replace(".", "").isdigit() and i in (2, 4) else c or None
                for i, c in enumerate(cells)
            ]
        )
    book.save(tmp_path / "data.xlsx")
    xlsx_ds = load_data(tmp_path / "data.xlsx", FRAMEWORK)
    np.testing.assert_array_equal(np.isnan(xlsx_ds.values), np.isnan(csv_ds.values))
    assert xlsx_ds.digest == csv_ds.digest


def test_text_in_an_xlsx_number_cell(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["unit", "year", "indicator", "value"])
    sheet.append(["SAU", 2024, "BB", 41.2])
    sheet.append(["ARE", 2024, "BB", "n.a."])
    book.save(tmp_path / "bad.xlsx")
    with pytest.raises(DataError) as info:
        load_data(tmp_path / "bad.xlsx", FRAMEWORK)
    assert info.value.row == 3 and info.value.field == "value" and "'n.a.'" in info.value.message


def test_not_a_workbook(tmp_path):
    (tmp_path / "fake.xlsx").write_text("not a zip")
    with pytest.raises(DataError, match="not a readable XLSX"):
        load_data(tmp_path / "fake.xlsx", FRAMEWORK)


def test_validation_reports_every_bad_row(tmp_path):
    from marsad.maturity import validate_data

    text = GOOD.replace("SAU,Saudi Arabia,2024,BB,41.2", "SAU,Saudi Arabia,2024,BB,forty")
    text = text.replace("ARE,United Arab Emirates,2024,UNE", "ARE,United Arab Emirates,2024,UNEMP")
    text += "QAT,Qatar,2024,BB,,,GCC\n"
    problems = validate_data(write(tmp_path, text), FRAMEWORK)
    assert [(p.row, p.field) for p in problems] == [(2, "value"), (9, "indicator"), (16, "value")]
    assert "unit 'QAT' has no data" in problems[-1].message
    assert validate_data(write(tmp_path, GOOD), FRAMEWORK) == []
    assert "file not found" in validate_data(tmp_path / "nope.csv", FRAMEWORK)[0].message


def test_a_dropped_indicator_has_no_weight(tmp_path):
    text = "".join(line + "\n" for line in GOOD.splitlines() if ",UNE," not in line)
    r = build(FRAMEWORK, load_data(write(tmp_path, text), FRAMEWORK), treat="none")
    une = FRAMEWORK.indicators.index("UNE")
    assert any(i.indicator == "UNE" and i.action == "dropped" for i in r.prepared.checks.issues)
    assert r.effective_weights[une] == 0 and r.effective_weights[:3].sum() == pytest.approx(1)
    assert not np.isnan(r.column("IDX")).any()
