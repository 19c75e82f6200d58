from __future__ import annotations

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

    def handle(self, *args: Any, **options: Any) -> None:
        if options["accounts"]:
            self._print_accounts()
            return
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
