"""Answer sets against their questionnaire: each kind of bad input gets a clear error naming the question, and
the helpers a multi-step form needs (visible steps, navigation, reading a posted step, merging a draft)."""

import pytest

from marsad import rai

from .conftest import EU_BASELINE, changed


def codes(errors):
    return [(e.code, e.question_id) for e in errors]


def test_skipped_required_answer(eu):
    errors = rai.validate(eu, changed(EU_BASELINE, social_scoring=None))
    assert codes(errors) == [("missing_answer", "social_scoring")]
    assert errors[0].message("en").startswith("“Does it evaluate or classify people over time")
    assert errors[0].message("ar").startswith("السؤال «هل يقيّم الأشخاص")
    assert errors[0].message("fr").startswith("« Évalue-t-il ou classe-t-il")


def test_drafts_may_leave_questions_open(eu):
    assert rai.validate(eu, {"provides": "system"}, partial=True) == []
    assert codes(rai.validate(eu, {"provides": "system"}))[0] == ("missing_answer", "military")


def test_unknown_question_and_option_not_offered(eu):
    errors = rai.validate(eu, changed(EU_BASELINE, colour="blue", deep_fake="maybe"))
    assert codes(errors) == [("unknown_question", "colour"), ("unknown_option", "deep_fake")]
    assert errors[1].message("en").endswith("'maybe' is not one of the options offered.")


def test_tampered_hidden_field(eu):
    errors = rai.validate(eu, changed(EU_BASELINE, emotion_medical_safety="yes"))
    assert codes(errors) == [("hidden_question", "emotion_medical_safety")]
    assert "is not asked given the other answers" in str(errors[0])


def test_answers_of_another_version_or_questionnaire(eu, aia):
    other_version = rai.AnswerSet("eu_ai_act", 2, EU_BASELINE)
    errors = rai.validate(eu, other_version)
    assert codes(errors) == [("wrong_version", None)] and errors[0].detail == "2"
    assert errors[0].message("en") == (
        "These answers were given to version 2 of the questionnaire; load that version to read them."
    )
    assert codes(rai.validate(aia, rai.AnswerSet("eu_ai_act", 1, EU_BASELINE))) == [
        ("wrong_questionnaire", None)
    ]
    with pytest.raises(rai.InvalidAnswers) as caught:
        rai.evaluate(eu, other_version)
    assert caught.value.errors == errors


WRONG_VALUES = [
    ("list for a single choice", {"deep_fake": ["yes"]}, ("wrong_type", "deep_fake")),
    ("string for a multiple choice", {"annex_iii_areas": "none"}, ("wrong_type", "annex_iii_areas")),
    (
        "exclusive option combined",
        {"annex_iii_areas": ["none", "education"]},
        ("exclusive_option", "annex_iii_areas"),
    ),
    ("option ticked twice", {"annex_iii_areas": ["none", "none"]}, ("invalid_value", "annex_iii_areas")),
]


@pytest.mark.parametrize("name, change, expected", WRONG_VALUES, ids=[r[0] for r in WRONG_VALUES])
def test_malformed_values(eu, name, change, expected):
    answers = changed(EU_BASELINE, **change)
    if "education" in change.get("annex_iii_areas", []):
        answers["annex_iii_education"] = ["none"]
    assert codes(rai.validate(eu, answers)) == [expected]


def test_invalid_answers_cannot_be_evaluated(eu):
    with pytest.raises(rai.InvalidAnswers, match="missing_answer|needs an answer"):
        rai.evaluate(eu, {"provides": "system"})


def test_every_error_code_has_a_message_in_three_languages():
    label = rai.Text("«الوسم»", "QLABEL", "QLIBELLE")
    for code in rai.ERROR_CODES:
        error = rai.AnswerError(code, "q", label, "DETAIL")
        messages = {lang: error.message(lang) for lang in ("ar", "en", "fr")}
        assert len(set(messages.values())) == 3, code
        whole_set = code in ("wrong_questionnaire", "wrong_version", "unknown_question")
        for lang, message in messages.items():
            assert (label.get(lang) in message) is not whole_set, (code, lang)
            assert "DETAIL" in message or code in ("hidden_question", "missing_answer"), (code, lang)


def test_step_validation_checks_one_section(eu):
    answers = {
        "provides": "system",
        "military": "no",
        "research_only": "no",
        "testing_only": "no",
        "open_source": "no",
    }
    assert rai.validate(eu, answers, section="scope") == []
    assert codes(rai.validate(eu, answers, section="transparency"))[0] == (
        "missing_answer",
        "interacts_with_people",
    )


def test_navigation_skips_steps_with_nothing_to_ask(eu):
    gpai_only = {"provides": "gpai_model", "military": "no", "research_only": "no", "testing_only": "no"}
    assert rai.next_section(eu, gpai_only, None).id == "scope"
    assert rai.next_section(eu, gpai_only, "scope").id == "gpai"
    assert rai.next_section(eu, gpai_only, "gpai") is None
    assert rai.previous_section(eu, gpai_only, "gpai").id == "scope"
    assert rai.previous_section(eu, gpai_only, "scope") is None
    steps = [s.id for s in rai.visible_sections(eu, EU_BASELINE)]
    assert steps == ["scope", "prohibited", "annex_i", "annex_iii", "transparency"]


class FakeQueryDict(dict):
    """What a Django QueryDict offers the reader: getlist."""

    def getlist(self, key):
        return self.get(key, [])


def test_reading_a_posted_step_and_merging_it_into_the_draft(eu, record):
    posted = FakeQueryDict(
        annex_iii_areas=["employment"], annex_iii_employment=["recruitment"], profiling=["yes"]
    )
    step = rai.answers_from_post(eu, "annex_iii", posted)
    assert step == {
        "annex_iii_areas": ["employment"],
        "annex_iii_employment": ["recruitment"],
        "profiling": "yes",
    }
    draft = rai.merge_step(eu, EU_BASELINE, "annex_iii", step)
    assert rai.validate(eu, draft) == []
    # going back and changing an earlier answer drops what is no longer asked
    again = rai.merge_step(
        eu, draft, "scope", {**{k: draft[k] for k in ("provides", "military")}, "research_only": "yes"}
    )
    assert again == {"provides": "system", "military": "no", "research_only": "yes"}
    texts = rai.answers_from_post(
        record, "purpose", {"name__ar": ["  نظام  "], "name__en": [""], "phase": ["pilot"]}
    )
    assert texts == {"name": {"ar": "نظام"}, "phase": "pilot"}


def test_stored_answer_sets_round_trip_and_explain_their_faults():
    stored = rai.AnswerSet("eu_ai_act", 1, EU_BASELINE).to_dict()
    assert rai.AnswerSet.from_dict(stored) == rai.AnswerSet("eu_ai_act", 1, EU_BASELINE)
    with pytest.raises(ValueError, match="'version' \\(int\\)"):
        rai.AnswerSet.from_dict({"questionnaire": "eu_ai_act", "version": "1", "answers": {}})
