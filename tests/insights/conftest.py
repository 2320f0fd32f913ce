"""One published default edition (the bundled World Bank data) shared by every test of the insights app.

Publishing runs the Monte Carlo rank intervals; with the full 1,000 runs that takes seconds, so the shared
edition uses few runs (the intervals are then rough, which no test relies on) and is committed once per
session, outside the per-test transactions, so that every test reads it and rolls back only its own writes.
"""

import csv
import io
from pathlib import Path

import pytest
from django.test import override_settings

from marsad import maturity as mi
from marsad.insights.editions import default_files, load_default_edition
from marsad.insights.models import Edition

RUNS = 40
DATA = Path(__file__).resolve().parents[2] / "data" / "maturity"


@pytest.fixture(scope="session")
def edition(django_db_setup, django_db_blocker) -> Edition:
    with django_db_blocker.unblock(), override_settings(INSIGHTS_MONTE_CARLO_RUNS=RUNS):
        published = load_default_edition()
    yield published
    with django_db_blocker.unblock():
        Edition.objects.all().delete()


@pytest.fixture(scope="session")
def reference():
    """The default framework and data built by the engine directly, independently of the app's storage."""
    framework_path, data_path, _links = default_files()
    framework = mi.load_framework(framework_path)
    dataset = mi.load_data(data_path, framework)
    return framework, dataset, mi.build(framework, dataset, year=2023)


@pytest.fixture(autouse=True)
def few_runs(settings):
    settings.INSIGHTS_MONTE_CARLO_RUNS = RUNS


def release_csv(rows: list[list], header: tuple = ("unit", "year", "indicator", "value")) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def bundled_rows() -> list[list[str]]:
    with (DATA / "wdi.csv").open(encoding="utf-8") as fh:
        return [row for row in csv.reader(fh)][1:]
