"""Serve Kring and its background worker together.

`kring serve` is the demo's development server (`make run`); `kring serve --production` (or any
`kring serve` under the production settings) is gunicorn with `kring.wsgi`. See kring.core.serving
and docs/operations.md.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kring.core import serving


class Command(BaseCommand):
    help = (
        "Start de webserver en de achtergrondwerker samen: de ontwikkelserver voor de demo en lokaal "
        "gebruik, gunicorn met --production (of met de productie-instellingen)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default=serving.DEFAULT_ADDR)
        parser.add_argument(
            "--production",
            action="store_true",
            help="Gunicorn in plaats van de ontwikkelserver (vanzelf met kring.settings.production).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            help="Aantal gunicorn-workers (standaard KRING_WEB_WORKERS, anders 2 x kernen + 1).",
        )
        parser.add_argument(
            "--threads", type=int, help="Threads per worker (standaard KRING_WEB_THREADS, anders 1)."
        )
        parser.add_argument(
            "--timeout",
            type=int,
            help="Seconden voor een verzoek voordat gunicorn de worker herstart (standaard 30).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        production = serving.is_production(
            options["production"], getattr(settings, "KRING_PRODUCTION", False)
        )
        web = None
        if production:
            if not getattr(settings, "KRING_PRODUCTION", False):
                self.stderr.write(
                    "Let op: gunicorn draait met de instellingen "
                    f"{os.environ.get('DJANGO_SETTINGS_MODULE')}, niet met kring.settings.production."
                )
            try:
                web = serving.WebOptions.from_environment(
                    os.environ,
                    workers=options["workers"],
                    threads=options["threads"],
                    timeout=options["timeout"],
                )
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(
                f"Kring (productie): gunicorn op http://{options['addrport']}, {web.workers} workers "
                f"x {web.threads} threads, met de achtergrondwerker ernaast."
            )
        self.stdout.flush()
        code = serving.run_together(
            serving.commands(options["addrport"], production=production, web=web),
            reload_first_on_sighup=production,
        )
        if code:
            sys.exit(code)
