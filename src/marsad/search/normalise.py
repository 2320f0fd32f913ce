"""Orthographic normalisation and tokenisation shared by indexing, querying and highlighting.

Arabic is written with optional short vowels, several hamza/alef spellings of the same word and decorative
elongation; the same word reaches us from PDFs as presentation-form glyphs and with Eastern Arabic digits.
Search must treat all of these as one spelling, on the index side and the query side alike, so everything that
turns raw text into tokens lives here, in one place.

The normalisation is done in two passes so that a stemmer which wants to see the original letters (Snowball's
Arabic stemmer reads ة and ى) can run between them:

1. :func:`clean` — NFKC (presentation forms, ligatures, full-width letters), lone surrogates and invisible
   format characters removed, Arabic diacritics and tatweel removed, Eastern Arabic and Persian digits to ASCII.
2. :func:`fold_arabic` — letter folding: أ إ آ ٱ → ا, ى ی → ي, ة → ه, ک → ك (and, optionally, ؤ → و, ئ → ي).

:func:`fold_latin` lower-cases and strips accents of a non-Arabic token (French é → e, œ → oe).

References
----------
Larkey, L. S., Ballesteros, L., Connell, M. E. (2007). Light stemming for Arabic information retrieval.
In *Arabic Computational Morphology*, Springer, pp. 221-243 (the normalisation used by light10).
The Unicode Standard, chapter 9.2 (Arabic) and UAX #15 (normalisation forms).
"""

import re
import unicodedata
from functools import lru_cache

# Arabic marks that carry no lexical distinction for search: Quranic annotation signs (U+0610-061A),
# tanween, harakat, shadda, sukun, maddah and hamza above/below (U+064B-065F), superscript alef (U+0670),
# small high/low Quranic marks (U+06D6-06ED), plus tatweel (U+0640), which only stretches a word.
_ARABIC_MARKS = [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, 0x0640] + [
    *range(0x06D6, 0x06DD),
    *range(0x06DF, 0x06E9),
    *range(0x06EA, 0x06EE),
]
# Invisible format characters that copy-paste leaves inside words: soft hyphen, zero-width space/joiners,
# word joiner, BOM, Arabic letter mark and the bidi embedding/isolate controls. Removed, so they never split a
# word in two.
_FORMAT_CHARS = [
    0x00AD,
    0x061C,
    *range(0x200B, 0x2010),
    *range(0x202A, 0x202F),
    0x2060,
    *range(0x2066, 0x206A),
]
_FORMAT_CHARS.append(0xFEFF)

_CLEAN_TABLE: dict[int, int | None] = {cp: None for cp in _ARABIC_MARKS + _FORMAT_CHARS}
_CLEAN_TABLE.update({0x0660 + d: ord("0") + d for d in range(10)})  # Arabic-Indic digits ٠-٩
_CLEAN_TABLE.update({0x06F0 + d: ord("0") + d for d in range(10)})  # Persian digits ۰-۹
_CLEAN_TABLE.update({cp: ord(" ") for cp in range(0xD800, 0xE000)})  # lone surrogates: never valid text

_ALEF = ord("ا")
_FOLD_TABLE: dict[int, int] = {
    0x0623: _ALEF,  # أ
    0x0625: _ALEF,  # إ
    0x0622: _ALEF,  # آ
    0x0671: _ALEF,  # ٱ alef wasla
    0x0672: _ALEF,  # ٲ
    0x0673: _ALEF,  # ٳ
    0x0649: ord("ي"),  # ى alef maqsura
    0x06CC: ord("ي"),  # ی Farsi yeh, common from Persian keyboards
    0x0629: ord("ه"),  # ة ta marbuta
    0x06C3: ord("ه"),  # ۃ ta marbuta goal
    0x06A9: ord("ك"),  # ک keheh
    0x06AA: ord("ك"),  # ڪ swash kaf
}
_HAMZA_SEAT_TABLE: dict[int, int] = {0x0624: ord("و"), 0x0626: ord("ي")}  # ؤ ئ

# A token is a run of Arabic letters, or a run of other letters and digits. Splitting at the script boundary
# is what makes "AI" in "منصةAI" a separate English token. Letters added to Unicode after 6.1 (U+08A0 block)
# are left out on purpose: SQLite's unicode61 tokenizer would not see them as letters.
ARABIC_LETTERS = "\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff\u0750-\u077f"
_ARABIC_BLOCKS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff"
# PostgreSQL's parser reads 0e0a as the number 0e0 and the word a, so such a run is cut the same way here.
TOKEN_RE = re.compile(rf"([{ARABIC_LETTERS}]+)|(\d+[eE]\d+(?=[^\W\d_])|[^\W_{_ARABIC_BLOCKS}]+)")

# Latin letters with no decomposition that French and other European names use.
_LATIN_LIGATURES = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})


def clean(text: str) -> str:
    """Return ``text`` in NFKC with Arabic marks, tatweel and format characters removed and digits in ASCII.

    Letters keep their spelling (see :func:`fold_arabic`). Never raises: lone surrogates become spaces.
    """
    text = text.translate(_CLEAN_TABLE)
    if not unicodedata.is_normalized("NFKC", text):
        # NFKC can produce marks again (ﱞ → ٌّ), hence the second translation.
        text = unicodedata.normalize("NFKC", text).translate(_CLEAN_TABLE)
    return text


def fold_arabic(text: str, *, hamza_seats: bool = False) -> str:
    """Fold the letters that Arabic writers use interchangeably: alef forms, alef maqsura, ta marbuta.

    ``hamza_seats`` also folds ؤ → و and ئ → ي; off by default (see bench/analyzer_choice.py).
    """
    text = text.translate(_FOLD_TABLE)
    return text.translate(_HAMZA_SEAT_TABLE) if hamza_seats else text


@lru_cache(maxsize=200_000)
def fold_latin(token: str) -> str:
    """Lower-case a non-Arabic token and strip its accents (Énergie → energie, cœur → coeur); cached, as
    sort titles and the analyzer fold the same words again and again."""
    decomposed = unicodedata.normalize("NFKD", token.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_LATIN_LIGATURES)


def normalise(text: str) -> str:
    """Return the orthographically normalised text: :func:`clean`, Arabic letters folded, Latin folded.

    This is what a human would call "the same text, spelt canonically"; it is idempotent. The analyzer does
    more (stop words, stemming) on top of it.
    """
    text = fold_arabic(clean(text))
    return TOKEN_RE.sub(lambda m: m.group(1) or fold_latin(m.group(2)), text)


def tokens(cleaned: str) -> list[tuple[str, bool]]:
    """Split text already passed through :func:`clean` into ``(token, is_arabic)`` pairs, in order."""
    return [(arabic or other, bool(arabic)) for arabic, other in TOKEN_RE.findall(cleaned)]
