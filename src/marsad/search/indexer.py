"""Writing the index: one entry at a time inside the workflow's transaction, or everything from scratch.

The workflow sends `entry_visibility_changed` inside the transaction that publishes or withdraws an entry;
`on_visibility_changed` writes the entry's `Document` (or its tombstone) and bumps the generation in that same
transaction, so the index can never disagree with what the public sees. `rebuild` recomputes every document
from the live revisions; `verify` recomputes them and lists every difference.
"""

import secrets
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import DatabaseError, connection, transaction
from django.db.models import F

from marsad.initiatives.filters import FACETS, EntryQuery
from marsad.initiatives.models import Entry, Revision
from marsad.search.analyzer import DEFAULT
from marsad.search.models import Counter, Document, Generation, Term
from marsad.search.normalise import normalise

COLUMNS = ("title", "summary", "body", "orgs")
LANGUAGES = ("ar", "en", "fr")
# PostgreSQL clamps tsvector positions at 16,383; capping every column keeps phrase matching identical on
# both backends (256 + 1,024 + 12,000 + 512 tokens).
MAX_TOKENS = {"title": 256, "summary": 1024, "body": 12_000, "orgs": 512}
KEPT_GENERATIONS = 1000


def bump() -> int:
    """Start a new generation in the current transaction and return its number.

    The UPDATE locks the counter row until commit, so generations are numbered in commit order.
    """
    if not Counter.objects.filter(pk=1).update(generation=F("generation") + 1):
        latest = Generation.objects.order_by("-number").values_list("number", flat=True).first() or 0
        Counter.objects.create(pk=1, generation=latest + 1)  # the counter row went with a flush
    number = Counter.objects.get(pk=1).generation
    Generation.objects.create(number=number, stamp=secrets.randbits(62))
    Generation.objects.filter(number__lt=number - KEPT_GENERATIONS).delete()
    return number


def _analysed(texts: Iterable[tuple[str, str]], column: str) -> list[str]:
    tokens: list[str] = []
    for text, lang in texts:
        if text:
            tokens.extend(DEFAULT.tokens(text, lang))
    return tokens[: MAX_TOKENS[column]]


def columns_of(revision: Revision, partners: Iterable[Any]) -> dict[str, list[str]]:
    """The analysed tokens of each weighted column of a revision (languages concatenated ar, en, fr)."""
    lead = revision.lead_organisation
    fields = {
        "title": [(getattr(revision, f"title_{lang}"), lang) for lang in LANGUAGES],
        "summary": [(getattr(revision, f"summary_{lang}"), lang) for lang in LANGUAGES],
        "body": [
            (getattr(revision, f"{field}_{lang}"), lang)
            for field in ("description", "outcomes")
            for lang in LANGUAGES
        ],
        "orgs": [(getattr(org, f"name_{lang}"), lang) for org in (lead, *partners) for lang in LANGUAGES],
    }
    return {column: _analysed(texts, column) for column, texts in fields.items()}


def facet_values(revision_ids: list[int] | None = None) -> dict[int, dict[str, list[str]]]:
    """{revision id: {facet param: [codes]}} for the live revisions (or the given ones), one query a facet."""
    out: dict[int, dict[str, list[str]]] = {}
    base = EntryQuery().base()
    base = base.filter(pk__in=revision_ids) if revision_ids is not None else base.filter(live=True)
    for facet in FACETS:
        for revision_id, value in base.values_list("id", facet.path).order_by():
            if value is not None:
                codes = out.setdefault(revision_id, {}).setdefault(facet.param, [])
                if str(value) not in codes:
                    codes.append(str(value))
    for facets in out.values():
        for codes in facets.values():
            codes.sort()
    return out


def document_for(revision: Revision, facets: dict[str, list[str]], generation: int) -> Document:
    columns = columns_of(revision, revision.partners.all())
    title = revision.title_en or revision.title_fr or revision.title_ar
    return Document(
        entry_id=revision.entry_id,
        revision_id=revision.pk,
        live=True,
        generation=generation,
        lengths=",".join(str(len(columns[c])) for c in COLUMNS),
        facets=facets,
        published_at=revision.entry.published_at,
        start_date=revision.start_date,
        sort_title=normalise(title)[:300],
        **{column: " ".join(columns[column]) for column in COLUMNS},
    )


def tombstone(entry_id: int, generation: int) -> Document:
    return Document(entry_id=entry_id, revision_id=None, live=False, generation=generation)


def _remember_terms(documents: Iterable[Document]) -> None:
    terms = {token for doc in documents for column in COLUMNS for token in getattr(doc, column).split()}
    Term.objects.bulk_create([Term(term=t) for t in terms], ignore_conflicts=True, batch_size=2000)


def _live_revisions() -> Iterator[Revision]:
    return (
        Revision.objects.filter(live=True)
        .select_related("entry", "lead_organisation")
        .prefetch_related("partners")
        .order_by("entry_id")
    )


@transaction.atomic
def index_entry(entry: Entry) -> Document:
    """Write the entry's document (or tombstone) and a new generation, in the caller's transaction."""
    generation = bump()
    revision = (
        _live_revisions().filter(entry_id=entry.pk).first()
        if entry.is_public and entry.published_revision_id
        else None
    )
    if revision is None:
        document = tombstone(entry.pk, generation)
    else:
        document = document_for(revision, facet_values([revision.pk]).get(revision.pk, {}), generation)
        _remember_terms([document])
    document.save()
    return document


def on_visibility_changed(sender: type, entry: Entry, **kwargs: Any) -> None:
    """Receiver of `marsad.initiatives.workflow.entry_visibility_changed`."""
    index_entry(entry)


def index_if_empty(using: str = "default", **kwargs: Any) -> None:
    """After `migrate`: index the live entries of a database that has some but no index yet (a database
    created before the search app existed)."""
    if using == "default" and not Document.objects.exists() and Revision.objects.filter(live=True).exists():
        rebuild()


@transaction.atomic
def rebuild(batch_size: int = 2000) -> int:
    """Recompute the whole index from the live revisions in one transaction; returns the number indexed."""
    Document.objects.all().delete()
    Term.objects.all().delete()
    generation = bump()
    facets = facet_values()
    count, batch = 0, []
    for revision in _live_revisions().iterator(chunk_size=batch_size):
        batch.append(document_for(revision, facets.get(revision.pk, {}), generation))
        if len(batch) >= batch_size:
            count += _write(batch)
            batch = []
    count += _write(batch)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
    return count


def _write(batch: list[Document]) -> int:
    Document.objects.bulk_create(batch, batch_size=500)
    _remember_terms(batch)
    return len(batch)


def verify() -> list[str]:
    """Recompute every document and compare it with the stored one; returns the differences found."""
    problems = []
    stored = {doc.entry_id: doc for doc in Document.objects.filter(live=True)}
    facets = facet_values()
    terms = set(Term.objects.values_list("term", flat=True))
    for revision in _live_revisions():
        doc = stored.pop(revision.entry_id, None)
        if doc is None:
            problems.append(f"entry {revision.entry_id}: published but not indexed")
            continue
        expected = document_for(revision, facets.get(revision.pk, {}), doc.generation)
        for field in ("revision_id", *COLUMNS, "lengths", "facets", "published_at", "start_date"):
            if getattr(doc, field) != getattr(expected, field):
                problems.append(f"entry {revision.entry_id}: {field} differs from its live revision")
        missing = {t for column in COLUMNS for t in getattr(doc, column).split()} - terms
        if missing:
            problems.append(f"entry {revision.entry_id}: {len(missing)} tokens missing from the term list")
    problems += [f"entry {entry_id}: indexed as live but not published" for entry_id in stored]
    problems += _backend_problems()
    return problems


def _backend_problems() -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            try:
                cursor.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)")
            except DatabaseError as error:  # the message says what is corrupt
                return [f"FTS5 index: {error}"]
            return []
        cursor.execute(
            "SELECT count(*) FROM search_document WHERE live AND tsv = ''::tsvector "
            "AND (title <> '' OR summary <> '' OR body <> '' OR orgs <> '')"
        )
        (empty,) = cursor.fetchone()
        return [f"tsvector: {empty} documents with text have an empty vector"] if empty else []
