"""School holidays per vakantieregio (schoolvakanties_2024-2030.csv). Bron: Rijksoverheid (OCW)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .base import ParseResult, RowInvalid, parse_csv, reject_duplicates, required_text, text

FILENAME = "schoolvakanties_2024-2030.csv"
COLUMNS = ("schooljaar", "vakantie", "regio", "startdatum", "einddatum_inclusief")
_SCHOOLJAAR = re.compile(r"^([0-9]{4})-([0-9]{4})$")
REGIOS = {"noord": "noord", "midden": "midden", "zuid": "zuid", "heel nederland": "heel_nederland"}


@dataclass(frozen=True)
class Holiday:
    line: int
    schooljaar: str
    vakantie: str
    regio: str  # noord / midden / zuid / heel_nederland
    start: date
    end: date  # inclusive

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.schooljaar, self.vakantie, self.regio)


def _date(value: str, label: str) -> date:
    value = text(value)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RowInvalid(f"{label} '{value}' is geen geldige datum (JJJJ-MM-DD)") from None


def _row(row: dict[str, str], line: int) -> Holiday:
    schooljaar = text(row["schooljaar"])
    match = _SCHOOLJAAR.match(schooljaar)
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise RowInvalid(f"schooljaar '{schooljaar}' is ongeldig (verwacht bijvoorbeeld 2025-2026)")
    vakantie = required_text(row, "vakantie", "naam van de vakantie").lower()
    regio_text = " ".join(text(row["regio"]).lower().replace("_", " ").split())
    if regio_text not in REGIOS:
        raise RowInvalid(f"regio '{text(row['regio'])}' is onbekend (noord, midden, zuid of heel Nederland)")
    start = _date(row["startdatum"], "startdatum")
    end = _date(row["einddatum_inclusief"], "einddatum")
    if end < start:
        raise RowInvalid(f"einddatum {end.isoformat()} ligt voor startdatum {start.isoformat()}")
    return Holiday(line, schooljaar, vakantie, REGIOS[regio_text], start, end)


def parse(directory: Path) -> ParseResult[Holiday]:
    result = parse_csv(directory / FILENAME, delimiter=",", required=COLUMNS, parse_row=_row)
    reject_duplicates(result, key=lambda r: "/".join(r.key), line=lambda r: r.line, label="vakantie")
    return result
