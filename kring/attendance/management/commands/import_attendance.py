"""`kring import attendance FILE --school <BRIN+vestiging or id> [--mapping NAME] [--from D --to D]`:
read one school's attendance export, synchronously, with a progress bar on stderr. Exits non-zero
with the list of problems when the file cannot be imported (then nothing is imported)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kring.attendance.models import ColumnMapping, ImportStatus
from kring.attendance.services.imports import create_import, mappings_for, run_import
from kring.core.errors import Refused
from kring.organisations.models import SchoolLocation

DEFAULT_MAPPING = "Kring-standaard"


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{value} is geen datum; schrijf JJJJ-MM-DD.") from None


class Command(BaseCommand):
    help = "Lees de aanwezigheid van een school in (een CSV-export van de leerlingadministratie)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="het CSV-bestand")
        parser.add_argument("--school", required=True, help="BRIN + vestigingscode (bijv. 12AB00) of het id")
        parser.add_argument(
            "--mapping", default=DEFAULT_MAPPING, help=f"kolomindeling (standaard: {DEFAULT_MAPPING})"
        )
        parser.add_argument(
            "--from", dest="start", default=None, help="eerste dag van de periode (JJJJ-MM-DD)"
        )
        parser.add_argument("--to", dest="end", default=None, help="laatste dag van de periode (JJJJ-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Bestand {path} bestaat niet.")
        school = self._school(options["school"])
        mapping = self._mapping(school, options["mapping"])
        period = None
        if options["start"] or options["end"]:
            if not (options["start"] and options["end"]):
                raise CommandError("Geef --from en --to allebei, of geen van beide.")
            period = (_day(options["start"]), _day(options["end"]))
        try:
            record = create_import(
                actor=None,
                school=school,
                mapping=mapping,
                filename=path.name,
                data=path.read_bytes(),
                period=period,
                check_access=False,
            )
        except Refused as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(f"Aanwezigheid inlezen voor {school.organisation.name} ({school.vestigingscode})")
        record = run_import(record, data=path.read_bytes(), actor=None, progress=self._bar)
        sys.stderr.write("\n")
        if record.status != ImportStatus.KLAAR:
            for error in record.errors:
                where = [error.get("file", path.name)]
                if error.get("line"):
                    where.append(f"regel {error['line']}")
                if error.get("column"):
                    where.append(f"kolom {error['column']}")
                self.stderr.write(f"{', '.join(where)}: {error['message']}")
            total = record.summary.get("error_count", len(record.errors))
            raise CommandError(f"Niet ingelezen: {total} probleem/problemen. Er is niets ingelezen.")
        s = record.summary
        self.stdout.write(
            f"{s['rows']} regels, {s['pupils']} leerlingen, {s['school_days']} schooldagen "
            f"({s['period_start']} t/m {s['period_end']})."
        )
        kinds = ", ".join(f"{k}: {v}" for k, v in s["findings_by_kind"].items()) or "geen"
        self.stdout.write(
            f"Signalen: {s['findings']} ({kinds}); bij {s['pupils_with_findings']} leerling(en)."
        )
        self.stdout.write(self.style.SUCCESS(f"Ingelezen (import {record.pk})."))

    def _bar(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {100 * done // max(total, 1):3d}%")
        sys.stderr.flush()

    def _school(self, value: str) -> SchoolLocation:
        schools = SchoolLocation.objects.select_related("organisation")
        found = schools.filter(vestigingscode=value.strip().upper()).first()
        if found is None and value.strip().isdigit():
            found = schools.filter(pk=int(value)).first()
        if found is None:
            raise CommandError(
                f"School {value} niet gevonden: geef BRIN + vestigingscode (bijv. 12AB00) of het id."
            )
        return found

    def _mapping(self, school: SchoolLocation, name: str) -> ColumnMapping:
        choices = mappings_for(school)
        found: ColumnMapping | None = choices.filter(name__iexact=name).order_by("-school_id").first()
        if found is None:
            names = ", ".join(m.name for m in choices) or "-"
            raise CommandError(f"Kolomindeling {name!r} niet gevonden. Kies uit: {names}.")
        return found
