"""Highlighting: mark the words of the original text whose analysis matches the query.

The index holds analysed tokens, but a visitor reads the original text, with its diacritics, clitics and
capitals. So the original is cut into words (a word keeps its Arabic marks and tatweel inside it), each word
is analysed on its own with the same analyzer, and a word is marked when one of its tokens is a query token or
starts with a query prefix: وبالذَّكاءِ is marked for the query ذكاء. Everything returned is HTML-escaped, with
``<mark>`` around the matched words.
"""

import html
import re
from collections.abc import Iterable

from marsad.search.analyzer import DEFAULT, Analyzer

# A word of the original text: letters and digits, with the marks, tatweel and invisible joiners that
# normalisation removes kept inside it (same code points as normalise._CLEAN_TABLE deletes).
_JOINERS = "\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u00ad\u200b-\u200f"
_WORD_RE = re.compile(rf"(?:[^\W_]|[{_JOINERS}])+")


def _spans(text: str, terms: frozenset[str], prefixes: tuple[str, ...], lang: str | None, analyzer: Analyzer):
    """(start, end, matched token or None) for every word of ``text``."""
    for match in _WORD_RE.finditer(text):
        hit = None
        for token in analyzer.word_tokens(match.group(), lang):
            if token in terms or token.startswith(prefixes):
                hit = token
                break
        yield match.start(), match.end(), hit


def _render(text: str, spans: list[tuple[int, int, str | None]], start: int, end: int) -> str:
    out, cursor = [], start
    for word_start, word_end, hit in spans:
        if hit is None:
            continue
        out.append(html.escape(text[cursor:word_start]))
        out.append(f"<mark>{html.escape(text[word_start:word_end])}</mark>")
        cursor = word_end
    out.append(html.escape(text[cursor:end]))
    return "".join(out)


def highlight(
    text: str,
    terms: Iterable[str],
    prefixes: Iterable[str] = (),
    *,
    lang: str | None = None,
    analyzer: Analyzer = DEFAULT,
) -> str:
    """Return ``text`` HTML-escaped, with every word matching ``terms``/``prefixes`` wrapped in ``<mark>``.

    ``terms`` and ``prefixes`` are analysed tokens, as :meth:`marsad.search.query.Query.highlight_terms`
    returns them; ``lang`` is the language of ``text`` (it picks the Latin stemmer, as at indexing).
    """
    spans = list(_spans(text, frozenset(terms), tuple(prefixes), lang, analyzer))
    return _render(text, spans, 0, len(text))


def snippet(
    text: str,
    terms: Iterable[str],
    prefixes: Iterable[str] = (),
    *,
    words: int = 30,
    lang: str | None = None,
    analyzer: Analyzer = DEFAULT,
) -> str:
    """A highlighted extract of about ``words`` words around the best match, with "…" where text was cut.

    The best window is the one holding the most distinct matched tokens, then the most matches, then the
    earliest; without any match the snippet is the beginning of the text.
    """
    spans = list(_spans(text, frozenset(terms), tuple(prefixes), lang, analyzer))
    if not spans:
        return html.escape(text.strip())
    words = max(1, words)
    best, best_score = 0, (0, 0)
    counts: dict[str, int] = {}  # matched tokens in the window, kept with its distinct and total counts
    distinct = total = 0
    for last, (_, _, hit) in enumerate(spans):  # slide a window of `words` spans ending at `last`
        if hit is not None:
            counts[hit] = counts.get(hit, 0) + 1
            distinct += counts[hit] == 1
            total += 1
        if last >= words and (dropped := spans[last - words][2]) is not None:
            counts[dropped] -= 1
            distinct -= counts[dropped] == 0
            total -= 1
        if (distinct, total) > best_score:
            best, best_score = max(0, last - words + 1), (distinct, total)
    window = spans[best : best + words]
    start = 0 if best == 0 else window[0][0]
    end = len(text) if best + words >= len(spans) else window[-1][1]
    body = _render(text, window, start, end).strip()
    return ("… " if start > 0 else "") + body + (" …" if end < len(text) else "")
