"""Turn an entry record (the format of the bundled demo file, of imports, exports and the API) into a bound
`EntryForm`, so that every way in is validated by the same rules and reports errors the same way; and turn a
revision back into its record (`record_of`), so that an export reads back as the same entry.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from marsad.accounts.models import Organisation
from marsad.core.validators import clean_plain_text, format_partial_date, http_url
from marsad.initiatives.forms import EntryForm
from marsad.initiatives.models import Revision
from marsad.vocab.models import Country, Kind, Term

LANGS = ("ar", "en", "fr")
TEXTS = ("title", "summary", "description", "outcomes", "funding")
LISTS = ("action_lines", "sdgs", "technologies", "beneficiaries", "countries")
SINGLES = ("stakeholder_type", "scope", "status")


def organisation_for(info: dict[str, Any], field: str = "lead_organisation") -> Organisation:
    """Find an organisation by name and country, or list it (a known organisation with no members yet)."""
    names = info.get("name") or {}
    if not isinstance(names, dict) or not any(names.get(lang) for lang in LANGS):
        raise ValidationError({field: _("The organisation needs a name.")})
    names = {lang: str(names.get(lang) or "") for lang in LANGS}
    country = Country.objects.filter(code=str(info.get("country", "")).upper()).first()
    if country is None:
        raise ValidationError(
            {field: _("Unknown country code “%(code)s”.") % {"code": str(info.get("country"))[:40]}}
        )
    if names["en"]:
        lookup = {"name_en": names["en"]}
    elif names["ar"]:
        lookup = {"name_ar": names["ar"], "name_en": ""}
    else:
        lookup = {"name_fr": names["fr"], "name_ar": "", "name_en": ""}
    found = Organisation.objects.filter(country=country, **lookup).first()
    if found:
        return found
    kind = Term.objects.filter(kind=Kind.STAKEHOLDER_TYPE, code=str(info.get("type", ""))).first()
    if kind is None:
        raise ValidationError(
            {field: _("Unknown organisation type “%(code)s”.") % {"code": str(info.get("type"))[:40]}}
        )
    return Organisation.objects.create(
        country=country,
        kind=kind,
        website=_organisation_website(info.get("website"), field),
        status=Organisation.Status.LISTED,
        **{f"name_{lang}": _organisation_name(names[lang], field) for lang in LANGS},
    )


def _organisation_name(name: str, field: str) -> str:
    try:
        name = clean_plain_text(name) if name else ""
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc
    if len(name) > 300:
        raise ValidationError({field: _("An organisation's name has at most 300 characters.")})
    return name


def _organisation_website(website: Any, field: str) -> str:
    """A listed organisation's website is shown as a link: only http(s) addresses are stored."""
    website = str(website or "").strip()
    if not website:
        return ""
    try:
        if len(website) > 500:
            raise ValidationError("too long")
        http_url(website)
    except ValidationError as exc:
        raise ValidationError(
            {field: _("“%(url)s” is not a valid http(s) address.") % {"url": website[:80]}}
        ) from exc
    return website


def form_data(record: dict[str, Any], lead: Organisation, partners: list[Organisation]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in TEXTS:
        texts = record.get(name) or {}
        for lang in LANGS:
            data[f"{name}_{lang}"] = texts.get(lang, "") if isinstance(texts, dict) else ""
    for name in LISTS:
        data[name] = [str(code) for code in record.get(name) or []]
    for name in SINGLES:
        data[name] = str(record.get(name, ""))
    data["lead_organisation"] = lead.pk
    data["partners"] = [p.pk for p in partners]
    data["start"] = str(record.get("start") or "")
    data["end"] = str(record.get("end") or "")
    data["links_text"] = "\n".join(
        f"{link.get('url', '')} {link.get('label', '')}".strip() for link in record.get("links") or []
    )
    # The demo file gives the lead organisation's website; exports give the entry's own, which may differ.
    if "website" in record:
        data["website"] = record.get("website") or ""
    else:
        data["website"] = (record.get("lead_organisation") or {}).get("website", "")
    for name in ("source_url", "contact_url", "change_note"):
        data[name] = record.get(name, "")
    return data


def entry_form(
    record: dict[str, Any],
    organisations: Callable[[dict[str, Any], str], Organisation] = organisation_for,
    form_class: type[EntryForm] = EntryForm,
    **form_kwargs: Any,
) -> EntryForm:
    """A bound form for the record; organisations it names are found or listed on the way.

    A bulk import passes a memoising `organisations` and a `form_class` that resolves vocabulary codes from a
    snapshot; the rules applied are the same.
    """
    return form_class(form_data_for(record, organisations), **form_kwargs)


def form_data_for(
    record: dict[str, Any], organisations: Callable[[dict[str, Any], str], Organisation] = organisation_for
) -> dict[str, Any]:
    """The form data of the record, its organisations found or listed (raises ValidationError naming the
    record's path when one cannot be); a bulk import validates this data in worker processes."""
    lead = organisations(record.get("lead_organisation") or {}, "lead_organisation")
    partners = [organisations(p, f"partners[{i}]") for i, p in enumerate(record.get("partners") or [])]
    return form_data(record, lead, partners)


def organisation_record(organisation: Organisation) -> dict[str, Any]:
    """How a record names an organisation: enough for `organisation_for` to find it again, or list it."""
    return {
        "name": {
            lang: getattr(organisation, f"name_{lang}")
            for lang in LANGS
            if getattr(organisation, f"name_{lang}")
        },
        "country": organisation.country_id,
        "type": organisation.kind.code,
        "website": organisation.website,
    }


def record_of(revision: Revision) -> dict[str, Any]:
    """The record of a revision, the inverse of `entry_form`: the form built from it gives the same revision.

    Query-heavy on its own; callers listing many revisions prefetch `RECORD_RELATED` and `RECORD_PREFETCH`.
    """
    record: dict[str, Any] = {"id": revision.entry.slug}
    for name in TEXTS:
        record[name] = {
            lang: getattr(revision, f"{name}_{lang}") for lang in LANGS if getattr(revision, f"{name}_{lang}")
        }
    for name in ("action_lines", "sdgs", "technologies", "beneficiaries"):
        record[name] = [term.code for term in getattr(revision, name).all()]
    record["countries"] = [country.code for country in revision.countries.all()]
    for name in SINGLES:
        record[name] = getattr(revision, name).code
    record["organisation"] = organisation_record(revision.entry.organisation)
    record["lead_organisation"] = organisation_record(revision.lead_organisation)
    record["partners"] = [organisation_record(p) for p in revision.partners.all()]
    record["start"] = format_partial_date(revision.start_date, revision.start_precision)
    record["end"] = format_partial_date(revision.end_date, revision.end_precision)
    record["links"] = [{"url": link["url"], "label": link.get("label", "")} for link in revision.links]
    for name in ("website", "source_url", "contact_url", "change_note"):
        record[name] = getattr(revision, name)
    return record


RECORD_RELATED = (
    "entry__organisation__kind",
    "lead_organisation__kind",
    "stakeholder_type",
    "scope",
    "status",
)
RECORD_PREFETCH = ("action_lines", "sdgs", "technologies", "beneficiaries", "countries", "partners__kind")
