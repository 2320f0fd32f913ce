"""Assessments belong to revisions: drafted with the entry, carried to new revisions, frozen once published."""

import pytest
from django.core.exceptions import PermissionDenied

from marsad.assessments import services
from marsad.assessments.models import Assessment, RiskTier
from marsad.initiatives import workflow
from marsad.initiatives.models import State
from tests.cast import entry_data, make_entry

from .answers import EU_BASELINE, RECORD, complete_impact, high_risk_eu

pytestmark = pytest.mark.django_db


def test_a_draft_is_stored_with_its_questionnaire_version_on_the_working_revision(cast):
    entry = make_entry(cast)
    stored = services.save_answers(cast.contributor, entry, "eu_ai_act", 1, {"provides": "system"})
    assert stored.revision_id == entry.latest_revision_id
    assert stored.answers == {"questionnaire": "eu_ai_act", "version": 1, "answers": {"provides": "system"}}
    assert (stored.version, stored.complete, stored.created_by, stored.updated_by) == (
        1,
        False,
        cast.contributor,
        cast.contributor,
    )
    entry.refresh_from_db()
    assert entry.state == State.DRAFT and entry.revisions.count() == 1
    assert not RiskTier.objects.exists()


def test_complete_answers_rate_the_revision(cast):
    entry = make_entry(cast)
    services.save_answers(cast.contributor, entry, "eu_ai_act", 1, high_risk_eu())
    services.save_answers(cast.contributor, entry, "impact_assessment", 1, complete_impact())
    services.save_answers(cast.contributor, entry, "transparency_record", 1, RECORD)
    revision = entry.latest_revision
    assert list(revision.risk_tiers.values_list("code", flat=True)) == ["high_risk"]
    assert revision.impact_level.code == "I"
    assert [o.complete for o in services.outcomes(revision)] == [True, True, True]


def test_answers_of_questions_no_longer_asked_are_dropped(cast):
    entry = make_entry(cast)
    stale = {
        **EU_BASELINE,
        "emotion_medical_safety": "yes",
    }  # only asked after a "yes" to emotion recognition
    stored = services.save_answers(cast.contributor, entry, "eu_ai_act", 1, stale)
    assert "emotion_medical_safety" not in stored.given and stored.complete


def test_a_new_revision_starts_with_the_previous_answers_and_leaves_them_untouched(cast):
    entry = make_entry(cast)
    services.save_answers(cast.contributor, entry, "eu_ai_act", 1, EU_BASELINE)
    first = entry.latest_revision
    second = workflow.save_revision(cast.contributor, entry, entry_data(cast.org_sa, title_en="Renamed"))
    copy = second.ai_assessments.get()
    assert copy.pk != first.ai_assessments.get().pk and copy.given == EU_BASELINE
    assert list(second.risk_tiers.values_list("code", flat=True)) == ["minimal"]


def test_an_entry_no_longer_tagged_ai_loses_its_facet_values_but_keeps_its_answers(cast):
    entry = make_entry(cast)
    services.save_answers(cast.contributor, entry, "eu_ai_act", 1, EU_BASELINE)
    second = workflow.save_revision(cast.contributor, entry, entry_data(cast.org_sa, technologies=["iot"]))
    assert second.ai_assessments.count() == 1
    assert not second.risk_tiers.exists()


def test_changing_a_published_assessment_starts_a_reviewed_revision(cast):
    entry = make_entry(cast, "published")
    entry = make_entry_published_with(cast, entry, EU_BASELINE)
    published = entry.published_revision
    services.save_answers(cast.contributor, entry, "eu_ai_act", 1, high_risk_eu())
    entry.refresh_from_db()
    assert entry.state == State.DRAFT and entry.latest_revision_id != published.pk
    assert entry.published_revision_id == published.pk
    assert published.ai_assessments.get().given == EU_BASELINE  # what the public sees is untouched
    assert list(published.risk_tiers.values_list("code", flat=True)) == ["minimal"]
    assert entry.latest_revision.change_note == "Responsible-AI assessment changed"
    assert entry.events.first().comment == "new revision started"


def make_entry_published_with(cast, entry, answers):
    """Give a published entry an EU AI Act assessment and publish it again."""
    services.save_answers(cast.contributor, entry, "eu_ai_act", 1, answers)
    workflow.submit(cast.contributor, entry)
    workflow.publish(cast.moderator, entry)
    entry.refresh_from_db()
    return entry


@pytest.mark.parametrize("who", ["outsider", "contributor_ae", "focal_sa"])
def test_only_those_who_may_edit_the_entry_answer(cast, who):
    entry = make_entry(cast)
    with pytest.raises(PermissionDenied):
        services.save_answers(getattr(cast, who), entry, "eu_ai_act", 1, EU_BASELINE)
    assert not Assessment.objects.exists()


def test_a_submitted_entry_cannot_be_changed(cast):
    entry = make_entry(cast, "submitted")
    with pytest.raises(PermissionDenied):
        services.save_answers(cast.contributor, entry, "eu_ai_act", 1, EU_BASELINE)
    assert not Assessment.objects.exists()


def test_stored_answers_stay_readable_when_a_new_version_appears(cast, publish_v2):
    entry = make_entry(cast)
    services.save_answers(cast.contributor, entry, "eu_ai_act", 1, high_risk_eu())
    publish_v2()
    assert services.registry().versions("eu_ai_act") == [1, 2]
    eu = services.outcomes(entry.latest_revision)[0]
    assert eu.questionnaire.version == 1 and eu.result.tier_ids == ("high_risk",)
    other = make_entry(cast, title_en="Another AI entry")
    assert services.outcomes(other.latest_revision)[0].questionnaire.version == 2  # new ones take the latest
