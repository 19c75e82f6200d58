"""`kring import reference [--path DIR]`: import the public reference data (DUO, CBS, OCW)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kring.reference.services import ImportReport, ReferenceImportFailed, import_reference


class Command(BaseCommand):
    help = (
        "Importeer de openbare referentiegegevens (DUO, CBS, OCW): scholen, samenwerkingsverbanden, "
        "gemeenten, postcodegebieden en schoolvakanties."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--path",
            type=Path,
            default=None,
            help="map met de bronbestanden (standaard: KRING_REFERENCE_DIR)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory = Path(options["path"] or settings.KRING_REFERENCE_DIR)
        if not directory.is_dir():
            raise CommandError(f"Map {directory} bestaat niet; geef een map op met --path.")
        self.stdout.write(f"Referentiegegevens importeren uit {directory}")
        try:
            report = import_reference(directory=directory, progress=self.stdout.write)
        except ReferenceImportFailed as failed:
            for error in failed.errors:
                self.stderr.write(str(error))
            raise CommandError(str(failed)) from None
        self._print_report(report)

    def _print_report(self, report: ImportReport) -> None:
        rows = [
            ("Soort", "Nieuw", "Gewijzigd", "Ongewijzigd"),
            *[(n, str(a), str(b), str(c)) for n, a, b, c in report.table()],
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        self.stdout.write("")
        for i, row in enumerate(rows):
            cells = [
                row[0].ljust(widths[0]),
                *(cell.rjust(w) for cell, w in zip(row[1:], widths[1:], strict=True)),
            ]
            self.stdout.write("  ".join(cells))
            if i == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
        for note in report.notes:
            self.stdout.write(f"Let op: {note}")
        verdict = "bijgewerkt" if report.changed else "al actueel, niets gewijzigd"
        self.stdout.write(
            self.style.SUCCESS(f"Referentiegegevens {verdict} ({report.seconds:.1f} s). Bron: DUO, CBS, OCW.")
        )
