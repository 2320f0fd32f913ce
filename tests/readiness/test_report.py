"""The report of a completed assessment: pillar chart, weakest pillars, next steps, progress and examples."""

import re

import pytest

from marsad.readiness.examples import PILLAR_ACTION_LINES, ai_technologies, examples_for
from tests.cast import make_entry
from tests.readiness.conftest import PILLARS, QUESTIONNAIRE, answers, completed

pytestmark = pytest.mark.django_db

WEAK_TALENT = {"default": "established", "talent_skills": "initial", "governance_ethics": "developing"}


def test_the_report_shows_the_scores_the_weakest_pillars_and_their_next_steps(member, cast):
    assessment = completed(cast, answers(**WEAK_TALENT))
    page = member.get(f"/en/readiness/{assessment.pk}/").content.decode()
    # overall: (3*75 + 25 + 50) / 5 = 60
    assert re.search(r"data-overall>60\.0<", page)
    weak = re.findall(r'<section class="rd-weak" data-pillar="(\w+)">', page)
    assert weak == ["talent_skills", "governance_ethics"]
    assert "Talent and skills — 25.0 · Developing" in page
    steps = QUESTIONNAIRE.rules.pillars[PILLARS.index("talent_skills")].recommendations["developing"]
    for text in steps:
        assert text.en.replace("'", "&#x27;") in page
    assert "This is the organisation's first assessment." in page


def test_the_pillar_chart_has_one_bar_per_pillar_and_the_overall_score(member, cast):
    assessment = completed(cast, answers(**WEAK_TALENT))
    page = member.get(f"/en/readiness/{assessment.pk}/").content.decode()
    chart = page[page.index('<figure class="mc mc-bars">') : page.index("</figure>")]
    labels = re.findall(r'<th scope="row" class="mc-label">([^<]+)</th>', chart)
    assert labels == [
        "Overall",
        "Strategy",
        "Policy and regulation",
        "Data and infrastructure",
        "Talent and skills",
        "Governance and ethics",
    ]
    assert "<text" not in chart  # words stay in HTML, never in SVG text


def test_the_arabic_report_is_right_to_left_with_arabic_labels_and_digits(client, cast):
    assessment = completed(cast, answers(**WEAK_TALENT))
    client.force_login(cast.contributor)
    page = client.get(f"/ar/readiness/{assessment.pk}/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert '<th scope="row" class="mc-label">المواهب والمهارات</th>' in page
    assert "data-overall>٦٠٫٠<" in page
    # bars grow from the right on a right-to-left page: the 25-point bar ends at x = 100 - 25
    assert 'x="75.0" y="1.5" width="25.0"' in page


def test_the_second_assessment_compares_each_pillar_with_the_first(member, cast):
    completed(cast, answers(**WEAK_TALENT))
    second = completed(cast, answers("established", talent_skills="developing"))
    page = member.get(f"/en/readiness/{second.pk}/").content.decode()
    row = re.search(r'<tr data-pillar="talent_skills">(.*?)</tr>', page).group(1)
    assert re.findall(r'<td class="num">([^<]+)</td>', row) == ["50.0", "25.0", "+25.0"]
    row = re.search(r'<tr data-pillar="strategy">(.*?)</tr>', page).group(1)
    assert re.findall(r'<td class="num">([^<]+)</td>', row) == ["75.0", "75.0", "0.0"]
    assert "compared with" in page
    # the previous scores are marks across the bars, explained in the legend
    assert "previous assessment," in page and page.count('fill="#c7922b"') == 6


def test_published_initiatives_are_offered_as_examples_for_the_weakest_pillars(member, cast):
    ai_skills = make_entry(cast, "published", title_en="Arab AI academy", action_lines=["C4"])
    make_entry(
        cast, "published", title_en="Cloud skills bootcamp", action_lines=["C4"], technologies=["cloud"]
    )
    make_entry(cast, "draft", title_en="Unpublished AI school", action_lines=["C4"])
    ethics = make_entry(cast, "published", title_en="AI ethics charter", action_lines=["C10"])
    assessment = completed(cast, answers(**WEAK_TALENT))
    page = member.get(f"/en/readiness/{assessment.pk}/").content.decode()
    talent = re.search(r'data-pillar="talent_skills">(.*?)</section>', page, re.S).group(1)
    assert f'href="/en/entries/{ai_skills.slug}/"' in talent
    assert "Cloud skills bootcamp" not in talent and "Unpublished AI school" not in talent
    assert "See the 1 matching initiative in the repository" in talent
    governance = re.search(r'data-pillar="governance_ethics">(.*?)</section>', page, re.S).group(1)
    assert f'href="/en/entries/{ethics.slug}/"' in governance


def test_the_see_all_link_lists_exactly_the_initiatives_counted(member, cast):
    for n in range(4):
        make_entry(cast, "published", title_en=f"AI skills programme {n}", action_lines=["C4"])
    found = examples_for("talent_skills")
    assert found.total == 4 and len(found.revisions) == 3
    listing = member.get(
        found.url.replace("/entries/", "/en/entries/", 1) if found.url.startswith("/entries") else found.url
    )
    assert listing.status_code == 200
    assert len(re.findall(r'<li class="card">', listing.content.decode())) == 4


def test_a_pillar_without_published_examples_says_so(member, cast):
    assessment = completed(cast, answers(**WEAK_TALENT))
    page = member.get(f"/en/readiness/{assessment.pk}/").content.decode()
    assert "No published initiative of the repository matches this pillar yet." in page


def test_every_pillar_of_the_questionnaire_has_an_example_mapping_onto_real_action_lines(cast):
    from marsad.vocab.models import Term

    assert set(PILLAR_ACTION_LINES) == set(PILLARS)
    codes = {code for lines in PILLAR_ACTION_LINES.values() for code in lines}
    assert codes <= set(Term.objects.filter(kind="action_line").values_list("code", flat=True))
    assert ai_technologies()[0] == "ai" and "ai-ml" in ai_technologies()


def test_a_pillar_unknown_to_the_mapping_gets_no_examples(cast):
    assert examples_for("research_development") is None
