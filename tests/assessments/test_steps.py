"""The questionnaire steps of an AI entry: branching, Back/Next, drafts, and every kind of bad input refused
with a clear message in the user's language and nothing saved."""

import pytest

from marsad import rai
from marsad.assessments.models import Assessment
from marsad.initiatives.models import State
from tests.cast import form_data, make_entry

from .answers import EU_BASELINE, RECORD

pytestmark = pytest.mark.django_db


def url(entry, kind="eu_ai_act", section="scope", lang="en"):
    return f"/{lang}/entries/{entry.slug}/assessments/{kind}/{section}/"


def post(client, entry, data, section="scope", action="next", lang="en", kind="eu_ai_act", version="1"):
    return client.post(url(entry, kind, section, lang), {"version": version, "action": action, **data})


def stored(entry, kind="eu_ai_act"):
    assessment = Assessment.objects.filter(revision=entry.latest_revision, kind=kind).first()
    return assessment.given if assessment else None


SCOPE = {k: EU_BASELINE[k] for k in ("provides", "military", "research_only", "testing_only", "open_source")}


@pytest.fixture
def entry(cast, client):
    client.force_login(cast.contributor)
    return make_entry(cast)


def test_first_visit_shows_only_the_first_question_of_the_scope(client, entry):
    page = client.get(f"/en/entries/{entry.slug}/assessments/eu_ai_act/", follow=True)
    assert page.redirect_chain[-1][0] == url(entry)
    assert b'data-question="provides"' in page.content
    assert b'data-question="military"' not in page.content  # asked once "provides" is answered


def test_follow_up_questions_appear_on_the_same_step_and_the_draft_is_kept(client, entry):
    page = post(client, entry, {"provides": "system"})
    assert page.status_code == 200
    assert b'data-question="military"' in page.content and b"further questions" in page.content
    assert stored(entry) == {"provides": "system"}


def test_next_goes_to_the_next_visible_step_and_back_returns(client, entry):
    post(client, entry, {"provides": "system"})
    post(client, entry, {"provides": "system", "military": "no"})
    post(client, entry, {"provides": "system", "military": "no", "research_only": "no"})
    post(client, entry, {"provides": "system", "military": "no", "research_only": "no", "testing_only": "no"})
    page = post(client, entry, SCOPE)
    assert page.status_code == 302 and page["Location"] == url(entry, section="prohibited")
    back = post(client, entry, {"manipulation": "no"}, section="prohibited", action="back")
    assert back["Location"] == url(entry, section="scope")
    assert stored(entry) == {**SCOPE, "manipulation": "no"}


def test_a_gpai_model_skips_the_system_steps(client, entry):
    answers = {"provides": "gpai_model", "military": "no", "research_only": "no", "testing_only": "no"}
    Assessment.objects.create(
        revision=entry.latest_revision,
        kind="eu_ai_act",
        version=1,
        answers={"questionnaire": "eu_ai_act", "version": 1, "answers": answers},
    )
    page = post(client, entry, answers)
    assert page["Location"] == url(entry, section="gpai")


def test_the_whole_questionnaire_ends_on_the_result(client, entry, cast):
    sections = ["scope", "prohibited", "annex_i", "annex_iii", "transparency"]
    questionnaire = rai.load("eu_ai_act", 1)
    for section in sections:
        data = {
            q.id: EU_BASELINE[q.id] for q in questionnaire.section(section).questions if q.id in EU_BASELINE
        }
        page = post(client, entry, data, section=section)
        assert page.status_code == 302, page.content.decode()[:2000]
    assert page["Location"] == f"/en/entries/{entry.slug}/assessments/"
    overview = client.get(page["Location"])
    assert b'data-tier="minimal"' in overview.content
    assert Assessment.objects.get().complete


def test_a_skipped_required_answer_is_refused_and_nothing_saved(client, entry):
    post(client, entry, {"provides": "system"})
    page = post(client, entry, {"provides": "system"})  # "military" was shown and left empty
    assert page.status_code == 400
    assert "needs an answer" in page.content.decode() and "Nothing was saved" in page.content.decode()
    assert stored(entry) == {"provides": "system"}


def test_errors_come_in_arabic_on_arabic_pages(client, entry):
    post(client, entry, {"provides": "system"})
    page = post(client, entry, {"provides": "system"}, lang="ar")
    assert page.status_code == 400 and "يحتاج إلى إجابة" in page.content.decode()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"provides": "robot"}, "is not one of the options offered"),
        ({"provides": "system", "research_only": "no"}, "is not asked given the other answers"),
        ({"provides": "not_ai", "military": "no"}, "is not asked given the other answers"),
        ({"provides": "system", "manipulation": "no"}, "There is no question"),  # a question of another step
        ({"provides": "system", "is_admin": "1"}, "There is no question"),
    ],
    ids=["unknown option", "hidden follow-up", "hidden by the answer itself", "other step", "unknown field"],
)
def test_tampered_fields_are_refused_and_nothing_saved(client, entry, data, message):
    page = post(client, entry, data)
    assert page.status_code == 400 and message in page.content.decode()
    assert stored(entry) is None


def test_answers_for_another_version_are_refused(client, entry):
    page = post(client, entry, {"provides": "system"}, version="2")
    assert page.status_code == 400 and "version 2 of the questionnaire" in page.content.decode()
    assert stored(entry) is None


def test_answers_of_a_v1_draft_posted_after_v2_appeared_are_refused(client, entry, publish_v2):
    publish_v2()
    page = post(client, entry, {"provides": "system"}, version="1")  # a new assessment now answers v2
    assert page.status_code == 400 and "version 1 of the questionnaire" in page.content.decode()
    assert stored(entry) is None
    post(client, entry, {"provides": "system"}, version="2")
    assert Assessment.objects.get().version == 2


def test_a_step_that_does_not_exist_is_a_clear_404(client, entry):
    page = post(client, entry, {"provides": "system"}, section="backdoor")
    assert page.status_code == 404 and "has no step" in page.content.decode()
    assert client.get(url(entry, kind="horoscope")).status_code == 404
    assert stored(entry) is None


def test_a_step_not_asked_given_the_answers_is_refused(client, entry):
    post(client, entry, {"provides": "not_ai"})
    page = post(client, entry, {"manipulation": "yes"}, section="prohibited")
    assert page.status_code == 409 and "is not asked given your earlier answers" in page.content.decode()
    assert stored(entry) == {"provides": "not_ai"}


@pytest.mark.parametrize(
    "text, message",
    [
        ("<script>alert(1)</script>", "HTML tags are not allowed"),
        ("abc \u202e cba", "text-direction control"),
        ("bad \ufffd bytes", "not valid UTF-8"),
        ("x" * 201, "at most 200 characters"),
    ],
    ids=["html", "bidi", "broken utf-8", "oversized"],
)
def test_bad_text_is_refused(client, entry, text, message):
    page = post(client, entry, {"name__en": text}, kind="transparency_record", section="purpose")
    assert page.status_code == 400 and message in page.content.decode()
    assert stored(entry, "transparency_record") is None


def test_translatable_answers_keep_each_language(client, entry):
    data = {
        "name__ar": RECORD["name"]["ar"],
        "name__en": RECORD["name"]["en"],
        "summary__fr": "Un assistant.",
    }
    post(client, entry, data, kind="transparency_record", section="purpose", action="save")
    assert stored(entry, "transparency_record") == {
        "name": RECORD["name"],
        "summary": {"fr": "Un assistant."},
    }


@pytest.mark.parametrize("who, status", [("outsider", 404), ("contributor_ae", 404), ("focal_sa", 403)])
def test_only_editors_answer(client, cast, who, status):
    entry = make_entry(cast, "submitted")
    client.force_login(getattr(cast, who))
    assert client.get(url(entry)).status_code == status
    assert post(client, entry, {"provides": "system"}).status_code == status


def test_a_submitted_entry_is_read_only_even_for_its_authors(client, entry, cast):
    entry = make_entry(cast, "submitted")
    assert post(client, entry, {"provides": "system"}).status_code == 403
    assert client.get(f"/en/entries/{entry.slug}/assessments/").status_code == 200


def test_entries_without_ai_have_no_questionnaires(client, cast):
    client.force_login(cast.contributor)
    entry = make_entry(cast, technologies=["iot"])
    assert client.get(f"/en/entries/{entry.slug}/assessments/").status_code == 404
    assert post(client, entry, {"provides": "system"}).status_code == 404


def test_saving_an_ai_entry_leads_to_its_questionnaires(client, cast):
    client.force_login(cast.contributor)
    page = client.post("/en/entries/new/", {**form_data(cast.org_sa), "then": "save"})
    entry = cast.org_sa.entries.get()
    assert page["Location"] == f"/en/entries/{entry.slug}/assessments/"
    assert entry.state == State.DRAFT
    manage = client.get(f"/en/entries/{entry.slug}/manage/")
    assert f'href="/en/entries/{entry.slug}/assessments/"'.encode() in manage.content
