"""Full-text backends: each answers, for one leaf of a query, the documents it occurs in, column by column,
and compiles a whole query to SQL (the exact, unaccelerated path used by `EntryQuery.queryset` and the tests).

The two backends see the same analysed tokens and apply the same phrase rules, so they return the same sets.
"""

from types import ModuleType

import numpy as np
from django.db import connection


def current() -> ModuleType:
    """The backend module of the default database."""
    if connection.vendor == "postgresql":
        from marsad.search.backends import postgres

        return postgres
    from marsad.search.backends import sqlite

    return sqlite


def ids_from_text(joined: str | None) -> np.ndarray:
    """Parse ids aggregated as "1,5,9" by the database: one string moves faster than one row per id."""
    if not joined:
        return np.empty(0, dtype=np.int64)
    return np.fromstring(joined, dtype=np.int64, sep=",")
