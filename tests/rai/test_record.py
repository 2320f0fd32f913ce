"""Transparency record v1: branching, validation of each field type, readable sections and the JSON export."""

import json

from marsad import rai

COMPLETE = {
    "name": {"ar": "مساعد الاستفسارات الضريبية", "en": "Tax enquiries assistant"},
    "summary": {"en": "A chatbot that answers questions on VAT registration."},
    "purpose_and_scope": {"en": "Answers general VAT questions on the website; it does not decide on cases."},
    "benefits": {"en": "Shorter waiting times at the call centre."},
    "phase": "in_service",
    "organisation": {"ar": "هيئة الضرائب", "en": "Tax Authority"},
    "responsible_owner": {"en": "Director of Digital Services"},
    "contact_email": "ai-register@tax.example.org",
    "third_party": "yes",
    "third_party_names": {"en": "Example Cloud LLC"},
    "third_party_role": {"en": "Hosts the language model."},
    "decision_role": "no_decisions",
    "process_integration": {"en": "Answers questions; hands over to an agent on request."},
    "human_review": {"en": "Agents review a sample of conversations every week."},
    "scale_of_use": {"en": "About 40,000 conversations a month."},
    "data_sources": {"en": "Published VAT guides."},
    "personal_data": "yes",
    "personal_data_categories": ["identity_contact"],
    "legal_basis": {"en": "Public task under the national personal-data law."},
    "data_retention": {"en": "Conversations kept 90 days in the national cloud."},
    "model_type": "foundation_model",
    "model_description": {"en": "A hosted large language model with retrieval over the guides."},
    "model_languages": ["arabic_standard", "arabic_dialects", "english"],
    "performance": {
        "en": "92 % of answers judged correct on 500 test questions (Arabic 90 %, English 94 %)."
    },
    "limitations": {"en": "Weaker on Maghrebi dialects."},
    "risks_and_mitigations": {"en": "Wrong answers: every answer links to the guide it comes from."},
    "affected_people": {"en": "Taxpayers and their advisers."},
    "how_to_appeal": {"en": "Ask for an agent in the chat, or write to the contact address."},
    "record_date": "2026-03-01",
}


def test_complete_record_is_valid_and_exports_json_that_reads_back(record):
    assert rai.validate(record, COMPLETE) == []
    built = rai.evaluate(record, rai.AnswerSet("transparency_record", 1, COMPLETE))
    exported = json.loads(built.to_json())
    assert exported["format"] == "marsad-transparency-record" and exported["version"] == 1
    back = rai.AnswerSet.from_dict(exported)
    assert back.answers == COMPLETE and rai.validate(rai.load_for(back), back) == []
    assert "هيئة الضرائب" in built.to_json()  # Arabic kept readable
    owner = next(s for s in exported["sections"] if s["id"] == "owner")
    assert owner["title"] == {
        "ar": "الجهة المالكة والمسؤول",
        "en": "Owner and responsible contact",
        "fr": "Propriétaire et contact responsable",
    }
    languages = next(f for s in exported["sections"] for f in s["fields"] if f["id"] == "model_languages")
    assert [v["id"] for v in languages["value"]] == ["arabic_standard", "arabic_dialects", "english"]


def test_readable_sections_fall_back_visibly(record):
    sections = rai.evaluate(record, COMPLETE).readable("ar")
    purpose = sections[0]["fields"]
    assert purpose[0] == {
        "id": "name",
        "label": "اسم النظام",
        "value": "مساعد الاستفسارات الضريبية",
        "fallback": False,
        "value_lang": "ar",
    }
    assert purpose[1]["value_lang"] == "en" and purpose[1]["fallback"] is True
    phase = next(f for f in purpose if f["id"] == "phase")
    assert phase["value"] == "في الخدمة" and phase["fallback"] is False
    assert [s["id"] for s in sections] == [
        "purpose",
        "owner",
        "decisions",
        "data",
        "model",
        "performance",
        "risks",
        "affected_people",
    ]


def test_supplier_fields_only_when_a_supplier_is_involved(record):
    without = {k: v for k, v in COMPLETE.items() if not k.startswith("third_party_")} | {"third_party": "no"}
    assert rai.validate(record, without) == []
    tampered = {**without, "third_party_names": {"en": "Hidden Corp"}}
    assert [(e.code, e.question_id) for e in rai.validate(record, tampered)] == [
        ("hidden_question", "third_party_names")
    ]
    missing = {k: v for k, v in COMPLETE.items() if k != "third_party_role"}
    assert [(e.code, e.question_id) for e in rai.validate(record, missing)] == [
        ("missing_answer", "third_party_role")
    ]


def test_field_types_are_checked(record):
    bad = {
        **COMPLETE,
        "contact_email": "not-an-address",
        "information_url": "www.example.org",
        "record_date": "2026-02-30",
        "name": {"de": "Steuerassistent"},
        "summary": "plain string where languages are expected",
        "benefits": {"en": "   "},
    }
    errors = {e.question_id: e for e in rai.validate(record, bad)}
    assert errors["contact_email"].detail == "an e-mail address such as name@example.org"
    assert errors["information_url"].detail == "a web address starting with https:// or http://"
    assert errors["record_date"].detail == "a date written YYYY-MM-DD"
    assert (errors["name"].code, errors["name"].detail) == ("invalid_value", "unknown language 'de'")
    assert errors["summary"].code == "wrong_type"
    assert errors["benefits"].code == "missing_answer"  # blank in every language is no answer
    too_long = {**COMPLETE, "summary": {"en": "x" * 301}}
    assert [e.detail for e in rai.validate(record, too_long)] == ["at most 300 characters"]
