from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from kring.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from kring.demo.services import DemoUnavailable, database_is_empty, load_demo
from kring.reference.services import ReferenceImportFailed


class Command(BaseCommand):
    help = "Laad de demoregio met fictieve kinderen (en de referentiegegevens als die ontbreken)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="Alleen laden als de database leeg is.")
        parser.add_argument("--accounts", action="store_true", help="Alleen de demo-accounts tonen.")
        parser.add_argument("--path", type=Path, default=None, help="Map met de referentiegegevens.")
        national = parser.add_argument_group(
            "landelijke dataset (--scale national, alleen PostgreSQL)",
            "Fictieve kinderen over de echte scholen, samenwerkingsverbanden en gemeenten, "
            "met COPY geschreven.",
        )
        national.add_argument(
            "--scale",
            choices=["region", "national"],
            default="region",
            help="region: de demoregio (standaard); national: de landelijke dataset.",
        )
        national.add_argument("--children", type=int, default=None, help="Aantal kinderen (1.000.000).")
        national.add_argument("--cases", type=int, default=None, help="Aantal open casussen (150.000).")
        national.add_argument(
            "--closed-cases", type=int, default=None, help="Aantal afgesloten casussen (50.000)."
        )
        national.add_argument(
            "--audit-events", type=int, default=None, help="Aantal logboekregels (10.000.000)."
        )
        national.add_argument("--seed", type=int, default=14, help="Startwaarde van het toeval (14).")
        national.add_argument(
            "--processes", type=int, default=2, help="Processen voor de beoordelingen per kind (2)."
        )
        national.add_argument(
            "--reset",
            action="store_true",
            help="Leeg eerst de kinderen, casussen, beoordelingen en het hele logboek (en wat daarnaar "
            "verwijst) en verwijder de gegenereerde accounts (nl-...).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["accounts"]:
            self._print_accounts()
            return
        if options["scale"] == "national":
            self._national(options)
            return
        if (
            any(options[k] is not None for k in ("children", "cases", "closed_cases", "audit_events"))
            or options["reset"]
        ):
            raise CommandError(
                "--children, --cases, --closed-cases, --audit-events en --reset horen bij --scale national."
            )
        if not database_is_empty():
            if options["if_empty"]:
                self.stdout.write("De database bevat al gegevens; de demo wordt niet opnieuw geladen.")
                return
            raise CommandError(
                "De database bevat al gegevens. De demo hoort in een lege database "
                "(verwijder var/kring.sqlite3 met `make clean-db` en draai `make setup`)."
            )
        try:
            load_demo(
                today=timezone.localdate(),
                reference_dir=options["path"] or settings.KRING_REFERENCE_DIR,
                progress=self.stdout.write,
            )
        except ReferenceImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(
                "De referentiegegevens konden niet worden geladen; er is niets opgeslagen."
            ) from exc
        except DemoUnavailable as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS("Demoregio geladen."))

    def _national(self, options: dict[str, Any]) -> None:
        from kring.demo.national import NationalOptions, NationalRefused, generate_national
        from kring.demo.national.run import NATIONAL

        values = {k: options[k] if options[k] is not None else NATIONAL[k] for k in NATIONAL}
        try:
            report = generate_national(
                NationalOptions(
                    children=values["children"],
                    cases=values["cases"],
                    closed_cases=values["closed_cases"],
                    audit_events=values["audit_events"],
                    seed=options["seed"],
                    reset=options["reset"],
                    processes=options["processes"],
                ),
                stream=sys.stderr,
            )
        except NationalRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{'tabel':<34} {'rijen':>12} {'seconden':>9}")
        for result in report.results:
            self.stdout.write(f"{result.table:<34} {result.rows:>12,} {result.seconds:>9.1f}")
        self.stdout.write(f"{'(plan in het geheugen)':<34} {'':>12} {report.plan_seconds:>9.1f}")
        self.stdout.write(
            f"Totaal {report.total_seconds:.0f} s; database {report.database_bytes / 2**30:.2f} GiB "
            f"(pg_database_size). Accounts: {report.accounts:,}; wachtwoord: {DEMO_PASSWORD}"
        )
        self.stdout.write(self.style.SUCCESS("Landelijke dataset geladen."))

    def _print_accounts(self) -> None:
        base = settings.KRING_BASE_URL
        self.stdout.write(f"\nKring draait op {base}/ — inloggen op {base}/account/inloggen/")
        self.stdout.write(f"Demo-accounts (wachtwoord voor allemaal: {DEMO_PASSWORD}):")
        from kring.accounts.models import User

        for account in DEMO_ACCOUNTS:
            user = User.objects.filter(username=account.username).select_related("organisation").first()
            where = user.organisation.name if user and user.organisation else "gezin"
            self.stdout.write(f"  {account.username:<13} {account.role.label} — {where}")
        if not settings.KRING_REQUIRE_2FA:
            self.stdout.write("Tweestapsverificatie staat uit in de demo; in productie is die altijd aan.\n")
