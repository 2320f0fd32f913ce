"""The loader refuses malformed questionnaire files with the file, line and what to fix."""

import textwrap

import pytest

from marsad.rai import QuestionnaireError
from marsad.rai.parse import read_file
from marsad.rai.registry import RULES_PARSERS

TEXT = "{ar: نص, en: Text, fr: Texte}"
MINIMAL = f"""\
kind: eu_ai_act
version: 1
title: {TEXT}
option_sets:
  yes_no:
    - id: "yes"
      text: {TEXT}
    - id: "no"
      text: {TEXT}
sections:
  - id: first
    title: {TEXT}
    questions:
      - id: q1
        type: single
        options: yes_no
        text: {TEXT}
      - id: q2
        type: multiple
        show_if: q1 == yes
        text: {TEXT}
        options:
          - id: a
            text: {TEXT}
          - id: none
            exclusive: true
            text: {TEXT}
tiers:
  - id: risky
    name: {TEXT}
    description: {TEXT}
  - id: calm
    name: {TEXT}
    description: {TEXT}
outcomes:
  - id: risky
    tier: risky
    when: q2 has a
    refs: ["Art. 1"]
    title: {TEXT}
    explanation: {TEXT}
  - id: calm
    tier: calm
    when: answered(q1)
    unless_tiers: [risky]
    refs: ["Art. 2"]
    title: {TEXT}
    explanation: {TEXT}
"""


def load(tmp_path, text: str):
    path = tmp_path / "eu_ai_act_v1.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return read_file(path, RULES_PARSERS)


def test_minimal_file_loads(tmp_path):
    q = load(tmp_path, MINIMAL)
    assert [x.id for x in q.questions] == ["q1", "q2"] and [o.id for o in q.rules.outcomes] == [
        "risky",
        "calm",
    ]


# The line is where the faulty mapping starts (the question, option or outcome), counted in MINIMAL after the change.
BROKEN = [
    (
        "missing language",
        ("title: {ar: نص, en: Text, fr: Texte}\noption", "title: {ar: نص, en: Text}\noption"),
        "has no 'fr' text",
        3,
    ),
    ("yes unquoted", ('- id: "yes"', "- id: yes"), "quote yes/no/on/off", 6),
    (
        "unknown key",
        ("        type: single\n", "        type: single\n        colour: red\n"),
        "unknown key 'colour'",
        14,
    ),
    (
        "later question",
        ("show_if: q1 == yes", "show_if: q2 has a"),
        "'q2' is not asked before this point",
        18,
    ),
    ("unknown option", ("show_if: q1 == yes", "show_if: q1 == maybe"), "'q1' has no option 'maybe'", 18),
    (
        "wrong operator",
        ("show_if: q1 == yes", "show_if: q1 has yes"),
        "'has' does not apply to the single question 'q1'",
        18,
    ),
    ("syntax", ("show_if: q1 == yes", "show_if: q1 = yes"), "unexpected character '='", 18),
    ("unknown question", ("when: q2 has a", "when: q9 has a"), "no question 'q9'", 36),
    (
        "unless a later tier",
        ("unless_tiers: [risky]", "unless_tiers: [calm]"),
        "which no earlier outcome has",
        42,
    ),
    ("duplicate question", ("      - id: q2\n", "      - id: q1\n"), "duplicate question id 'q1'", None),
    (
        "exclusive in single",
        ('    - id: "no"\n', '    - id: "no"\n      exclusive: true\n'),
        "'exclusive' only makes sense",
        15,
    ),
    ("bad type", ("type: multiple", "type: checkbox"), "type must be one of", 18),
    ("version", ("version: 1", "version: one"), "'version' must be a whole number", 1),
    ("unused tier", ("    tier: calm\n", "    tier: risky\n"), "tier 'calm' has no outcome", 1),
]


@pytest.mark.parametrize("name, change, message, line", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_files(tmp_path, name, change, message, line):
    old, new = change
    assert old in MINIMAL
    with pytest.raises(QuestionnaireError) as caught:
        load(tmp_path, MINIMAL.replace(old, new, 1))
    assert message in str(caught.value)
    assert caught.value.file.endswith("eu_ai_act_v1.yaml")
    if line is not None:
        assert caught.value.line == line


def test_not_yaml_and_empty_files(tmp_path):
    with pytest.raises(QuestionnaireError, match="line 2: not valid YAML"):
        load(tmp_path, "kind: eu_ai_act\n  version: [1\n")
    with pytest.raises(QuestionnaireError, match="the file is empty"):
        load(tmp_path, "")


IMPACT = f"""\
kind: impact_assessment
version: 1
title: {TEXT}
sections:
  - id: risk
    title: {TEXT}
    questions:
      - id: r1
        type: single
        text: {TEXT}
        options:
          - id: low
            weight: 0
            text: {TEXT}
          - id: high
            weight: 3
            text: {TEXT}
  - id: mitigation
    title: {TEXT}
    questions:
      - id: m1
        type: single
        text: {TEXT}
        options:
          - id: done
            weight: 2
            text: {TEXT}
          - id: not_done
            weight: 0
            text: {TEXT}
scoring:
  risk_sections: [risk]
  mitigation_sections: [mitigation]
  mitigation_threshold: 0.8
  mitigation_factor: 0.85
  requirements:
    - id: notice
      name: {TEXT}
  levels:
    - id: I
      up_to: 0.5
      name: {TEXT}
      description: {TEXT}
      requirements:
        notice: {TEXT}
    - id: II
      up_to: 1
      name: {TEXT}
      description: {TEXT}
      requirements:
        notice: {TEXT}
"""


def load_impact(tmp_path, text):
    path = tmp_path / "impact_assessment_v1.yaml"
    path.write_text(text, encoding="utf-8")
    return read_file(path, RULES_PARSERS)


def test_impact_scoring_is_checked(tmp_path):
    assert load_impact(tmp_path, IMPACT).rules.max_risk == 3
    faults = [
        (("weight: 3\n", "\n"), "every option needs a weight"),
        (("up_to: 1\n", "up_to: 0.9\n"), "the last one 1"),
        (
            ("mitigation_factor: 0.85", "mitigation_factor: 1.5"),
            "mitigation_factor must be a number in (0, 1]",
        ),
        (("        notice: {", "        peer_review: {"), "unknown key 'peer_review'"),
        (("mitigation_sections: [mitigation]", "mitigation_sections: [risk]"), "is listed twice"),
    ]
    for (old, new), message in faults:
        with pytest.raises(QuestionnaireError) as caught:
            load_impact(tmp_path, IMPACT.replace(old, new, 1))
        assert message in str(caught.value), message
