"""Versions: a stored answer set keeps the version it answered and stays readable when a new version appears."""

import shutil
from pathlib import Path

import pytest

from marsad import rai

from .conftest import EU_BASELINE

BUNDLED = Path(rai.__file__).parent / "questionnaires"


@pytest.fixture
def two_versions(tmp_path) -> rai.Registry:
    """A folder with eu_ai_act v1 and a v2 that renames one question (so v1 answers do not fit v2)."""
    shutil.copy(BUNDLED / "eu_ai_act_v1.yaml", tmp_path)
    v1 = (BUNDLED / "eu_ai_act_v1.yaml").read_text(encoding="utf-8")
    v2 = v1.replace("\nversion: 1\n", "\nversion: 2\n").replace("deep_fake", "synthetic_likeness")
    (tmp_path / "eu_ai_act_v2.yaml").write_text(v2, encoding="utf-8")
    return rai.Registry(tmp_path)


def test_bundled_kinds_and_versions():
    for kind in ("eu_ai_act", "impact_assessment", "readiness", "transparency_record"):
        assert rai.versions(kind) == [1]
        assert rai.load(kind).version == 1 and rai.load(kind) is rai.load(kind, 1)


def test_latest_for_new_assessments_and_the_answered_version_for_stored_ones(two_versions):
    assert two_versions.versions("eu_ai_act") == [1, 2]
    latest = two_versions.load("eu_ai_act")
    assert latest.version == 2 and "synthetic_likeness" in [q.id for q in latest.questions]
    stored = rai.AnswerSet("eu_ai_act", 1, {**EU_BASELINE, "deep_fake": "yes"}).to_dict()
    answers = rai.AnswerSet.from_dict(stored)
    assert [e.code for e in rai.validate(latest, answers)] == ["wrong_version"]
    old = two_versions.load_for(answers)
    assert old.version == 1
    assert [f.id for f in rai.evaluate(old, answers).findings] == ["transparency_deep_fake"]


def test_registry_errors_name_what_is_available(two_versions, tmp_path):
    with pytest.raises(rai.QuestionnaireError, match=r"'eu_ai_act' has no version 7 \(available: 1, 2\)"):
        two_versions.load("eu_ai_act", 7)
    with pytest.raises(rai.QuestionnaireError, match="unknown questionnaire kind 'eu_act'"):
        two_versions.load("eu_act")
    with pytest.raises(rai.QuestionnaireError, match="no questionnaire file for 'readiness'"):
        two_versions.load("readiness")
    shutil.copy(tmp_path / "eu_ai_act_v2.yaml", tmp_path / "eu_ai_act_v3.yaml")
    with pytest.raises(
        rai.QuestionnaireError, match="the file says kind 'eu_ai_act' version 2, its name says"
    ):
        two_versions.load("eu_ai_act", 3)
