"""PC4 → samenwerkingsverband PO and VO (swv_regio_indeling_pc4_2015.csv).

The bijlage of the Regeling regio-indeling samenwerkingsverbanden passend onderwijs (BWBR0032324),
version of 2015-04-23 (OCW). Gemeente names are those of 2015. Three PC4s in the Rotterdam port
(3197-3199) say `Europoort` instead of an SWV: they belong to no SWV (`None` here).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .base import ParseResult, RowInvalid, parse_csv, pc4, reject_duplicates, required_text, text

FILENAME = "swv_regio_indeling_pc4_2015.csv"
COLUMNS = ("pc4", "gemeente", "swv_po", "swv_vo")
NO_SWV = "Europoort"
_CODE = {"po": re.compile(r"^PO[0-9]{4}$"), "vo": re.compile(r"^VO[0-9]{4}$")}


@dataclass(frozen=True)
class SwvRegion:
    line: int
    pc4: str
    gemeente: str
    swv_po: str | None
    swv_vo: str | None


def _swv(value: str, sector: str) -> str | None:
    value = text(value).upper().replace(" ", "").replace("-", "")
    if value == NO_SWV.upper():
        return None
    if not _CODE[sector].match(value):
        raise RowInvalid(
            f"samenwerkingsverband {sector.upper()} '{value}' is geen geldige code ({sector.upper()}1234)"
        )
    return value


def _row(row: dict[str, str], line: int) -> SwvRegion:
    code = pc4(row["pc4"])
    gemeente = required_text(row, "gemeente", "gemeentenaam")
    return SwvRegion(line, code, gemeente, _swv(row["swv_po"], "po"), _swv(row["swv_vo"], "vo"))


def parse(directory: Path) -> ParseResult[SwvRegion]:
    result = parse_csv(directory / FILENAME, delimiter=",", required=COLUMNS, parse_row=_row)
    reject_duplicates(result, key=lambda r: r.pc4, line=lambda r: r.line, label="postcode")
    return result


def display_code(code: str) -> str:
    """`PO2707` → `PO 27-07` (as DUO writes it)."""
    return f"{code[:2]} {code[2:4]}-{code[4:6]}"
