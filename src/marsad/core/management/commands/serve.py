"""`marsad serve`: the development server, or with `--prod` gunicorn as it should run behind nginx.

Production: set DATABASE_URL (PostgreSQL), REDIS_URL, SECRET_KEY, ALLOWED_HOSTS; run `marsad migrate` once; then
`marsad serve --prod --bind 127.0.0.1:8000` on each app server (they are stateless: add servers behind the load
balancer to scale). nginx proxies to it:

    location / { proxy_pass http://127.0.0.1:8000; proxy_set_header Host $host;
                 proxy_set_header X-Forwarded-Proto $scheme; }

Static files are served by WhiteNoise from the app itself, compressed, so nginx needs no static location.
"""

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--prod", action="store_true", help="run gunicorn (production) instead of runserver"
        )
        parser.add_argument("--bind", default="127.0.0.1:8000", help="address:port to listen on")
        parser.add_argument(
            "--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1, help="gunicorn workers"
        )

    def handle(self, *args, prod: bool, bind: str, workers: int, **options) -> None:
        if not prod:
            call_command("runserver", bind)
            return
        if settings.DEBUG:
            raise CommandError("DEBUG is on: unset DEBUG (or DEBUG=0) for production.")
        if settings.SECRET_KEY.startswith("marsad-development-key"):
            raise CommandError(
                "SECRET_KEY is the development key: set a long random SECRET_KEY for production."
            )
        if workers < 1:
            raise CommandError("--workers must be at least 1.")
        call_command("collectstatic", interactive=False, verbosity=0)
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        args = [
            gunicorn,
            "marsad.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "--forwarded-allow-ips",
            "*",
        ]
        self.stdout.write(f"gunicorn on {bind} with {workers} workers")
        os.execv(gunicorn, args)
