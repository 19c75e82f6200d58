"""`kring restore FILE`: put back a back-up made with `kring backup`, replacing the database's contents."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kring.core.backup import BackupError, check_backup, restore


def ask(question: str) -> str | None:
    """The answer typed at the terminal; None when nobody can answer (no terminal)."""
    if not sys.stdin.isatty():
        return None
    try:
        return input(question)
    except EOFError:
        return None


class Command(BaseCommand):
    help = (
        "Zet een back-up terug die met 'kring backup' is gemaakt. Alles wat nu in de database staat, "
        "wordt vervangen door de inhoud van de back-up."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="BESTAND", help="De back-up die terug moet.")
        parser.add_argument("--yes", action="store_true", help="Niet vragen om te bevestigen (voor scripts).")
        parser.add_argument("--database", default="default", help="De database (standaard: default).")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"]).expanduser()
        using = options["database"]
        try:
            check_backup(path, using=using)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        if not options["yes"]:
            answer = ask(
                f"Alles in de database wordt vervangen door de back-up {path}. "
                "Wat er nu in staat en niet in de back-up, is daarna weg. Typ 'ja' om door te gaan: "
            )
            if answer is None:
                raise CommandError(
                    "Niets teruggezet: bevestigen kan alleen in een terminal. "
                    "Gebruik --yes als je zeker weet dat de database vervangen mag worden."
                )
            if answer.strip().lower() != "ja":
                raise CommandError("Niets teruggezet: je hebt niet met 'ja' bevestigd.")
        try:
            summary = restore(path, using=using)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Back-up teruggezet in de {summary.engine}-database: {summary.path} ({summary.size_text()}), "
            f"nu {summary.tables} tabellen met samen {summary.rows} rijen."
        )
        if summary.unapplied_migrations:
            self.stdout.write(
                f"Let op: de back-up is van een oudere versie van Kring ({summary.unapplied_migrations} "
                "databasewijzigingen ontbreken). Draai nu: kring migrate"
            )
