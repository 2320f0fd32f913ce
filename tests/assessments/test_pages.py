"""What reviewers and the public see: results on the manage page and in the queue, the tier badge with its
explanation on the published page, the impact level's obligations, the record and its JSON export."""

import json

import pytest

from marsad.assessments import services
from marsad.initiatives import workflow
from tests.cast import make_entry

from .answers import EU_BASELINE, RECORD, complete_impact, high_risk_eu

pytestmark = pytest.mark.django_db


def assessed(cast, state="draft", eu=None, **overrides):
    """An AI entry with its three assessments complete, brought to `state` (draft, submitted or published)."""
    entry = make_entry(cast, **overrides)
    services.save_answers(cast.contributor, entry, "eu_ai_act", 1, eu or high_risk_eu())
    services.save_answers(cast.contributor, entry, "impact_assessment", 1, complete_impact())
    services.save_answers(cast.contributor, entry, "transparency_record", 1, RECORD)
    if state in ("submitted", "published"):
        workflow.submit(cast.contributor, entry)
    if state == "published":
        workflow.publish(cast.moderator, entry)
    entry.refresh_from_db()
    return entry


def test_reviewers_see_the_results_in_the_queue_and_on_the_manage_page(client, cast):
    entry = assessed(cast, "submitted")
    make_entry(cast, "submitted", title_en="Unassessed AI")
    client.force_login(cast.focal_sa)
    queue = client.get("/en/review/").content.decode()
    assert 'data-tier="high_risk"' in queue and 'data-level="I"' in queue
    assert (
        "incomplete: EU AI Act risk classification, Algorithmic impact assessment, Transparency record"
        in queue
    )
    manage = client.get(f"/en/entries/{entry.slug}/manage/").content.decode()
    assert 'data-outcome="high_risk_employment"' in manage
    assert "Level I, little to no impact" in manage and "Tax enquiries assistant" in manage


def test_the_published_page_explains_the_tier_with_articles_and_answers(client, cast):
    entry = assessed(cast, "published")
    page = client.get(f"/en/entries/{entry.slug}/").content.decode()
    assert 'class="tier tier-high_risk"' in page
    assert "Art. 6(2)" in page and "Annex III, point 4" in page
    assert "recruitment or selection (targeted job ads" in page  # the answer that led to it
    assert 'data-level="I"' in page and "Peer review" in page
    assert 'data-section="owner"' in page and "ai-register@tax.example.org" in page


def test_the_arabic_page_reads_in_arabic(client, cast):
    entry = assessed(cast, "published")
    page = client.get(f"/ar/entries/{entry.slug}/").content.decode()
    assert "عالي المخاطر" in page and "المادة 6(2)" in page and "الذكاء الاصطناعي المسؤول" in page
    assert "الملحق III، البند 4" in page and "point 4" not in page  # no English left in the references


def test_only_the_published_revisions_assessments_are_public(client, cast):
    entry = assessed(cast, "published", eu=EU_BASELINE)
    services.save_answers(cast.contributor, entry, "eu_ai_act", 1, high_risk_eu())  # a pending change
    page = client.get(f"/en/entries/{entry.slug}/").content.decode()
    assert 'data-tier="minimal"' in page and "high_risk" not in page
    exported = json.loads(client.get(f"/en/entries/{entry.slug}/transparency.json").content)
    assert exported["entry"]["revision"] == entry.published_revision.number


def test_the_record_exports_as_json_that_reads_back(client, cast):
    entry = assessed(cast, "published")
    response = client.get(f"/en/entries/{entry.slug}/transparency.json")
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["format"] == "marsad-transparency-record" and data["version"] == 1
    assert data["answers"]["name"] == RECORD["name"]
    assert "هيئة الضرائب" in response.content.decode()  # Arabic kept readable
    english = json.loads(client.get(f"/en/entries/{entry.slug}/transparency.json?lang=en").content)
    assert english["sections"][0]["title"] == "Purpose and scope"


def test_no_export_without_a_published_complete_record(client, cast):
    draft = assessed(cast)
    assert client.get(f"/en/entries/{draft.slug}/transparency.json").status_code == 404
    bare = make_entry(cast, "published", title_en="Published, never assessed")
    assert client.get(f"/en/entries/{bare.slug}/transparency.json").status_code == 404
    assert client.get("/en/entries/no-such-entry/transparency.json").status_code == 404


def test_a_withdrawn_entry_exports_nothing(client, cast):
    entry = assessed(cast, "published")
    workflow.withdraw(cast.contributor, entry, "ended")
    assert client.get(f"/en/entries/{entry.slug}/transparency.json").status_code == 404


def test_entries_without_results_show_no_responsible_ai_section(client, cast):
    iot = make_entry(cast, "published", technologies=["iot"])
    assert "responsible-ai" not in client.get(f"/en/entries/{iot.slug}/").content.decode()
    never_assessed = make_entry(cast, "published", title_en="Published before the questionnaires")
    assert "responsible-ai" not in client.get(f"/en/entries/{never_assessed.slug}/").content.decode()


def test_the_public_page_shows_only_what_is_complete(client, cast):
    entry = make_entry(cast)
    services.save_answers(cast.contributor, entry, "eu_ai_act", 1, EU_BASELINE)
    services.save_answers(cast.contributor, entry, "impact_assessment", 1, {"public_service": "yes"})
    workflow.submit(cast.contributor, entry)
    workflow.publish(cast.moderator, entry)
    page = client.get(f"/en/entries/{entry.slug}/").content.decode()
    assert 'data-tier="minimal"' in page
    assert "Algorithmic impact assessment" not in page and "Not yet answered" not in page
