"""Validate an import's rows in worker processes while the importing process writes the rows before them.

Checking a row with the entry form's rules costs about as much as writing it, entry and search index included,
and a 100,000-row file has to be validated, committed and searchable in two minutes. The writing has to stay in
the importing process (its one transaction is what makes the import all or nothing), the form's checks need no
database once its choices are known: so forked workers run `Validator.check` on the rows of the next chunks
while the importing process writes the current one.

The importing process keeps everything that touches the database: it resolves (and lists) organisations,
decides which of them the form accepts, and sends those answers with each chunk (the workers need no more: the
form's rules look no further into an organisation); the vocabulary choices are read completely before the
workers fork. A worker that still tried a query would see the database outside the import's transaction, so a
worker refuses every query: that is a bug to fix here, not a different answer. Workers return model instances
as primary keys, which the importing process maps back to its own instances.
"""

import multiprocessing
from collections import deque
from collections.abc import Iterator
from typing import Any

from django.db import connections, models
from django.utils import translation

from marsad.exchange.validate import Validator

CHUNK = 250  # rows per task: large enough to amortise pickling, small enough to keep both processes busy
AHEAD = 10  # chunks in flight per worker: more than a batch, so workers keep busy while it is written
ORGANISATION_FIELDS = ("lead_organisation", "partners")

_validator: Validator | None = None  # in a worker


class DatabaseRefused(RuntimeError):
    pass


def _refuse(execute: Any, sql: str, *args: Any) -> None:
    raise DatabaseRefused(f"an import's validation worker must not query the database: {sql[:200]}")


def _start(validator: Validator, language: str) -> None:
    global _validator
    _validator = validator
    translation.activate(language)
    for connection in connections.all():
        connection.execute_wrappers.append(_refuse)


def _check_chunk(
    items: list[dict[str, Any]], organisations: dict[str, dict[str, bool]]
) -> list[tuple[dict[str, Any] | None, list[tuple[str, str]]]]:
    for name, accepted in organisations.items():
        memo = _validator.memo(name)
        # The form only needs to know whether it accepts the organisation: it is returned as its key.
        memo.found.update(
            {pk: memo.queryset.model(pk=int(pk)) if ok else None for pk, ok in accepted.items()}
        )
    out = []
    for data in items:
        checked, problems = _validator.check(data)
        out.append((None if checked is None else _as_keys(checked), problems))
    return out


def _as_keys(data: dict[str, Any]) -> dict[str, Any]:
    """Model instances (alone or in lists) as their primary keys: cheap to send back."""

    def key(value: Any) -> Any:
        if isinstance(value, models.Model):
            return value.pk
        if isinstance(value, list) and value and isinstance(value[0], models.Model):
            return [item.pk for item in value]
        return value

    return {name: key(value) for name, value in data.items()}


class Checker:
    """`Validator.check` for a stream of prepared rows, in `workers` forked processes, answers in order.

    Use as a context manager.
    """

    def __init__(self, validator: Validator, workers: int) -> None:
        self.validator = validator
        self.choice_fields = [
            name for name, field in validator.form_class.base_fields.items() if hasattr(field, "memo")
        ]
        validator.preload(name for name in self.choice_fields if name not in ORGANISATION_FIELDS)
        self.instances = {name: validator.memo(name).by_pk() for name in self.choice_fields}
        self.workers = workers
        self.pool = None

    def __enter__(self) -> "Checker":
        context = multiprocessing.get_context("fork")
        self.pool = context.Pool(
            self.workers, initializer=_start, initargs=(self.validator, translation.get_language())
        )
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.pool.terminate()
        self.pool.join()

    def checked(self, chunks: Iterator[list[tuple[Any, dict[str, Any] | None]]]) -> Iterator[tuple]:
        """(key, revision data or None, problems) for each (key, form data) of the chunks, in their order; a
        row without form data (already found wrong) passes through unchecked."""
        in_flight: deque = deque()
        for chunk in chunks:
            in_flight.append((chunk, self.pool.apply_async(_check_chunk, self._task(chunk))))
            if len(in_flight) >= AHEAD * self.workers:
                yield from self._answers(*in_flight.popleft())
        while in_flight:
            yield from self._answers(*in_flight.popleft())

    def _task(self, chunk: list[tuple[Any, dict[str, Any] | None]]) -> tuple:
        """The chunk's form data, and whether the form accepts each organisation it names (any worker may
        take the chunk, so the answers go with it)."""
        items = [data for _key, data in chunk if data is not None]
        answers: dict[str, dict[str, bool]] = {name: {} for name in ORGANISATION_FIELDS}
        for data in items:
            for name in ORGANISATION_FIELDS:
                value = data[name]
                for pk in map(str, value if isinstance(value, list) else [value]):
                    if pk not in answers[name]:
                        found = self.validator.memo(name).get(pk)
                        answers[name][pk] = found is not None
                        if found is not None:
                            self.instances[name][found.pk] = found
        return items, answers

    def _answers(self, chunk: list, pending: Any) -> Iterator[tuple]:
        answers = iter(pending.get())
        for key, data in chunk:
            if data is None:
                yield key, None, []
                continue
            checked, problems = next(answers)
            yield key, None if checked is None else self._instances(checked), problems

    def _instances(self, data: dict[str, Any]) -> dict[str, Any]:
        for name in self.choice_fields:
            value = data.get(name)
            if isinstance(value, list):
                data[name] = [self.instances[name][pk] for pk in value]
            elif value is not None:
                data[name] = self.instances[name][value]
        return data
