"""EU AI Act questionnaire v1, branch by branch: the answers of each row and the outcomes they must give.

Every row starts from the baseline (an in-scope AI system answering "no" everywhere, which is minimal risk)
and changes only what the branch needs, so a row reads as "this answer alone leads there".
"""

import pytest

from marsad import rai

from .conftest import EU_BASELINE, changed


def outcomes(questionnaire, answers) -> list[str]:
    return [f.id for f in rai.evaluate(questionnaire, answers).findings]


SCOPE_ROWS = [
    ("not an AI system", {"provides": "not_ai"}, ["out_of_scope_not_ai"]),
    ("military", {"provides": "system", "military": "yes"}, ["out_of_scope_military"]),
    (
        "research only",
        {"provides": "system", "military": "no", "research_only": "yes"},
        ["out_of_scope_research"],
    ),
    (
        "testing before release",
        {"provides": "gpai_model", "military": "no", "research_only": "no", "testing_only": "yes"},
        ["out_of_scope_testing"],
    ),
    ("minimal", EU_BASELINE, ["minimal"]),
]


@pytest.mark.parametrize("name, answers, expected", SCOPE_ROWS, ids=[r[0] for r in SCOPE_ROWS])
def test_scope(eu, name, answers, expected):
    assert rai.validate(eu, answers) == []
    assert outcomes(eu, answers) == expected


def test_out_of_scope_stops_the_questionnaire(eu):
    shown = [q.id for q in rai.visible_questions(eu, {"provides": "system", "military": "yes"})]
    assert shown == ["provides", "military"]
    assert [s.id for s in rai.visible_sections(eu, {"provides": "not_ai"})] == ["scope"]


PROHIBITED_ROWS = [
    ("5(1)(a)", {"manipulation": "yes"}, "prohibited_manipulation"),
    ("5(1)(b)", {"exploits_vulnerabilities": "yes"}, "prohibited_exploitation"),
    ("5(1)(c)", {"social_scoring": "yes"}, "prohibited_social_scoring"),
    ("5(1)(d)", {"crime_prediction": "yes"}, "prohibited_crime_prediction"),
    ("5(1)(e)", {"face_scraping": "yes"}, "prohibited_face_scraping"),
    (
        "5(1)(f)",
        {"emotion_workplace_education": "yes", "emotion_medical_safety": "no"},
        "prohibited_emotion_recognition",
    ),
    (
        "5(1)(g)",
        {"biometric_categorisation": "yes", "biometric_labelling_only": "no"},
        "prohibited_biometric_categorisation",
    ),
    (
        "5(1)(h)",
        {"realtime_remote_identification": "yes", "identification_exception": "no"},
        "prohibited_realtime_identification",
    ),
]


@pytest.mark.parametrize("article, change, expected", PROHIBITED_ROWS, ids=[r[0] for r in PROHIBITED_ROWS])
def test_each_prohibited_practice(eu, article, change, expected):
    result = rai.evaluate(eu, changed(EU_BASELINE, **change))
    assert [f.id for f in result.findings] == [expected]
    assert result.tier_ids == ("prohibited",)
    finding = result.findings[0]
    assert f"Art. {article}" in finding.outcome.refs
    assert {r.question_id for r in finding.reasons} == set(change)


EXCEPTION_ROWS = [
    (
        "emotion for medical or safety reasons",
        {"emotion_workplace_education": "yes", "emotion_medical_safety": "yes"},
    ),
    (
        "labelling lawful biometric datasets",
        {"biometric_categorisation": "yes", "biometric_labelling_only": "yes"},
    ),
]


@pytest.mark.parametrize("name, change", EXCEPTION_ROWS, ids=[r[0] for r in EXCEPTION_ROWS])
def test_prohibition_exceptions_lift_the_ban(eu, name, change):
    assert outcomes(eu, changed(EU_BASELINE, **change)) == ["minimal"]


def test_authorised_realtime_identification_is_high_risk_not_prohibited(eu):
    answers = changed(EU_BASELINE, realtime_remote_identification="yes", identification_exception="yes")
    result = rai.evaluate(eu, answers)
    assert [f.id for f in result.findings] == ["high_risk_biometrics"]
    assert [r.question_id for r in result.findings[0].reasons] == ["identification_exception"]


def test_a_follow_up_is_required_once_shown(eu):
    errors = rai.validate(eu, changed(EU_BASELINE, emotion_workplace_education="yes"))
    assert [(e.code, e.question_id) for e in errors] == [("missing_answer", "emotion_medical_safety")]


ANNEX_I_ROWS = [
    (
        "third-party assessment",
        {"annex_i_legislation": ["medical_devices"], "annex_i_third_party": "yes"},
        ["high_risk_annex_i"],
    ),
    (
        "self-assessed product",
        {"annex_i_legislation": ["toys", "radio_equipment"], "annex_i_third_party": "no"},
        ["minimal"],
    ),
]


@pytest.mark.parametrize("name, change, expected", ANNEX_I_ROWS, ids=[r[0] for r in ANNEX_I_ROWS])
def test_annex_i(eu, name, change, expected):
    result = rai.evaluate(eu, changed(EU_BASELINE, annex_i_product="yes", **change))
    assert [f.id for f in result.findings] == expected


# area option -> (its question, its use cases, the outcome)
ANNEX_III = {
    "biometrics": (
        "annex_iii_biometrics",
        ["remote_identification", "sensitive_categorisation", "emotion_recognition"],
        "high_risk_biometrics",
    ),
    "critical_infrastructure": (
        "annex_iii_critical_infrastructure",
        ["safety_component"],
        "high_risk_critical_infrastructure",
    ),
    "education": (
        "annex_iii_education",
        ["admission", "learning_outcomes", "education_level", "test_monitoring"],
        "high_risk_education",
    ),
    "employment": ("annex_iii_employment", ["recruitment", "work_decisions"], "high_risk_employment"),
    "essential_services": (
        "annex_iii_essential_services",
        ["public_benefits", "creditworthiness", "life_health_insurance", "emergency_calls"],
        "high_risk_essential_services",
    ),
    "law_enforcement": (
        "annex_iii_law_enforcement",
        ["victim_risk", "polygraph", "evidence_reliability", "offending_risk", "profiling"],
        "high_risk_law_enforcement",
    ),
    "migration": (
        "annex_iii_migration",
        ["polygraph", "entry_risk", "applications", "identification"],
        "high_risk_migration",
    ),
    "justice_democracy": (
        "annex_iii_justice_democracy",
        ["judicial_assistance", "elections"],
        "high_risk_justice_democracy",
    ),
}
ANNEX_III_CASES = [(area, case) for area, (_, cases, _) in ANNEX_III.items() for case in cases]
CASE_IDS = [f"{area}-{case}" for area, case in ANNEX_III_CASES]


def annex_iii(area: str, case: str, **more) -> dict:
    question = ANNEX_III[area][0]
    return changed(EU_BASELINE, annex_iii_areas=[area], **{question: [case]}, **more)


@pytest.mark.parametrize("area, case", ANNEX_III_CASES, ids=CASE_IDS)
def test_annex_iii_without_exception_is_high_risk(eu, area, case):
    answers = annex_iii(area, case, profiling="no", art6_3_tasks=["none"])
    result = rai.evaluate(eu, answers)
    assert [f.id for f in result.findings] == [ANNEX_III[area][2]]
    assert f"Annex III, point {list(ANNEX_III).index(area) + 1}" in result.findings[0].outcome.refs
    assert ANNEX_III[area][0] in [r.question_id for r in result.findings[0].reasons]


@pytest.mark.parametrize("area, case", ANNEX_III_CASES, ids=CASE_IDS)
def test_annex_iii_with_the_6_3_exception_is_not_high_risk(eu, area, case):
    answers = annex_iii(
        area, case, profiling="no", art6_3_tasks=["narrow_procedural"], art6_3_no_significant_risk="yes"
    )
    result = rai.evaluate(eu, answers)
    assert [f.id for f in result.findings] == ["annex_iii_exempt"]
    cited = [r.question_id for r in result.findings[0].reasons]
    assert cited == [ANNEX_III[area][0], "profiling", "art6_3_tasks", "art6_3_no_significant_risk"]


@pytest.mark.parametrize("area, case", ANNEX_III_CASES, ids=CASE_IDS)
def test_annex_iii_with_profiling_is_always_high_risk(eu, area, case):
    answers = annex_iii(area, case, profiling="yes")
    assert outcomes(eu, answers) == [ANNEX_III[area][2]]
    # the exception is not even asked: answering it is refused as a tampered hidden field
    tampered = {**answers, "art6_3_tasks": ["narrow_procedural"], "art6_3_no_significant_risk": "yes"}
    assert [e.code for e in rai.validate(eu, tampered)] == ["hidden_question", "hidden_question"]


@pytest.mark.parametrize("area", list(ANNEX_III))
def test_exception_task_with_significant_risk_stays_high_risk(eu, area):
    case = ANNEX_III[area][1][0]
    answers = annex_iii(
        area, case, profiling="no", art6_3_tasks=["preparatory"], art6_3_no_significant_risk="no"
    )
    assert outcomes(eu, answers) == [ANNEX_III[area][2]]


@pytest.mark.parametrize("area", list(ANNEX_III))
def test_area_without_a_listed_use_is_not_high_risk(eu, area):
    answers = changed(EU_BASELINE, annex_iii_areas=[area], **{ANNEX_III[area][0]: ["none"]})
    assert "profiling" not in [q.id for q in rai.visible_questions(eu, answers)]
    assert outcomes(eu, answers) == ["minimal"]


def test_several_areas_give_one_outcome_each(eu):
    answers = changed(
        EU_BASELINE,
        annex_iii_areas=["education", "employment"],
        annex_iii_education=["admission"],
        annex_iii_employment=["recruitment", "work_decisions"],
        profiling="yes",
    )
    assert outcomes(eu, answers) == ["high_risk_education", "high_risk_employment"]


TRANSPARENCY_ROWS = [
    ("50(1)", {"interacts_with_people": "yes", "interaction_obvious": "no"}, "transparency_interaction"),
    ("50(2)", {"generates_content": "yes", "assistive_editing_only": "no"}, "transparency_synthetic_content"),
    ("50(3)", {"emotion_or_biometric_system": "yes"}, "transparency_emotion_biometric"),
    ("50(4), first subparagraph", {"deep_fake": "yes"}, "transparency_deep_fake"),
    (
        "50(4), second subparagraph",
        {"public_interest_text": "yes", "editorial_review": "no"},
        "transparency_public_text",
    ),
]


@pytest.mark.parametrize(
    "article, change, expected", TRANSPARENCY_ROWS, ids=[r[0] for r in TRANSPARENCY_ROWS]
)
def test_each_transparency_duty(eu, article, change, expected):
    result = rai.evaluate(eu, changed(EU_BASELINE, **change))
    assert [f.id for f in result.findings] == [expected]
    assert f"Art. {article}" in result.findings[0].outcome.refs


TRANSPARENCY_EXCEPTIONS = [
    ("obviously an AI", {"interacts_with_people": "yes", "interaction_obvious": "yes"}),
    ("assistive editing", {"generates_content": "yes", "assistive_editing_only": "yes"}),
    ("human editorial responsibility", {"public_interest_text": "yes", "editorial_review": "yes"}),
]


@pytest.mark.parametrize("name, change", TRANSPARENCY_EXCEPTIONS, ids=[r[0] for r in TRANSPARENCY_EXCEPTIONS])
def test_transparency_exceptions(eu, name, change):
    assert outcomes(eu, changed(EU_BASELINE, **change)) == ["minimal"]


def test_tiers_are_not_exclusive_and_come_most_severe_first(eu):
    answers = changed(
        EU_BASELINE,
        deep_fake="yes",
        manipulation="yes",
        annex_iii_areas=["employment"],
        annex_iii_employment=["recruitment"],
        profiling="yes",
    )
    result = rai.evaluate(eu, answers)
    assert result.tier_ids == ("prohibited", "high_risk", "transparency")
    assert [f.id for f in result.findings] == [
        "prohibited_manipulation",
        "high_risk_employment",
        "transparency_deep_fake",
    ]
    assert "Art. 5(1)(a)" in result.refs and "Art. 50(4), first subparagraph" in result.refs


OPEN_SOURCE_ROWS = [
    ("alone", {}, ["out_of_scope_open_source"]),
    (
        "and high-risk",
        {"annex_iii_areas": ["employment"], "annex_iii_employment": ["recruitment"], "profiling": "yes"},
        ["high_risk_employment"],
    ),
    ("and a transparency duty", {"deep_fake": "yes"}, ["transparency_deep_fake"]),
    ("and prohibited", {"social_scoring": "yes"}, ["prohibited_social_scoring"]),
    (
        "and exempted under 6(3)",
        {
            "annex_iii_areas": ["education"],
            "annex_iii_education": ["test_monitoring"],
            "profiling": "no",
            "art6_3_tasks": ["detects_patterns"],
            "art6_3_no_significant_risk": "yes",
        },
        ["annex_iii_exempt"],
    ),
]


@pytest.mark.parametrize("name, change, expected", OPEN_SOURCE_ROWS, ids=[r[0] for r in OPEN_SOURCE_ROWS])
def test_open_source_exclusion_only_outside_the_regulated_categories(eu, name, change, expected):
    assert outcomes(eu, changed(EU_BASELINE, open_source="yes", **change)) == expected


GPAI_SCOPE = {"provides": "gpai_model", "military": "no", "research_only": "no", "testing_only": "no"}
GPAI_ROWS = [
    ("closed", {"gpai_systemic_risk": "no", "gpai_open_source": "no"}, ["gpai_model"]),
    ("open source", {"gpai_systemic_risk": "no", "gpai_open_source": "yes"}, ["gpai_open_source_model"]),
    (
        "systemic risk",
        {"gpai_systemic_risk": "yes", "gpai_open_source": "no"},
        ["gpai_systemic_risk", "gpai_model"],
    ),
    (
        "open with systemic risk",
        {"gpai_systemic_risk": "yes", "gpai_open_source": "yes"},
        ["gpai_systemic_risk", "gpai_model"],
    ),
]


@pytest.mark.parametrize("name, change, expected", GPAI_ROWS, ids=[r[0] for r in GPAI_ROWS])
def test_general_purpose_models(eu, name, change, expected):
    answers = {**GPAI_SCOPE, **change}
    assert [s.id for s in rai.visible_sections(eu, answers)] == ["scope", "gpai"]
    assert outcomes(eu, answers) == expected


def test_system_and_model_get_both_kinds_of_outcome(eu):
    answers = changed(
        EU_BASELINE, provides="system_and_gpai_model", gpai_systemic_risk="yes", gpai_open_source="no"
    )
    result = rai.evaluate(eu, answers)
    assert result.tier_ids == ("gpai_systemic", "gpai", "minimal")


def test_result_texts_and_article_labels_in_three_languages(eu):
    finding = rai.evaluate(eu, changed(EU_BASELINE, social_scoring="yes")).findings[0]
    assert finding.as_dict("ar")["refs"] == ["المادة 5(1)(c)", "المادة 99(3)"]
    assert finding.as_dict("fr")["refs"][0] == "Art. 5(1)(c)"
    assert rai.ref_label("Annex III, point 4", "fr") == "Annexe III, point 4"
    assert finding.as_dict("ar")["title"] == "التقييم الاجتماعي"
    assert finding.as_dict("fr")["because"][0] == {
        "question": "social_scoring",
        "value": "yes",
        "question_text": finding.reasons[0].question.fr,
        "options": ["Oui"],
    }
    assert set(finding.as_dict()["title"]) == {"ar", "en", "fr"}
