"""Similar initiatives ("who else does this") and suspected duplicates, for the entry page and the import.

An entry's own title and summary, in every language it has, become a query of single words in which *any*
word may match (an OR query), expanded across languages like a visitor's query; each candidate is scored with
the engine's BM25F leaf scores, normalised by the score the entry gets against itself, and blended with the
share of its technologies and WSIS Action Lines the candidate also has. The leaves are the engine's, so the
per-process cache serves both and the answer is exact at every call.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from marsad.initiatives.models import Entry, Revision
from marsad.search import catalogue as catalogues
from marsad.search import ranking
from marsad.search.analyzer import DEFAULT
from marsad.search.engine import default_expander
from marsad.search.query import Phrase, Query

MAX_WORDS = 40  # of title and summary together: enough to say what an initiative is about
TEXT_SHARE = 0.8  # the rest is the share of technologies and action lines in common
SHARED_FACETS = ("technology", "action_line")
LANGUAGES = ("ar", "en", "fr")


@dataclass(frozen=True)
class Similar:
    entry_id: int
    score: float  # 0 (nothing in common) to about 1 (the same words and topics)


def _words(texts: Iterable[tuple[str, str]]) -> list[str]:
    words: dict[str, None] = {}
    for text, lang in texts:
        words.update(dict.fromkeys(DEFAULT.tokens(text or "", lang)))
    return list(words)[:MAX_WORDS]


def text_scores(cat: catalogues.Catalogue, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Per slot: the OR-query score of ``words`` (expanded) and the idf-weighted share of them matched."""
    query = default_expander().expand(Query(tuple(Phrase((word,)) for word in words)))
    scorer = ranking.Scorer(cat, cat.score_table)
    score = np.zeros(cat.slots, dtype=np.float32)
    covered = np.zeros(cat.slots, dtype=np.float32)
    total = 0.0
    for node in query.must:
        mask, node_score = scorer.evaluate(node)
        weight = float(node_score.max()) if node_score.size else 0.0
        score += node_score
        covered += mask * weight
        total += weight
    return score, covered / total if total else covered


def _shared(cat: catalogues.Catalogue, facets: Mapping[str, list[str]]) -> np.ndarray:
    shared = np.zeros(cat.slots, dtype=np.float32)
    wanted = sum(len(facets.get(param, [])) for param in SHARED_FACETS)
    for param in SHARED_FACETS:
        bitmaps = cat.facets.get(param)
        for code in facets.get(param, []) if bitmaps else []:
            if code in bitmaps.row_of:
                row = bitmaps.bits[bitmaps.row_of[code]]
                shared += np.unpackbits(row.view(np.uint8), bitorder="little", count=cat.slots)
    return shared / wanted if wanted else shared


def similar_ids(
    texts: Iterable[tuple[str, str]], facets: Mapping[str, list[str]], exclude: int | None, n: int
) -> list[Similar]:
    """The ``n`` live entries most similar to ``texts`` ((text, language) pairs) and ``facets``."""
    words = _words(texts)
    cat = catalogues.current()
    with cat.lock:
        cat.sync()
        if not words or not cat.live.any():
            return []
        score, _covered = text_scores(cat, words)
        reference = float(score[exclude]) if exclude is not None and exclude < cat.slots else 0.0
        reference = reference or float(score.max()) or 1.0
        blended = TEXT_SHARE * np.minimum(score / reference, 1.0) + (1 - TEXT_SHARE) * _shared(cat, facets)
        blended[~cat.live | (score <= 0)] = 0
        if exclude is not None and exclude < cat.slots:
            blended[exclude] = 0
        candidates = np.flatnonzero(blended)
        best = candidates[np.lexsort((-candidates, -blended[candidates]))][:n]
        return [Similar(int(i), round(float(blended[i]), 4)) for i in best]


def _texts_of(revision: Revision) -> list[tuple[str, str]]:
    return [
        (getattr(revision, f"{field}_{lang}"), lang) for field in ("title", "summary") for lang in LANGUAGES
    ]


def similar_entries(entry: Entry, n: int = 5) -> list[Revision]:
    """The live revisions of the ``n`` published entries most similar to ``entry`` (never itself), each with
    ``similarity`` set; cross-lingual through the glossary and the vocabularies' labels."""
    revision = entry.published_revision or entry.latest_revision
    if revision is None:
        return []
    facets = {
        "technology": list(revision.technologies.values_list("code", flat=True)),
        "action_line": list(revision.action_lines.values_list("code", flat=True)),
    }
    found = similar_ids(_texts_of(revision), facets, entry.pk, n)
    revisions = {
        r.entry_id: r
        for r in Revision.objects.filter(entry_id__in=[s.entry_id for s in found], live=True).select_related(
            "entry", "lead_organisation"
        )
    }
    out = []
    for similar in found:
        if similar.entry_id in revisions:
            revisions[similar.entry_id].similarity = similar.score
            out.append(revisions[similar.entry_id])
    return out


def suspected_duplicates(
    record_texts: Mapping[str, str], n: int = 5, threshold: float = 0.6
) -> list[Similar]:
    """Published entries that may be the same initiative as a record being submitted or imported.

    ``record_texts`` maps field names with a language suffix to text (``{"title_ar": …, "title_en": …,
    "summary_en": …}``; other keys are ignored). A candidate is suspected when the words of the record's titles
    it contains, weighted by their rarity and matched across languages, reach ``threshold`` of the whole.
    Returns at most ``n``, most likely first, with that share as the score.
    """
    titles = [(text, key[-2:]) for key, text in record_texts.items() if key[:-3] == "title" and text]
    words = _words(titles)
    cat = catalogues.current()
    with cat.lock:
        cat.sync()
        if not words:
            return []
        _score, covered = text_scores(cat, words)
        covered[~cat.live] = 0
        candidates = np.flatnonzero(covered >= threshold)
        best = candidates[np.lexsort((-candidates, -covered[candidates]))][:n]
        return [Similar(int(i), round(float(covered[i]), 4)) for i in best]
