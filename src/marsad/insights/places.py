"""The index's units as countries of the vocabulary: names in the visitor's language, groups, peers.

Units are ISO 3166-1 alpha-3 codes (the World Bank's); the vocabulary (`marsad.vocab`) gives each country its
names in three languages, its UN M49 sub-region and region, and its memberships (LAS, DCO, AICTO, GCC, Arab
region), which moderators keep up to date. Groups therefore come from the vocabulary, not from the data file,
so every edition is filtered and compared with today's memberships.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from marsad.vocab.models import Country, Kind, Term

MEMBERSHIPS = ("LAS", "DCO", "AICTO", "GCC", "ARAB-REGION")
REGION_OF_MARSAD = ("LAS", "DCO")  # the platform's region: its initiatives and its countries' peers


@dataclass(frozen=True)
class Group:
    code: str
    label: str
    kind: str  # "membership", "region", "subregion"


def countries() -> dict[str, Country]:
    """alpha-3 → Country, with the region and sub-region loaded."""
    return {c.alpha3: c for c in Country.objects.select_related("region", "region__parent")}


def name_of(alpha3: str, known: dict[str, Country] | None = None) -> str:
    """A country's name in the visitor's language, from `known` (see `countries()`) or the database; the code
    itself for a unit the vocabulary does not know."""
    country = known.get(alpha3) if known is not None else Country.objects.filter(alpha3=alpha3).first()
    return country.label if country else alpha3


def groups() -> list[Group]:
    """Memberships first, then the M49 regions and their sub-regions, in the vocabulary's order."""
    terms = Term.objects.of(Kind.GROUP).select_related("parent")
    found = {t.code: t for t in terms}
    out = [Group(c, found[c].label, "membership") for c in MEMBERSHIPS if c in found]
    for term in terms:
        if term.code.startswith("M49-") and term.parent_id is None:
            out.append(Group(term.code, term.label, "region"))
            out.extend(
                Group(sub.code, sub.label, "subregion")
                for sub in terms
                if sub.parent_id == term.pk and sub.code.startswith("M49-")
            )
    return out


def members(code: str) -> set[str]:
    """alpha-3 codes of the countries in a group (a membership, an M49 region or sub-region)."""
    query = Q(groups__code=code) | Q(region__code=code) | Q(region__parent__code=code)
    return set(Country.objects.filter(query).values_list("alpha3", flat=True))


def default_peers(country: Country) -> str:
    """The group a country is compared with by default: its membership in Marsad's region (LAS, then DCO),
    else its M49 region."""
    own = set(country.groups.values_list("code", flat=True))
    for code in REGION_OF_MARSAD:
        if code in own:
            return code
    if country.region and country.region.parent:
        return country.region.parent.code
    return country.region.code if country.region else ""


def groups_of(country: Country) -> list[str]:
    """The codes of every group a country belongs to (memberships, region, sub-region)."""
    codes = list(country.groups.values_list("code", flat=True))
    if country.region:
        codes.append(country.region.code)
        if country.region.parent:
            codes.append(country.region.parent.code)
    return codes
