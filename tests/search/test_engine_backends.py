"""The shared backend suite: the same judged queries on whichever database the run uses (`make test` runs it on
SQLite and on PostgreSQL), through the engine (index + per-process catalogue) and through plain SQL.

Entries are published through the real workflow, so what is searched is what the signal indexed.
"""

import random

import pytest
from django.db import transaction
from django.http import QueryDict

from marsad.initiatives.filters import FACETS, EntryQuery
from tests.cast import make_cast, make_entry

pytestmark = pytest.mark.django_db  # each test in a savepoint inside the module's transaction

NO_AR = {"title_ar": "", "summary_ar": ""}
CORPUS = {
    "ai_ar": dict(
        title_en="",
        summary_en="",
        title_ar="منصة وطنية للذكاء الاصطناعي",
        summary_ar="تقدم الوزارة خدمات حكومية ذكية للمواطنين",
        countries=["SA"],
        technologies=["ai"],
    ),
    "ai_en": dict(
        NO_AR,
        title_en="National artificial intelligence platform",
        summary_en="Smart government services for citizens",
        countries=["AE"],
        technologies=["ai"],
    ),
    "ai_fr": dict(
        NO_AR,
        title_en="",
        summary_en="",
        title_fr="Plateforme nationale d'intelligence artificielle",
        summary_fr="Des services publics plus simples",
        countries=["TN"],
        technologies=["ai", "ai-ml"],
    ),
    "health_ar": dict(
        title_en="",
        summary_en="",
        title_ar="الصحة الإلكترونية في المستشفيات الريفية",
        summary_ar="تطبيب عن بعد للمرضى في القرى",
        technologies=["iot"],
    ),
    "health_en": dict(
        NO_AR,
        title_en="Telemedicine for rural hospitals",
        summary_en="Remote care for patients in villages",
        description_en="Doctors hold **video** consultations with rural clinics.",
        technologies=["iot"],
        countries=["AE"],
    ),
    "cyber_en": dict(
        NO_AR,
        title_en="Cybersecurity skills academy",
        summary_en="Training on data protection and network security",
        description_en="Includes a module on securing telemedicine.",
        technologies=["cybersecurity"],
    ),
    "edu_ar": dict(
        title_en="",
        summary_en="",
        title_ar="برنامج التعليم الإلكتروني",
        summary_ar="تدريب المعلمين على المهارات الرقمية",
        technologies=["cloud"],
    ),
    "computing_en": dict(
        NO_AR,
        title_en="Computing clusters for students",
        summary_en="Computer science training in universities",
        technologies=["cloud"],
        countries=["AE"],
    ),
}
NEVER = {  # state, text: entries that must never be found
    "withdrawn": dict(NO_AR, title_en="Drone mapping of farms", summary_en="Drones survey farms"),
    "draft": dict(NO_AR, title_en="Drone pilot training", summary_en="Drones for farms in draft"),
}

# Judged queries: the names of CORPUS they must find, on both databases.
CASES = [
    ("الذكاء الاصطناعي", {"ai_ar", "ai_en", "ai_fr"}),
    ("artificial intelligence", {"ai_ar", "ai_en", "ai_fr"}),
    ("intelligence artificielle", {"ai_ar", "ai_en", "ai_fr"}),
    ("للذكاء", {"ai_ar"}),
    ("بالذكاء الاصطناعى", {"ai_ar", "ai_en", "ai_fr"}),  # clitic and final ى
    ("telemedicine", {"health_en", "health_ar", "cyber_en"}),  # تطبيب عن بعد in the glossary
    ('"rural hospitals"', {"health_en"}),
    ('"hospitals rural"', set()),
    ("telemed*", {"health_en", "cyber_en"}),
    ("الإلكترون*", {"health_ar", "edu_ar"}),
    ("comput*", {"computing_en"}),
    ("training -students", {"cyber_en", "edu_ar"}),  # تدريب
    ('training -"computer science"', {"cyber_en", "edu_ar"}),
    ("cybersecurity OR telemedicine", {"cyber_en", "health_en", "health_ar"}),
    ("الصحة أو التعليم", {"health_ar", "edu_ar"}),
    ("video consultations", {"health_en"}),  # the description counts
    ("drone", set()),
    ("-drone", set(CORPUS)),
    ("zzzunknownword", set()),
    ("", set(CORPUS)),
]


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The entries, published once for the module inside a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        cast = make_cast()
        entries = {name: make_entry(cast, "published", **fields) for name, fields in CORPUS.items()}
        for state, fields in NEVER.items():
            make_entry(cast, state, **fields)
        yield {entry.pk: name for name, entry in entries.items()}
        transaction.set_rollback(True)


def search(params: dict) -> EntryQuery:
    query = QueryDict(mutable=True)
    for key, value in params.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    return EntryQuery.from_params(query)


def names(corpus, revisions) -> set[str]:
    return {corpus[revision.entry_id] for revision in revisions}


@pytest.mark.parametrize("text, expected", CASES)
def test_the_engine_finds_the_judged_entries(corpus, text, expected):
    assert names(corpus, search({"q": text}).results()) == expected


@pytest.mark.parametrize("text, expected", CASES)
def test_plain_sql_finds_the_same_entries(corpus, text, expected):
    assert names(corpus, search({"q": text}).queryset()) == expected


def test_text_and_filters_combine(corpus):
    assert names(corpus, search({"q": "artificial intelligence", "country": "AE"}).results()) == {"ai_en"}
    assert names(corpus, search({"q": "artificial intelligence", "technology": "ai-ml"}).results()) == {
        "ai_fr"
    }
    assert names(corpus, search({"q": "training", "technology": ["cloud", "cybersecurity"]}).results()) == {
        "computing_en",
        "cyber_en",
        "edu_ar",
    }


def test_facet_counts_with_a_text_query(corpus):
    query = search({"q": "الذكاء الاصطناعي", "technology": "ai-ml"})
    counts = {param: {i["code"]: i["count"] for i in items} for param, items in query.facet_counts().items()}
    assert counts["country"] == {"TN": 1}  # the technology filter applies to the country facet
    assert counts["technology"] == {"ai": 3, "ai-ml": 1}  # ... but not to its own facet


def test_bitmap_facet_counts_equal_sql_group_by(corpus):
    rng = random.Random(7)
    words = ["training", "الذكاء", "services", "rural", "platform", "-drone", "comput*", "الرقمية", ""]
    for _ in range(25):
        params = {"q": " ".join(rng.sample(words, rng.randint(0, 2)))}
        if rng.random() < 0.5:
            params["country"] = rng.sample(["SA", "AE", "TN"], rng.randint(1, 2))
        if rng.random() < 0.5:
            params["technology"] = rng.sample(["ai", "iot", "cloud"], rng.randint(1, 2))
        query = search(params)
        fast = {param: query.outcome.counts.get(param, {}) for param in (f.param for f in FACETS)}
        assert fast == query.sql_facet_counts(), params
        assert query.results().count() == query.queryset().count(), params


def test_relevance_puts_title_matches_first(corpus):
    ranked = [corpus[r.entry_id] for r in search({"q": "telemedicine"}).results()]
    assert ranked[0] == "health_en"  # in its title; cyber_en has it in its description only
    assert ranked.index("cyber_en") > 0


def test_sort_orders(corpus):
    recent = [corpus[r.entry_id] for r in search({"sort": "recent"}).results()]
    assert recent == list(reversed(CORPUS))
    titles = [r.title.text for r in search({"sort": "title", "q": "training"}).results()]
    assert titles == sorted(titles, key=str.lower)


def test_results_slice_like_a_sequence(corpus):
    results = search({"sort": "recent"}).results()
    assert len(results) == len(CORPUS) == results.count()
    assert [r.entry_id for r in results[2:4]] == [r.entry_id for r in list(results)[2:4]]
    assert results[0].entry_id == results.ids()[0]
