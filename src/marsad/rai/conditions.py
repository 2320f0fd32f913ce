"""The `show_if` / `when` condition language of the questionnaires: small, parsed, never `eval`-ed.

A condition is written in the YAML files as a string over earlier answers::

    provides != not_ai and military == no
    annex_iii_areas has area_4 or @annex_iii_match
    art6_3_tasks has_any [narrow_procedural, preparatory] and not profiling == yes
    answered(annex_i_legislation)

Grammar (keywords in lower case; `name` is `[A-Za-z0-9_]+`)::

    expr    := and_expr ("or" and_expr)*
    and_expr:= not_expr ("and" not_expr)*
    not_expr:= "not" not_expr | primary
    primary := "(" expr ")" | "@" name | "answered" "(" name ")"
             | name ("==" | "!=") name | name "in" list | name "has" name | name "has_any" list
    list    := "[" name ("," name)* "]"

Semantics: a comparison only holds for an *answered* question, so `q != a` is false while `q` is unanswered
(write `not q == a` for "anything but a, or unanswered"). `==`, `!=`, `in` compare the option of a single-choice
question; `has`, `has_any` look into the options ticked in a multiple-choice question. `@name` refers to a named
condition of the questionnaire. Which questions and options a condition may name is checked by the loader
(`marsad.rai.parse`), which knows the questionnaire; this module only parses and evaluates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

Answers = Mapping[str, Any]


class ConditionSyntaxError(ValueError):
    """A condition string does not follow the grammar; `column` is 1-based."""

    def __init__(self, message: str, text: str, column: int) -> None:
        self.message = message
        self.text = text
        self.column = column
        super().__init__(f"{message} at column {column} of '{text}'")


class Condition:
    """Base of the condition tree."""

    def holds(self, answers: Answers) -> bool:
        raise NotImplementedError

    def explain(self, answers: Answers) -> tuple[bool, frozenset[str]]:
        """Whether the condition holds and, if it does, the questions whose answers make it hold.

        An `or` cites every branch that holds, an `and` all its parts; a `not` cites the answered questions it
        looks at, since their answers are what rules its inner condition out.
        """
        raise NotImplementedError

    def comparisons(self) -> Iterator[Comparison]:
        """Every comparison in the tree, named conditions included (the loader checks them)."""
        raise NotImplementedError

    def questions(self) -> frozenset[str]:
        return frozenset(c.question for c in self.comparisons())


@dataclass(frozen=True)
class Comparison(Condition):
    question: str
    op: str  # '==', '!=', 'in', 'has', 'has_any', 'answered'
    values: tuple[str, ...] = ()
    column: int = 0

    def holds(self, answers: Answers) -> bool:
        if self.question not in answers or answers[self.question] in (None, "", [], ()):
            return False
        value = answers[self.question]
        if self.op == "answered":
            return True
        if self.op in ("has", "has_any"):
            return isinstance(value, list | tuple) and any(v in value for v in self.values)
        if not isinstance(value, str):
            return False
        if self.op == "!=":
            return value != self.values[0]
        return value in self.values  # '==' and 'in'

    def explain(self, answers: Answers) -> tuple[bool, frozenset[str]]:
        ok = self.holds(answers)
        return ok, frozenset({self.question}) if ok else frozenset()

    def comparisons(self) -> Iterator[Comparison]:
        yield self


@dataclass(frozen=True)
class Named(Condition):
    name: str
    condition: Condition

    def holds(self, answers: Answers) -> bool:
        return self.condition.holds(answers)

    def explain(self, answers: Answers) -> tuple[bool, frozenset[str]]:
        return self.condition.explain(answers)

    def comparisons(self) -> Iterator[Comparison]:
        yield from self.condition.comparisons()


@dataclass(frozen=True)
class Not(Condition):
    condition: Condition

    def holds(self, answers: Answers) -> bool:
        return not self.condition.holds(answers)

    def explain(self, answers: Answers) -> tuple[bool, frozenset[str]]:
        if self.condition.holds(answers):
            return False, frozenset()
        return True, frozenset(q for q in self.condition.questions() if q in answers)

    def comparisons(self) -> Iterator[Comparison]:
        yield from self.condition.comparisons()


@dataclass(frozen=True)
class AllOf(Condition):
    parts: tuple[Condition, ...]

    def holds(self, answers: Answers) -> bool:
        return all(p.holds(answers) for p in self.parts)

    def explain(self, answers: Answers) -> tuple[bool, frozenset[str]]:
        cited: set[str] = set()
        for part in self.parts:
            ok, why = part.explain(answers)
            if not ok:
                return False, frozenset()
            cited |= why
        return True, frozenset(cited)

    def comparisons(self) -> Iterator[Comparison]:
        for p in self.parts:
            yield from p.comparisons()


@dataclass(frozen=True)
class AnyOf(Condition):
    parts: tuple[Condition, ...]

    def holds(self, answers: Answers) -> bool:
        return any(p.holds(answers) for p in self.parts)

    def explain(self, answers: Answers) -> tuple[bool, frozenset[str]]:
        cited: set[str] = set()
        found = False
        for part in self.parts:
            ok, why = part.explain(answers)
            if ok:
                found = True
                cited |= why
        return found, frozenset(cited)

    def comparisons(self) -> Iterator[Comparison]:
        for p in self.parts:
            yield from p.comparisons()


_TOKEN = re.compile(r"\s*(?:(==|!=)|([\[\](),@])|([A-Za-z0-9_]+))")
_KEYWORDS = {"and", "or", "not", "in", "has", "has_any", "answered"}


def _tokenize(text: str) -> list[tuple[str, int]]:
    tokens: list[tuple[str, int]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if not match:
            column = pos + len(text[pos:]) - len(text[pos:].lstrip()) + 1
            raise ConditionSyntaxError(f"unexpected character {text[column - 1]!r}", text, column)
        token = match.group(1) or match.group(2) or match.group(3)
        tokens.append((token, match.start(match.lastindex) + 1))
        pos = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str, named: Mapping[str, Condition]) -> None:
        self.text = text
        self.named = named
        self.tokens = _tokenize(text)
        self.pos = 0

    def error(self, message: str) -> ConditionSyntaxError:
        column = self.tokens[self.pos][1] if self.pos < len(self.tokens) else len(self.text) + 1
        return ConditionSyntaxError(message, self.text, column)

    def peek(self) -> str | None:
        return self.tokens[self.pos][0] if self.pos < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise self.error(f"expected {expected!r}" if expected else "unexpected end of condition")
        self.pos += 1
        return token

    def name(self, what: str) -> str:
        token = self.peek()
        if token is None or not re.fullmatch(r"[A-Za-z0-9_]+", token) or token in _KEYWORDS:
            raise self.error(f"expected {what}")
        self.pos += 1
        return token

    def parse(self) -> Condition:
        if not self.tokens:
            raise ConditionSyntaxError("empty condition", self.text, 1)
        result = self.or_expr()
        if self.peek() is not None:
            raise self.error(f"unexpected {self.peek()!r}")
        return result

    def or_expr(self) -> Condition:
        parts = [self.and_expr()]
        while self.peek() == "or":
            self.take()
            parts.append(self.and_expr())
        return parts[0] if len(parts) == 1 else AnyOf(tuple(parts))

    def and_expr(self) -> Condition:
        parts = [self.not_expr()]
        while self.peek() == "and":
            self.take()
            parts.append(self.not_expr())
        return parts[0] if len(parts) == 1 else AllOf(tuple(parts))

    def not_expr(self) -> Condition:
        if self.peek() == "not":
            self.take()
            return Not(self.not_expr())
        return self.primary()

    def primary(self) -> Condition:
        token = self.peek()
        if token == "(":
            self.take()
            inner = self.or_expr()
            self.take(")")
            return inner
        if token == "@":
            self.take()
            start = self.pos
            name = self.name("the name of a condition after '@'")
            if name not in self.named:
                self.pos = start
                raise self.error(f"unknown named condition '@{name}' (define it earlier under 'conditions')")
            return Named(name, self.named[name])
        if token == "answered":
            column = self.tokens[self.pos][1]
            self.take()
            self.take("(")
            question = self.name("a question id")
            self.take(")")
            return Comparison(question, "answered", (), column)
        column = self.tokens[self.pos][1] if token is not None else len(self.text) + 1
        question = self.name("a question id, '(', '@name', 'not' or 'answered('")
        op = self.peek()
        if op in ("==", "!=", "has"):
            self.take()
            return Comparison(question, op, (self.name("an option id"),), column)
        if op in ("in", "has_any"):
            self.take()
            return Comparison(question, op, self.option_list(), column)
        raise self.error(f"expected ==, !=, in, has or has_any after '{question}'")

    def option_list(self) -> tuple[str, ...]:
        self.take("[")
        values = [self.name("an option id")]
        while self.peek() == ",":
            self.take()
            values.append(self.name("an option id"))
        self.take("]")
        return tuple(values)


def parse(text: str, named: Mapping[str, Condition] | None = None) -> Condition:
    """Parse a condition string; `named` holds the questionnaire's named conditions usable as `@name`.

    Raises
    ------
    ConditionSyntaxError
        With the column of the first token that does not fit the grammar.
    """
    if not isinstance(text, str):
        raise ConditionSyntaxError(f"a condition must be text, not {type(text).__name__}", str(text), 1)
    return _Parser(text, named or {}).parse()
