"""What a page of the index shows, read from its URL: the edition, the year, the node, the group.

Every page takes `?edition=N&year=Y` (defaults: the current edition and its headline year), so a shared link
reproduces what its author saw; links built with `Selection.query` keep those parameters only when they
differ from the defaults, so ordinary links keep following the current edition.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import Http404, HttpRequest

from marsad import maturity as mi
from marsad.core.i18n import current_language
from marsad.insights.built import Built, built
from marsad.insights.models import Edition

ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@dataclass
class Selection:
    edition: Edition
    built: Built
    year: int
    is_current: bool
    language: str

    @property
    def result(self) -> mi.Result:
        return self.built.result(self.year)

    @property
    def framework(self) -> mi.Framework:
        return self.built.framework

    def name(self, code: str) -> str:
        """A node's name in the visitor's language (English, then the code, when missing), with the digits
        Arabic readers expect on Arabic pages ("لكل ١٠٠ شخص")."""
        return self._digits(self.framework.by_code[code].label(self.language))

    def unit_of(self, code: str) -> str:
        """An indicator's unit in the visitor's language, with the same digits as `name`."""
        return self._digits(self.framework.by_code[code].unit_label(self.language))

    def _digits(self, text: str) -> str:
        return text.translate(ARABIC_DIGITS) if self.language == "ar" else text

    @property
    def index_name(self) -> str:
        return self.name(self.framework.root)

    def stage_name(self, code: str) -> str:
        """A maturity stage's name in the visitor's language ("" for no stage)."""
        for stage in self.framework.stages:
            if stage.code == code:
                return stage.name.get(self.language) or stage.name.get("en") or stage.code
        return ""

    def query(self, **params: object) -> str:
        """A query string with this edition and year (when not the defaults) and `params` (None drops one)."""
        base: dict[str, object] = {}
        if not self.is_current:
            base["edition"] = self.edition.number
        if self.year != self.edition.year:
            base["year"] = self.year
        base.update(params)
        pairs = []
        for key, value in base.items():
            values = value if isinstance(value, list | tuple) else [value]
            pairs.extend((key, v) for v in values if v not in (None, ""))
        return "?" + urlencode(pairs) if pairs else ""


def select(request: HttpRequest, edition_number: int | None = None) -> Selection:
    """The selection of a request (`edition_number` overrides `?edition=`); 404 when no edition is published
    or the one asked for does not exist."""
    current = Edition.objects.current()
    if current is None:
        raise Http404("no edition of the index is published yet")
    edition = current
    asked = str(edition_number) if edition_number is not None else request.GET.get("edition", "")
    if asked:
        if not asked.isdigit():
            raise Http404("unknown edition")
        edition = Edition.objects.published().filter(number=int(asked)).first()
        if edition is None:
            raise Http404("unknown edition")
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and int(year_text) in edition.years else edition.year
    return Selection(edition, built(edition), year, edition.pk == current.pk, current_language())
