"""Shared helpers of the readiness tests: answer sets of the bundled questionnaire and posting one step."""

from typing import Any

import pytest
from django.test import Client

from marsad import rai
from marsad.readiness.models import Assessment
from tests.cast import Cast

QUESTIONNAIRE = rai.load("readiness", 1)
PILLARS = [p.section for p in QUESTIONNAIRE.rules.pillars]


def answers(
    default: str = "developing", organisation_type: str = "private", **per_pillar: str
) -> dict[str, Any]:
    """A complete answer set: every item at `default`, or at the level given for its pillar."""
    given: dict[str, Any] = {"organisation_type": organisation_type}
    for question in QUESTIONNAIRE.questions:
        if question.section != "organisation":
            given[question.id] = per_pillar.get(question.section, default)
    return rai.prune(QUESTIONNAIRE, given)


def step_data(assessment: Assessment, section: str, given: dict[str, Any], action: str = "next") -> dict:
    """What the step form posts: the hidden fields, the button and the step's answers."""
    data: dict[str, Any] = {
        "questionnaire": assessment.questionnaire,
        "version": str(assessment.version),
        "section": section,
        "action": action,
    }
    asked = {q.id for q in assessment.form.section(section).questions}
    data |= {k: v for k, v in given.items() if k in asked}
    return data


def answer_all(client: Client, assessment: Assessment, given: dict[str, Any], lang: str = "en") -> Any:
    """Post every step with Next, in order, as a respondent would; the last response."""
    url = f"/{lang}/readiness/{assessment.pk}/answer/"
    response = None
    for section in rai.visible_sections(assessment.form, given):
        response = client.post(url, step_data(assessment, section.id, given))
        assert response.status_code == 302, response.content.decode()[:2000]
    return response


def completed(cast: Cast, given: dict[str, Any], org=None) -> Assessment:
    """A completed assessment of `org` (default org_sa), answered through the pages by one of its members."""
    org = org or cast.org_sa
    member = cast.contributor if org == cast.org_sa else cast.contributor_ae
    client = Client()
    client.force_login(member)
    assessment, _created = Assessment.start(org, member)
    answer_all(client, assessment, given)
    assessment.refresh_from_db()
    assert assessment.status == "completed"
    return assessment


@pytest.fixture
def member(client, cast) -> Client:
    client.force_login(cast.contributor)
    return client
