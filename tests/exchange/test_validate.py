"""The import's fast validator gives the entry form's verdicts and messages, record by record."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Model

from marsad.exchange.validate import FIELD_PATHS, Validator
from marsad.initiatives import records
from tests.exchange.helpers import record

pytestmark = pytest.mark.django_db

VARIANTS = {
    "valid": {},
    "no title": {"title": {}, "summary": {}},
    "unknown codes": {"technologies": ["ai", "telepathy"], "sdgs": ["SDG99"]},
    "no action line": {"action_lines": []},
    "wrong scope": {"scope": "galactic"},
    "bad dates": {"start": "2024-13", "end": "last year"},
    "HTML and NUL": {"title": {"en": "<b>x</b>"}, "summary": {"en": "a\x00b"}},
    "partner": {"partners": [{"name": {"en": "Org AE"}, "country": "AE", "type": "government"}]},
    "bad partner country": {
        "partners": [{"name": {"en": "Somebody"}, "country": "ZZ", "type": "government"}]
    },
    "long funding": {"funding": {"en": "€" * 600}},
    "bad links": {"links": [{"url": "ftp://example.org", "label": ""}]},
}


def _plain(value: Any) -> Any:
    if isinstance(value, Model):
        return value.pk
    if hasattr(value, "model") or (isinstance(value, list) and value and isinstance(value[0], Model)):
        return sorted(item.pk for item in value)
    return value


def _form_verdict(data: dict) -> tuple[dict | None, list[tuple[str, str]]]:
    try:
        form = records.entry_form(data)
    except ValidationError as exc:
        return None, [(path, message) for path, messages in exc.message_dict.items() for message in messages]
    if form.is_valid():
        return form.revision_data(), []
    return None, [
        (FIELD_PATHS.get(name, name), m) for name, messages in form.errors.items() for m in messages
    ]


@pytest.mark.parametrize("case", VARIANTS)
def test_same_verdict_and_messages_as_the_entry_form(cast, case):
    data = record(1, **VARIANTS[case])
    expected_data, expected_problems = _form_verdict(data)
    validator = Validator()
    for _attempt in range(2):  # the second time answered from the memo
        prepared, problems = validator.prepare(data)
        if prepared is not None:
            revision_data, problems = validator.check(prepared)
        else:
            revision_data = None
        assert sorted(problems) == sorted(expected_problems)
        assert (revision_data is None) == (expected_data is None)
        if revision_data is not None:
            assert {k: _plain(v) for k, v in revision_data.items()} == {
                k: _plain(v) for k, v in expected_data.items()
            }
