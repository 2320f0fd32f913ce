"""Bad posts of a step: each gets a clear error in the respondent's language, status 400, and nothing saved."""

import pytest

from marsad.readiness.models import Assessment
from tests.readiness.conftest import answer_all, answers, step_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(member, cast) -> Assessment:
    """A draft whose first step is answered; the tests post its second step (strategy)."""
    assessment, _ = Assessment.start(cast.org_sa, cast.contributor)
    member.post(f"/en/readiness/{assessment.pk}/answer/", step_data(assessment, "organisation", answers()))
    assessment.refresh_from_db()
    return assessment


def post(client, assessment, data, lang="en"):
    before = (assessment.answers, assessment.step, assessment.status)
    response = client.post(f"/{lang}/readiness/{assessment.pk}/answer/", data)
    assessment.refresh_from_db()
    assert (assessment.answers, assessment.step, assessment.status) == before, "nothing may be saved"
    return response.status_code, response.content.decode()


def strategy(assessment, **changes):
    data = step_data(assessment, "strategy", answers())
    data.update(changes)
    return data


def test_a_skipped_required_answer_is_named(member, draft):
    data = strategy(draft)
    del data["strategy_funding"]
    status, page = post(member, draft, data)
    assert status == 400
    assert "“AI work has a dedicated, multi-year budget.” needs an answer." in page
    assert 'id="q-strategy_funding"' in page and "rd-question invalid" in page


def test_a_skipped_required_answer_in_arabic(member, draft):
    data = strategy(draft)
    del data["strategy_funding"]
    status, page = post(member, draft, data, lang="ar")
    assert status == 400
    assert "السؤال «لأعمال الذكاء الاصطناعي ميزانية مخصصة لعدة سنوات.» يحتاج إلى إجابة." in page
    assert "لم يُحفظ شيء" in page


def test_the_other_answers_of_a_refused_step_are_shown_again(member, draft):
    data = strategy(draft, strategy_roadmap="leading")
    del data["strategy_funding"]
    _status, page = post(member, draft, data)
    assert 'value="leading" checked' in page


def test_an_unknown_option(member, draft):
    status, page = post(member, draft, strategy(draft, strategy_roadmap="excellent"))
    assert status == 400
    assert (
        "“We have a written AI strategy or roadmap tied to the organisation's goals.”: 'excellent' is not one"
        in page.replace("&#x27;", "'")
    )


def test_a_question_of_another_step(member, draft):
    status, page = post(member, draft, strategy(draft, policy_laws="leading"))
    assert status == 400
    assert "is asked in the step “Policy and regulation”, not in this one." in page


def test_a_field_that_is_no_question(member, draft):
    status, page = post(member, draft, strategy(draft, strategy_budget="leading"))
    assert status == 400
    assert "There is no question 'strategy_budget' in this questionnaire." in page.replace("&#x27;", "'")


def test_a_language_suffix_on_a_question_that_takes_none(member, draft):
    status, page = post(member, draft, strategy(draft, strategy_roadmap__en="leading"))
    assert status == 400 and "strategy_roadmap__en" in page


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "There is no step “research_development” in this questionnaire."),
        ("fr", "Il n’y a pas d’étape « research_development » dans ce questionnaire."),
        ("ar", "لا توجد خطوة «research_development» في هذا الاستبيان."),
    ],
)
def test_a_section_that_does_not_exist(member, draft, lang, message):
    status, page = post(member, draft, strategy(draft, section="research_development"), lang=lang)
    assert status == 400 and message in page


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "This form was for version 2 of the questionnaire, but this assessment answers version 1."),
        ("ar", "كان هذا النموذج للإصدار ٢ من الاستبيان، لكن هذا التقييم يجيب عن الإصدار ١."),
    ],
)
def test_answers_posted_for_another_questionnaire_version(member, draft, lang, message):
    status, page = post(member, draft, strategy(draft, version="2"), lang=lang)
    assert status == 400 and message in page


def test_a_missing_version(member, draft):
    data = strategy(draft)
    del data["version"]
    status, page = post(member, draft, data)
    assert status == 400 and "This form was for version – of the questionnaire" in page


def test_answers_posted_for_another_questionnaire(member, draft):
    status, page = post(member, draft, strategy(draft, questionnaire="eu_ai_act"))
    assert (
        status == 400
        and "This form belongs to the questionnaire “eu_ai_act”, not to this assessment." in page
    )


def test_an_unknown_button(member, draft):
    status, page = post(member, draft, strategy(draft, action="delete"))
    assert status == 400 and "Unknown button “delete”." in page


def test_every_problem_of_a_post_is_listed_at_once(member, draft):
    data = strategy(draft, version="7", strategy_roadmap="excellent", policy_laws="leading")
    del data["strategy_funding"]
    status, page = post(member, draft, data)
    assert status == 400
    for text in ("version 7", "'excellent'", "“Policy and regulation”", "needs an answer"):
        assert text in page.replace("&#x27;", "'"), text


def test_an_oversized_value_is_quoted_back_shortened(member, draft):
    status, page = post(member, draft, strategy(draft, strategy_roadmap="x" * 100_000))
    assert status == 400 and "x" * 59 + "…" in page and "x" * 61 not in page


def test_html_in_a_tampered_field_is_shown_as_text(member, draft):
    status, page = post(member, draft, strategy(draft, strategy_roadmap="<script>alert(1)</script>"))
    assert status == 400
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_broken_utf8_is_an_unknown_option(member, draft):
    body = "&".join(f"{k}={v}" for k, v in strategy(draft).items() if k != "strategy_roadmap")
    response = member.post(
        f"/en/readiness/{draft.pk}/answer/",
        body + "&strategy_roadmap=%FF%FE",
        content_type="application/x-www-form-urlencoded",
    )
    draft.refresh_from_db()
    assert response.status_code == 400 and "is not one of the options offered" in response.content.decode()
    assert "strategy_roadmap" not in draft.answers


def test_a_step_that_is_not_asked_cannot_be_opened(member, draft):
    response = member.get(f"/en/readiness/{draft.pk}/answer/?step=nowhere")
    assert response.status_code == 404
    assert "This step does not exist or is not asked given your answers." in response.content.decode()


def test_a_completed_assessment_refuses_further_answers(member, cast):
    assessment, _ = Assessment.start(cast.org_sa, cast.contributor)
    answer_all(member, assessment, answers())
    assessment.refresh_from_db()
    status, page = post(member, assessment, step_data(assessment, "strategy", answers("leading")))
    assert status == 409 and "This assessment is completed and can no longer change." in page
