"""Tidy exports carry every stage, the flags and the provenance, and read back the same numbers."""

import csv
import json

import numpy as np
from openpyxl import load_workbook

from marsad.maturity import export, tidy


def test_tidy_rows(asem):
    rows = tidy(asem)
    fw = asem.framework
    assert len(rows) == len(asem.units) * len(fw.nodes)
    lao_lpi = next(r for r in rows if r["unit"] == "LAO" and r["code"] == "LPI")
    i = asem.index("LAO")
    assert lao_lpi["raw"] == asem.raw[i, 0] and lao_lpi["normalised"] == asem.normalised[i, 0]
    assert lao_lpi["level_name"] == "Indicator" and lao_lpi["parent"] == "Physical"
    assert sum(r["imputed"] for r in rows if r["kind"] == "indicator") == asem.imputed_mask.sum()
    assert sum(r["treated"] for r in rows if r["kind"] == "indicator") == asem.stage.treatment.changed.sum()
    index_rows = [r for r in rows if r["code"] == "Index"]
    assert all(r["stage"] for r in index_rows) and all(r["raw"] is None for r in index_rows)


def test_exports_read_back(asem, tmp_path):
    paths = export(asem, tmp_path / "out")
    assert [p.suffix for p in paths] == [".csv", ".json", ".xlsx"]
    with paths[0].open(encoding="utf-8") as fh:
        csv_rows = list(csv.DictReader(fh))
    che = next(r for r in csv_rows if r["unit"] == "CHE" and r["code"] == "Index")
    assert float(che["score"]) == asem.score("CHE")
    document = json.loads(paths[1].read_text(encoding="utf-8"))
    assert document["meta"]["framework_digest"] == asem.framework.digest
    assert document["meta"]["method"]["impute"] == {"method": "group_mean", "group": "EurAsia_group"}
    assert abs(sum(w["effective_weight"] for w in document["weights"] if w["level"] == 1) - 1) < 1e-12
    book = load_workbook(paths[2], read_only=True)
    assert book.sheetnames == ["scores", "ranks", "tidy", "weights", "checks", "meta"]
    scores = list(book["scores"].iter_rows(values_only=True))
    assert scores[0][:2] == ("unit", "Index")
    np.testing.assert_allclose([row[1] for row in scores[1:]], asem.column("Index"))


def test_results_survive_pickling(asem):
    """The web layer caches built editions (e.g. in Redis): a result must pickle and keep working."""
    import pickle

    from marsad.maturity import WhatIfModel, whatif

    copy = pickle.loads(pickle.dumps(asem))
    np.testing.assert_array_equal(copy.values, asem.values)
    model = pickle.loads(pickle.dumps(WhatIfModel(asem)))
    assert whatif(model, "BGD", {"LPI": 3.5}).after[-1] == whatif(asem, "BGD", {"LPI": 3.5}).after[-1]
