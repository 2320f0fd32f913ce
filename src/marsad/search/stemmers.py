"""Stemmers: Larkey's light10 for Arabic (with stacked clitics), Snowball for Arabic, English and French.

Light stemming removes the clitics and the most frequent affixes without trying to find the root; for
retrieval it beats root extraction, which conflates unrelated words (Larkey et al. 2007). The variant kept by
default also strips a conjunction stacked on an article-preposition (وبالذكاء, فللحكومة), which plain light10
leaves whole; bench/analyzer_choice.py measures the three Arabic stemmers on a judged set.

Every stemmer here takes a token already passed through :func:`marsad.search.normalise.clean` and returns a
token that is folded as well (:func:`marsad.search.normalise.fold_arabic` / ``fold_latin``), so stemmers are
interchangeable behind one signature: ``(token: str) -> str``.

References
----------
Larkey, L. S., Ballesteros, L., Connell, M. E. (2007). Light stemming for Arabic information retrieval.
In *Arabic Computational Morphology*, Springer, pp. 221-243 (light10: prefixes ال وال بال كال فال لل و,
suffixes ها ان ات ون ين يه ية ه ة ي).
Porter, M. F. (2001). Snowball: a language for stemming algorithms. https://snowballstem.org/
"""

from collections.abc import Callable
from functools import cache, partial

import snowballstemmer

from marsad.search.normalise import fold_arabic

Stemmer = Callable[[str], str]

# Light10 affixes, written after folding (ة → ه), longest article forms before the bare conjunction.
LIGHT10_PREFIXES = ("ال", "وال", "بال", "كال", "فال", "لل", "و")
LIGHT10_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
# The conjunctions و and ف may stand before an article-preposition: و+بال, ف+لل ...
_STACKED_PREFIXES = tuple(conj + art for conj in "وف" for art in ("بال", "كال", "لل")) + ("فال",)
HAMZA_ALEFS = "أإآ"
# Broken plurals of the domain's frequent nouns (plural, singular), which no light stemmer can join. Only
# plurals whose stem means nothing else are listed: مدن (cities) is left out because its stem is also that of
# مدني (civil), and مزارع (farms) because it is also مزارع (farmer).
BROKEN_PLURALS = (
    ("بنوك", "بنك"),
    ("مصارف", "مصرف"),
    ("مدارس", "مدرسة"),
    ("مشاريع", "مشروع"),
    ("مراكز", "مركز"),
    ("برامج", "برنامج"),
    ("أجهزة", "جهاز"),
    ("أنظمة", "نظام"),
    ("حلول", "حل"),
    ("أطفال", "طفل"),
    ("طلاب", "طالب"),
    ("معايير", "معيار"),
    ("مبادئ", "مبدأ"),
    ("قوانين", "قانون"),
    ("أسواق", "سوق"),
    ("موارد", "مورد"),
    ("مناطق", "منطقة"),
    ("أفراد", "فرد"),
    ("وسائل", "وسيلة"),
    ("دروس", "درس"),
    ("علوم", "علم"),
    ("أدوات", "أداة"),
    ("معاهد", "معهد"),
    ("شركاء", "شريك"),
    ("خبراء", "خبير"),
    ("عملاء", "عميل"),
    ("مواقع", "موقع"),
    ("تقارير", "تقرير"),
    ("مجالس", "مجلس"),
    ("أمراض", "مرض"),
    ("أدوية", "دواء"),
    ("أجيال", "جيل"),
    ("حواسيب", "حاسوب"),
    ("أبحاث", "بحث"),
    ("بحوث", "بحث"),
    ("وظائف", "وظيفة"),
    ("عقود", "عقد"),
    ("صناديق", "صندوق"),
    ("أطباء", "طبيب"),
    ("مرضى", "مريض"),
    ("مهندسين", "مهندس"),
    ("شباب", "شاب"),
)


def _strip_suffixes(word: str) -> str:
    for suffix in LIGHT10_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
    return word


def strip_prefix(word: str, *, stacked: bool = True) -> str:
    """Remove the article/conjunction prefix of a folded Arabic word, as light10 does (at most one).

    Used alone for prefix queries (الذكاء* → ذكاء*), where suffixes are unknown.
    """
    prefixes = _STACKED_PREFIXES + LIGHT10_PREFIXES if stacked else LIGHT10_PREFIXES
    for prefix in prefixes:
        if prefix == "و":
            if word.startswith("و") and len(word) > 3:
                return word[1:]
        elif word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix) :]
    return word


def article_free(token: str, *, hamza_seats: bool = False, stacked: bool = True) -> str:
    """Fold a cleaned Arabic token and remove its article/conjunction prefix (at most one).

    A word written with a hamza on its first alef (إلكتروني, ألعاب, آلية) has no clitic in front: its ال
    is part of the word, and only folding makes it look like the article. Removing it would stem إلكتروني to
    كترون but الإلكتروني to الكترون, so such words keep their first letters.
    """
    folded = fold_arabic(token, hamza_seats=hamza_seats)
    return folded if token[:1] in HAMZA_ALEFS else strip_prefix(folded, stacked=stacked)


def light10(token: str, *, hamza_seats: bool = False) -> str:
    """Larkey's light10: fold, remove one prefix of the light10 list, then the light10 suffixes in order."""
    return _strip_suffixes(article_free(token, hamza_seats=hamza_seats, stacked=False))


def light10_stacked(token: str, *, hamza_seats: bool = False) -> str:
    """light10 that also removes a conjunction stacked on an article-preposition (وبال, فلل, وكال ...), then
    joins the broken plurals of :data:`BROKEN_PLURALS` to their singular."""
    stem = _strip_suffixes(article_free(token, hamza_seats=hamza_seats, stacked=True))
    return _broken_plurals(hamza_seats).get(stem, stem)


@cache
def _broken_plurals(hamza_seats: bool) -> dict[str, str]:
    def stem(word: str) -> str:
        return _strip_suffixes(article_free(word, hamza_seats=hamza_seats, stacked=True))

    return {stem(plural): stem(singular) for plural, singular in BROKEN_PLURALS}


def snowball(language: str, *, hamza_seats: bool = False) -> Stemmer:
    """Return Snowball's stemmer for ``language`` (PyStemmer's C build when installed), output folded.

    Snowball's Arabic stemmer reads ة and ى to find suffixes, so Arabic is folded after stemming.
    """
    stem_word = snowballstemmer.stemmer(language).stemWord
    if language == "arabic":
        return lambda token: fold_arabic(stem_word(token), hamza_seats=hamza_seats)
    return stem_word


# Factories taking ``hamza_seats`` (fold ؤ → و and ئ → ي too).
ARABIC_STEMMERS: dict[str, Callable[[bool], Stemmer]] = {
    "light10": lambda hamza_seats: partial(light10, hamza_seats=hamza_seats),
    "light10-stacked": lambda hamza_seats: partial(light10_stacked, hamza_seats=hamza_seats),
    "snowball": lambda hamza_seats: snowball("arabic", hamza_seats=hamza_seats),
    "none": lambda hamza_seats: partial(fold_arabic, hamza_seats=hamza_seats),
}
