from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from kring.core.tick import run_tick


class Command(BaseCommand):
    help = "Voer de nachtelijke taken uit (termijnen, meldingen, escalaties). Veilig om te herhalen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", help="De dag waarvoor de taken draaien (JJJJ-MM-DD); standaard vandaag."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--date: '{options['date']}' is geen datum in de vorm JJJJ-MM-DD.") from exc
        results = run_tick(today=today)
        self.stdout.write(f"Nachtelijke taken voor {today.isoformat()}:")
        for result in results:
            self.stdout.write(f"- {result.name}: {result.report}")
        if not results:
            self.stdout.write("- (geen taken ingesteld)")
