"""docs/responsible-ai.md shows the worked examples exactly as the code computes them."""

from pathlib import Path

from marsad.assessments import examples

DOC = Path(__file__).resolve().parents[2] / "docs" / "responsible-ai.md"


def test_the_worked_examples_are_what_the_code_computes():
    text = DOC.read_text(encoding="utf-8")
    shown = text.split("<!-- examples:start -->\n", 1)[1].split("<!-- examples:end -->", 1)[0]
    assert shown == examples.render()


def test_there_is_one_example_per_tier():
    tiers = {"prohibited", "high_risk", "annex_iii_exempt", "transparency", "gpai", "minimal"}
    found = examples.render()
    assert all(f"(`{tier}`)" in found for tier in tiers)
