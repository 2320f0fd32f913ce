"""A questionnaire as data: sections (the steps of a form), questions, options, named conditions, and the rules of
its kind (outcomes of the EU AI Act classification, the impact score, the readiness pillars).

The same structure serves the four kinds, so that one multi-step form can show any of them: a form step is a
`Section`, a field is a `Question` (its `type` says which widget), and a choice widget lists `Question.options`.
Instances are built and checked by `marsad.rai.parse` and obtained through `marsad.rai.registry.load`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from marsad.rai.conditions import Condition
from marsad.rai.text import Text

# single: one option (radio); multiple: one or more options (checkboxes); the others are free answers.
CHOICE_TYPES = ("single", "multiple")
FREE_TYPES = ("text", "long_text", "email", "url", "date")
QUESTION_TYPES = CHOICE_TYPES + FREE_TYPES
KINDS = ("eu_ai_act", "impact_assessment", "readiness", "transparency_record")


@dataclass(frozen=True)
class Option:
    """One choice of a question. `weight` is the option's points where the kind scores answers; an `exclusive`
    option ("none of these") cannot be ticked together with others."""

    id: str
    text: Text
    help: Text | None = None
    weight: int | None = None
    exclusive: bool = False


@dataclass(frozen=True)
class Question:
    """One question (form field).

    `required` questions must be answered whenever they are shown; `show_if` (None: always shown, within a shown
    section) only names questions asked before this one. Free-text questions marked `translatable` take a
    mapping of language to text (at least one language), the others a plain string.
    """

    id: str
    type: str
    text: Text
    section: str
    help: Text | None = None
    refs: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    required: bool = True
    show_if: Condition | None = None
    show_if_text: str | None = None
    translatable: bool = False
    max_length: int | None = None

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    @property
    def is_choice(self) -> bool:
        return self.type in CHOICE_TYPES


@dataclass(frozen=True)
class Section:
    """A group of questions shown together: one step of the multi-step form."""

    id: str
    title: Text
    questions: tuple[Question, ...]
    help: Text | None = None
    show_if: Condition | None = None
    show_if_text: str | None = None


@dataclass(frozen=True)
class Questionnaire:
    """A versioned questionnaire of one `kind`; `rules` holds what that kind computes from the answers."""

    kind: str
    version: int
    title: Text
    sections: tuple[Section, ...]
    description: Text | None = None
    disclaimer: Text | None = None
    conditions: Mapping[str, Condition] = field(default_factory=dict)
    rules: Any = None
    source: str | None = None

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question in the order of the form."""
        return tuple(q for s in self.sections for q in s.questions)

    def question(self, question_id: str) -> Question:
        """The question with this id; KeyError names the questionnaire when there is none."""
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(f"{self.kind} v{self.version} has no question '{question_id}'")

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(f"{self.kind} v{self.version} has no section '{section_id}'")

    def texts(self) -> list[tuple[str, Text]]:
        """Every user-facing text with a path naming where it is (for translation checks and reviews)."""
        found: list[tuple[str, Text]] = []

        def collect(path: str, value: Any) -> None:
            if isinstance(value, Text):
                found.append((path, value))
            elif isinstance(value, tuple | list):
                for i, item in enumerate(value):
                    collect(f"{path}[{getattr(item, 'id', i)}]", item)
            elif isinstance(value, Mapping):
                for key, item in value.items():
                    collect(f"{path}.{key}", item)
            elif hasattr(value, "__dataclass_fields__") and not isinstance(value, Condition):
                for name in value.__dataclass_fields__:
                    collect(f"{path}.{name}", getattr(value, name))

        collect(f"{self.kind}_v{self.version}", self)
        return found
