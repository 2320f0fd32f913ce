"""Insert many rows whose primary keys nobody needs back, by the database's fastest path.

`bulk_create` compiles every value through the query compiler and, on SQLite, splits a batch into statements of
999 parameters; for link tables and review events, which an import writes by the hundred thousand, that was
a third of the writing time. Here PostgreSQL receives the rows by COPY, other databases by one prepared
statement executed for each row; the values are prepared by the model fields as `bulk_create` prepares them.
"""

from collections.abc import Iterable, Sequence

from django.db import connection, models
from django.db.models.expressions import RawSQL
from django.db.models.options import Options


def insert(table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Insert rows of values already prepared for the database (`Field.get_db_prep_save`)."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({placeholders})", list(rows))


def insert_objects(objects: Sequence[models.Model], keys: bool = False) -> None:
    """`bulk_create` for unsaved objects of one model: each field's `pre_save` (auto_now_add …) and database
    preparation, then `insert`. With `keys`, the objects first receive primary keys from the table's own
    sequence (`new_keys`), as `bulk_create` would give them back."""
    if not objects:
        return
    meta = objects[0]._meta
    fields = [field for field in meta.concrete_fields if field is not meta.pk]
    if keys:
        for obj, key in zip(objects, new_keys(meta, len(objects)), strict=True):
            obj.pk = key
            obj._state.adding, obj._state.db = False, connection.alias
        fields.insert(0, meta.pk)
    insert(
        meta.db_table,
        [field.column for field in fields],
        (
            tuple(field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields)
            for obj in objects
        ),
    )


def new_keys(meta: Options, count: int) -> list[int]:
    """Reserve `count` primary keys of the model's table, as its inserts would have drawn them.

    PostgreSQL: from the column's sequence (safe under concurrency). SQLite: after the largest key the table has
    held (AUTOINCREMENT's sqlite_sequence, so no deleted row's key comes back); the transaction is IMMEDIATE
    (settings), so no other writer can take the same keys before the rows are inserted.
    """
    table, column = meta.db_table, meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, column, count],
            )
            return [key for (key,) in cursor.fetchall()]
        if connection.vendor != "sqlite":
            raise NotImplementedError(f"no key reservation for {connection.vendor}")
        quote = connection.ops.quote_name
        cursor.execute(
            f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
            f"coalesce((SELECT max({quote(column)}) FROM {quote(table)}), 0))",
            [table],
        )
        (last,) = cursor.fetchone()
        return list(range(last + 1, last + 1 + count))


ARRAY_TYPES = {"bigint", "text"}


def keys_in(keys: Sequence[int | str], sql_type: str = "bigint") -> Sequence[int | str] | RawSQL:
    """The right side of an `__in` lookup on keys (`sql_type` bigint or text): on PostgreSQL one array
    parameter instead of one parameter per key, since binding a 2,000-key list costs more than running the
    query (12.9 ms against 1.8 ms for a batch's revisions and their stakeholder types); elsewhere the keys
    themselves."""
    if sql_type not in ARRAY_TYPES:
        raise ValueError(f"keys_in takes {sorted(ARRAY_TYPES)}, not {sql_type!r}")
    if connection.vendor == "postgresql":
        return RawSQL(f"SELECT unnest(%s::{sql_type}[])", [list(keys)])
    return keys


def refresh_statistics() -> None:
    """Let PostgreSQL's planner see the rows this transaction has written so far.

    Its statistics come from ANALYZE, which autovacuum runs only on committed rows: while one transaction writes
    100,000 entries, the planner takes the growing link tables for empty and answers "the links of these 500
    revisions" with a sequential scan, so every batch costs more than the one before. ANALYZE in the transaction
    counts the transaction's own rows; its statistics are rolled back with it. Other databases: nothing to do.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
