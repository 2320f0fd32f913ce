"""Validating an import in worker processes gives the report and the entries of validating it in-process."""

import pytest
from django.utils import translation

from marsad.accounts.models import Organisation
from marsad.exchange import parallel
from marsad.initiatives.models import Entry
from tests.exchange.helpers import json_bytes, record, run

pytestmark = pytest.mark.django_db

NEW_ORG = {"name": {"ar": "هيئة جديدة", "en": "A new authority"}, "country": "EG", "type": "government"}


def _mixed_rows() -> list:
    """Valid rows, partners, a newly listed organisation, and rows wrong at each stage: the reader, the
    organisations, the form, the id (repeated) and the duplicate check."""
    return [
        record(1),
        record(2, partners=[{"name": {"en": "Org AE"}, "country": "AE", "type": "government"}]),
        record(3, lead_organisation=NEW_ORG),
        "not an object",
        record(4, lead_organisation={"name": {"en": "X"}, "country": "ZZ", "type": "government"}),
        record(5, technologies=["telepathy"], start="2024-13"),
        record(6, title={"ar": "<b>عنوان</b> mixed English"}, summary={"ar": "ملخص"}),
        record(1),
        record(7, id=None, title={"en": "Same initiative"}),
        record(8, id=None, title={"en": "Same initiative"}),
        *[record(n, lead_organisation=NEW_ORG) for n in range(9, 21)],
    ]


def _report(actor, rows, **options) -> dict:
    report = run(actor, json_bytes(rows), name="x.json", **options).as_dict()
    report.pop("file")
    return report


@pytest.fixture
def small_chunks(monkeypatch):
    """Two rows a task and several tasks in flight: the ordering of answers is exercised."""
    monkeypatch.setattr(parallel, "CHUNK", 2)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_report_is_the_same_with_workers(cast, small_chunks, language):
    with translation.override(language):
        alone = _report(cast.moderator, _mixed_rows(), dry_run=True)
        for workers in (1, 2):
            assert _report(cast.moderator, _mixed_rows(), dry_run=True, workers=workers) == alone
    assert alone["counts"] == {"new": 16, "updated": 0, "unchanged": 0, "duplicate": 1, "invalid": 5}
    if language == "ar":
        assert "خياراً صحيحاً" in alone["rows"][5]["problems"][0]["message"], "Django's own message in Arabic"
        assert alone["rows"][5]["problems"][1]["message"] == "هذا التاريخ غير موجود."


def test_a_commit_with_workers_writes_what_an_in_process_import_reads_as_unchanged(cast, small_chunks):
    rows = [record(n, partners=[NEW_ORG]) for n in range(1, 12)]
    done = run(cast.moderator, json_bytes(rows), name="x.json", workers=1)
    assert done.committed and done.counts["new"] == 11
    assert Organisation.objects.filter(name_en="A new authority").count() == 1
    entry = Entry.objects.get(slug="ai-skills-7")
    assert entry.is_public and [p.name_en for p in entry.published_revision.partners.all()] == [
        "A new authority"
    ]
    again = run(cast.moderator, json_bytes(rows), name="x.json")
    assert again.ok and again.counts["unchanged"] == 11


def test_a_worker_refuses_to_query_the_database(cast, monkeypatch):
    """Its database would be outside the import's transaction: a query there is a bug, not an answer."""
    forget = parallel.Checker.__init__

    def without_technologies(self, validator, workers):
        forget(self, validator, workers)
        memo = validator.memo("technologies")
        memo.found, memo.complete = {}, False

    monkeypatch.setattr(parallel.Checker, "__init__", without_technologies)
    with pytest.raises(parallel.DatabaseRefused):
        run(cast.moderator, json_bytes([record(1)]), name="x.json", workers=1)
    assert not Entry.objects.exists()
