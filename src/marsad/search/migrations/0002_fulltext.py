"""The full-text structures, which depend on the database: an FTS5 table on SQLite, a tsvector on PostgreSQL.

SQLite: an external-content FTS5 table over search_document (the analysed text is stored once), kept in step by
triggers, so every write of a Document row — in the entry's transaction — updates the full-text index too.
PostgreSQL: a generated tsvector, one weight per column (title A, summary B, body C, organisations D), and a
GIN index. The analysed text is already tokens separated by spaces; both tokenizers only split on them.
"""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, summary, body, orgs,
        content='search_document', content_rowid='entry_id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER search_document_ai AFTER INSERT ON search_document BEGIN
        INSERT INTO search_fts(rowid, title, summary, body, orgs)
        VALUES (new.entry_id, new.title, new.summary, new.body, new.orgs);
    END""",
    """CREATE TRIGGER search_document_ad AFTER DELETE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, summary, body, orgs)
        VALUES ('delete', old.entry_id, old.title, old.summary, old.body, old.orgs);
    END""",
    """CREATE TRIGGER search_document_au AFTER UPDATE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, summary, body, orgs)
        VALUES ('delete', old.entry_id, old.title, old.summary, old.body, old.orgs);
        INSERT INTO search_fts(rowid, title, summary, body, orgs)
        VALUES (new.entry_id, new.title, new.summary, new.body, new.orgs);
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER search_document_au",
    "DROP TRIGGER search_document_ad",
    "DROP TRIGGER search_document_ai",
    "DROP TABLE search_fts",
]
POSTGRES = [
    """ALTER TABLE search_document ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', summary), 'B') ||
        setweight(to_tsvector('simple', body), 'C') || setweight(to_tsvector('simple', orgs), 'D')
    ) STORED""",
    "CREATE INDEX search_document_tsv ON search_document USING gin (tsv)",
    "CREATE INDEX search_term_pattern ON search_term (term text_pattern_ops)",
]
POSTGRES_REVERSE = [
    "DROP INDEX search_term_pattern",
    "DROP INDEX search_document_tsv",
    "ALTER TABLE search_document DROP COLUMN tsv",
]


def _run(statements: dict):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        ),
        migrations.RunPython(
            lambda apps, schema_editor: apps.get_model("search", "Counter").objects.create(pk=1, generation=0),
            migrations.RunPython.noop,
        ),
    ]
