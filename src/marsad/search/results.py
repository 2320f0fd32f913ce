"""A search's hits as a lazy sequence of live revisions, for Django's Paginator, the pages and the API.

Only the slice asked for is ordered and read from the database (one query and one prefetch for a page of 20),
and each revision gets ``hit``: its title and a snippet in the visitor's language with the matching words
marked (the translations of the query included, so an Arabic reader sees why an English query found it).
"""

import re
from dataclasses import dataclass

from django.utils.safestring import mark_safe

from marsad.core.i18n import Localised, localise
from marsad.initiatives.models import Revision
from marsad.search.engine import Outcome
from marsad.search.highlight import highlight, snippet

SNIPPET_WORDS = 30
CHUNK = 100


@dataclass(frozen=True)
class Hit:
    title: Localised  # text is safe HTML with <mark>
    snippet: Localised


class Results:
    """Hits of an :class:`~marsad.search.engine.Outcome` in ``sort`` order; ``len``, ``count()``, slicing."""

    def __init__(self, outcome: Outcome, sort: str) -> None:
        self.outcome = outcome
        self.sort = sort

    def count(self) -> int:
        return self.outcome.total

    def __len__(self) -> int:
        return self.outcome.total

    def __getitem__(self, index: int | slice) -> list[Revision] | Revision:
        if isinstance(index, int):
            if index < 0:
                index += len(self)
            found = self[index : index + 1]
            if not found:
                raise IndexError(index)
            return found[0]
        start, stop, step = index.indices(len(self))
        ids = self.outcome.ordered(self.sort, stop)[start:stop:step]
        return self.revisions(ids)

    def __iter__(self):
        for start in range(0, len(self), CHUNK):
            yield from self[start : start + CHUNK]

    def ids(self, stop: int | None = None) -> list[int]:
        """Entry ids in order (all of them, or the first ``stop``)."""
        return self.outcome.ordered(self.sort, len(self) if stop is None else stop)

    def revisions(self, entry_ids: list[int]) -> list[Revision]:
        found = {
            revision.entry_id: revision
            for revision in Revision.objects.filter(entry_id__in=entry_ids, live=True)
            .select_related("entry", "lead_organisation")
            .prefetch_related("countries")  # what a result card shows; the entry page reads the rest
        }
        revisions = [found[i] for i in entry_ids if i in found]
        if not self.outcome.query.is_empty:
            terms, prefixes = self.outcome.query.highlight_terms()
            for revision in revisions:
                revision.hit = hit_of(revision, terms, prefixes)
        return revisions


def _marked(text: Localised, html_text: str) -> Localised:
    return Localised(mark_safe(html_text), text.lang, text.fallback)


_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP_RE = re.compile(r"[*_`#>|~]+|<[^>]*>")


def plain(markdown_text: str) -> str:
    """The words of contributor Markdown without its markup, for a snippet (which escapes what is left).

    Rendering Markdown costs about a millisecond a call, too much for 20 hits a page; a snippet only needs the
    words, so links keep their text and markup characters and tags go.
    """
    return _MARKUP_RE.sub("", _LINK_RE.sub(r"\1", markdown_text))


def hit_of(revision: Revision, terms: frozenset[str], prefixes: frozenset[str]) -> Hit:
    """Title and snippet in the visitor's language, matched words in <mark>.

    The snippet comes from the summary, or from the description when only the description matches.
    """
    title = localise(revision, "title")
    summary = localise(revision, "summary")
    text = snippet(summary.text, terms, prefixes, words=SNIPPET_WORDS, lang=summary.lang)
    if "<mark>" not in text:
        description = localise(revision, "description")
        if description.text:
            body = snippet(
                plain(description.text), terms, prefixes, words=SNIPPET_WORDS, lang=description.lang
            )
            if "<mark>" in body:
                summary, text = description, body
    return Hit(
        _marked(title, highlight(title.text, terms, prefixes, lang=title.lang)), _marked(summary, text)
    )
