"""`marsad demo`: load the bundled demo initiatives through the real workflow, create the demo cast and publish
the bundled edition of the maturity index, so that `make run` shows every part of the platform with data."""

import secrets
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from marsad.accounts.models import FocalPoint, Membership, Organisation, User
from marsad.initiatives import records, workflow
from marsad.initiatives.models import Entry
from marsad.insights.editions import load_default_edition
from marsad.vocab.models import Country, Kind, Term

DEMO_FILE = settings.PROJECT_DIR / "data" / "demo" / "initiatives.yaml"
CAST = (
    ("moderator@marsad.example", "Demo moderator", {"is_moderator": True, "is_staff": True}),
    ("focal.tn@marsad.example", "Demo focal point (Tunisia)", {}),
    ("contributor@marsad.example", "Demo contributor", {}),
)


class Command(BaseCommand):
    help = (
        "Load the bundled demo initiatives (idempotent) and (re)create the demo accounts, printing passwords."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--file", type=Path, default=DEMO_FILE, help="YAML file of entry records")
        parser.add_argument("--no-accounts", action="store_true", help="do not print the demo passwords")
        parser.add_argument(
            "--no-index", action="store_true", help="do not publish the maturity index edition"
        )

    def handle(self, *args, file: Path, no_accounts: bool, no_index: bool, **options) -> None:
        moderator = self._cast(quiet=no_accounts)
        loaded = self.load(file, moderator)
        self.stdout.write(
            f"demo entries: {loaded} loaded, {Entry.objects.public().count()} published in total"
        )
        if not no_index:
            edition = load_default_edition(progress=self.stdout.write)
            self.stdout.write(f"maturity index: edition {edition.number} published")

    def _cast(self, quiet: bool) -> User:
        users = []
        for email, name, flags in CAST:
            user = User.objects.filter(email=email).first() or User.objects.create_user(email=email)
            password = secrets.token_urlsafe(9)
            user.set_password(password)
            user.display_name, user.email_verified = name, True
            for flag, value in flags.items():
                setattr(user, flag, value)
            user.save()
            users.append(user)
            if not quiet:
                self.stdout.write(f"demo account: {email}  password: {password}  ({name})")
        moderator, focal, contributor = users
        tunisia = Country.objects.get(code="TN")
        FocalPoint.objects.get_or_create(user=focal, country=tunisia)
        organisation, _created = Organisation.objects.get_or_create(
            name_en="Marsad demo organisation",
            country=tunisia,
            defaults={
                "name_ar": "منظمة تجريبية لمرصد",
                "kind": Term.objects.get(kind=Kind.STAKEHOLDER_TYPE, code="civil-society"),
                "status": Organisation.Status.APPROVED,
            },
        )
        Membership.objects.update_or_create(
            user=contributor, organisation=organisation, defaults={"status": Membership.Status.ACTIVE}
        )
        return moderator

    def load(self, file: Path, moderator: User) -> int:
        try:
            items = yaml.safe_load(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise CommandError(f"{file}: cannot read the demo file: {exc}") from exc
        known = set(Entry.objects.filter(slug__in=[i["id"] for i in items]).values_list("slug", flat=True))
        loaded = 0
        for number, item in enumerate(items, start=1):
            if item["id"] in known:
                continue
            with transaction.atomic():
                try:
                    form = records.entry_form(item)
                except ValidationError as exc:
                    raise CommandError(f"{file}: entry {number} ({item['id']}): {exc}") from exc
                if not form.is_valid():
                    raise CommandError(f"{file}: entry {number} ({item['id']}): {form.errors.as_text()}")
                lead = form.cleaned_data["lead_organisation"]
                entry = workflow.create_entry(
                    moderator, lead, form.revision_data(), via="demo", slug=item["id"]
                )
                workflow.submit(moderator, entry, via="demo")
                workflow.publish(moderator, entry, via="demo")
            loaded += 1
        return loaded
