"""The worked examples of docs/responsible-ai.md, computed by the code rather than written by hand.

    python -m marsad.assessments.examples > /tmp/examples.md

prints, for one answer set per EU AI Act tier (and the Art. 6(3) exception with its profiling override) and for
one impact assessment, the answers and the result exactly as `marsad.rai.evaluate` computes them. The test
`tests/assessments/test_docs.py` checks that the document holds this output, so the examples cannot drift.
"""

from typing import Any

from marsad import rai

# An AI system in scope answering "no" everywhere: minimal risk. Each example changes what its branch needs.
BASELINE: dict[str, Any] = {
    "provides": "system",
    "military": "no",
    "research_only": "no",
    "testing_only": "no",
    "open_source": "no",
    **dict.fromkeys(
        (
            "manipulation",
            "exploits_vulnerabilities",
            "social_scoring",
            "crime_prediction",
            "face_scraping",
            "emotion_workplace_education",
            "biometric_categorisation",
            "realtime_remote_identification",
            "annex_i_product",
        ),
        "no",
    ),
    "annex_iii_areas": ["none"],
    **dict.fromkeys(
        (
            "interacts_with_people",
            "generates_content",
            "emotion_or_biometric_system",
            "deep_fake",
            "public_interest_text",
        ),
        "no",
    ),
}
ADMISSIONS = {"annex_iii_areas": ["education"], "annex_iii_education": ["admission"]}
EU_EXAMPLES: list[tuple[str, dict[str, Any]]] = [
    ("Prohibited: social scoring by a public body", {"social_scoring": "yes"}),
    (
        "High risk through Annex I: the safety component of a medical device",
        {"annex_i_product": "yes", "annex_i_legislation": ["medical_devices"], "annex_i_third_party": "yes"},
    ),
    (
        "High risk through Annex III: screening job applications",
        {
            "annex_iii_areas": ["employment"],
            "annex_iii_employment": ["recruitment"],
            "profiling": "no",
            "art6_3_tasks": ["none"],
        },
    ),
    (
        "Annex III with the Art. 6(3) exception: a preparatory check of admission files",
        {
            **ADMISSIONS,
            "profiling": "no",
            "art6_3_tasks": ["preparatory"],
            "art6_3_no_significant_risk": "yes",
        },
    ),
    (
        "The same use when it profiles applicants: always high risk (Art. 6(3), last subparagraph)",
        {**ADMISSIONS, "profiling": "yes"},
    ),
    (
        "Transparency duties: a citizen-service chatbot that writes replies",
        {
            "interacts_with_people": "yes",
            "interaction_obvious": "no",
            "generates_content": "yes",
            "assistive_editing_only": "no",
        },
    ),
    (
        "General-purpose AI model: an Arabic language model released openly",
        {"provides": "gpai_model", "gpai_systemic_risk": "no", "gpai_open_source": "yes"},
    ),
    ("Minimal risk: sorting incoming mail by department", {}),
]
IMPACT_EXAMPLE: dict[str, Any] = {
    "public_service": "yes",
    "decision_areas": ["social_protection"],
    "public_scrutiny": "no",
    "vulnerable_groups": ["older_low_literacy"],
    "people_affected": "up_to_1000000",
    "new_legal_basis": "no",
    "automation": "recommends",
    "discretion": "yes",
    "hard_to_explain": "no",
    "keeps_learning": "no",
    "supplier": "local_supplier",
    "attack_target": "no",
    "connected_systems": "yes",
    "alternative_channel": "yes",
    "staff_impact": "no",
    "reversibility": "with_effort",
    "duration": "months",
    "rights_freedoms": "moderate",
    "equality_dignity_privacy": "high",
    "health_wellbeing": "little",
    "economic_interests": "high",
    "wrong_decision": "moderate",
    "arabic_use": "dialects",
    "arabic_tested": "some_forms",
    "language_gap": "gap",
    "training_data_region": "partly",
    "personal_data": "yes",
    "data_laws": ["saudi_pdpl"],
    "sensitive_data": ["none"],
    "cross_border": "no",
    "decides_on_data_subjects": "yes",
    "multiple_sources": "yes",
    "input_collected_by": "own_organisation",
    "consulted_affected": "yes",
    "consulted_experts": "yes",
    "bias_testing": "yes",
    "bias_results_public": "no",
    "dialect_testing": "yes",
    "data_quality_process": "yes",
    "privacy_assessment": "yes",
    "data_minimisation": "yes",
    "lawful_transfer": "yes",
    "security_testing": "yes",
    "audit_trail": "yes",
    "human_override": "yes",
    "reasons": "yes",
    "recourse": "yes",
    "notice": "yes",
    "automation_bias_training": "no",
    "performance_monitoring": "yes",
    "monitoring_updates": "yes",
    "fallback_process": "yes",
}


def eu_answers(changes: dict[str, Any]) -> dict[str, Any]:
    """The baseline with `changes`, without the answers the changes leave unasked (a model has no system
    questions), as a form would submit them."""
    merged = {k: v for k, v in {**BASELINE, **changes}.items() if v is not None}
    return rai.prune(rai.load("eu_ai_act", 1), merged)


def _value(value: Any) -> str:
    return ", ".join(value) if isinstance(value, list) else str(value)


def eu_example(title: str, changes: dict[str, Any]) -> str:
    questionnaire = rai.load("eu_ai_act", 1)
    answers = eu_answers(changes)
    result = rai.evaluate(questionnaire, answers)
    lines = [f"#### {title}", ""]
    changed = {k: v for k, v in answers.items() if BASELINE.get(k) != v}
    if set(BASELINE) - set(answers):
        lines.append("Answers: " + "; ".join(f"`{k}` = {_value(v)}" for k, v in answers.items()) + ".")
    elif changed:
        shown = "; ".join(f"`{k}` = {_value(v)}" for k, v in changed.items())
        lines.append(f"Answers (the baseline, changed): {shown}.")
    else:
        lines.append("Answers: the baseline.")
    lines.append("")
    lines.append(f"Tiers: **{', '.join(t.name.en for t in result.tiers)}** (`{', '.join(result.tier_ids)}`).")
    lines.append("")
    for finding in result.findings:
        because = "; ".join(f"`{r.question_id}` = {_value(r.value)}" for r in finding.reasons)
        lines.append(
            f"- `{finding.id}` — {finding.outcome.title.en} ({', '.join(finding.outcome.refs)}); because {because}."
        )
    return "\n".join(lines)


def impact_example() -> str:
    questionnaire = rai.load("impact_assessment", 1)
    result = rai.evaluate(questionnaire, IMPACT_EXAMPLE)
    risk = [c for c in result.contributions if c.area == "risk"]
    lines = [
        "#### Impact assessment: a benefits-eligibility recommender in a public service",
        "",
        "Answers: " + "; ".join(f"`{k}` = {_value(v)}" for k, v in IMPACT_EXAMPLE.items()) + ".",
        "",
        f"Raw impact score {result.raw_score} of {result.max_raw_score} (from "
        + ", ".join(f"`{c.reason.question_id}` +{c.points}" for c in risk)
        + f"); mitigation score {result.mitigation_score} of {result.max_mitigation_score}, "
        + ("so the mitigation factor applies" if result.mitigation_applied else "below the threshold")
        + f"; current score {result.score}: **{result.level.name.en}**.",
        "",
    ]
    lines += [f"- {requirement.name.en}: {text.en}" for requirement, text in result.level.requirements]
    return "\n".join(lines)


def render() -> str:
    """The examples section of docs/responsible-ai.md."""
    parts = [eu_example(title, changes) for title, changes in EU_EXAMPLES]
    parts.append(impact_example())
    return "\n\n".join(parts) + "\n"


if __name__ == "__main__":
    print(render(), end="")
