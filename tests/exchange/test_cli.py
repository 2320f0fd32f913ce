"""`marsad import FILE [--dry-run] [--as EMAIL]` and `marsad export`."""

import json

import pytest
from django.core.management import CommandError, call_command

from marsad.initiatives.models import Entry
from tests.cast import make_entry
from tests.exchange.helpers import csv_bytes, record

pytestmark = pytest.mark.django_db


def test_import_dry_run_then_commit(cast, tmp_path, capsys):
    path = tmp_path / "entries.csv"
    path.write_bytes(csv_bytes([record(1), record(2)]))
    call_command("import", str(path), "--dry-run", "--as", "Moderator@Example.org")
    assert "Dry run: nothing was written" in capsys.readouterr().out and not Entry.objects.exists()
    call_command("import", str(path), "--as", "moderator@example.org")
    assert "Imported." in capsys.readouterr().out and Entry.objects.public().count() == 2


def test_import_with_validation_workers(cast, tmp_path, capsys):
    path = tmp_path / "entries.csv"
    path.write_bytes(csv_bytes([record(n) for n in range(1, 6)] + [record(6, scope="galactic")]))
    with pytest.raises(CommandError):
        call_command("import", str(path), "--as", "moderator@example.org", "--workers", "2")
    assert "row 7 (ai-skills-6): invalid" in capsys.readouterr().out and not Entry.objects.exists()
    path.write_bytes(csv_bytes([record(n) for n in range(1, 6)]))
    call_command("import", str(path), "--as", "moderator@example.org", "--workers", "1")
    assert "Imported." in capsys.readouterr().out and Entry.objects.public().count() == 5


def test_a_failed_import_exits_non_zero_with_the_rows_to_fix(cast, tmp_path, capsys):
    path = tmp_path / "entries.csv"
    path.write_bytes(csv_bytes([record(1, technologies=["telepathy"])]))
    with pytest.raises(CommandError) as failure:
        call_command("import", str(path), "--as", "moderator@example.org", "--lang", "en")
    assert failure.value.returncode == 1
    out = capsys.readouterr().out
    assert "row 2 (ai-skills-1): invalid" in out and "technologies: Select a valid choice. telepathy" in out


def test_report_as_json_in_arabic(cast, tmp_path, capsys):
    path = tmp_path / "entries.csv"
    path.write_bytes(csv_bytes([record(1)]))
    call_command("import", str(path), "--dry-run", "--as", "moderator@example.org", "--json", "--lang", "ar")
    report = json.loads(capsys.readouterr().out)
    assert (
        report["counts"]["new"] == 1
        and report["ok"]
        and any("\u0600" <= c <= "\u06ff" for c in report["summary"])
    )


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--as", "nobody@example.org"], "No active user"),
        (["--as", "moderator@example.org", "--organisation", "999"], "No organisation"),
        (["--as", "moderator@example.org", "--workers", "-1"], "from 0 to 32, not '-1'"),
        (["--as", "moderator@example.org", "--workers", "two"], "from 0 to 32, not 'two'"),
        (["--as", "moderator@example.org", "--workers", "٢"], "from 0 to 32"),
        (["--as", "moderator@example.org", "--workers", "1000"], "from 0 to 32"),
    ],
)
def test_wrong_arguments(cast, tmp_path, arguments, message):
    path = tmp_path / "entries.csv"
    path.write_bytes(b"id\n")
    with pytest.raises(CommandError, match=message):
        call_command("import", str(path), *arguments)


def test_a_missing_file(cast, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import", str(tmp_path / "nope.csv"), "--as", "moderator@example.org")


def test_export_writes_the_dump_and_formats(cast, tmp_path):
    make_entry(cast, "published", title_en="Exported")
    for fmt in ("json", "csv", "xlsx", "jsonld"):
        out = tmp_path / f"dump.{fmt}"
        call_command("export", "--format", fmt, "--output", str(out), "--query", "country=SA")
        assert out.stat().st_size > 100
    assert json.loads((tmp_path / "dump.json").read_text())["entries"][0]["title"]["en"] == "Exported"
