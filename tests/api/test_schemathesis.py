"""Property-based run of the whole API against its own OpenAPI document (schemathesis), on the live app.

Every operation gets the document's examples (Arabic and English) and a bounded number of generated requests,
made with a token that may read, write and review, over a database holding a few entries whose ids the
generated paths use half of the time. A response fails the run if it is a 5xx, has a status, content type or
headers the document does not declare, or a body that does not match the documented schema.
"""

import hypothesis.strategies as st
import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from marsad.wsgi import application
from tests.api.helpers import token_for
from tests.cast import make_entry

EXAMPLES_PER_OPERATION = 12
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


# Loading the document needs no database: it is built from the code.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
SLUGS = ("national-ai-skills-programme", "a-draft", "under-review")  # the entries `live_app` makes


@schema.hook("flatmap_path_parameters")
def known_slugs(ctx, parameters):
    if not parameters or "slug" not in parameters:
        return st.just(parameters)
    return st.sampled_from([parameters, *({**parameters, "slug": slug} for slug in SLUGS)])


@pytest.fixture
def live_app(cast, settings) -> str:
    """A few entries, no rate limit, and a token that may read, write and review; returns the token."""
    settings.MARSAD_API_RATE_TOKEN = settings.MARSAD_API_RATE_ANON = "1000000/60"
    cache.clear()
    made = [
        make_entry(cast, "published"),
        make_entry(cast, "draft", title_en="A draft"),
        make_entry(cast, "submitted", title_en="Under review"),
    ]
    assert tuple(entry.slug for entry in made) == SLUGS
    # The app runs in this thread on the test's connection: as Django's test client does, keep the request
    # signals from closing that connection in the middle of the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield token_for(cast.moderator)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.django_db
def test_api_conforms_to_its_document(case, live_app):
    case.call_and_validate(headers={"Authorization": f"Bearer {live_app}"}, checks=CHECKS)
