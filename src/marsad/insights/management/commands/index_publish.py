"""`marsad index_publish`: check a data release and publish it as a new edition of the index.

Without arguments it publishes the bundled default edition (framework and World Bank data of
`data/maturity/`), unless it is already published — the hook `marsad demo` uses. With `--data` it checks the
given release (and `--framework`, else the current edition's framework) and prints every problem with its
file, row and field, exiting with status 2 and publishing nothing if there is any; `--dry-run` stops after the
check and prints what would change against the current edition.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from marsad.insights import editions, robustness
from marsad.insights.models import Edition


class Command(BaseCommand):
    help = "Publish a new edition of the maturity index (default: the bundled World Bank release)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--data", type=Path, help="data release, CSV or XLSX in long form")
        parser.add_argument("--framework", type=Path, help="framework YAML (default: the current edition's)")
        parser.add_argument("--label", default="", help="the edition's label")
        parser.add_argument("--notes", default="", help="notes shown with the edition")
        parser.add_argument(
            "--runs",
            type=int,
            default=None,
            help=f"Monte Carlo runs per rank interval (default {robustness.RUNS})",
        )
        parser.add_argument("--dry-run", action="store_true", help="check and preview only")

    def handle(
        self,
        *args,
        data: Path | None,
        framework: Path | None,
        label: str,
        notes: str,
        runs: int | None,
        dry_run: bool,
        **options,
    ) -> None:
        if data is None:
            if dry_run:
                raise CommandError("--dry-run needs --data")
            edition = editions.load_default_edition(runs=runs, progress=self._progress)
            self.stdout.write(f"default edition: {edition.number} · {edition.label} · years {edition.years}")
            return
        release = self._check(data, framework)
        current = Edition.objects.current()
        draft = editions.create_draft(release, None, label or data.name, notes)
        try:
            if current:
                change = editions.compare(draft, current)
                moved = [m for m in change.movements if m.change]
                self.stdout.write(
                    f"against edition {current.number}: {len(moved)} countries change rank in the index, "
                    f"{len(change.added)} added, {len(change.removed)} removed"
                )
            if dry_run:
                self.stdout.write("dry run: nothing published")
                draft.delete()
                return
            edition = editions.publish(draft, runs=runs, progress=self._progress)
        except BaseException:
            if draft.status == Edition.Status.DRAFT:
                draft.delete()
            raise
        self.stdout.write(f"published edition {edition.number} · {edition.label} · years {edition.years}")

    def _check(self, data: Path, framework: Path | None) -> editions.Release:
        try:
            raw = data.read_bytes()
            if framework:
                framework_text, framework_name = framework.read_text(encoding="utf-8"), framework.name
            else:
                current = Edition.objects.current()
                path = editions.default_files()[0]
                framework_text = current.framework_text if current else path.read_text(encoding="utf-8")
                framework_name = "framework.yaml"
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read the input: {exc}") from exc
        release = editions.check_release(raw, data.name, framework_text, framework_name)
        for p in release.problems:
            where = ", ".join(
                x
                for x in (p.file, f"row {p.row}" if p.row else "", f"field '{p.field}'" if p.field else "")
                if x
            )
            self.stderr.write(f"error: {where}: {p.message}")
        if release.problems:
            raise CommandError(f"{len(release.problems)} problem(s): nothing was published", returncode=2)
        return release

    def _progress(self, message: str) -> None:
        self.stdout.write(f"  {message}")
