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
from django.db.models import F, QuerySet

from marsad.accounts.models import Organisation
from marsad.core import rows
from marsad.core.batches import batched
from marsad.initiatives.filters import FACETS, EntryQuery
from marsad.initiatives.models import Entry, Revision
from marsad.search import backends
from marsad.search.analyzer import DEFAULT
from marsad.search.models import Counter, Document, Generation, Term
from marsad.search.normalise import normalise

COLUMNS = ("title", "summary", "body", "orgs")
LANGUAGES = ("ar", "en", "fr")
# PostgreSQL clamps tsvector positions at 16,383; capping every column keeps phrase matching identical on
# both backends (256 + 1,024 + 12,000 + 512 tokens).
MAX_TOKENS = {"title": 256, "summary": 1024, "body": 12_000, "orgs": 512}
KEPT_GENERATIONS = 1000
CHUNK = 2000  # revisions read, documents written, per round trip


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


TEXT_FIELDS = tuple(
    f"{field}_{lang}" for field in ("title", "summary", "description", "outcomes") for lang in LANGUAGES
)
ORG_NAMES = tuple(f"name_{lang}" for lang in LANGUAGES)
# What a document is computed from: a live revision's values (lead organisation and entry followed)…
REVISION_VALUES = (
    "id",
    "entry_id",
    *TEXT_FIELDS,
    *(f"lead_organisation__{name}" for name in ORG_NAMES),
    "entry__published_at",
    "start_date",
)


def _analysed(texts: Iterable[tuple[str, str]], column: str) -> list[str]:
    tokens: list[str] = []
    for text, lang in texts:
        if text:
            tokens.extend(DEFAULT.tokens(text, lang))
    return tokens[: MAX_TOKENS[column]]


def columns_of(values: dict[str, Any], organisations: list[tuple[str, ...]]) -> dict[str, list[str]]:
    """The analysed tokens of each weighted column (languages concatenated ar, en, fr).

    ``values`` holds a revision's ``TEXT_FIELDS``; ``organisations`` the (ar, en, fr) names of its lead
    organisation and then its partners.
    """

    def texts(*fields: str) -> list[tuple[str, str]]:
        return [(values[f"{field}_{lang}"], lang) for field in fields for lang in LANGUAGES]

    fields = {
        "title": texts("title"),
        "summary": texts("summary"),
        "body": texts("description", "outcomes"),
        "orgs": [
            (name, lang) for names in organisations for name, lang in zip(names, LANGUAGES, strict=True)
        ],
    }
    return {column: _analysed(pairs, column) for column, pairs in fields.items()}


def partner_names(revision_ids: list[int]) -> dict[int, list[tuple[str, ...]]]:
    """{revision id: [(ar, en, fr) names of its partners]}, in the organisations' default order."""
    through = Revision.partners.through
    links = (
        through.objects.filter(revision_id__in=rows.keys_in(revision_ids))
        .order_by(*(f"organisation__{field}" for field in Organisation._meta.ordering), "organisation_id")
        .values_list("revision_id", *(f"organisation__{name}" for name in ORG_NAMES))
    )
    out: dict[int, list[tuple[str, ...]]] = {}
    for revision_id, *names in links:
        out.setdefault(revision_id, []).append(tuple(names))
    return out


def facet_values(revision_ids: list[int] | None = None) -> dict[int, dict[str, list[str]]]:
    """{revision id: {facet param: [codes]}} for the live revisions (or the given ones), one query a facet."""
    out: dict[int, dict[str, list[str]]] = {}
    base = EntryQuery().base()
    base = (
        base.filter(pk__in=rows.keys_in(revision_ids)) if revision_ids is not None else base.filter(live=True)
    )
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


def document_from(
    values: dict[str, Any], partners: list[tuple[str, ...]], facets: dict[str, list[str]], generation: int
) -> Document:
    """The (unsaved) document of a live revision given as ``REVISION_VALUES`` and its partners' names."""
    lead = tuple(values[f"lead_organisation__{name}"] for name in ORG_NAMES)
    columns = columns_of(values, [lead, *partners])
    title = values["title_en"] or values["title_fr"] or values["title_ar"]
    return Document(
        entry_id=values["entry_id"],
        revision_id=values["id"],
        live=True,
        generation=generation,
        lengths=",".join(str(len(columns[c])) for c in COLUMNS),
        facets=facets,
        published_at=values["entry__published_at"],
        start_date=values["start_date"],
        sort_title=normalise(title)[:300],
        **{column: " ".join(columns[column]) for column in COLUMNS},
    )


def documents(
    revisions: QuerySet, facets: dict[int, dict[str, list[str]]], generation: int
) -> Iterator[Document]:
    """The documents of ``revisions`` (live ones), read as plain values in chunks: no model instances."""
    rows_read = revisions.order_by("entry_id").values(*REVISION_VALUES).iterator(chunk_size=CHUNK)
    for chunk in batched(rows_read, CHUNK):
        yield from _documents(chunk, facets, generation)


def _documents(chunk: list[dict[str, Any]], facets: dict, generation: int) -> Iterator[Document]:
    partners = partner_names([values["id"] for values in chunk])
    for values in chunk:
        yield document_from(values, partners.get(values["id"], []), facets.get(values["id"], {}), generation)


def tombstone(entry_id: int, generation: int) -> Document:
    return Document(entry_id=entry_id, revision_id=None, live=False, generation=generation)


# The columns of search_document written in bulk, in this order.
DOCUMENT_FIELDS = (
    "entry_id",
    "revision_id",
    "live",
    "generation",
    *COLUMNS,
    "lengths",
    "facets",
    "published_at",
    "start_date",
    "sort_title",
)


def write(batch: list[Document]) -> int:
    """Insert new documents and remember their tokens, in bulk (`rows.insert`: COPY on PostgreSQL)."""
    if not batch:
        return 0
    ops = connection.ops
    adapt = {
        "facets": lambda value: ops.adapt_json_value(value, None),
        "published_at": ops.adapt_datetimefield_value,
        "start_date": ops.adapt_datefield_value,
    }
    values = [
        tuple(
            adapt[name](getattr(doc, name)) if name in adapt else getattr(doc, name)
            for name in DOCUMENT_FIELDS
        )
        for doc in batch
    ]
    # COPY on PostgreSQL, which computes the generated tsvector; on SQLite the triggers of migration 0002 add
    # the rows to the FTS5 index.
    rows.insert(Document._meta.db_table, DOCUMENT_FIELDS, values)
    terms = {token for doc in batch for column in COLUMNS for token in getattr(doc, column).split()}
    with connection.cursor() as cursor:
        backends.current().insert_terms(cursor, sorted(terms))
    return len(batch)


@transaction.atomic
def index_entry(entry: Entry) -> Document:
    """Write the entry's document (or tombstone) and a new generation, in the caller's transaction."""
    generation = bump()
    Document.objects.filter(entry_id=entry.pk).delete()
    document = None
    if entry.is_public and entry.published_revision_id:
        revisions = Revision.objects.filter(entry_id=entry.pk, live=True)
        facets = facet_values(list(revisions.values_list("id", flat=True)))
        document = next(documents(revisions, facets, generation), None)
    if document is None:
        document = tombstone(entry.pk, generation)
        document.save()
    else:
        write([document])
    return document


def on_visibility_changed(sender: type, entry: Entry, **kwargs: Any) -> None:
    """Receiver of `marsad.initiatives.workflow.entry_visibility_changed`."""
    index_entry(entry)


@transaction.atomic
def index_entries(entries: list[Entry]) -> int:
    """Write the documents of newly published entries under one generation, in the caller's transaction.

    An import publishes its rows in batches; one `index_entry` per row meant one generation, one
    delete and a few reads per row, four fifths of a 100,000-row import's time.
    """
    ids = [entry.pk for entry in entries if entry.is_public and entry.published_revision_id]
    if not ids:
        return 0
    generation = bump()
    Document.objects.filter(entry_id__in=rows.keys_in(ids)).delete()
    revisions = Revision.objects.filter(entry_id__in=rows.keys_in(ids), live=True)
    facets = facet_values(list(revisions.values_list("id", flat=True)))
    return _write_all(documents(revisions, facets, generation), CHUNK)


def on_entries_published(sender: type, entries: list[Entry], **kwargs: Any) -> None:
    """Receiver of `marsad.exchange.bulk.entries_published`."""
    index_entries(entries)


def index_if_empty(using: str = "default", **kwargs: Any) -> None:
    """After `migrate`: index the live entries of a database that has some but no index yet (a database
    created before the search app existed, or whose analysed text a migration dropped)."""
    if using == "default" and not Document.objects.exists() and Revision.objects.filter(live=True).exists():
        rebuild()


@transaction.atomic
def rebuild(batch_size: int = CHUNK) -> int:
    """Recompute the whole index from the live revisions in one transaction; returns the number indexed."""
    Term.objects.all().delete()
    generation = bump()
    with backends.current().rebuilding(connection):
        return _write_all(
            documents(Revision.objects.filter(live=True), facet_values(), generation), batch_size
        )


def _write_all(documents: Iterable[Document], batch_size: int) -> int:
    return sum(write(batch) for batch in batched(documents, batch_size))


def verify() -> list[str]:
    """Recompute every document and compare it with the stored one; returns the differences found."""
    problems = []
    stored = {doc.entry_id: doc for doc in Document.objects.filter(live=True)}
    terms = set(Term.objects.values_list("term", flat=True))
    for expected in documents(Revision.objects.filter(live=True), facet_values(), generation=0):
        entry_id = expected.entry_id
        doc = stored.pop(entry_id, None)
        if doc is None:
            problems.append(f"entry {entry_id}: published but not indexed")
            continue
        for field in ("revision_id", *COLUMNS, "lengths", "facets", "published_at", "start_date"):
            if getattr(doc, field) != getattr(expected, field):
                problems.append(f"entry {entry_id}: {field} differs from its live revision")
        missing = {t for column in COLUMNS for t in getattr(doc, column).split()} - terms
        if missing:
            problems.append(f"entry {entry_id}: {len(missing)} tokens missing from the term list")
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
