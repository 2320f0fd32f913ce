"""`marsad search_index`: rebuild the search index from scratch and/or verify it against the live entries."""

import time

from django.core.management.base import BaseCommand, CommandError

from marsad.search import indexer


class Command(BaseCommand):
    help = "Rebuild the full-text index from the published entries (--rebuild) and check it (--verify)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--rebuild", action="store_true", help="recompute every document in one transaction"
        )
        parser.add_argument("--verify", action="store_true", help="recompute every document and compare")

    def handle(self, *args, rebuild: bool, verify: bool, **options) -> None:
        if not (rebuild or verify):
            raise CommandError("say what to do: --rebuild, --verify or both")
        if rebuild:
            started = time.perf_counter()
            count = indexer.rebuild()
            seconds = time.perf_counter() - started
            rate = count / seconds if seconds else 0.0
            self.stdout.write(f"indexed {count} published entries in {seconds:.1f} s ({rate:.0f} entries/s)")
        if verify:
            problems = indexer.verify()
            for problem in problems:
                self.stderr.write(problem)
            if problems:
                raise CommandError(f"the index differs from the published entries in {len(problems)} places")
            self.stdout.write("index verified: every published entry is indexed as it is, and nothing else")
