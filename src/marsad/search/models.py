"""The search index, stored in the application's database and written in the entry's own transaction.

`Document` holds, for every entry that has ever been indexed, the analysed text of its public revision (one
column per weighted field), its facet values and its sort keys. On SQLite a migration adds an FTS5 table over
these columns (external content, kept in step by triggers); on PostgreSQL a generated, weighted `tsvector`
column with a GIN index. A withdrawn entry keeps a *tombstone* row (``live=False``, no text), so that the
per-process caches can learn about the removal from the same incremental read as about any other change.

Every index write bumps a `Generation` in the same transaction. A process compares the newest generation with
the one its caches were built at (one tiny SELECT per search) and reloads the documents written since: caches
are never stale, and a rolled-back write is recognised by its random stamp.
"""

from django.db import models


class Document(models.Model):
    entry = models.OneToOneField(
        "initiatives.Entry", primary_key=True, on_delete=models.CASCADE, related_name="search_document"
    )
    revision_id = models.BigIntegerField(null=True, help_text="The indexed revision; empty for a tombstone.")
    live = models.BooleanField(default=False)
    generation = models.BigIntegerField(db_index=True)
    title = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True, help_text="Description and outcomes.")
    orgs = models.TextField(blank=True, help_text="Lead organisation and partners.")
    lengths = models.CharField(max_length=60, default="0,0,0,0", help_text="Tokens per column.")
    facets = models.JSONField(default=dict, help_text="{facet param: [codes]}")
    published_at = models.DateTimeField(null=True)
    start_date = models.DateField(null=True)
    sort_title = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"search document of entry {self.entry_id} (generation {self.generation})"


class Counter(models.Model):
    """A single row holding the newest generation; updating it serialises concurrent index writers."""

    generation = models.BigIntegerField(default=0)


class Generation(models.Model):
    number = models.BigIntegerField(primary_key=True)
    stamp = models.BigIntegerField(help_text="Random: tells a committed generation from a rolled-back one.")


class Term(models.Model):
    """Every analysed token ever indexed, for spelling suggestions (PostgreSQL has no cheap vocabulary view)."""

    term = models.CharField(max_length=64, primary_key=True)
