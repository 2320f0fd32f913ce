"""Highlighting: matched original words marked, everything else escaped; snippets around the best match."""

import html
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.search.expansion import expand
from marsad.search.highlight import highlight, snippet
from marsad.search.query import parse

props = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def marked(text: str, query: str, **kwargs) -> list[str]:
    terms, prefixes = parse(query).highlight_terms()
    return re.findall(r"<mark>(.*?)</mark>", highlight(text, terms, prefixes, **kwargs))


def test_arabic_words_with_clitics_diacritics_and_tatweel_are_marked_whole():
    text = "أطلقت الوزارة وبالذَّكاءِ الاصطنـــاعيِّ منصةً للذكاء"
    assert marked(text, "الذكاء الاصطناعي") == ["وبالذَّكاءِ", "الاصطنـــاعيِّ", "للذكاء"]


def test_prefix_and_stemmed_english_words_are_marked():
    assert marked("Computers help Governments; the government computes.", "comput* governments") == [
        "Computers",
        "Governments",
        "government",
        "computes",
    ]


def test_french_words_are_matched_with_the_french_stemmer():
    assert marked("La transformation numérique des administrations", "numériques", lang="fr") == ["numérique"]


def test_translations_from_the_expansion_are_marked():
    terms, prefixes = expand(parse("الذكاء الاصطناعي")).highlight_terms()
    assert "<mark>artificial</mark> <mark>intelligence</mark>" in highlight(
        "An artificial intelligence lab", terms
    )


def test_markup_in_the_text_is_escaped():
    out = highlight("<script>alert(1)</script> health & care", {"health"})
    assert out == "&lt;script&gt;alert(1)&lt;/script&gt; <mark>health</mark> &amp; care"


def test_snippet_shows_the_window_with_the_most_distinct_matches():
    text = " ".join(
        ["filler"] * 40 + ["health"] + ["filler"] * 40 + ["health", "education"] + ["filler"] * 40
    )
    out = snippet(text, {"health", "educ"}, words=6)
    assert out.startswith("… ") and out.endswith(" …")
    assert "<mark>health</mark> <mark>education</mark>" in out
    assert len(out.replace("… ", "").replace(" …", "").split()) == 6


def test_snippet_without_a_match_is_the_beginning():
    assert snippet("one two three four", {"zzz"}, words=2) == "one two …"


any_text = st.lists(st.one_of(st.characters(), st.integers(0xD800, 0xDFFF).map(chr)), max_size=80).map(
    "".join
)


@props
@given(any_text, st.sets(st.sampled_from(["ذكاء", "health", "a", "<", "mark"]), max_size=3))
def test_output_is_the_escaped_text_with_marks_only(text, terms):
    def unmarked(out: str) -> str:
        plain = out.replace("<mark>", "").replace("</mark>", "")
        assert "<" not in plain and ">" not in plain
        return html.unescape(plain)

    assert unmarked(highlight(text, terms)) == text
    extract = unmarked(snippet(text, terms, words=5)).removeprefix("… ").removesuffix(" …")
    assert extract in text
