"""The shape of an entry record as JSON carries it (JSON import, the API): types, not rules.

Types are checked here so that a number where text belongs, or a lone surrogate that no database can store,
is reported by path before the record meets the entry form; every rule about content (required fields,
vocabulary codes, dates, URLs, lengths) stays with `EntryForm`, through `marsad.initiatives.records`.
"""

from typing import Annotated, Any

from django.utils.translation import gettext as _
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic import ValidationError as PydanticError

MAX_TEXT = 100_000
MAX_CODES = 100
MAX_PARTNERS = 50
SLUG_PATTERN = r"^[-a-zA-Z0-9_]{1,120}$"
# Keys an export writes about an entry's life in Marsad; an import reads them without acting on them.
READ_ONLY_KEYS = ("revision", "state", "url", "published_at", "updated_at", "display")


def _no_surrogates(value: str) -> str:
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise ValueError("lone surrogate")
    return value


def _year_as_text(value: Any) -> Any:
    """A year written as a JSON number (2024) is the same date as the text "2024"."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Text = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(_no_surrogates)]
Code = Annotated[str, Field(max_length=100), AfterValidator(_no_surrogates)]
PartialDate = Annotated[
    str, BeforeValidator(_year_as_text), Field(max_length=40), AfterValidator(_no_surrogates)
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Texts(Strict):
    ar: Text = ""
    en: Text = ""
    fr: Text = ""


class OrganisationRef(Strict):
    name: Texts
    country: Code
    type: Code = ""
    website: Text = ""


class Link(Strict):
    url: Text
    label: Text = ""


class Record(Strict):
    id: Annotated[str, Field(pattern=SLUG_PATTERN)] | None = None
    title: Texts = Texts()
    summary: Texts = Texts()
    description: Texts = Texts()
    outcomes: Texts = Texts()
    funding: Texts = Texts()
    action_lines: Annotated[list[Code], Field(max_length=MAX_CODES)] = []
    sdgs: Annotated[list[Code], Field(max_length=MAX_CODES)] = []
    technologies: Annotated[list[Code], Field(max_length=MAX_CODES)] = []
    beneficiaries: Annotated[list[Code], Field(max_length=MAX_CODES)] = []
    countries: Annotated[list[Code], Field(max_length=MAX_CODES)] = []
    stakeholder_type: Code = ""
    scope: Code = ""
    status: Code = ""
    organisation: OrganisationRef | None = None
    lead_organisation: OrganisationRef
    partners: Annotated[list[OrganisationRef], Field(max_length=MAX_PARTNERS)] = []
    start: PartialDate = ""
    end: PartialDate = ""
    links: Annotated[list[Link], Field(max_length=MAX_CODES)] = []
    website: Text = ""
    source_url: Text = ""
    contact_url: Text = ""
    change_note: Text = ""


def messages_for(error: PydanticError) -> list[tuple[str, str]]:
    """(path, message) pairs in the active language for a pydantic error, e.g. ("title.en", "Expected text.")."""
    out = []
    for item in error.errors(include_url=False, include_input=False):
        path = ".".join(str(part) if not isinstance(part, int) else f"[{part}]" for part in item["loc"])
        out.append((path.replace(".[", "["), type_message(item)))
    return out


def type_message(item: dict[str, Any]) -> str:
    kind, ctx = item["type"], item.get("ctx") or {}
    messages = {
        "missing": _("This field is required."),
        "extra_forbidden": _("Unknown field; see the documented record format."),
        "string_type": _("Expected text."),
        "list_type": _("Expected a list."),
        "model_type": _("Expected an object with named fields."),
        "model_attributes_type": _("Expected an object with named fields."),
        "dict_type": _("Expected an object with named fields."),
        "int_type": _("Expected a whole number."),
        "int_parsing": _("Expected a whole number."),
        "bool_type": _("Expected true or false."),
        "bool_parsing": _("Expected true or false."),
        "string_pattern_mismatch": _("Use only letters, digits, hyphens and underscores (at most 120)."),
        "string_unicode": _("This text contains invalid characters."),
        "value_error": _("This text contains invalid characters."),
        "json_invalid": _("This is not valid JSON."),
    }
    if kind in ("string_too_long", "too_long"):
        return _("Too long: at most %(n)s.") % {"n": ctx.get("max_length", "?")}
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return _("Out of range.")
    if kind == "literal_error" or kind == "enum":
        return _("Expected one of: %(values)s.") % {"values": ctx.get("expected", "")}
    return messages.get(kind, _("Invalid value."))


def parse(data: Any) -> tuple[dict[str, Any] | None, list[tuple[str, str]]]:
    """The record as plain data, with read-only export keys dropped, or the list of type problems."""
    if not isinstance(data, dict):
        return None, [("", _("Expected an object with named fields."))]
    data = {key: value for key, value in data.items() if key not in READ_ONLY_KEYS}
    try:
        record = Record.model_validate(data)
    except PydanticError as exc:
        return None, messages_for(exc)
    return record.model_dump(exclude_none=True), []
