"""`marsad demo`, the second half of `make run`: the bundled entries go through the real workflow, a second run
changes nothing, and a broken file stops with its entry named and nothing of that entry written."""

from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from marsad.accounts.models import User
from marsad.initiatives.management.commands.demo import DEMO_FILE
from marsad.initiatives.models import Entry, State
from marsad.insights.models import Edition

pytestmark = pytest.mark.django_db


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def some_records(tmp_path: Path, count: int = 3) -> tuple[Path, list[dict]]:
    records = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))[:count]
    path = tmp_path / "demo.yaml"
    path.write_text(yaml.safe_dump(records, allow_unicode=True), encoding="utf-8")
    return path, records


def test_the_bundled_file_loads_every_entry_published_and_a_second_run_adds_nothing():
    records = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    output = run_demo("--no-index")
    assert f"demo entries: {len(records)} loaded, {len(records)} published in total" in output
    assert Entry.objects.filter(state=State.PUBLISHED).count() == len(records) >= 150
    assert all(e.events.filter(to_state="published", via="demo").exists() for e in Entry.objects.all()[:5])
    assert "demo entries: 0 loaded" in run_demo("--no-index", "--no-accounts")


def test_the_demo_cast_can_sign_in_with_the_printed_passwords(tmp_path, client):
    path, _records = some_records(tmp_path, 1)
    output = run_demo("--no-index", "--file", str(path))
    lines = [line.split() for line in output.splitlines() if line.startswith("demo account:")]
    assert [line[2] for line in lines] == [
        "moderator@marsad.example",
        "focal.tn@marsad.example",
        "contributor@marsad.example",
    ]
    moderator = User.objects.get(email="moderator@marsad.example")
    assert moderator.is_moderator and moderator.is_staff
    assert client.login(username="moderator@marsad.example", password=lines[0][4])


def test_a_bad_entry_is_named_and_nothing_of_it_is_written(tmp_path):
    path, records = some_records(tmp_path, 2)
    records[1]["start"] = "2024-13"
    path.write_text(yaml.safe_dump(records, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CommandError, match=rf"entry 2 \({records[1]['id']}\)"):
        run_demo("--no-index", "--file", str(path))
    assert list(Entry.objects.values_list("slug", flat=True)) == [records[0]["id"]]


def test_an_unreadable_file_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_bytes(b"- id: x\n  title: {en: \xff\xfe}\n")
    with pytest.raises(CommandError, match="cannot read the demo file"):
        run_demo("--no-index", "--file", str(path))


def test_the_maturity_index_edition_is_published_once(tmp_path, settings):
    settings.INSIGHTS_MONTE_CARLO_RUNS = 10
    path, _records = some_records(tmp_path, 1)
    assert "maturity index: edition 1 published" in run_demo("--file", str(path))
    assert "maturity index: edition 1 published" in run_demo("--file", str(path))
    assert Edition.objects.published().count() == 1
