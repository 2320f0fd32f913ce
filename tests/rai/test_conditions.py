"""The show_if condition language: grammar, the semantics of unanswered questions, explanations, and that it
never evaluates Python."""

import pytest

from marsad.rai.conditions import ConditionSyntaxError, parse

ANSWERS = {"a": "yes", "b": "no", "m": ["x", "y"], "empty": []}

TRUTH = [
    ("a == yes", True),
    ("a != yes", False),
    ("a != no", True),
    ("z != no", False),  # unanswered: no comparison holds
    ("not z == no", True),
    ("a in [no, yes]", True),
    ("m has x", True),
    ("m has z", False),
    ("m has_any [z, y]", True),
    ("empty has_any [x]", False),
    ("answered(m)", True),
    ("answered(empty)", False),
    ("a == yes and b == yes", False),
    ("a == no or b == no", True),
    ("a == yes and (b == yes or m has y)", True),
    ("not a == yes or b == no", True),  # not binds tighter than or
    ("a == yes and not b == no", False),
    ("m == x", False),  # == looks at a single choice, not into a list
]


@pytest.mark.parametrize("text, expected", TRUTH)
def test_truth_table(text, expected):
    assert parse(text).holds(ANSWERS) is expected


def test_named_conditions_expand():
    named = {"scope": parse("a == yes and b == no")}
    assert parse("@scope and m has x", named).holds(ANSWERS)
    assert parse("@scope", named).questions() == {"a", "b"}


EXPLAIN = [
    ("a == yes or b == yes", {"a"}),
    ("a == yes or b == no", {"a", "b"}),
    ("a == yes and m has y", {"a", "m"}),
    ("a == yes and not b == yes", {"a", "b"}),
    ("a == no", set()),
]


@pytest.mark.parametrize("text, cited", EXPLAIN)
def test_explanations_cite_the_answers_that_decide(text, cited):
    holds, why = parse(text).explain(ANSWERS)
    assert holds is bool(cited) and why == cited


SYNTAX = [
    ("", "empty condition", 1),
    ("a ==", "expected an option id", 5),
    ("a = yes", "unexpected character '='", 3),
    ("a yes", "expected ==, !=, in, has or has_any after 'a'", 3),
    ("(a == yes", "expected ')'", 10),
    ("a in [x,", "expected an option id", 9),
    ("a == yes b == no", "unexpected 'b'", 10),
    ("@missing", "unknown named condition '@missing'", 2),
    ("__import__('os')", 'unexpected character "\'"', 12),
    ("a == yes; b", "unexpected character ';'", 9),
    ("and == yes", "expected a question id", 1),
]


@pytest.mark.parametrize("text, message, column", SYNTAX)
def test_syntax_errors_say_where(text, message, column):
    with pytest.raises(ConditionSyntaxError) as caught:
        parse(text)
    assert message in caught.value.message and caught.value.column == column
