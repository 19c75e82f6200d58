"""`kring backup FILE`: the whole database in one file (pg_dump for PostgreSQL, SQLite's backup API)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kring.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Maak een back-up van de hele database in BESTAND (PostgreSQL: pg_dump; SQLite: een kopie). "
        "Terugzetten doe je met: kring restore BESTAND."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="BESTAND", help="Waar de back-up komt.")
        parser.add_argument("--force", action="store_true", help="Vervang BESTAND als het al bestaat.")
        parser.add_argument("--database", default="default", help="De database (standaard: default).")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"]).expanduser()
        try:
            summary = backup(path, force=options["force"], using=options["database"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Back-up gemaakt van de {summary.engine}-database: {summary.path} ({summary.size_text()}), "
            f"{summary.tables} tabellen met samen {summary.rows} rijen."
        )
        self.stdout.write(f"Terugzetten: kring restore {summary.path}")
