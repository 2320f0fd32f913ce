"""Every user-facing text of every questionnaire exists in Arabic, English and French."""

import re

import pytest

from marsad import rai

ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
LATIN_LETTER = re.compile(r"[A-Za-z]")


@pytest.mark.parametrize("kind", ["eu_ai_act", "impact_assessment", "readiness", "transparency_record"])
def test_every_text_in_three_languages(kind):
    questionnaire = rai.load(kind)
    texts = questionnaire.texts()
    questions = len(questionnaire.questions)
    assert len(texts) > 2 * questions  # each question and each option at least
    for path, text in texts:
        assert ARABIC_LETTER.search(text.ar), f"{path}: the Arabic text has no Arabic letter: {text.ar!r}"
        assert LATIN_LETTER.search(text.en), f"{path}: empty English text"
        assert LATIN_LETTER.search(text.fr), f"{path}: empty French text"
        latin_words = set(re.findall(r"[A-Za-z]+", text.ar)) - {"CE"}  # the CE marking keeps its name
        assert not latin_words, f"{path}: Latin words in the Arabic text: {latin_words}"


def test_french_is_not_a_copy_of_english():
    copies = []
    for kind in ("eu_ai_act", "impact_assessment", "readiness", "transparency_record"):
        copies += [path for path, t in rai.load(kind).texts() if t.fr == t.en and len(t.en) > 12]
    assert copies == []
