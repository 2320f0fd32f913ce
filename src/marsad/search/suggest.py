"""Spelling suggestions for a query that found nothing: the closest indexed word by edit distance.

Candidates are the analysed tokens ever indexed (`search_term`) that start with the same letter and are at
most two letters longer or shorter; the closest (Damerau-Levenshtein, at most 1 edit for words of up to four
letters, 2 beyond) that occurs in a live entry wins, the more frequent on a tie. Tokens are stems, which a
reader should not see ("intellig"), so the word put back into the query is a word of a matching entry's text
whose analysis gives that stem.
"""

import re

import numpy as np

from marsad.search import catalogue as catalogues
from marsad.search.analyzer import DEFAULT
from marsad.search.models import Term
from marsad.search.query import OR_WORDS, Phrase

MAX_CANDIDATES = 2000
_WORD_RE = re.compile(r"[^\W_]+")


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal string alignment distance (Levenshtein with adjacent transpositions), capped at ``limit``."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    previous2, previous = [], list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], previous2[j - 2] + 1)
        if min(row) >= limit:
            return limit
        previous2, previous = previous, row
    return min(previous[-1], limit)


def _document_frequency(cat: catalogues.Catalogue, token: str) -> tuple[int, int | None]:
    postings = cat.postings(Phrase((token,)))
    found = np.flatnonzero((postings != 0) & cat.live[: len(postings)])
    return len(found), (int(found[0]) if len(found) else None)


def closest_term(cat: catalogues.Catalogue, token: str) -> tuple[str, int | None] | None:
    """The closest live indexed token to ``token`` and an entry containing it, or None."""
    limit = 2 if len(token) <= 4 else 3
    candidates = (
        Term.objects.filter(term__startswith=token[0]).exclude(term=token).values_list("term", flat=True)
    )
    scored = sorted(
        (distance, term)
        for term in candidates[:MAX_CANDIDATES]
        if abs(len(term) - len(token)) <= 2 and (distance := edit_distance(token, term, limit)) < limit
    )
    best = None
    for distance, term in scored[:8]:
        df, example = _document_frequency(cat, term)
        if df and (best is None or (distance, -df) < best[0]):
            best = ((distance, -df), term, example)
    return (best[1], best[2]) if best else None


def _surface(entry_id: int, token: str) -> str | None:
    """A word of the entry's live text whose analysis is ``token``, as written (lower-cased)."""
    from marsad.initiatives.models import Revision

    revision = Revision.objects.filter(entry_id=entry_id, live=True).first()
    if revision is None:
        return None
    for field in ("title", "summary", "description"):
        for lang in ("ar", "en", "fr"):
            for word in _WORD_RE.findall(getattr(revision, f"{field}_{lang}")):
                if DEFAULT.tokens(word, lang)[:1] == [token]:
                    return word.lower()
    return None


def suggestion(text: str) -> str | None:
    """``text`` with each word that matches nothing replaced by the closest indexed word, or None."""
    cat = catalogues.current()
    changed, out = False, []
    with cat.lock:
        cat.sync()
        for word in text.split()[:32]:
            bare = word.strip('"“”«»*-+()')
            tokens = DEFAULT.tokens(bare)
            if (
                len(tokens) != 1
                or word in OR_WORDS
                or word.startswith("-")
                or _document_frequency(cat, tokens[0])[0]
            ):
                out.append(word)
                continue
            closest = closest_term(cat, tokens[0])
            surface = _surface(closest[1], closest[0]) if closest and closest[1] is not None else None
            if surface:
                out.append(word.replace(bare, surface))
                changed = True
            else:
                out.append(word)
    return " ".join(out) if changed else None
