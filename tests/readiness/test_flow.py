"""Answering step by step: a draft saved at each step, Back and Next, resuming, completing, repeating."""

import pytest

from marsad.readiness.models import Assessment
from tests.readiness.conftest import PILLARS, QUESTIONNAIRE, answer_all, answers, step_data

pytestmark = pytest.mark.django_db


def test_start_creates_a_draft_on_the_latest_version_and_opens_the_first_step(member, cast):
    response = member.post(f"/en/readiness/organisations/{cast.org_sa.pk}/start/")
    assessment = Assessment.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/en/readiness/{assessment.pk}/answer/"
    assert (assessment.organisation, assessment.started_by, assessment.status) == (
        cast.org_sa,
        cast.contributor,
        "draft",
    )
    assert (assessment.questionnaire, assessment.version, assessment.answers) == ("readiness", 1, {})
    page = member.get(response["Location"]).content.decode()
    assert "What kind of organisation is yours?" in page
    assert 'name="version" value="1"' in page and 'name="section" value="organisation"' in page


def test_a_second_start_resumes_the_draft_instead_of_opening_another(member, client, cast):
    member.post(f"/en/readiness/organisations/{cast.org_sa.pk}/start/")
    client.force_login(cast.colleague)
    response = client.post(f"/en/readiness/organisations/{cast.org_sa.pk}/start/", follow=True)
    assert Assessment.objects.count() == 1
    assert "already has an assessment in progress" in response.content.decode()


def test_each_step_saves_the_draft_and_next_goes_to_the_following_pillar(member, cast):
    assessment, _ = Assessment.start(cast.org_sa, cast.contributor)
    url = f"/en/readiness/{assessment.pk}/answer/"
    given = answers()
    response = member.post(url, step_data(assessment, "organisation", given))
    assert response["Location"] == f"{url}?step=strategy"
    response = member.post(url, step_data(assessment, "strategy", given))
    assert response["Location"] == f"{url}?step=policy_regulation"
    assessment.refresh_from_db()
    assert assessment.step == "policy_regulation"
    assert assessment.answers["strategy_roadmap"] == "developing" and "policy_laws" not in assessment.answers


def test_back_keeps_what_was_answered_and_returns_to_the_previous_step(member, cast):
    assessment, _ = Assessment.start(cast.org_sa, cast.contributor)
    url = f"/en/readiness/{assessment.pk}/answer/"
    member.post(url, step_data(assessment, "organisation", answers()))
    partial = {"strategy_roadmap": "leading"}  # Back does not need every answer of the step
    response = member.post(url, step_data(assessment, "strategy", partial, action="back"))
    assert response["Location"] == f"{url}?step=organisation"
    assessment.refresh_from_db()
    assert assessment.answers == {"organisation_type": "private", "strategy_roadmap": "leading"}
    page = member.get(f"{url}?step=strategy").content.decode()
    assert 'value="leading" checked' in page


def test_save_and_continue_later_then_resume_where_it_was_left(member, cast):
    assessment, _ = Assessment.start(cast.org_sa, cast.contributor)
    url = f"/en/readiness/{assessment.pk}/answer/"
    given = answers()
    member.post(url, step_data(assessment, "organisation", given))
    response = member.post(url, step_data(assessment, "strategy", given, action="save"))
    assert response["Location"] == f"/en/readiness/organisations/{cast.org_sa.pk}/"
    listing = member.get(response["Location"]).content.decode()
    assert f'href="/en/readiness/{assessment.pk}/answer/"' in listing  # "continue the assessment in progress"
    page = member.get(url).content.decode()
    assert "<h1>Strategy</h1>" in page  # resumes at the step where the draft was saved


def test_the_question_for_public_bodies_appears_only_for_them_and_leaves_with_the_answer(member, cast):
    assessment, _ = Assessment.start(cast.org_sa, cast.contributor)
    url = f"/en/readiness/{assessment.pk}/answer/"
    public = answers(organisation_type="public")
    assert "strategy_national_alignment" in public
    member.post(url, step_data(assessment, "organisation", public))
    assert 'name="strategy_national_alignment"' in member.get(f"{url}?step=strategy").content.decode()
    member.post(url, step_data(assessment, "strategy", public))
    assessment.refresh_from_db()
    assert assessment.answers["strategy_national_alignment"] == "developing"
    # The respondent goes back and says the organisation is a company: the public-body answer is dropped.
    member.post(url, step_data(assessment, "organisation", {"organisation_type": "private"}))
    assessment.refresh_from_db()
    assert "strategy_national_alignment" not in assessment.answers
    assert 'name="strategy_national_alignment"' not in member.get(f"{url}?step=strategy").content.decode()


def test_the_last_next_completes_the_assessment_and_opens_its_report(member, cast):
    assessment, _ = Assessment.start(cast.org_sa, cast.contributor)
    response = answer_all(member, assessment, answers())
    assert response["Location"] == f"/en/readiness/{assessment.pk}/"
    assessment.refresh_from_db()
    assert assessment.status == "completed" and assessment.completed_by == cast.contributor
    assert assessment.completed_at is not None and assessment.step == ""
    assert [p.id for p in assessment.result().pillars] == PILLARS
    assert assessment.result().score == 50.0  # every item "developing" (2 of 4)


def test_completing_after_skipping_a_step_through_the_step_links_sends_back_to_it(member, cast):
    assessment, _ = Assessment.start(cast.org_sa, cast.contributor)
    url = f"/en/readiness/{assessment.pk}/answer/"
    given = answers()
    for section in ("organisation", "strategy", "policy_regulation", "data_infrastructure"):
        member.post(url, step_data(assessment, section, given))
    # talent_skills is skipped by opening the last step directly
    response = member.post(url, step_data(assessment, "governance_ethics", given), follow=True)
    assessment.refresh_from_db()
    assert assessment.status == "draft" and assessment.step == "talent_skills"
    assert assessment.answers["governance_fairness"] == "developing"  # the valid step is kept
    page = response.content.decode()
    assert "<h1>Talent and skills</h1>" in page
    assert (
        "“We have AI and data specialists, in-house or through stable partnerships.” needs an answer." in page
    )


def test_an_organisation_repeats_the_assessment_and_the_list_shows_progress(member, cast):
    for level in ("initial", "developing", "established"):
        assessment, created = Assessment.start(cast.org_sa, cast.contributor)
        assert created
        answer_all(member, assessment, answers(level))
    page = member.get(f"/en/readiness/organisations/{cast.org_sa.pk}/").content.decode()
    assert page.count("data-assessment=") == 3
    assert "Scores over time" in page and "mc-plot" in page  # the progress chart, with three points per line
    assert page.index(">75.0<") < page.index(">50.0<") < page.index(">25.0<")  # newest first


def test_a_completed_assessment_opens_its_report_not_the_form(member, cast):
    assessment, _ = Assessment.start(cast.org_sa, cast.contributor)
    answer_all(member, assessment, answers())
    response = member.get(f"/en/readiness/{assessment.pk}/answer/")
    assert response.status_code == 302 and response["Location"] == f"/en/readiness/{assessment.pk}/"


def test_every_step_of_the_questionnaire_is_a_step_of_the_form(member, cast):
    assessment, _ = Assessment.start(cast.org_sa, cast.contributor)
    page = member.get(f"/en/readiness/{assessment.pk}/answer/").content.decode()
    for section in QUESTIONNAIRE.sections:
        assert f'href="?step={section.id}"' in page
    assert "Step 1 of 6" in page
