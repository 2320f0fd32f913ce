"""Cut a stream into lists of a given size: the unit of a bulk write or a chunked read (Python 3.12's
`itertools.batched`, which 3.11 lacks)."""

from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of `size` items in order, the last one shorter; nothing for no items."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
