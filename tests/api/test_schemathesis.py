"""The whole API against its own OpenAPI document (schemathesis), on the live app, reading and writing.

Two tests share the checks (no 5xx; status, content type, headers and body as the document declares them):

* the property run gives every operation the document's examples and generated requests (and schemathesis's
  coverage cases: wrong types, missing fields, oversized values), made with a token that may read, write and
  review, over a database holding a few entries and a maturity index edition, whose ids and country codes the
  generated paths use half of the time. So that it
  cannot pass without testing anything, each operation must have been called, with answers the token was not
  refused for, and each read of ours must have answered 200 at least once;
* the documented walk sends the document's own examples, in the order a client would — create, update, a stale
  update, submit, review, publish, withdraw, import a file — and requires each to succeed (or to be the 409 it
  documents), so every write operation is exercised with an answer that is validated, not only refusals.
"""

from collections import defaultdict

import hypothesis.strategies as st
import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from marsad.api.models import ApiToken
from marsad.initiatives.models import Entry, ReviewEvent
from marsad.insights.editions import load_default_edition
from marsad.insights.models import Edition
from marsad.wsgi import application
from tests.api.helpers import token_for
from tests.cast import make_entry
from tests.exchange.helpers import csv_bytes, record

EXAMPLES_PER_OPERATION = 12
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
PREFIX = "/api/v1"

# Loading the document needs no database: it is built from the code.
schema = schemathesis.openapi.from_wsgi(f"{PREFIX}/openapi.json", application)
OPERATIONS = {(method.upper(), path) for path, item in schema.raw_schema["paths"].items() for method in item}
SLUGS = ("sdaia-academy", "a-draft", "under-review")  # the entries `live_app` makes
UNITS = ("SAU", "ARE", "EGY")  # countries of the maturity index edition `index_edition` publishes
# Every read must answer 200 at least once.
OUR_READS = {(m, p) for m, p in OPERATIONS if m == "GET"}


@schema.hook("flatmap_path_parameters")
def known_keys(ctx, parameters):
    """Half of the generated paths name an entry, a country or the edition that exists."""
    known = {"slug": SLUGS, "unit": UNITS, "number": (1,)}
    names = [name for name in known if name in (parameters or {})]
    if not names:
        return st.just(parameters)
    return st.sampled_from(
        [parameters, *({**parameters, name: value} for name in names for value in known[name])]
    )


@schema.hook("flatmap_query")
def known_targets(ctx, query):
    """A gap plan's target is a country code or a stage: half of the generated ones are countries."""
    if not query or "target" not in query:
        return st.just(query)
    return st.sampled_from([query, *({**query, "target": unit} for unit in UNITS)])


class Answers:
    """The token the run uses, and every status each operation answered, to check the run tested something."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.statuses: dict[tuple[str, str], list[int]] = defaultdict(list)

    def call(self, case):
        response = case.call_and_validate(headers={"Authorization": f"Bearer {self.token}"}, checks=CHECKS)
        if (case.method.upper(), case.path) in OPERATIONS:
            self.statuses[case.method.upper(), case.path].append(response.status_code)
        return response


def _serve_on_test_connection():
    """The app runs in this thread on the test's connection: as Django's test client does, keep the request
    signals from closing that connection in the middle of the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)


def _restore_connection_signals():
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def no_rate_limit(settings):
    settings.MARSAD_API_RATE_TOKEN = settings.MARSAD_API_RATE_ANON = "1000000/60"
    cache.clear()
    _serve_on_test_connection()
    yield
    _restore_connection_signals()


@pytest.fixture(scope="module")
def index_edition(django_db_setup, django_db_blocker):
    """The bundled maturity index edition (few Monte Carlo runs), committed for this module's tests."""
    with django_db_blocker.unblock(), override_settings(INSIGHTS_MONTE_CARLO_RUNS=40):
        edition = load_default_edition()
    yield edition
    with django_db_blocker.unblock():
        Edition.objects.all().delete()


@pytest.fixture
def live_app(cast, no_rate_limit, index_edition) -> Answers:
    """A few entries and a token that may read, write and review; afterwards, what the operation answered is
    checked: it was called, the token was accepted at least once, and a read of ours answered 200."""
    made = [
        make_entry(cast, "published", title_en="SDAIA Academy"),
        make_entry(cast, "draft", title_en="A draft"),
        make_entry(cast, "submitted", title_en="Under review"),
    ]
    assert tuple(entry.slug for entry in made) == SLUGS
    answers = Answers(token_for(cast.moderator))
    yield answers
    assert answers.statuses, "no operation of the document was called"
    for operation, statuses in answers.statuses.items():
        assert set(statuses) - {401, 429}, f"{operation}: only refused ({sorted(set(statuses))})"
        if operation in OUR_READS:
            assert 200 in statuses, f"{operation} never answered 200: {sorted(set(statuses))}"


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
    live_app.call(case)


def test_the_document_describes_every_operation_of_the_api():
    """The property run is parametrised by the document: an empty or truncated one would test nothing."""
    paths = {path.removeprefix(PREFIX) for _method, path in OPERATIONS}
    assert {"/entries", "/entries/{slug}", "/entries/{slug}/review", "/imports", "/me"} <= paths
    assert len(OPERATIONS) >= 18


def _example(name: str) -> dict:
    return schema.raw_schema["components"]["schemas"][name]["examples"][0]


def _send(answers: Answers, method: str, path: str, expected: int, **parts):
    operation = schema[PREFIX + path.split("?")[0].format(slug="{slug}")][method]
    response = answers.call(operation.Case(**parts))
    assert response.status_code == expected, (method, path, response.status_code, response.text[:500])
    return response.json()


@pytest.mark.django_db
def test_the_documented_examples_walk_an_entry_through_its_life(cast, no_rate_limit):
    """A moderator's token sends the document's examples; every answer is checked against the document."""
    answers = Answers(token_for(cast.moderator))
    slug = {"slug": _example("EntryIn")["id"]}

    created = _send(answers, "POST", "/entries", 201, body=_example("EntryIn"), media_type="application/json")
    assert (created["id"], created["state"], created["revision"]) == (slug["slug"], "draft", 1)
    update = _example("EntryUpdate")
    changed = _send(answers, "PUT", "/entries/{slug}", 200, path_parameters=slug, body=update)
    assert changed["revision"] == 2 and changed["summary"] == update["summary"]
    stale = _send(answers, "PUT", "/entries/{slug}", 409, path_parameters=slug, body=update)
    assert stale["current_revision"] == 2
    assert _send(answers, "POST", "/entries/{slug}/submit", 200, path_parameters=slug)["state"] == "submitted"
    review = _example("ReviewIn")
    assert (
        _send(answers, "POST", "/entries/{slug}/review", 200, path_parameters=slug, body=review)["state"]
        == "returned"
    )
    _send(answers, "POST", "/entries/{slug}/submit", 200, path_parameters=slug)
    for action, state in (("start", "in_review"), ("publish", "published")):
        answer = _send(
            answers, "POST", "/entries/{slug}/review", 200, path_parameters=slug, body={"action": action}
        )
        assert answer["state"] == state
    read = _send(answers, "GET", "/entries/{slug}", 200, path_parameters=slug)
    assert read["revision"] == 2 and read["state"] == "published"
    withdrawn = _send(
        answers, "POST", "/entries/{slug}/withdraw", 200, path_parameters=slug, body=_example("WithdrawIn")
    )
    assert withdrawn["state"] == "withdrawn"

    upload = {"file": csv_bytes([record(1)])}
    report = _send(
        answers,
        "POST",
        "/imports",
        200,
        body=upload,
        media_type="multipart/form-data",
        query={"dry_run": "false"},
    )
    assert report["committed"] and report["counts"]["new"] == 1 and report["target_state"] == "published"

    entry = Entry.objects.get(slug=slug["slug"])
    token = ApiToken.objects.get(user=cast.moderator)
    assert entry.source == token.via
    assert set(ReviewEvent.objects.filter(entry=entry).values_list("via", flat=True)) == {token.via}
    writes = list(token.writes.order_by("id").values_list("action", "revision"))
    assert writes == [
        ("create", 1),
        ("update", 2),
        ("submit", 2),
        ("review:return", 2),
        ("submit", 2),
        ("review:start", 2),
        ("review:publish", 2),
        ("withdraw", 2),
        ("import", None),
    ]
    assert token.writes.get(action="import").import_run.counts["new"] == 1
