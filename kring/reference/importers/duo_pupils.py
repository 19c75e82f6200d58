"""DUO "Historisch overzicht aantal leerlingen per schoolvestiging" (BO, SBO, SO, SO/VSO, VSO).

duo_leerlingen_per_po_so_vestiging_1996_2025.csv. We keep the newest year's count. DUO hides
small numbers as `<5`; we store those as unknown (None), never as 0, because 0 means "no pupils".
Bron: DUO Open Onderwijsdata.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .base import ParseResult, RowInvalid, board_number, parse_csv, reject_duplicates, text, vestigingscode

FILENAME = "duo_leerlingen_per_po_so_vestiging_1996_2025.csv"
COLUMNS = (
    "VESTIGINGSCODE",
    "NAAM_VESTIGING",
    "SOORT_VESTIGING",
    "DENOMINATIE_VESTIGING",
    "BEVOEGD_GEZAG_NUMMER",
    "GEMEENTENAAM_VESTIGING",
)
YEAR_PREFIX = "LEERLINGEN_"
HIDDEN = "<5"
SOORTEN = {"BO": "po", "SBO": "sbo", "SO": "so", "SO/VSO": "so_vso", "VSO": "vso"}


@dataclass(frozen=True)
class PupilCount:
    line: int
    vestigingscode: str
    name: str
    soort: str  # BO / SBO / SO / SO/VSO / VSO
    denominatie: str
    board: str
    gemeente_name: str
    year: int
    leerlingen: int | None  # None: DUO wrote <5
    open: bool  # has pupils (or <5) in the newest year

    @property
    def sector(self) -> str:
        return SOORTEN[self.soort]


def _count(value: str, column: str) -> int | None:
    value = text(value)
    if value == HIDDEN:
        return None
    if not value.isdigit():
        raise RowInvalid(f"{column} '{value}' is geen aantal (getal of <5)")
    return int(value)


def _make_row(year_columns: list[str]) -> Callable[[dict[str, str], int], PupilCount]:
    newest = max(year_columns, key=lambda c: int(c.removeprefix(YEAR_PREFIX)), default="")

    def _row(row: dict[str, str], line: int) -> PupilCount:
        if not newest:
            raise RowInvalid("geen kolom LEERLINGEN_<jaar>")
        code = vestigingscode(row["VESTIGINGSCODE"])
        soort = text(row["SOORT_VESTIGING"]).upper()
        if soort not in SOORTEN:
            raise RowInvalid(f"soort vestiging '{soort}' is onbekend (BO, SBO, SO, SO/VSO of VSO)")
        counts = {c: _count(row[c], c) for c in year_columns}
        latest = counts[newest]
        board = text(row["BEVOEGD_GEZAG_NUMMER"])
        return PupilCount(
            line=line,
            vestigingscode=code,
            name=text(row["NAAM_VESTIGING"]),
            soort=soort,
            denominatie=text(row["DENOMINATIE_VESTIGING"]),
            board=board_number(board) if board else "",
            gemeente_name=text(row["GEMEENTENAAM_VESTIGING"]),
            year=int(newest.removeprefix(YEAR_PREFIX)),
            leerlingen=latest,
            open=latest is None or latest > 0,
        )

    return _row


def parse(directory: Path) -> ParseResult[PupilCount]:
    path = directory / FILENAME
    header = _header(path)
    year_columns = [c for c in header if c.startswith(YEAR_PREFIX) and c.removeprefix(YEAR_PREFIX).isdigit()]
    result = parse_csv(
        path, delimiter=";", required=COLUMNS, parse_row=_make_row(year_columns), required_prefix=YEAR_PREFIX
    )
    reject_duplicates(result, key=lambda r: r.vestigingscode, line=lambda r: r.line, label="vestigingscode")
    return result


def _header(path: Path) -> list[str]:
    """The header row, to find the LEERLINGEN_<jaar> columns (errors are reported by parse_csv)."""
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            first = fh.readline()
    except OSError:
        return []
    return [h.strip() for h in first.removeprefix("\ufeff").strip().split(";")]
