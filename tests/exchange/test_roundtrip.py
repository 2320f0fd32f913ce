"""The data dump reads back as the same entries: export → import on an empty database → the same records."""

import io
import json

import pytest
from django.db import transaction
from django.http import QueryDict

from marsad.accounts.models import Organisation
from marsad.exchange import exports
from marsad.exchange.shape import READ_ONLY_KEYS
from marsad.initiatives import workflow
from marsad.initiatives.models import Entry
from marsad.vocab.models import Country, Term
from tests.cast import entry_data, make_user
from tests.exchange.helpers import run

pytestmark = pytest.mark.django_db


def publish(moderator, organisation, slug, **overrides):
    entry = workflow.create_entry(moderator, organisation, entry_data(organisation, **overrides), slug=slug)
    workflow.submit(moderator, entry)
    return workflow.publish(moderator, entry)


def build_repository(moderator) -> None:
    """Entries using every field: three languages, partners, precisions, links, an own website."""
    government = Term.objects.get(kind="stakeholder_type", code="government")
    org = Organisation.objects.create(
        name_en="Ministry of Communications",
        name_ar="وزارة الاتصالات",
        name_fr="Ministère des communications",
        country=Country.objects.get(code="TN"),
        kind=government,
        website="https://example.tn/",
        status=Organisation.Status.APPROVED,
    )
    french = Organisation.objects.create(
        name_fr="Agence numérique",
        country=Country.objects.get(code="MA"),
        kind=government,
        status=Organisation.Status.LISTED,
    )
    arabic = Organisation.objects.create(
        name_ar="هيئة البيانات",
        country=Country.objects.get(code="SA"),
        kind=government,
        status=Organisation.Status.LISTED,
    )
    publish(
        moderator,
        org,
        "full",
        title_fr="Programme national",
        summary_fr="Forme des fonctionnaires.",
        description_ar="برنامج **لمدة سنتين**.",
        outcomes_en="- 3,000 trained\n- two cohorts",
        funding_ar="تمويل حكومي",
        partners=[french.pk, arabic.pk],
        countries=["TN", "MA", "SA"],
        start="2021-09-15",
        end="2024-03",
        website="https://example.tn/programme",
        links_text="https://example.tn/a Report one\nhttps://example.tn/b",
        contact_url="https://example.tn/c",
        change_note="first",
        sdgs=["SDG4", "SDG9"],
        beneficiaries=[],
    )
    publish(
        moderator,
        org,
        "formula",
        title_en='=HYPERLINK("http://evil")',
        summary_en="+1 -1 @SUM(A1)",
        title_ar="",
        summary_ar="",
        start="",
        end="",
        links_text="",
        technologies=["ai-arabic-nlp"],
    )
    draft = workflow.create_entry(moderator, org, entry_data(org, title_en="Not published"), slug="draft")
    assert draft.state == "draft"


def dump(fmt: str = "json") -> bytes:
    queryset = exports.revisions(QueryDict())
    if fmt == "xlsx":
        with exports.xlsx_file(queryset, "all") as workbook:
            return workbook.read()
    chunks = exports.csv_chunks(queryset) if fmt == "csv" else exports.json_chunks(queryset, "all")
    return "".join(chunks).encode()


def comparable(content: bytes) -> list[dict]:
    return [
        {key: value for key, value in entry.items() if key not in READ_ONLY_KEYS}
        for entry in json.loads(content)["entries"]
    ]


def differences(a: list[dict], b: list[dict]) -> list:
    return [
        (x["id"], key, x.get(key), y.get(key))
        for x, y in zip(a, b, strict=False)
        for key in x.keys() | y.keys()
        if x.get(key) != y.get(key)
    ]


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_export_import_export_gives_the_same_records(db, fmt):
    moderator = make_user("moderator@example.org", is_moderator=True)
    with transaction.atomic():
        savepoint = transaction.savepoint()
        build_repository(moderator)
        original = dump()
        file = dump(fmt)
        transaction.savepoint_rollback(savepoint)
    assert not Entry.objects.exists() and not Organisation.objects.exists()

    report = run(moderator, file, name=f"dump.{fmt}")
    assert report.committed, report.as_dict()
    assert report.counts["new"] == 2
    again = comparable(dump())
    assert again == comparable(original), differences(again, comparable(original))
    assert [e["id"] for e in comparable(original)] == ["full", "formula"]
    assert run(moderator, file, name=f"dump.{fmt}").counts["unchanged"] == 2


def test_csv_cells_are_neutralised_and_read_back_as_written(db):
    moderator = make_user("moderator@example.org", is_moderator=True)
    build_repository(moderator)
    text = dump("csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+1 -1 @SUM(A1)" in text
    assert "'- 3,000 trained" in text


def test_the_dump_is_streamed_in_chunks(db):
    moderator = make_user("moderator@example.org", is_moderator=True)
    build_repository(moderator)
    chunks = list(exports.json_chunks(exports.revisions(QueryDict()), "all"))
    assert len(chunks) == 4  # head, one chunk per entry, tail
    assert json.load(io.StringIO("".join(chunks)))["count"] == 2
