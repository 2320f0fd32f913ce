"""Bulk import as stories: dry run, commit, re-import, updates, roles, provenance."""

import pytest

from marsad.exchange.models import ImportRun
from marsad.initiatives.models import Entry, ReviewEvent, State
from tests.exchange.helpers import csv_bytes, json_bytes, problems, record, run

pytestmark = pytest.mark.django_db


def test_a_dry_run_reports_every_row_and_writes_nothing(cast):
    report = run(cast.moderator, csv_bytes([record(1), record(2)]), dry_run=True)
    assert report.ok and not report.committed
    assert report.counts["new"] == 2 and [row.number for row in report.rows] == [2, 3]
    assert not Entry.objects.exists() and not ImportRun.objects.exists()


def test_a_moderator_imports_published_entries_that_record_the_import(cast):
    report = run(cast.moderator, csv_bytes([record(1), record(2)]), name="ministry.csv")
    assert report.committed and report.counts["new"] == 2
    entry = Entry.objects.get(slug="ai-skills-1")
    assert entry.state == State.PUBLISHED and entry.is_public
    assert entry.published_revision.title_ar == "البرنامج الوطني لمهارات الذكاء الاصطناعي 1"
    assert sorted(entry.published_revision.technologies.values_list("code", flat=True)) == ["ai", "ai-ml"]
    run_record = ImportRun.objects.get()
    assert run_record.committed_at and run_record.counts["new"] == 2 and run_record.actor == cast.moderator
    assert entry.source == run_record.via == f"import:{run_record.pk}:ministry.csv"
    assert set(ReviewEvent.objects.filter(entry=entry).values_list("via", flat=True)) == {run_record.via}
    assert [e.to_state for e in entry.events.order_by("id")] == ["draft", "submitted", "published"]


def test_importing_the_same_file_again_changes_nothing(cast):
    content = csv_bytes([record(1), record(2)], delimiter=";")
    run(cast.moderator, content)
    events = ReviewEvent.objects.count()
    again = run(cast.moderator, content)
    assert again.ok and again.counts["unchanged"] == 2 and again.counts["new"] == 0
    assert Entry.objects.count() == 2 and ReviewEvent.objects.count() == events


def test_a_changed_row_makes_a_new_reviewed_revision(cast):
    run(cast.moderator, json_bytes([record(1)]), name="a.json")
    changed = record(1, summary={"en": "Now also for teachers.", "ar": "يدرّب المعلمين أيضًا."})
    report = run(cast.moderator, json_bytes([changed]), name="a.json")
    assert report.counts["updated"] == 1
    entry = Entry.objects.get()
    assert (
        entry.published_revision.number == 2
        and entry.published_revision.summary_en == "Now also for teachers."
    )


def test_a_contributor_imports_entries_for_review_into_their_organisation(cast):
    report = run(cast.contributor, csv_bytes([record(1)]))
    assert report.committed and report.state == State.SUBMITTED
    entry = Entry.objects.get()
    assert entry.organisation == cast.org_sa and entry.state == State.SUBMITTED and not entry.is_public


def test_a_contributor_cannot_publish_by_import(cast):
    report = run(cast.contributor, csv_bytes([record(1)]), state="published")
    assert not report.ok and "Only moderators" in report.problems[0]
    assert not Entry.objects.exists()


def test_a_contributor_cannot_create_entries_for_another_organisation(cast):
    owner = {"name": {"en": "Org AE"}, "country": "AE", "type": "government"}
    report = run(cast.contributor, json_bytes([record(1, organisation=owner)]), name="x.json")
    assert not report.ok and "active member" in problems(report)[0][2]
    assert not Entry.objects.exists()


def test_an_entry_under_review_is_not_changed_by_an_import(cast):
    run(cast.contributor, json_bytes([record(1)]), name="a.json")
    report = run(
        cast.contributor, json_bytes([record(1, title={"en": "Renamed", "ar": "اسم"})]), name="a.json"
    )
    assert not report.ok and "under review" in problems(report)[0][2]
    assert Entry.objects.get().latest_revision.number == 1


def test_one_bad_row_and_nothing_is_written(cast):
    rows = [record(n) for n in range(1, 5)] + [record(5, start="2023-02-30")]
    report = run(cast.moderator, csv_bytes(rows))
    assert not report.ok and not report.committed
    assert report.counts == {"new": 4, "updated": 0, "unchanged": 0, "duplicate": 0, "invalid": 1}
    assert problems(report) == [(6, "start", "This date does not exist.")]
    assert not Entry.objects.exists()


def test_an_id_repeated_in_the_file_is_refused(cast):
    report = run(
        cast.moderator, csv_bytes([record(1), record(1, title={"en": "Other"}, summary={"en": "x"})])
    )
    assert problems(report) == [(3, "id", "The id “ai-skills-1” is also on row 2.")]


def test_suspected_duplicates_are_flagged_not_merged(cast):
    run(cast.moderator, csv_bytes([record(1)]))
    # Same title in Arabic spelt with other hamza and ta marbuta forms, under another id.
    twin = record(9, title={"ar": "البرنامج الوطنى لمهارات الذكاء الاصطناعى 1"}, summary={"ar": "ملخص"})
    report = run(cast.moderator, csv_bytes([twin, record(2)]))
    assert not report.ok and report.counts["duplicate"] == 1 and report.rows[0].duplicates == ["ai-skills-1"]
    assert Entry.objects.count() == 1
    accepted = run(cast.moderator, csv_bytes([twin, record(2)]), allow_duplicates=True)
    assert accepted.committed and Entry.objects.count() == 3


def test_the_same_public_source_page_flags_an_entry_written_in_another_language(cast):
    run(cast.moderator, csv_bytes([record(1)]))
    arabic_only = record(
        7, title={"ar": "أكاديمية"}, summary={"ar": "ملخص"}, source_url="https://example.org/programme/1/"
    )
    report = run(cast.moderator, csv_bytes([arabic_only]), dry_run=True)
    assert report.rows[0].duplicates == ["ai-skills-1"]


def test_rows_without_id_get_the_workflows_slug(cast):
    first, second = record(1), record(2, title={"en": "National AI skills programme 1"})
    del first["id"], second["id"]
    report = run(cast.moderator, csv_bytes([first, second]), allow_duplicates=True)
    assert report.committed
    assert sorted(Entry.objects.values_list("slug", flat=True)) == [
        "national-ai-skills-programme-1",
        "national-ai-skills-programme-1-2",
    ]


def test_bilingual_headers_and_codes_in_one_cell(cast):
    content = (
        "Title (English),العنوان (بالعربية),summary_en,Résumé (arabe),action_lines,Technologies,"
        "نوع الجهة,scope,status,countries,Lead organisation: name (English),lead_organisation_country,"
        "Start date\n"
        'Digital skills,المهارات الرقمية,Short,ملخص,"C4; C7.3",ai|ai-ml,government,national,ongoing,SA,Org SA,SA,2024\n'
    ).encode()
    report = run(cast.moderator, content)
    assert report.committed, problems(report)
    revision = Entry.objects.get().latest_revision
    assert revision.title_ar == "المهارات الرقمية" and revision.start_precision == "year"
    assert sorted(revision.action_lines.values_list("code", flat=True)) == ["C4", "C7.3"]


def test_planner_statistics_refreshed_in_the_import_transaction(cast, monkeypatch):
    """ANALYZE (PostgreSQL) runs inside the import's transaction each time the rows written have doubled; a dry
    run writes nothing and analyses nothing."""
    from marsad.core import rows
    from marsad.exchange import importer

    analysed = []
    monkeypatch.setattr(importer, "BATCH", 2)
    monkeypatch.setattr(importer, "ANALYSE_FROM", 2)
    refresh = rows.refresh_statistics
    monkeypatch.setattr(
        rows, "refresh_statistics", lambda: analysed.append(Entry.objects.count()) or refresh()
    )
    content = csv_bytes([record(n) for n in range(1, 10)])
    assert run(cast.moderator, content, dry_run=True).ok and not Entry.objects.exists() and analysed == []
    report = run(cast.moderator, content)
    assert report.committed and Entry.objects.public().count() == 9
    assert analysed == [2, 4, 8], "after the rows written doubled"
