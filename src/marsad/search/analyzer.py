"""The analyzer: text in, search tokens out, the same way for documents and for queries.

An entry's field is turned into a string of analysed tokens separated by spaces (:meth:`Analyzer.index_text`):
Arabic normalised and light-stemmed, Latin-script words lower-cased, accent-folded and Snowball-stemmed, stop
words dropped. Both database backends store that string and tokenise it on white space only:

* SQLite: an FTS5 table with ``tokenize = 'unicode61 remove_diacritics 2'`` (the default tokenizer);
* PostgreSQL: ``to_tsvector('simple', analysed)``.

Every token is a run of letters or digits that both tokenizers keep as one token and leave unchanged, so all the
linguistics happen here, in Python, and the two backends find the same documents.

The script is detected per token, so a field mixing Arabic and English ("منصة AI للحكومة") is handled word by word.
The language of a field only chooses the stemmer for Latin-script words (English or French; English when the
field is Arabic or unknown). A query's language is unknown, so :meth:`Analyzer.query_analyses` returns one token
sequence per Latin stemmer and the query compiler ORs them; stop words are the union of the English and French
lists on both sides, so that both sequences have the same length and phrase positions agree.
"""

from functools import lru_cache, partial
from importlib import resources
from itertools import chain

from marsad.search.normalise import TOKEN_RE, clean, fold_latin
from marsad.search.stemmers import ARABIC_STEMMERS, article_free, snowball

LATIN_STEMMERS = {"en": "english", "fr": "french"}
DEFAULT_LATIN = "en"
MAX_TOKEN_LENGTH = 40  # longer runs are identifiers or garbage; cut so index and query agree
MIN_PREFIX_LENGTH = 2


def load_stop_words(language: str) -> frozenset[str]:
    """Read ``stopwords/<language>.txt`` (white-space separated, ``#`` comment lines) as a set."""
    text = resources.files("marsad.search").joinpath("stopwords", f"{language}.txt").read_text("utf-8")
    words = (word for line in text.splitlines() if not line.startswith("#") for word in line.split())
    if language == "ar":
        return frozenset(clean(word) for word in words)
    return frozenset(fold_latin(clean(word)) for word in words)


class Analyzer:
    """Turns text into search tokens; one instance per configuration, with its own token cache.

    Parameters
    ----------
    arabic_stemmer:
        ``"light10-stacked"`` (default, see bench/analyzer_choice.py), ``"light10"``, ``"snowball"`` or
        ``"none"`` (normalisation only).
    hamza_seats:
        Also fold ؤ → و and ئ → ي.
    stem:
        ``False`` keeps the normalised surface forms in every script (used by the benchmarks).
    stop_words:
        ``False`` keeps every token.
    """

    def __init__(
        self,
        *,
        arabic_stemmer: str = "light10-stacked",
        hamza_seats: bool = False,
        stem: bool = True,
        stop_words: bool = True,
        cache_size: int = 500_000,
    ) -> None:
        self.arabic_stop = load_stop_words("ar") if stop_words else frozenset()
        self.latin_stop = (load_stop_words("en") | load_stop_words("fr")) if stop_words else frozenset()
        self.hamza_seats = hamza_seats
        self._arabic_stemmer = ARABIC_STEMMERS[arabic_stemmer if stem else "none"](hamza_seats)
        self._latin_stemmers = {
            lang: snowball(name) if stem else str for lang, name in LATIN_STEMMERS.items()
        }
        # One cache per language keeps each cached function single-argument, the fast path of lru_cache.
        self._arabic = lru_cache(maxsize=cache_size)(self._analyse_arabic)
        self._latin = {
            lang: lru_cache(maxsize=cache_size)(partial(self._analyse_latin, lang=lang))
            for lang in LATIN_STEMMERS
        }
        self._words = {
            lang: lru_cache(maxsize=cache_size)(partial(self._analyse_word, lang=lang))
            for lang in LATIN_STEMMERS
        }

    def _analyse_arabic(self, token: str) -> tuple[str, ...]:
        token = token[:MAX_TOKEN_LENGTH]
        if token in self.arabic_stop:
            return ()
        return (self._arabic_stemmer(token),)

    def _analyse_latin(self, token: str, lang: str) -> tuple[str, ...]:
        out = []
        # Folding can move a token boundary (0É0A folds to 0e0a, which PostgreSQL reads as 0e0 and a).
        for _, run in TOKEN_RE.findall(fold_latin(token[:MAX_TOKEN_LENGTH])):
            if run in self.latin_stop:
                continue
            # Digits, codes like 5g and other scripts are kept as written.
            out.append(self._latin_stemmers[lang](run) if run.isascii() and run.isalpha() else run)
        return tuple(out)

    def _analyse_word(self, word: str, lang: str) -> tuple[str, ...]:
        latin = self._latin[lang]
        out: list[str] = []
        for arabic_run, other_run in TOKEN_RE.findall(clean(word)):
            out.extend(self._arabic(arabic_run) if arabic_run else latin(other_run))
        return tuple(out)

    def tokens(self, text: str, lang: str | None = None) -> list[str]:
        """Analysed tokens of ``text``, in order; ``lang`` ("ar", "en", "fr") picks the Latin stemmer.

        The text is cut at white space and each piece analysed once per process (cached): cleaning, NFKC and
        the token pattern never join or split across white space, so this is the analysis of the whole
        cleaned text (a property test holds the two equal), about five times faster on real fields.
        """
        word = self._words.get(lang or DEFAULT_LATIN, self._words[DEFAULT_LATIN])
        return list(chain.from_iterable(map(word, text.split())))

    def word_tokens(self, word: str, lang: str | None = None) -> tuple[str, ...]:
        """Analysed tokens of one white-space-free piece of text (cached): what highlighting needs per word."""
        return self._words.get(lang or DEFAULT_LATIN, self._words[DEFAULT_LATIN])(word)

    def index_text(self, text: str, lang: str | None = None) -> str:
        """The analysed form of a document field, tokens separated by single spaces (see the module doc)."""
        return " ".join(self.tokens(text, lang))

    def query_analyses(self, text: str) -> tuple[tuple[str, ...], ...]:
        """The distinct token sequences ``text`` can stand for, one per Latin stemmer (usually one).

        Index and query analysis agree by construction: for any ``lang``, ``tuple(tokens(text, lang))`` is
        one of the returned sequences.
        """
        analyses = (tuple(self.tokens(text, lang)) for lang in LATIN_STEMMERS)
        return tuple(dict.fromkeys(analyses))

    def prefix_forms(self, word: str) -> tuple[str, ...]:
        """What a prefix query ``word*`` looks for in the index: the word without clitics or suffixes.

        Documents hold stems, so ``informati*`` must look for ``inform*``: the stem is used when it is a
        prefix of the folded word. Arabic loses its article and conjunction only (الذكاء* → ذكاء*). Returns
        an empty tuple when the result is shorter than ``MIN_PREFIX_LENGTH``.
        """
        forms = []
        for arabic_run, other_run in TOKEN_RE.findall(clean(word))[-1:]:
            if arabic_run:
                forms.append(article_free(arabic_run[:MAX_TOKEN_LENGTH], hamza_seats=self.hamza_seats))
                continue
            folded = fold_latin(other_run[:MAX_TOKEN_LENGTH])
            for stemmer in self._latin_stemmers.values():
                stem = stemmer(folded) if folded.isascii() and folded.isalpha() else folded
                forms.append(stem if folded.startswith(stem) else folded)
        return tuple(form for form in dict.fromkeys(forms) if len(form) >= MIN_PREFIX_LENGTH)


DEFAULT = Analyzer()


def index_text(text: str, lang: str | None = None) -> str:
    """Analysed form of a document field with the default analyzer; see :meth:`Analyzer.index_text`."""
    return DEFAULT.index_text(text, lang)


def tokens(text: str, lang: str | None = None) -> list[str]:
    """Analysed tokens with the default analyzer; see :meth:`Analyzer.tokens`."""
    return DEFAULT.tokens(text, lang)
