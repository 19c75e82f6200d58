"""`import_reference`: read every public reference file, check it, then write it in one transaction.

All-or-nothing: if any file is missing or unreadable, or any row is invalid, nothing is written and
`ReferenceImportFailed` carries every problem found (file, line, reason).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction

from kring.reference import audit

from .importers import (
    cbs_gemeenten,
    cbs_postcodes,
    duo_pupils,
    duo_schools,
    geojson_schools,
    holidays,
    swv_regions,
)
from .importers.base import ParseResult, RowError
from .plan import Sources, build_plan
from .writer import KINDS, Counts, write_plan

if TYPE_CHECKING:
    from kring.accounts.models import User

Progress = Callable[[str], None]

# (parser, label for progress messages); the order is the order of reading.
PARSERS: tuple[tuple[Callable[[Path], ParseResult[Any]], str], ...] = (
    (duo_schools.parse, "Scholen (DUO basisonderwijs)"),
    (duo_pupils.parse, "Leerlingaantallen (DUO)"),
    (geojson_schools.parse, "Scholen met coördinaten (GeoJSON)"),
    (swv_regions.parse, "Regio-indeling samenwerkingsverbanden (OCW)"),
    (holidays.parse, "Schoolvakanties (OCW)"),
    (cbs_postcodes.parse, "Postcodegebieden (CBS)"),
    (cbs_gemeenten.parse, "Gemeenten (CBS)"),
)
FILES = (
    duo_schools.FILENAME,
    duo_pupils.FILENAME,
    geojson_schools.FILENAME,
    swv_regions.FILENAME,
    holidays.FILENAME,
    cbs_postcodes.FILENAME,
    cbs_gemeenten.FILENAME,
)

LABELS = {
    "gemeenten": "Gemeenten",
    "samenwerkingsverbanden": "Samenwerkingsverbanden",
    "besturen": "Besturen (bevoegd gezag)",
    "scholen": "Schoolvestigingen",
    "postcodegebieden": "Postcodegebieden",
    "schoolvakanties": "Schoolvakanties",
}


class ReferenceImportFailed(Exception):
    """The sources have problems; nothing was written. `errors` lists every one."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__(
            f"Import afgebroken: {len(errors)} fout(en) in de bronbestanden; er is niets opgeslagen."
        )


@dataclass
class ImportReport:
    counts: dict[str, Counts]
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def created(self) -> int:
        return sum(c.created for c in self.counts.values())

    @property
    def updated(self) -> int:
        return sum(c.updated for c in self.counts.values())

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self) -> str:
        """One Dutch sentence for the logbook."""
        parts = [
            f"{LABELS[k].lower()} {c.created} nieuw/{c.updated} gewijzigd" for k, c in self.counts.items()
        ]
        return "; ".join(parts) + "."

    def table(self) -> list[tuple[str, int, int, int]]:
        """Rows (soort, nieuw, gewijzigd, ongewijzigd) in a fixed order."""
        return [
            (LABELS[k], self.counts[k].created, self.counts[k].updated, self.counts[k].unchanged)
            for k in KINDS
        ]


def read_sources(*, directory: Path, progress: Progress | None = None) -> Sources:
    """Parse and validate every file; raise ReferenceImportFailed with all problems found."""
    say = progress or (lambda _msg: None)
    errors: list[RowError] = []
    results: list[ParseResult[Any]] = []
    for parse, label in PARSERS:
        result = parse(directory)
        results.append(result)
        errors.extend(result.errors)
        unit = "features" if result.file.endswith(".geojson") else "regels"
        status = f", {len(result.errors)} fout(en)" if result.errors else ""
        say(f"{label}: {result.lines_read} {unit} gelezen{status}")
    if errors:
        raise ReferenceImportFailed(errors)
    duo, pupils, geo, swv, hol, pc4, gem = (r.rows for r in results)
    return Sources(
        duo_schools=duo,
        pupils=pupils,
        geo_schools=geo,
        swv_regions=swv,
        holidays=hol,
        postcodes=pc4,
        gemeenten=gem,
    )


def import_reference(
    *, directory: Path, actor: User | None = None, progress: Progress | None = None
) -> ImportReport:
    """Import the public reference data in `directory` (see docs/reference-data.md).

    Re-running with the same files changes nothing (0 created, 0 updated).
    """
    say = progress or (lambda _msg: None)
    started = time.perf_counter()
    sources = read_sources(directory=Path(directory), progress=say)
    plan = build_plan(sources)
    with transaction.atomic():
        counts = write_plan(plan, progress=say)
        report = ImportReport(counts=counts, notes=plan.notes)
        audit.reference_imported(actor=actor, report=report)
    report.seconds = time.perf_counter() - started
    return report
