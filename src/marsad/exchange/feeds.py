"""Atom feeds of newly published entries: all, per country, per WSIS Action Line, and for any search URL.

A feed takes the list page's query string (`/ar/feeds/entries/?technology=ai&q=...`), so every search a
visitor can make is a feed they can follow.
"""

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, QueryDict
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from marsad.core.i18n import localise
from marsad.exchange.exports import checked, describe, notice
from marsad.initiatives.filters import EntryQuery
from marsad.initiatives.models import Revision
from marsad.vocab.models import Country, Kind, Term

ITEMS = 50


class EntriesFeed(Feed):
    feed_type = Atom1Feed
    fixed_param = ""

    def get_object(self, request: HttpRequest, code: str = "") -> QueryDict:
        params = checked(request.GET).copy()
        if self.fixed_param:
            params.setlist(self.fixed_param, [self.fixed_value(code)])
        self.request = request
        return params

    def fixed_value(self, code: str) -> str:
        return code

    def title(self, params: QueryDict) -> str:
        return _("Marsad: new initiatives") + " — " + describe(params)

    def subtitle(self, params: QueryDict) -> str:
        return notice()

    def link(self, params: QueryDict) -> str:
        from django.urls import reverse

        query = params.urlencode()
        return reverse("initiatives:list") + (f"?{query}" if query else "")

    def items(self, params: QueryDict) -> list[Revision]:
        return list(
            EntryQuery.from_params(params)
            .queryset()
            .select_related("entry", "lead_organisation")
            .prefetch_related("technologies", "countries")
            .order_by("-entry__published_at", "-entry_id")[:ITEMS]
        )

    def item_title(self, item: Revision) -> str:
        return item.title.text

    def item_description(self, item: Revision) -> str:
        return item.summary.text

    def item_link(self, item: Revision) -> str:
        return item.entry.get_absolute_url()

    def item_guid(self, item: Revision) -> str:
        return f"{item.entry.get_absolute_url()}#r{item.number}"

    def item_pubdate(self, item: Revision):
        return item.entry.published_at

    def item_updateddate(self, item: Revision):
        return item.entry.published_at

    def item_author_name(self, item: Revision) -> str:
        return localise(item.lead_organisation, "name").text

    def item_categories(self, item: Revision) -> list[str]:
        return [term.code for term in item.technologies.all()] + [
            country.code for country in item.countries.all()
        ]


class CountryFeed(EntriesFeed):
    fixed_param = "country"

    def fixed_value(self, code: str) -> str:
        return get_object_or_404(Country, code=code.upper()).code


class ActionLineFeed(EntriesFeed):
    fixed_param = "action_line"

    def fixed_value(self, code: str) -> str:
        return get_object_or_404(Term, kind=Kind.ACTION_LINE, code=code).code
