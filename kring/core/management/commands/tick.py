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
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="Zoveel processen beoordelen de kinderen tegelijk (PostgreSQL); standaard 1.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--date: '{options['date']}' is geen datum in de vorm JJJJ-MM-DD.") from exc
        if options["workers"] < 1:
            raise CommandError("--workers: geef 1 of meer.")
        results = run_tick(today=today, workers=options["workers"])
        self.stdout.write(f"Nachtelijke taken voor {today.isoformat()}:")
        for result in results:
            self.stdout.write(f"- {result.name}: {result.report} ({result.seconds:.1f} s)")
        if not results:
            self.stdout.write("- (geen taken ingesteld)")
