"""`marsad import FILE`: validate and import entries from a CSV, XLSX or JSON file, all or nothing."""

import argparse
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from marsad.accounts.models import Organisation, User
from marsad.exchange import importer
from marsad.exchange.bulk import TARGET_STATES


def _workers(value: str) -> int:
    if not value.isascii() or not value.isdigit() or int(value) > 32:
        raise argparse.ArgumentTypeError(f"expected a whole number from 0 to 32, not {value!r}")
    return int(value)


class Command(BaseCommand):
    help = (
        "Import entries from FILE (CSV, XLSX or JSON). Prints a report per row; writes nothing unless every row "
        "is valid. Re-importing the same file changes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
        parser.add_argument("--as", dest="email", required=True, help="the e-mail of the user who imports")
        parser.add_argument(
            "--state", choices=TARGET_STATES, help="default: published for moderators, else submitted"
        )
        parser.add_argument(
            "--organisation", type=int, help="id of the organisation owning entries that name none"
        )
        parser.add_argument(
            "--allow-duplicates", action="store_true", help="import suspected duplicates as new entries"
        )
        parser.add_argument(
            "--workers",
            type=_workers,
            default=None,
            help="processes validating rows beside the importing one; 0 validates in-process (default: the "
            f"cores left free, here {importer.default_workers()})",
        )
        parser.add_argument("--lang", default="en", choices=["ar", "en", "fr"], help="language of the report")
        parser.add_argument("--json", action="store_true", help="print the full report as JSON")

    def handle(self, *args, file: Path, email: str, **options) -> None:
        actor = User.objects.filter(email=email.lower(), is_active=True).first()
        if actor is None:
            raise CommandError(f"No active user with the e-mail address {email}.")
        organisation = None
        if options["organisation"] is not None:
            organisation = Organisation.objects.filter(pk=options["organisation"]).first()
            if organisation is None:
                raise CommandError(f"No organisation with id {options['organisation']}.")
        run_options = importer.Options(
            actor=actor,
            dry_run=options["dry_run"],
            state=options["state"] or "",
            organisation=organisation,
            allow_duplicates=options["allow_duplicates"],
            workers=importer.default_workers() if options["workers"] is None else options["workers"],
        )
        try:
            handle = file.open("rb")
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from exc
        with handle, translation.override(options["lang"]):
            report = importer.run(handle, file.name, run_options)
            if options["json"]:
                self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
            else:
                for line in report.lines():
                    self.stdout.write(line)
        if not report.ok:
            raise CommandError(f"{file}: nothing imported", returncode=1)
