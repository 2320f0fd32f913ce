"""The OpenAPI document and the documentation page a newcomer starts from."""

import json

import pytest

pytestmark = pytest.mark.django_db


def no_duplicates(pairs: list) -> dict:
    keys = [key for key, _value in pairs]
    assert len(keys) == len(set(keys)), keys  # Swagger UI refuses a document with a key twice
    return dict(pairs)


def test_the_openapi_document_documents_problems_security_and_examples(client):
    schema = json.loads(client.get("/api/v1/openapi.json").content, object_pairs_hook=no_duplicates)
    assert (
        schema["openapi"].startswith("3.")
        and schema["components"]["securitySchemes"]["token"]["scheme"] == "bearer"
    )
    paths = schema["paths"]
    assert {"/api/v1/entries", "/api/v1/entries/{slug}", "/api/v1/imports", "/api/v1/statistics"} <= set(
        paths
    )
    create = paths["/api/v1/entries"]["post"]
    assert create["security"] == [{"token": []}]
    assert "application/problem+json" in create["responses"]["422"]["content"]
    assert paths["/api/v1/entries"]["get"]["security"] == [{"token": []}, {}]
    examples = schema["components"]["schemas"]["EntryIn"]["examples"][0]
    assert examples["title"]["ar"] == "أكاديمية سدايا" and examples["title"]["en"] == "SDAIA Academy"
    for name, component in schema["components"]["schemas"].items():
        text = str(component.get("examples", "")) + str(component.get("description", ""))
        if name in ("EntryOut", "ProblemOut", "ReviewIn", "TermOut", "CountryOut", "StatisticsOut", "MeOut"):
            assert any("\u0600" <= ch <= "\u06ff" for ch in text), name  # an Arabic example


@pytest.mark.parametrize("lang, phrase", [("en", "Create a token"), ("ar", 'dir="rtl"')])
def test_the_docs_page_explains_the_four_first_steps(client, lang, phrase):
    page = client.get(f"/api/v1/docs?lang={lang}").content.decode()
    assert phrase in page and "/api/v1/openapi.json" in page and "swagger-ui-bundle.js" in page
    for anchor in ('id="fetch"', 'id="token"', 'id="submit"', 'id="import"', 'id="problem-validation"'):
        assert anchor in page
