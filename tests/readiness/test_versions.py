"""Questionnaire versions: a stored assessment keeps the version it answered, and stays readable and
comparable when a new version appears; a form of one version is refused by an assessment of another.

Version 2 here is the bundled version 1 with one talent item replaced (`talent_retention` becomes
`talent_careers`), written to a temporary folder that becomes the registry of bundled questionnaires.
"""

from importlib.resources import files
from pathlib import Path

import pytest

from marsad import rai
from marsad.readiness.models import Assessment
from tests.readiness.conftest import answer_all, answers, completed, step_data

pytestmark = pytest.mark.django_db
BUNDLED = Path(str(files("marsad.rai.questionnaires")))


@pytest.fixture
def publish_version_2(tmp_path: Path, monkeypatch):
    """Call it to make a readiness v2 the latest version from then on."""

    def publish() -> rai.Questionnaire:
        for path in BUNDLED.glob("*.yaml"):
            (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        v2 = (BUNDLED / "readiness_v1.yaml").read_text(encoding="utf-8")
        v2 = v2.replace("\nversion: 1\n", "\nversion: 2\n").replace(
            "id: talent_retention", "id: talent_careers"
        )
        (tmp_path / "readiness_v2.yaml").write_text(v2, encoding="utf-8")
        monkeypatch.setattr(rai.registry, "default_registry", rai.Registry(tmp_path))
        return rai.load("readiness")

    return publish


def answers_v2(level: str) -> dict:
    return {("talent_careers" if k == "talent_retention" else k): v for k, v in answers(level).items()}


def test_new_assessments_take_the_new_version_and_old_ones_keep_theirs(cast, publish_version_2):
    old = completed(cast, answers("developing"))
    publish_version_2()
    new, _ = Assessment.start(cast.org_sa, cast.contributor)
    old.refresh_from_db()
    assert (old.version, new.version) == (1, 2)
    assert old.form.version == 1 and old.result().score == 50.0  # read with the questions it answered
    assert "talent_retention" in old.answers


def test_a_draft_of_version_1_goes_on_with_version_1(cast, member, publish_version_2):
    assessment, _ = Assessment.start(cast.org_sa, cast.contributor)
    url = f"/en/readiness/{assessment.pk}/answer/"
    member.post(url, step_data(assessment, "organisation", answers()))
    publish_version_2()
    assessment = Assessment.objects.get(pk=assessment.pk)
    assert 'name="version" value="1"' in member.get(url).content.decode()
    answer_all(member, assessment, answers())
    assessment.refresh_from_db()
    assert assessment.status == "completed" and assessment.version == 1


def test_answers_of_version_2_are_refused_by_a_version_1_draft(cast, member, publish_version_2):
    draft, _ = Assessment.start(cast.org_sa, cast.contributor)
    member.post(f"/en/readiness/{draft.pk}/answer/", step_data(draft, "organisation", answers()))
    draft.refresh_from_db()
    before = dict(draft.answers)
    publish_version_2()
    data = step_data(draft, "talent_skills", answers())
    del data["talent_retention"]
    data |= {"version": "2", "talent_careers": "leading"}  # the v2 form of this step, posted to the v1 draft
    response = member.post(f"/en/readiness/{draft.pk}/answer/", data)
    assert response.status_code == 400
    page = response.content.decode().replace("&#x27;", "'")
    assert "This form was for version 2 of the questionnaire, but this assessment answers version 1." in page
    assert "There is no question 'talent_careers' in this questionnaire." in page
    draft.refresh_from_db()
    assert draft.answers == before


def test_progress_compares_the_pillars_across_versions(cast, member, publish_version_2):
    completed(cast, answers("developing"))
    publish_version_2()
    second = completed(cast, answers_v2("established"))
    assert second.version == 2
    page = member.get(f"/en/readiness/{second.pk}/").content.decode()
    row = page[page.index('<tr data-pillar="talent_skills">') :]
    assert row.startswith(
        '<tr data-pillar="talent_skills"><td>Talent and skills</td><td class="num">75.0</td>'
        '<td>Advanced</td><td class="num">50.0</td><td class="num">+25.0</td></tr>'
    )
