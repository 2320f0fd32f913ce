"""The analyzer: Arabic normalisation and stemming, Latin folding, per-token script, and what the backends see."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.search.analyzer import DEFAULT, Analyzer, index_text, tokens
from marsad.search.normalise import TOKEN_RE, clean, normalise
from marsad.search.stemmers import light10, light10_stacked

props = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Any Unicode string, lone surrogates included (Hypothesis's text() leaves them out).
any_text = st.lists(st.one_of(st.characters(), st.integers(0xD800, 0xDFFF).map(chr)), max_size=60).map(
    "".join
)
# Text in the scripts the backends must tokenise exactly as we do: Arabic (with marks), Latin, digits, punctuation.
ARABIC = "ابتثجحخدذرسشصضطظعغفقكلمنهوي" + "ءأإآؤئىةٱ" + "\u064b\u064e\u064f\u0650\u0651\u0652\u0670\u0640"
LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFÉéèêàçôœÆ"
backend_text = st.text(alphabet=ARABIC + LATIN + "0123456789٠١٢٣٤٥٦٧٨٩۴ -'’.,:;\"*()", max_size=80)


@pytest.mark.parametrize("word", ["للذكاء", "بالذكاء", "الذكاء", "ذكاء", "وبالذكاء", "والذكاء", "كالذكاء"])
def test_clitics_of_one_word_share_a_stem(word):
    assert tokens(word) == ["ذكاء"]


def test_plain_light10_keeps_a_stacked_conjunction_which_the_default_removes():
    assert light10("وبالذكاء") == "بالذكاء"
    assert light10_stacked("وبالذكاء") == "ذكاء"


@pytest.mark.parametrize("word", ["إلكتروني", "الإلكتروني", "الإلكترونية", "للإلكترونيات", "والإلكترونية"])
def test_a_hamza_alef_word_keeps_its_al_which_is_no_article(word):
    # Folding makes إلكتروني start with ال; taking that for the article stemmed it apart from الإلكتروني.
    assert tokens(word) == ["الكترون"]


def test_a_real_article_is_still_removed_before_a_hamza_alef_word():
    assert tokens("الأمن") == tokens("أمن") == ["امن"]


@pytest.mark.parametrize(
    ("plural", "singular"), [("البنوك", "بنك"), ("مدارس", "المدرسة"), ("للمشاريع", "مشروع")]
)
def test_listed_broken_plurals_join_their_singular(plural, singular):
    assert tokens(plural) == tokens(singular)


def test_an_ambiguous_broken_plural_is_not_joined():
    # مدن (cities) shares its stem with مدني (civil): joining it to مدينة would mix cities with civil society.
    assert tokens("المدن") != tokens("المدينة")
    assert tokens("المدن") == tokens("المدني")


def test_without_is_a_stop_word_in_both_spellings():
    assert tokens("طائرات بدون طيار") == tokens("الطائرات دون طيار") == ["طائر", "طيار"]


def test_diacritics_are_removed_before_stemming():
    assert tokens("كَتَبَ") == tokens("كتب") == ["كتب"]
    assert tokens("الذَّكَاءُ الاصْطِنَاعِيُّ") == tokens("الذكاء الاصطناعي")


def test_tatweel_is_removed():
    assert tokens("الكتـــاب") == tokens("الكتاب") == ["كتاب"]


@pytest.mark.parametrize(
    "variant, canonical",
    [("أحمد", "احمد"), ("إسلام", "اسلام"), ("آمال", "امال"), ("مستشفى", "مستشفي"), ("مدرسة", "مدرسه")],
)
def test_alef_ya_and_ta_marbuta_forms_are_folded(variant, canonical):
    assert tokens(variant) == tokens(canonical)


def test_presentation_forms_from_pdfs_read_as_letters():
    assert tokens("ﺍﻟﺬﻛﺎﺀ") == ["ذكاء"]


def test_mixed_arabic_and_english_is_analysed_token_by_token():
    assert tokens("منصة AI للحكومة") == tokens("منصة") + ["ai"] + tokens("للحكومة")
    assert tokens("منصةAI") == tokens("منصة AI")


@pytest.mark.parametrize("digits", ["٢٠٣٠", "۲۰۳۰", "2030"])
def test_eastern_arabic_and_persian_digits_become_ascii(digits):
    assert tokens(f"رؤية {digits}") == tokens("رؤية") + ["2030"]


def test_stop_words_go_but_the_word_for_automatic_stays():
    assert tokens("في الحكومة من أجل") == tokens("الحكومة أجل")
    assert tokens("التعلم الآلي") == ["تعلم", "ال"]  # آلي is not إلى although both fold to الي


def test_french_is_folded_and_stemmed_with_the_french_stemmer():
    assert tokens("Numérique NUMERIQUE numériques", "fr") == ["numer"] * 3
    assert tokens("l'économie", "fr") == tokens("economie", "fr")
    assert tokens("cœur", "fr") == tokens("coeur", "fr")


def test_english_is_lower_cased_and_stemmed():
    assert tokens("Governments governing GOVERNMENT") == ["govern"] * 3


def test_domain_abbreviations_are_not_stop_words():
    assert tokens("AI IT EU 5G") == ["ai", "it", "eu", "5g"]


def test_index_text_is_space_separated_tokens():
    assert index_text("E-Government, 2030!") == "e govern 2030"


def test_normalisation_only_analyzer_keeps_surface_forms():
    assert Analyzer(stem=False).tokens("بالمعلومات Networks") == ["بالمعلومات", "networks"]


def test_snowball_arabic_analyzer_is_available():
    assert Analyzer(arabic_stemmer="snowball").tokens("الحكومات") == ["حكوم"]


@props
@given(any_text)
def test_never_raises_and_yields_clean_tokens(text):
    for lang in (None, "ar", "en", "fr"):
        for token in DEFAULT.tokens(text, lang):
            assert token and " " not in token
            assert token.encode("utf-8")  # no lone surrogate reaches a database


@props
@given(any_text, st.sampled_from(["ar", "en", "fr", None]))
def test_word_by_word_analysis_equals_the_analysis_of_the_whole_cleaned_text(text, lang):
    whole = [t for arabic, other in TOKEN_RE.findall(clean(text)) for t in tokens(arabic or other, lang)]
    assert tokens(text, lang) == whole
    assert [t for piece in text.split() for t in DEFAULT.word_tokens(piece, lang)] == whole


@props
@given(any_text)
def test_normalisation_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once


@props
@given(any_text)
def test_query_analysis_contains_the_index_analysis_in_every_language(text):
    analyses = DEFAULT.query_analyses(text)
    for lang in (None, "ar", "en", "fr"):
        assert tuple(DEFAULT.tokens(text, lang)) in analyses


@props
@given(any_text)
def test_each_analysed_token_is_one_run_of_our_tokenizer(text):
    analysed = index_text(text)
    assert [arabic or other for arabic, other in TOKEN_RE.findall(analysed)] == analysed.split()


@props
@given(backend_text)
def test_sqlite_unicode61_sees_exactly_our_tokens(fts5, text):
    analysed = index_text(text)
    conn = fts5.conn
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS probe USING fts5(body, tokenize='unicode61 remove_diacritics 2')"
    )
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS probe_terms USING fts5vocab(probe, 'instance')")
    conn.execute("DELETE FROM probe")
    conn.execute("INSERT INTO probe(rowid, body) VALUES (1, ?)", [analysed])
    seen = [term for (term,) in conn.execute("SELECT term FROM probe_terms ORDER BY offset")]
    assert seen == analysed.split()


@props
@given(backend_text)
def test_postgresql_simple_config_sees_exactly_our_tokens(pg, text):
    analysed = index_text(text)
    rows = pg.execute(
        "SELECT lexeme, positions FROM unnest(to_tsvector('simple', %s))", [analysed]
    ).fetchall()
    seen = sorted((position, lexeme) for lexeme, positions in rows for position in positions)
    assert [lexeme for _, lexeme in seen] == analysed.split()
