"""Where questionnaires live and how a version is found: `load(kind, version)`.

Questionnaire files are named `<kind>_v<version>.yaml` in `marsad/rai/questionnaires/`. A new version is a new
file; old files are never edited once answers exist, so that every stored `AnswerSet` can still be read with the
questions it answered (`load_for`). Files are read once per process.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from pathlib import Path

from marsad.rai import classification, impact, readiness
from marsad.rai.answers import AnswerSet
from marsad.rai.errors import QuestionnaireError
from marsad.rai.parse import RulesParser, read_file
from marsad.rai.questionnaire import KINDS, Questionnaire

RULES_PARSERS: dict[str, RulesParser] = {
    "eu_ai_act": classification.parse_rules,
    "impact_assessment": impact.parse_rules,
    "readiness": readiness.parse_rules,
}
_FILE_NAME = re.compile(r"^(?P<kind>[a-z_]+)_v(?P<version>[1-9][0-9]*)\.yaml$")


class Registry:
    """The questionnaire files of one folder, by kind and version."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(str(directory))
        self._load = cache(self._read)

    def versions(self, kind: str) -> list[int]:
        """The versions present for `kind`, oldest first."""
        if kind not in KINDS:
            raise QuestionnaireError(f"unknown questionnaire kind '{kind}' (known: {', '.join(KINDS)})")
        found = []
        for path in self.directory.glob(f"{kind}_v*.yaml"):
            match = _FILE_NAME.match(path.name)
            if match and match["kind"] == kind:
                found.append(int(match["version"]))
        return sorted(found)

    def load(self, kind: str, version: int | None = None) -> Questionnaire:
        """The questionnaire `kind` at `version` (the latest when None)."""
        versions = self.versions(kind)
        if not versions:
            raise QuestionnaireError(f"no questionnaire file for '{kind}'", file=self.directory)
        if version is None:
            version = versions[-1]
        if version not in versions:
            raise QuestionnaireError(
                f"'{kind}' has no version {version} (available: {', '.join(map(str, versions))})",
                file=self.directory,
            )
        return self._load(kind, version)

    def load_for(self, answers: AnswerSet) -> Questionnaire:
        """The questionnaire version a stored answer set was given to."""
        return self.load(answers.kind, answers.version)

    def _read(self, kind: str, version: int) -> Questionnaire:
        path = self.directory / f"{kind}_v{version}.yaml"
        questionnaire = read_file(path, RULES_PARSERS)
        if (questionnaire.kind, questionnaire.version) != (kind, version):
            raise QuestionnaireError(
                f"the file says kind '{questionnaire.kind}' version {questionnaire.version}, its name says "
                f"'{kind}' version {version}",
                file=path,
            )
        return questionnaire


default_registry = Registry(Path(str(files("marsad.rai.questionnaires"))))


def load(kind: str, version: int | None = None) -> Questionnaire:
    """The bundled questionnaire `kind` at `version` (latest when None)."""
    return default_registry.load(kind, version)


def load_for(answers: AnswerSet) -> Questionnaire:
    """The bundled questionnaire version that `answers` were given to."""
    return default_registry.load_for(answers)


def versions(kind: str) -> list[int]:
    return default_registry.versions(kind)
