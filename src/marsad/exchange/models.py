"""The record of each import: who loaded which file, with what result.

Entries carry their import in `Entry.source` and in the review events' `via` (`import:<run id>:<file name>`);
this row says who ran it, the file's SHA-256 and the counts. A web import keeps the uploaded bytes between the
dry run and the commit (in the database, so any app server behind a load balancer can commit it) and drops
them once committed.
"""

from django.conf import settings
from django.db import models


class ImportRun(models.Model):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(default=0)
    content = models.BinaryField(null=True, blank=True)
    options = models.JSONField(default=dict)
    counts = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    committed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"import {self.pk}: {self.file_name}"

    @property
    def via(self) -> str:
        """The channel recorded on entries and review events (the workflow's field holds 40 characters)."""
        return f"import:{self.pk}:{self.file_name}"[:40]
