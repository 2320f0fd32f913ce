"""The API's documented shapes, each with an example in Arabic and English.

An entry travels in the record format of imports and exports (`marsad.exchange.shape.Record`): what a client
reads from `GET /entries/{id}` it can send back to `PUT /entries/{id}` with `base_revision` added.
"""

from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field

from marsad.exchange.shape import Record

EXAMPLE_RECORD = {
    "id": "sdaia-academy",
    "title": {"ar": "أكاديمية سدايا", "en": "SDAIA Academy"},
    "summary": {
        "ar": "برامج تدريبية في البيانات والذكاء الاصطناعي تقدمها الهيئة السعودية للبيانات والذكاء الاصطناعي.",
        "en": "Training programmes in data and artificial intelligence run by the Saudi Data and AI Authority.",
    },
    "action_lines": ["C4"],
    "technologies": ["ai", "ai-ml"],
    "sdgs": ["SDG4"],
    "countries": ["SA"],
    "stakeholder_type": "government",
    "scope": "national",
    "status": "ongoing",
    "lead_organisation": {
        "name": {"ar": "الهيئة السعودية للبيانات والذكاء الاصطناعي", "en": "Saudi Data and AI Authority"},
        "country": "SA",
        "type": "government",
        "website": "https://sdaia.gov.sa/",
    },
    "source_url": "https://sdaia.gov.sa/",
}
EXAMPLE_DISPLAY = {
    "title": "أكاديمية سدايا",
    "summary": EXAMPLE_RECORD["summary"]["ar"],
    "language": "ar",
    "fallback": False,
}


def example(value: object) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": [value]})


class LocalisedTexts(Schema):
    """Text per language; only the languages written are present."""

    ar: str | None = None
    en: str | None = None
    fr: str | None = None
    model_config = example({"ar": "أكاديمية سدايا", "en": "SDAIA Academy"})


class OrganisationOut(Schema):
    name: LocalisedTexts
    country: str = Field(description="ISO 3166-1 alpha-2")
    type: str = Field(description="stakeholder type code")
    website: str = ""


class LinkOut(Schema):
    url: str
    label: str = ""


class Display(Schema):
    """Title and summary in the requested language, or the first available one (`fallback` true)."""

    title: str
    summary: str
    language: str
    fallback: bool
    model_config = example(EXAMPLE_DISPLAY)


class EntryOut(Schema):
    """An entry: its record (the import format) and its place in Marsad. With `fields=`, only those keys."""

    id: str
    url: str | None = None
    revision: int | None = Field(
        None, description="number of the revision shown; send it back as base_revision"
    )
    state: str | None = None
    published_at: str | None = None
    display: Display | None = None
    title: LocalisedTexts | None = None
    summary: LocalisedTexts | None = None
    description: LocalisedTexts | None = None
    outcomes: LocalisedTexts | None = None
    funding: LocalisedTexts | None = None
    action_lines: list[str] | None = None
    sdgs: list[str] | None = None
    technologies: list[str] | None = None
    beneficiaries: list[str] | None = None
    countries: list[str] | None = None
    stakeholder_type: str | None = None
    scope: str | None = None
    status: str | None = None
    organisation: OrganisationOut | None = None
    lead_organisation: OrganisationOut | None = None
    partners: list[OrganisationOut] | None = None
    start: str | None = None
    end: str | None = None
    links: list[LinkOut] | None = None
    website: str | None = None
    source_url: str | None = None
    contact_url: str | None = None
    change_note: str | None = None
    model_config = example(
        {
            **EXAMPLE_RECORD,
            "url": "https://marsad.example/ar/entries/sdaia-academy/",
            "revision": 1,
            "state": "published",
            "published_at": "2025-01-15T10:00:00+00:00",
            "display": EXAMPLE_DISPLAY,
        }
    )


ENTRY_FIELDS = tuple(EntryOut.model_fields)


class EntryList(Schema):
    count: int = Field(description="entries matching, over all pages")
    next: str | None = Field(description="address of the next page, or null on the last")
    results: list[EntryOut]


class SentBack(Record):
    """The record format plus the keys a read adds: a client may send back what it read, and these are ignored
    (`revision` is not the base of a change: `base_revision` is)."""

    url: str | None = Field(None, description="read-only, ignored")
    revision: int | None = Field(None, description="read-only, ignored")
    state: str | None = Field(None, description="read-only, ignored")
    published_at: str | None = Field(None, description="read-only, ignored")
    display: Display | None = Field(None, description="read-only, ignored")


class EntryIn(SentBack):
    """A new entry, in the record format. Content rules are the web form's; the answer lists every field at fault."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE_RECORD]})


class EntryUpdate(SentBack):
    """A new revision of an entry: the whole record, and the revision it was based on (else 409 Conflict)."""

    base_revision: int = Field(ge=1, le=1_000_000, description="`revision` of the entry as you read it")
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{**EXAMPLE_RECORD, "base_revision": 1, "change_note": "ملخص أوضح / clearer summary"}]
        },
    )


class StateOut(Schema):
    id: str
    state: str
    revision: int
    url: str
    model_config = example(
        {
            "id": "sdaia-academy",
            "state": "submitted",
            "revision": 2,
            "url": "https://marsad.example/en/entries/sdaia-academy/",
        }
    )


class ReviewIn(Schema):
    action: Literal["start", "publish", "return", "reject"]
    comment: str = Field("", max_length=5000, description="required to return or reject")
    model_config = example({"action": "return", "comment": "أضيفوا رابط المصدر / please add the source link"})


class WithdrawIn(Schema):
    reason: str = Field(max_length=5000)
    model_config = example({"reason": "انتهت المبادرة / the initiative ended"})


class TermOut(Schema):
    kind: str
    code: str
    label: str = Field(description="in the requested language")
    labels: LocalisedTexts
    parent: str | None
    active: bool
    model_config = example(
        {
            "kind": "technology",
            "code": "ai-ml",
            "label": "تعلّم الآلة",
            "labels": {"ar": "تعلّم الآلة", "en": "Machine learning", "fr": "Apprentissage automatique"},
            "parent": "ai",
            "active": True,
        }
    )


class VocabularyOut(Schema):
    kind: str
    label: str
    terms: list[TermOut]


class CountryOut(Schema):
    code: str
    alpha3: str
    numeric: str
    label: str
    labels: LocalisedTexts
    region: str | None
    groups: list[str] = Field(description="codes of the groupings it belongs to (LAS, DCO, AICTO, GCC …)")
    model_config = example(
        {
            "code": "TN",
            "alpha3": "TUN",
            "numeric": "788",
            "label": "تونس",
            "labels": {"ar": "تونس", "en": "Tunisia", "fr": "Tunisie"},
            "region": "northern-africa",
            "groups": ["las", "aicto"],
        }
    )


class StatisticsOut(Schema):
    by: list[str]
    total: int = Field(description="entries matching the filters")
    rows: list[dict[str, str | int]] = Field(description="one row per combination: the codes and `count`")
    labels: dict[str, dict[str, str]] = Field(description="facet → code → label in the requested language")
    model_config = example(
        {
            "by": ["country", "technology"],
            "total": 12,
            "rows": [{"country": "SA", "technology": "ai", "count": 5}],
            "labels": {"country": {"SA": "السعودية"}, "technology": {"ai": "الذكاء الاصطناعي"}},
        }
    )


class SimilarOut(Schema):
    id: str
    url: str
    title: str
    score: float = Field(description="0 (nothing in common) to about 1")
    model_config = example(
        {
            "id": "sdaia-academy",
            "url": "https://marsad.example/ar/entries/sdaia-academy/",
            "title": "أكاديمية سدايا",
            "score": 0.62,
        }
    )


class Membership(Schema):
    id: int
    name: str
    country: str


class TokenInfo(Schema):
    name: str
    scopes: list[str]
    expires_at: str


class MeOut(Schema):
    email: str
    display_name: str
    moderator: bool
    reviewer: bool
    organisations: list[Membership]
    token: TokenInfo
    model_config = example(
        {
            "email": "contributor@example.org",
            "display_name": "مساهم / Contributor",
            "moderator": False,
            "reviewer": False,
            "organisations": [{"id": 3, "name": "Saudi Data and AI Authority", "country": "SA"}],
            "token": {
                "name": "portal sync",
                "scopes": ["read", "write"],
                "expires_at": "2026-03-01T00:00:00+00:00",
            },
        }
    )


class FieldProblem(Schema):
    field: str
    pointer: str
    detail: str
    label: str | None = None


class ProblemOut(Schema):
    """RFC 9457 problem details (media type application/problem+json)."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    errors: list[FieldProblem] | None = None
    current_revision: int | None = None
    model_config = example(
        {
            "type": "https://marsad.example/api/v1/docs#problem-validation",
            "title": "بعض الحقول غير صالحة.",
            "status": 422,
            "detail": "صحّحوا الحقول المذكورة في errors ثم أعيدوا الإرسال.",
            "instance": "/api/v1/entries",
            "errors": [{"field": "start", "pointer": "#/start", "detail": "هذا التاريخ غير موجود."}],
        }
    )


class ImportRow(Schema):
    row: int
    id: str
    title: str
    outcome: Literal["new", "updated", "unchanged", "duplicate", "invalid"]
    problems: list[dict[str, str]]
    duplicates: list[str]


class ImportReportOut(Schema):
    file: str
    format: str
    dry_run: bool
    committed: bool
    ok: bool
    target_state: str
    summary: str
    counts: dict[str, int]
    problems: list[str]
    warnings: list[str]
    rows: list[ImportRow]
