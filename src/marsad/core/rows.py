"""Insert many rows whose primary keys nobody needs back, by the database's fastest path.

`bulk_create` compiles every value through the query compiler and, on SQLite, splits a batch into statements of
999 parameters; for link tables and review events, which an import writes by the hundred thousand, that was
a third of the writing time. Here PostgreSQL receives the rows by COPY, other databases by one prepared
statement executed for each row; the values are prepared by the model fields as `bulk_create` prepares them.
"""

from collections.abc import Iterable, Sequence

from django.db import connection, models


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


def insert_objects(objects: Sequence[models.Model]) -> None:
    """`bulk_create` for unsaved objects of one model with a database-generated primary key, which they do not
    receive: each field's `pre_save` (auto_now_add …) and database preparation, then `insert`."""
    if not objects:
        return
    meta = objects[0]._meta
    fields = [field for field in meta.concrete_fields if field is not meta.pk]
    insert(
        meta.db_table,
        [field.column for field in fields],
        (
            tuple(field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields)
            for obj in objects
        ),
    )


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
