"""Shared fixtures: COINr's ASEM example in Marsad's formats, and the reference results COINr produced on it."""

import csv
from pathlib import Path

import numpy as np
import pytest

from marsad.maturity import build, load_data, load_framework

ASEM = Path(__file__).parent / "fixtures" / "coinr_asem"


def read_coinr(name: str) -> tuple[list[str], dict[str, np.ndarray]]:
    """A COINr data set exported by make_reference.R: column codes and one row of floats per unit code."""
    with (ASEM / name).open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    numeric = [c for c in rows[0][1:] if c != "uName"]
    start = rows[0].index(numeric[0])
    values = {r[0]: np.array([np.nan if v == "NA" else float(v) for v in r[start:]]) for r in rows[1:]}
    return numeric, values


@pytest.fixture(scope="session")
def asem_framework():
    return load_framework(ASEM / "framework.yaml")


@pytest.fixture(scope="session")
def asem_data(asem_framework):
    return load_data(ASEM / "data.csv", asem_framework)


@pytest.fixture(scope="session")
def asem(asem_framework, asem_data):
    return build(asem_framework, asem_data)


def flat_framework(k: int, weights=None, directions=None):
    """An index over k indicators x0..x{k-1} (one level of aggregation)."""
    from marsad.maturity import parse_framework

    weights = weights if weights is not None else [1.0] * k
    directions = directions if directions is not None else [1] * k
    return parse_framework(
        {
            "id": "flat",
            "version": "1",
            "aggregates": [{"code": "I", "name": "Index"}],
            "indicators": [
                {
                    "code": f"x{j}",
                    "name": f"x{j}",
                    "parent": "I",
                    "weight": float(weights[j]),
                    "direction": directions[j],
                }
                for j in range(k)
            ],
        }
    )
