"""`marsad index_publish`: the default edition, a checked release, a refused one."""

import pytest
from django.core.management import CommandError, call_command

from marsad.insights.models import Edition
from tests.insights.conftest import bundled_rows, release_csv

pytestmark = pytest.mark.django_db


def test_default_is_already_published(edition, capsys):
    call_command("index_publish")
    assert "default edition: 1" in capsys.readouterr().out
    assert Edition.objects.count() == 1


def test_a_bad_release_prints_every_problem_and_publishes_nothing(edition, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(
        release_csv([["SAU", 2023, "IT.CEL.SETS.P2", "abc"], ["ZZZ", 2023, "IT.CEL.SETS.P2", "1"]])
    )
    with pytest.raises(CommandError) as raised:
        call_command("index_publish", "--data", str(bad))
    assert raised.value.returncode == 2
    err = capsys.readouterr().err
    assert "bad.csv, row 2, field 'value': expected a number, got text 'abc'" in err
    assert "bad.csv, row 3, field 'unit': unknown unit 'ZZZ'" in err
    assert list(Edition.objects.all()) == [edition]


def test_dry_run_then_publish(edition, tmp_path, capsys):
    rows = bundled_rows()
    for row in rows:
        if row[:3] == ["MAR", "2023", "IT.NET.BBND.P2"]:
            row[3] = "45"
    data = tmp_path / "release.csv"
    data.write_bytes(release_csv(rows))
    call_command("index_publish", "--data", str(data), "--dry-run")
    out = capsys.readouterr().out
    assert "dry run: nothing published" in out and "countries change rank" in out
    assert list(Edition.objects.all()) == [edition]
    call_command("index_publish", "--data", str(data), "--label", "Morocco broadband", "--runs", "20")
    assert Edition.objects.current().label == "Morocco broadband"
    assert Edition.objects.current().number == 2
