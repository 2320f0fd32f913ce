"""Bulk import: read a file, validate every row with the entry form's rules, report, and commit all or nothing.

A dry run and a commit do the same work inside one transaction; the dry run (or a commit that met an invalid
row or a suspected duplicate not accepted) rolls it back, so the report of a dry run is exactly what the commit
will do. Rows name their entry with a stable id (the entry's slug): importing the same file again finds every
entry unchanged and writes nothing. New entries are written in batches by `bulk.create_entries`; existing ones
change through the workflow functions. Imported entries enter the workflow as far as the importer's role
allows: moderators publish, others submit for review (or keep drafts, if they ask).
"""

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from marsad.accounts.models import Organisation, User
from marsad.core import rows
from marsad.core.batches import batched
from marsad.exchange import bulk, duplicates, parallel, readers
from marsad.exchange.models import ImportRun
from marsad.exchange.report import DUPLICATE, INVALID, NEW, UNCHANGED, UPDATED, Report, RowResult
from marsad.exchange.validate import Validator
from marsad.initiatives import permissions, workflow
from marsad.initiatives.models import Entry, Revision, State

BATCH = 500
ANALYSE_FROM = 1000
LANGS = ("ar", "en", "fr")


@dataclass
class Options:
    actor: User
    dry_run: bool = True
    state: str = ""  # draft, submitted or published; empty: as far as the role allows
    organisation: Organisation | None = None  # owner of entries whose record names none
    allow_duplicates: bool = False
    # Processes validating rows beside the importing one (`parallel`); 0: validate in-process.
    workers: int = 0

    def target(self) -> str:
        return self.state or (State.PUBLISHED if self.actor.is_moderator else State.SUBMITTED)


@dataclass
class _Pending:
    row: RowResult
    record: dict[str, Any]
    data: dict[str, Any]
    slug: str


def default_workers() -> int:
    """Validation workers for a command-line import: the cores the importing process leaves free."""
    return max(0, min(4, (os.cpu_count() or 1) - 1))


def default_state(actor: User) -> str:
    return Options(actor).target()


def run(file: IO[bytes], name: str, options: Options, record: ImportRun | None = None) -> Report:
    """Import (or, with `dry_run`, rehearse importing) the file; the returned report says row by row what.

    A commit is recorded in `record` (the web page's run, kept from its dry run) or in a new `ImportRun`.
    """
    report = Report(
        file=name, dry_run=options.dry_run, state=options.target(), allow_duplicates=options.allow_duplicates
    )
    if report.state not in bulk.TARGET_STATES:
        report.problems.append(_("Unknown target state “%(state)s”.") % {"state": report.state})
        return report
    if report.state == State.PUBLISHED and not options.actor.is_moderator:
        # permissions.can_review: nobody but a moderator reviews (publishes) a revision they wrote.
        report.problems.append(
            _("Only moderators can publish what they import; import as submitted instead.")
        )
        return report
    run_record = None if options.dry_run else (record or start(file, name, options))
    try:
        with transaction.atomic():
            source = readers.open_source(file, name)
            report.format, report.warnings = source.format, source.warnings
            _Import(options, report, source, run_record.via if run_record else f"import:{name}"[:40]).run()
            if options.dry_run or not report.ok:
                transaction.set_rollback(True)
            else:
                report.committed = True
    except readers.FileProblem as exc:
        report.problems.append(str(exc))
        report.rows = []  # the rows read before the problem tell nothing about the file as a whole
    if run_record is not None:
        run_record.counts = report.counts
        run_record.committed_at = timezone.now() if report.committed else None
        if report.committed:
            run_record.content = None  # kept only between a web dry run and its commit
        run_record.save(update_fields=["counts", "committed_at", "content"])
    return report


def start(file: IO[bytes], name: str, options: Options, keep: bool = False) -> ImportRun:
    """Record an import run: who, which file (its SHA-256), with which options; `keep` stores the bytes."""
    digest, size = hashlib.sha256(), 0
    for chunk in iter(lambda: file.read(1 << 20), b""):
        digest.update(chunk)
        size += len(chunk)
    file.seek(0)
    content = file.read() if keep else None
    file.seek(0)
    return ImportRun.objects.create(
        actor=options.actor,
        file_name=name[:255],
        sha256=digest.hexdigest(),
        size=size,
        content=content,
        options={
            "state": options.target(),
            "allow_duplicates": options.allow_duplicates,
            "organisation": options.organisation.pk if options.organisation else None,
        },
    )


class _Import:
    def __init__(self, options: Options, report: Report, source: readers.Source, via: str) -> None:
        self.options, self.report, self.source, self.via = options, report, source, via
        self.actor = options.actor
        self.validator = Validator()
        self.finder = duplicates.finder()
        self.pending: list[_Pending] = []
        self.seen: dict[str, int] = {}  # slug → row number, for ids repeated in the file
        self.may_create: dict[int, bool] = {}
        self.own_organisations = list(self.actor.active_organisations())
        self.writing = not options.dry_run
        self.written = self.analysed = 0  # entries created, and how many there were at the last ANALYZE

    def run(self) -> None:
        for (result, record, early), data, problems in self._checked():
            if data is None:
                self._invalid(result, [(self.source.where(p), m) for p, m in early or problems])
                continue
            self.pending.append(_Pending(result, record, data, result.id))
            if len(self.pending) >= BATCH:
                self._flush()
        self._flush()
        if not self.report.rows:
            raise readers.FileProblem(_("The file has no rows to import."))

    def _checked(self) -> Iterator[tuple[tuple, dict[str, Any] | None, list[tuple[str, str]]]]:
        """Each row's (result, record, problems found before the form), revision data and the form's problems."""
        prepared = self._prepared()
        if self.options.workers < 1:
            for key, data in prepared:
                yield key, *((None, []) if data is None else self.validator.check(data))
            return
        with parallel.Checker(self.validator, self.options.workers) as checker:
            yield from checker.checked(batched(prepared, parallel.CHUNK))

    def _prepared(self) -> Iterator[tuple[tuple, dict[str, Any] | None]]:
        """Rows read, reported and given their form data (organisations resolved here, in the transaction)."""
        for row in self.source.rows:
            result = RowResult(row.number, "", "", INVALID)
            self.report.rows.append(result)
            if row.record is not None:
                result.id = str(row.record.get("id") or "")
                result.title = _title(row.record)
            if row.record is None or row.problems:
                yield (result, row.record, row.problems), None
                continue
            data, problems = self.validator.prepare(row.record)
            yield (result, row.record, problems), data

    def _invalid(self, result: RowResult, problems: list[tuple[str, str]]) -> None:
        result.outcome, result.problems = INVALID, problems
        self.writing = False  # the commit will be rolled back: stop writing, keep checking

    def _flush(self) -> None:
        batch, self.pending = self.pending, []
        existing = _existing([item.slug for item in batch if item.slug])
        new: list[tuple[_Pending, bulk.NewEntry]] = []
        for item in batch:
            if item.slug and item.slug in self.seen:
                self._invalid(
                    item.row,
                    [
                        (
                            "id",
                            _("The id “%(id)s” is also on row %(row)s.")
                            % {"id": item.slug, "row": self.seen[item.slug]},
                        )
                    ],
                )
                continue
            if item.slug:
                self.seen[item.slug] = item.row.number
            if item.slug in existing:
                self._existing(item, existing[item.slug])
            else:
                entry = self._new(item)
                if entry is not None:
                    new.append((item, entry))
        if self.writing and new:
            try:
                bulk.create_entries(
                    self.actor, [entry for _item, entry in new], self.via, self.report.state, self.may_create
                )
                self._written(len(new))
            except PermissionDenied as exc:
                for item, _entry in new:
                    self._invalid(item.row, [("", str(exc))])

    def _written(self, count: int) -> None:
        """Refresh the planner's statistics each time the rows written have doubled (from `ANALYSE_FROM`): a
        few times per import, and the planner never sees the tables at less than half their size."""
        self.written += count
        if self.written >= max(ANALYSE_FROM, 2 * self.analysed):
            rows.refresh_statistics()
            self.analysed = self.written

    def _new(self, item: _Pending) -> bulk.NewEntry | None:
        owner = self._owner(item)
        if owner is None:
            return None
        if not bulk.may_create(self.actor, owner, self.may_create):
            self._invalid(item.row, [("organisation", str(bulk.NOT_A_MEMBER))])
            return None
        suspects = self.finder.candidates(item.data, item.slug)
        if not item.slug:
            # Rows with distinct ids are distinct entries by the file's own word (a dump of a repository);
            # a row without id may be one entered twice.
            self.finder.remember(item.data, _("row %(n)s") % {"n": item.row.number})
        if suspects:
            item.row.outcome, item.row.duplicates = DUPLICATE, suspects
            if not self.options.allow_duplicates:
                self.writing = False
                return None
        else:
            item.row.outcome = NEW
        slug = item.slug or self._free_slug(item.data)
        item.row.id = slug
        return bulk.NewEntry(owner, slug, item.data)

    def _owner(self, item: _Pending) -> Organisation | None:
        named = None
        if item.record.get("organisation"):
            try:
                named = self.validator.organisation(item.record["organisation"], "organisation")
            except ValidationError as exc:
                problems = [(self.source.where(p), m) for p, ms in exc.message_dict.items() for m in ms]
                self._invalid(item.row, problems)
                return None
        found = owner_of(
            self.actor,
            named,
            self.options.organisation,
            item.data["lead_organisation"],
            self.own_organisations,
        )
        if found is None:
            self._invalid(item.row, [("organisation", _("Say which of your organisations owns this entry."))])
        return found

    def _free_slug(self, data: dict[str, Any]) -> str:
        """The workflow's slug scheme (title in English or French), avoiding slugs this import has taken."""
        base = slugify(data.get("title_en") or data.get("title_fr") or "")[:80] or "entry"
        slug, n = base, 1
        while slug in self.seen or Entry.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        self.seen[slug] = 0
        return slug

    def _existing(self, item: _Pending, entry: Entry) -> None:
        if not (entry.is_public or permissions.can_view_history(self.actor, entry)):
            self._invalid(
                item.row, [("id", _("The id “%(id)s” is already taken; choose another.") % {"id": item.slug})]
            )
            return
        if _comparable(item.data) == _comparable(_revision_values(entry.latest_revision, item.data)):
            item.row.outcome = UNCHANGED
            return
        if not permissions.can_edit(self.actor, entry):
            message = (
                _("This entry is under review; import the change once the review is over.")
                if entry.state in permissions.REVIEWABLE_STATES
                else _("You cannot edit this entry in its current state.")
            )
            self._invalid(item.row, [("id", message)])
            return
        item.row.outcome = UPDATED
        if self.writing:
            try:
                self._update(entry, item.data)
            except (PermissionDenied, workflow.WorkflowError) as exc:
                self._invalid(item.row, [("id", str(exc))])

    def _update(self, entry: Entry, data: dict[str, Any]) -> None:
        workflow.save_revision(self.actor, entry, data, via=self.via)
        if self.report.state in (State.SUBMITTED, State.PUBLISHED):
            workflow.submit(self.actor, entry, via=self.via)
        if self.report.state == State.PUBLISHED:
            workflow.publish(self.actor, entry, via=self.via)


def owner_of(
    actor: User,
    named: Organisation | None,
    chosen: Organisation | None,
    lead: Organisation,
    own: list[Organisation],
) -> Organisation | None:
    """The organisation that will own a new entry: the one its record names, else the one the importer chose,
    else its lead organisation (for moderators, or members of it), else the importer's only organisation.
    Whether the actor may create entries for it is then the workflow's question."""
    if named is not None:
        return named
    if chosen is not None:
        return chosen
    if actor.is_moderator or lead in own:
        return lead
    return own[0] if len(own) == 1 else None


def _title(record: dict[str, Any]) -> str:
    titles = record.get("title") or {}
    return next((str(titles[lang]) for lang in LANGS if isinstance(titles, dict) and titles.get(lang)), "")[
        :200
    ]


def _existing(slugs: list[str]) -> dict[str, Entry]:
    if not slugs:
        return {}
    related = [f"latest_revision__{name}" for name in workflow.M2M_FIELDS]
    entries = (
        Entry.objects.filter(slug__in=rows.keys_in(slugs, "text"))
        .select_related("latest_revision")
        .prefetch_related(*related)
    )
    return {entry.slug: entry for entry in entries}


def _revision_values(revision: Revision, like: dict[str, Any]) -> dict[str, Any]:
    values = {}
    for key in like:
        model_field = Revision._meta.get_field(key)
        if model_field.many_to_many:
            values[key] = list(getattr(revision, key).all())
        elif model_field.is_relation:
            values[key] = getattr(revision, model_field.attname)
        else:
            values[key] = getattr(revision, key)
    return values


def _comparable(values: dict[str, Any]) -> dict[str, Any]:
    """Values as plain data; a change note alone does not make a change."""
    out = {}
    for key, value in values.items():
        if key == "change_note":
            continue
        if isinstance(value, list | tuple | QuerySet):
            value = sorted(getattr(item, "pk", item) for item in value) if key != "links" else list(value)
        else:
            value = getattr(value, "pk", value)
        out[key] = value
    return out
