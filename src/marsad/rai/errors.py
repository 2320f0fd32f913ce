"""Errors of the responsible-AI core, each naming what is wrong and where.

Two families: `QuestionnaireError` for a malformed data file (the author fixes the YAML: file, line, field), and
`AnswerError` for an answer set that does not fit its questionnaire (the respondent or the form fixes it: the
question, in the respondent's language). Answer errors are values, collected in a list, so that a form can show
every problem of a step at once; `InvalidAnswers` carries that list when a caller asks for a result anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from marsad.rai.text import Text


class QuestionnaireError(ValueError):
    """A questionnaire file is malformed: bad YAML, missing language, unknown option in a condition, ..."""

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.field = field
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [self.file] if self.file else []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.message}" if where else self.message


# One template per error code and language; {question} is the question's text in that language, {detail} a
# code-specific detail (an option id, a version number, an expected format).
_TEMPLATES: dict[str, dict[str, str]] = {
    "wrong_questionnaire": {
        "en": "These answers belong to the questionnaire '{detail}', not to this one.",
        "fr": "Ces réponses appartiennent au questionnaire « {detail} », pas à celui-ci.",
        "ar": "هذه الإجابات تخص الاستبيان «{detail}» وليس هذا الاستبيان.",
    },
    "wrong_version": {
        "en": "These answers were given to version {detail} of the questionnaire; load that version to read them.",
        "fr": "Ces réponses ont été données à la version {detail} du questionnaire ; chargez cette version pour "
        "les lire.",
        "ar": "أُعطيت هذه الإجابات للإصدار {detail} من الاستبيان؛ حمّل ذلك الإصدار لقراءتها.",
    },
    "unknown_question": {
        "en": "There is no question '{detail}' in this questionnaire.",
        "fr": "Il n'y a pas de question « {detail} » dans ce questionnaire.",
        "ar": "لا يوجد سؤال «{detail}» في هذا الاستبيان.",
    },
    "hidden_question": {
        "en": "“{question}” is not asked given the other answers, so it cannot be answered.",
        "fr": "« {question} » n'est pas posée compte tenu des autres réponses ; elle ne peut pas recevoir de "
        "réponse.",
        "ar": "السؤال «{question}» لا يُطرح بناءً على الإجابات الأخرى، فلا يمكن الإجابة عنه.",
    },
    "missing_answer": {
        "en": "“{question}” needs an answer.",
        "fr": "« {question} » demande une réponse.",
        "ar": "السؤال «{question}» يحتاج إلى إجابة.",
    },
    "unknown_option": {
        "en": "“{question}”: '{detail}' is not one of the options offered.",
        "fr": "« {question} » : « {detail} » ne fait pas partie des options proposées.",
        "ar": "«{question}»: ‏«{detail}» ليس من الخيارات المعروضة.",
    },
    "exclusive_option": {
        "en": "“{question}”: '{detail}' cannot be combined with other options.",
        "fr": "« {question} » : « {detail} » ne peut pas être combinée avec d'autres options.",
        "ar": "«{question}»: لا يمكن الجمع بين «{detail}» وخيارات أخرى.",
    },
    "wrong_type": {
        "en": "“{question}”: expected {detail}.",
        "fr": "« {question} » : valeur attendue : {detail}.",
        "ar": "«{question}»: القيمة المتوقعة: {detail}.",
    },
    "invalid_value": {
        "en": "“{question}”: {detail}.",
        "fr": "« {question} » : {detail}.",
        "ar": "«{question}»: {detail}.",
    },
}
ERROR_CODES = tuple(_TEMPLATES)


@dataclass(frozen=True)
class AnswerError:
    """One problem of an answer set.

    `code` is one of `ERROR_CODES` (stable: a form can map it to its own wording), `question_id` the question
    concerned (None for problems of the whole set), `question` its text, `detail` the offending option, version
    or expected format (in English for format hints; ids are language-neutral).
    """

    code: str
    question_id: str | None = None
    question: Text | None = None
    detail: str = ""

    def message(self, lang: str = "en") -> str:
        """The error in the respondent's language, naming the question by its text."""
        template = _TEMPLATES[self.code]
        base = lang.split("-")[0] if lang.split("-")[0] in template else "en"
        label = self.question.get(base) if self.question else (self.question_id or "")
        return template[base].format(question=label, detail=self.detail)

    def __str__(self) -> str:
        where = f"[{self.question_id}] " if self.question_id else ""
        return f"{where}{self.message('en')}"


class InvalidAnswers(ValueError):
    """An evaluation was asked of answers that do not fit the questionnaire; `errors` lists every problem."""

    def __init__(self, errors: list[AnswerError]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))
