"""Reading and checking a questionnaire file (YAML) into a `Questionnaire`.

The checks are strict because a typo in a data file silently changes a classification: a condition naming a
question that does not exist (or comes later), an option that is not offered, an operator that does not fit the
question type, a text missing one of the three languages, an unknown key, a duplicate id — each fails with the
file, the YAML line and the field. The kind-specific parts (outcomes, scoring, pillars) are read by the parser
that `marsad.rai.registry` registers for the kind, with the helpers of `Reader`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from marsad.rai.conditions import Condition, ConditionSyntaxError, parse
from marsad.rai.errors import QuestionnaireError
from marsad.rai.questionnaire import KINDS, QUESTION_TYPES, Option, Question, Questionnaire, Section
from marsad.rai.text import LANGUAGES, Text

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_TOP_KEYS = {"kind", "version", "title", "description", "disclaimer", "option_sets", "conditions", "sections"}
_SECTION_KEYS = {"id", "title", "help", "show_if", "questions"}
_QUESTION_KEYS = {"id", "type", "text", "help", "refs", "options", "required", "show_if", "translatable"}
_QUESTION_KEYS |= {"max_length"}
_OPTION_KEYS = {"id", "text", "help", "weight", "exclusive"}
# Which operators fit which question type.
_OPERATORS = {"single": {"==", "!=", "in", "answered"}, "multiple": {"has", "has_any", "answered"}}

RulesParser = Callable[["Reader", Mapping[str, Any], Questionnaire], Any]


class _Mapping(dict):
    """A YAML mapping that knows the line it starts on."""

    line: int | None = None


class _Loader(yaml.SafeLoader):
    """SafeLoader whose mappings remember their line, so every error can point into the file."""


def _mapping_with_line(loader: _Loader, node: yaml.MappingNode) -> _Mapping:
    result = _Mapping(loader.construct_mapping(node, deep=True))
    result.line = node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def read_file(path: str | Path, rules_parsers: Mapping[str, RulesParser]) -> Questionnaire:
    """Read and check a questionnaire file; `rules_parsers` maps each kind to the reader of its rules."""
    path = Path(path)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - a SafeLoader
    except FileNotFoundError:
        raise QuestionnaireError("file not found", file=path) from None
    except UnicodeDecodeError as exc:
        raise QuestionnaireError(f"not valid UTF-8 (byte {exc.start})", file=path) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise QuestionnaireError(
            f"not valid YAML: {getattr(exc, 'problem', exc)}", file=path, line=line
        ) from None
    return parse_questionnaire(raw, rules_parsers, source=str(path))


def parse_questionnaire(
    raw: Any, rules_parsers: Mapping[str, RulesParser], source: str | None = None
) -> Questionnaire:
    """Check a questionnaire given as plain data (what the YAML file holds)."""
    reader = Reader(source)
    if raw is None:
        raise reader.error("the file is empty")
    extra_keys = {"outcomes", "tiers", "scoring"}
    top = reader.mapping(raw, "questionnaire", _TOP_KEYS | extra_keys)
    kind = top.get("kind")
    if kind not in KINDS:
        raise reader.error(f"'kind' must be one of {', '.join(KINDS)}", top, "kind")
    version = top.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise reader.error("'version' must be a whole number from 1", top, "version")
    option_sets = {
        reader.identifier(name, "option set name", top): reader.options(items, f"option_sets.{name}", top)
        for name, items in (top.get("option_sets") or {}).items()
    }
    raw_sections = reader.items(top, "sections", "a questionnaire")
    sections = reader.sections(top, option_sets)
    questionnaire = Questionnaire(
        kind=kind,
        version=version,
        title=reader.text(top, "title"),
        description=reader.text(top, "description", required=False),
        disclaimer=reader.text(top, "disclaimer", required=False),
        sections=sections,
        source=source,
    )
    named = reader.named_conditions(top, questionnaire)
    sections = tuple(
        reader.with_conditions(r, s, questionnaire, named)
        for r, s in zip(raw_sections, sections, strict=True)
    )
    questionnaire = replace(questionnaire, sections=sections, conditions=named)
    parser = rules_parsers.get(kind)
    rules = parser(reader, top, questionnaire) if parser else None
    unused = extra_keys & set(top) if parser is None else set()
    if unused:
        raise reader.error(f"unknown key '{sorted(unused)[0]}' for a {kind} questionnaire", top)
    return replace(questionnaire, rules=rules)


class Reader:
    """Checks pieces of a questionnaire file and raises errors that point at them."""

    def __init__(self, source: str | None) -> None:
        self.source = source

    def error(self, message: str, node: Any = None, field: str | None = None) -> QuestionnaireError:
        return QuestionnaireError(message, file=self.source, line=getattr(node, "line", None), field=field)

    def mapping(self, raw: Any, what: str, allowed: set[str], parent: Any = None) -> Mapping[str, Any]:
        if not isinstance(raw, Mapping):
            raise self.error(f"{what} must be a mapping of keys to values", parent)
        unknown = sorted(set(raw) - allowed, key=str)
        if unknown:
            raise self.error(
                f"unknown key '{unknown[0]}' in {what} (allowed: {', '.join(sorted(allowed))})", raw
            )
        return raw

    def items(self, raw: Mapping[str, Any], key: str, what: str) -> list[Any]:
        value = raw.get(key)
        if not isinstance(value, list) or not value:
            raise self.error(f"{what} needs a non-empty list '{key}'", raw, key)
        return value

    def identifier(self, value: Any, what: str, node: Any, field: str = "id") -> str:
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            hint = " (quote yes/no/on/off: YAML reads them as true/false)" if isinstance(value, bool) else ""
            raise self.error(
                f"{what} must be lower-case letters, digits and _, got {value!r}{hint}", node, field
            )
        return value

    def text(self, raw: Mapping[str, Any], key: str, required: bool = True) -> Text | None:
        value = raw.get(key)
        if value is None and not required:
            return None
        where = f"{key} of '{raw.get('id')}'" if raw.get("id") else key
        if not isinstance(value, Mapping):
            raise self.error(f"{where} needs a text in each of {', '.join(LANGUAGES)}", raw, key)
        self.mapping(value, where, set(LANGUAGES), raw)
        for lang in LANGUAGES:
            if not isinstance(value.get(lang), str) or not value[lang].strip():
                raise self.error(f"{where} has no '{lang}' text", value, f"{key}.{lang}")
        return Text(**{lang: value[lang].strip() for lang in LANGUAGES})

    def options(self, raw: Any, what: str, parent: Any) -> tuple[Option, ...]:
        if not isinstance(raw, list) or not raw:
            raise self.error(f"{what} needs a non-empty list of options", parent)
        options = []
        for item in raw:
            item = self.mapping(item, f"an option of {what}", _OPTION_KEYS, parent)
            weight = item.get("weight")
            if weight is not None and (not isinstance(weight, int) or isinstance(weight, bool) or weight < 0):
                raise self.error("an option's weight must be a whole number ≥ 0", item, "weight")
            options.append(
                Option(
                    id=self.identifier(item.get("id"), "an option id", item),
                    text=self.text(item, "text"),
                    help=self.text(item, "help", required=False),
                    weight=weight,
                    exclusive=bool(item.get("exclusive", False)),
                )
            )
        self.unique([o.id for o in options], f"option of {what}", parent)
        return tuple(options)

    def unique(self, ids: list[str], what: str, node: Any) -> None:
        seen: set[str] = set()
        for i in ids:
            if i in seen:
                raise self.error(f"duplicate {what} id '{i}'", node)
            seen.add(i)

    def sections(self, top: Mapping[str, Any], option_sets: Mapping[str, tuple[Option, ...]]) -> tuple:
        sections = []
        for raw in self.items(top, "sections", "a questionnaire"):
            raw = self.mapping(raw, "a section", _SECTION_KEYS, top)
            section_id = self.identifier(raw.get("id"), "a section id", raw)
            questions = tuple(
                self.question(q, section_id, option_sets) for q in self.items(raw, "questions", "a section")
            )
            sections.append(
                Section(
                    section_id,
                    self.text(raw, "title"),
                    questions,
                    help=self.text(raw, "help", required=False),
                    show_if_text=raw.get("show_if"),
                )
            )
        self.unique([s.id for s in sections], "section", top)
        self.unique([q.id for s in sections for q in s.questions], "question", top)
        return tuple(sections)

    def question(self, raw: Any, section: str, option_sets: Mapping[str, tuple[Option, ...]]) -> Question:
        raw = self.mapping(raw, f"a question of section '{section}'", _QUESTION_KEYS)
        question_id = self.identifier(raw.get("id"), "a question id", raw)
        qtype = raw.get("type")
        if qtype not in QUESTION_TYPES:
            raise self.error(
                f"question '{question_id}': type must be one of {', '.join(QUESTION_TYPES)}", raw
            )
        options: tuple[Option, ...] = ()
        if qtype in _OPERATORS:
            spec = raw.get("options")
            if isinstance(spec, str):
                if spec not in option_sets:
                    raise self.error(f"question '{question_id}': no option set '{spec}'", raw, "options")
                options = option_sets[spec]
            else:
                options = self.options(spec, f"question '{question_id}'", raw)
            if qtype == "single" and any(o.exclusive for o in options):
                raise self.error(f"question '{question_id}': 'exclusive' only makes sense in multiple", raw)
        elif "options" in raw:
            raise self.error(f"question '{question_id}': a {qtype} question has no options", raw, "options")
        refs = raw.get("refs") or []
        if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
            raise self.error(f"question '{question_id}': refs must be a list of texts", raw, "refs")
        max_length = raw.get("max_length")
        if max_length is not None and (not isinstance(max_length, int) or max_length < 1):
            raise self.error(f"question '{question_id}': max_length must be a whole number ≥ 1", raw)
        return Question(
            id=question_id,
            type=qtype,
            text=self.text(raw, "text"),
            section=section,
            help=self.text(raw, "help", required=False),
            refs=tuple(refs),
            options=options,
            required=bool(raw.get("required", True)),
            show_if_text=raw.get("show_if"),
            translatable=bool(raw.get("translatable", False)),
            max_length=max_length,
        )

    def named_conditions(self, top: Mapping[str, Any], questionnaire: Questionnaire) -> dict[str, Condition]:
        raw = top.get("conditions") or {}
        self.mapping(raw, "conditions", set(raw), top)
        named: dict[str, Condition] = {}
        for name, text in raw.items():
            self.identifier(name, "a condition name", raw)
            named[name] = self.condition(text, questionnaire, named, f"condition '{name}'", raw)
        return named

    def condition(
        self,
        text: Any,
        questionnaire: Questionnaire,
        named: Mapping[str, Condition],
        where: str,
        node: Any,
        before: int | None = None,
    ) -> Condition:
        """Parse a condition and check every question and option it names.

        `before` is the position (in form order) of the first question the condition decides on: it may only
        look at answers given earlier, so that one pass over the form settles what is shown.
        """
        try:
            condition = parse(text, named)
        except ConditionSyntaxError as exc:
            raise self.error(f"{where}: {exc}", node) from None
        order = {q.id: i for i, q in enumerate(questionnaire.questions)}
        for comp in condition.comparisons():
            if comp.question not in order:
                raise self.error(f"{where}: no question '{comp.question}' (column {comp.column})", node)
            if before is not None and order[comp.question] >= before:
                raise self.error(f"{where}: '{comp.question}' is not asked before this point", node)
            question = questionnaire.question(comp.question)
            allowed = _OPERATORS.get(question.type, {"answered"})
            if comp.op not in allowed:
                raise self.error(
                    f"{where}: '{comp.op}' does not apply to the {question.type} question '{question.id}' "
                    f"(use {', '.join(sorted(allowed))})",
                    node,
                )
            for value in comp.values:
                if question.option(value) is None:
                    raise self.error(f"{where}: '{question.id}' has no option '{value}'", node)
        return condition

    def with_conditions(
        self, raw: Mapping[str, Any], section: Section, questionnaire: Questionnaire, named: Mapping
    ) -> Section:
        """Attach the parsed `show_if` of the section and of its questions."""
        order = {q.id: i for i, q in enumerate(questionnaire.questions)}
        show_if = None
        if section.show_if_text is not None:
            where = f"show_if of section '{section.id}'"
            first = order[section.questions[0].id]
            show_if = self.condition(section.show_if_text, questionnaire, named, where, raw, first)
        questions = []
        for raw_q, q in zip(raw["questions"], section.questions, strict=True):
            condition = None
            if q.show_if_text is not None:
                where = f"show_if of question '{q.id}'"
                condition = self.condition(q.show_if_text, questionnaire, named, where, raw_q, order[q.id])
            questions.append(replace(q, show_if=condition))
        return replace(section, show_if=show_if, questions=tuple(questions))
