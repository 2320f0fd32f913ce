"""The import page (dry run, then commit of the checked file), templates, export downloads and feeds."""

import io
import json
import xml.etree.ElementTree as ET

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from marsad.exchange.models import ImportRun
from marsad.exchange.readers import open_source
from marsad.initiatives.models import Entry
from tests.cast import make_entry
from tests.exchange.helpers import csv_bytes, record

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def post_file(client, content: bytes, name: str = "entries.csv", **fields):
    data = {"file": SimpleUploadedFile(name, content), "state": "submitted", **fields}
    return client.post(reverse("exchange:import"), data)


def test_a_contributor_checks_a_file_then_imports_it(cast, client):
    client.force_login(cast.contributor)
    page = post_file(client, csv_bytes([record(1), record(2)]))
    assert page.status_code == 200 and page.context["report"].ok and not Entry.objects.exists()
    run = page.context["run"]
    assert run.content and not run.committed_at
    done = client.post(reverse("exchange:commit", args=[run.pk]))
    assert done.context["report"].committed and Entry.objects.filter(state="submitted").count() == 2
    run.refresh_from_db()
    assert run.committed_at and run.content is None
    assert client.post(reverse("exchange:commit", args=[run.pk])).status_code == 404  # once only


def test_the_report_is_in_the_users_language(cast, client):
    client.force_login(cast.contributor)
    page = client.post(
        reverse("exchange:import").replace("/en/", "/ar/"),
        {
            "file": SimpleUploadedFile("x.csv", csv_bytes([record(1, start="2023-02-30")])),
            "state": "submitted",
        },
    )
    text = page.content.decode()
    assert (
        page.context["report"].counts["invalid"] == 1
        and 'dir="rtl"' in text
        and "This date does not exist" not in text
    )
    assert not ImportRun.objects.exists()


def test_nobody_commits_someone_elses_checked_file(cast, client):
    client.force_login(cast.contributor)
    run = post_file(client, csv_bytes([record(1)])).context["run"]
    client.force_login(cast.colleague)
    assert client.post(reverse("exchange:commit", args=[run.pk])).status_code == 404
    assert not Entry.objects.exists()


def test_a_50_mb_upload_is_refused_with_a_message(cast, client, settings):
    client.force_login(cast.moderator)
    page = post_file(client, b"title_en\n" + b"x" * (50 * 1024 * 1024))
    assert "50.0 MB" in page.context["form"].errors["file"][0] and page.context["report"] is None


def test_the_page_is_for_members_of_an_organisation(cast, client):
    client.force_login(cast.outsider)
    assert client.get(reverse("exchange:import")).status_code == 302
    client.logout()
    assert client.get(reverse("exchange:import")).status_code == 302


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_templates_read_back_as_known_columns(client, db, fmt):
    response = client.get(reverse("exchange:template", args=[fmt]).replace("/en/", "/ar/"))
    source = open_source(io.BytesIO(response.content), f"t.{fmt}")
    if fmt != "json":
        assert len(source.headers) == 44 and not source.warnings
    else:
        assert json.loads(response.content)["help"]["id"]


def test_exports_follow_the_list_filters(cast, client):
    make_entry(cast, "published", title_en="Saudi one")
    make_entry(cast, "published", org=cast.org_ae, title_en="Emirati one", countries=["AE"])
    make_entry(cast, "draft", title_en="Unpublished")
    body = b"".join(client.get(reverse("exchange:export", args=["json"]) + "?country=AE").streaming_content)
    data = json.loads(body)
    assert [e["title"]["en"] for e in data["entries"]] == ["Emirati one"] and data["licence"]["name"]
    csv_text = b"".join(client.get(reverse("exchange:export", args=["csv"])).streaming_content).decode(
        "utf-8-sig"
    )
    assert "Saudi one" in csv_text and "Unpublished" not in csv_text
    response = client.get(reverse("exchange:export", args=["xlsx"]))
    assert 'rel="license"' in response["Link"]
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    assert workbook.sheetnames == ["entries", "licence"]
    graph = json.loads(b"".join(client.get(reverse("exchange:export", args=["jsonld"])).streaming_content))[
        "@graph"
    ]
    assert "dcat:Dataset" in graph[0]["@type"] and {n["@type"] for n in graph[1:]} == {"Project"}
    assert client.get(reverse("exchange:export", args=["pdf"])).status_code == 404


def test_atom_feeds(cast, client):
    make_entry(cast, "published", title_en="Saudi one")
    make_entry(
        cast, "published", org=cast.org_ae, title_en="Emirati one", countries=["AE"], action_lines=["C7.3"]
    )

    def titles(url):
        feed = ET.fromstring(client.get(url).content)
        return [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]

    assert titles(reverse("exchange:feed")) == ["Emirati one", "Saudi one"]
    assert titles(reverse("exchange:feed_country", args=["ae"])) == ["Emirati one"]
    assert titles(reverse("exchange:feed_action_line", args=["C7.3"])) == ["Emirati one"]
    assert titles(reverse("exchange:feed") + "?q=saudi") == ["Saudi one"]
    assert client.get(reverse("exchange:feed_country", args=["XX"])).status_code == 404
