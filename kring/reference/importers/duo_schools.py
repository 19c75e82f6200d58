"""DUO "Alle schoolvestigingen basisonderwijs" (duo_po_schoolvestigingen_basisonderwijs.csv).

One row per location of a regular primary school, with its board (bevoegd gezag), gemeente
(CBS number and DUO name) and VAKANTIEREGIO. Bron: DUO Open Onderwijsdata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .base import (
    ParseResult,
    RowInvalid,
    board_number,
    parse_csv,
    postcode,
    reject_duplicates,
    required_text,
    text,
    vestigingscode,
)

FILENAME = "duo_po_schoolvestigingen_basisonderwijs.csv"
COLUMNS = (
    "PROVINCIE",
    "BEVOEGD GEZAG NUMMER",
    "INSTELLINGSCODE",
    "VESTIGINGSCODE",
    "VESTIGINGSNAAM",
    "STRAATNAAM",
    "HUISNUMMER-TOEVOEGING",
    "POSTCODE",
    "PLAATSNAAM",
    "GEMEENTENUMMER",
    "GEMEENTENAAM",
    "DENOMINATIE",
    "TELEFOONNUMMER",
    "INTERNETADRES",
    "VAKANTIEREGIO",
)
_GEMEENTENUMMER = re.compile(r"^[0-9]{1,4}$")
REGIOS = {"noord": "noord", "midden": "midden", "zuid": "zuid"}


@dataclass(frozen=True)
class DuoSchool:
    line: int
    vestigingscode: str
    board: str
    name: str
    street: str
    postcode: str
    plaats: str
    gemeente_code: str  # CBS gemeentecode, 4 digits
    gemeente_name: str  # DUO upper case; empty on a few rows (then found via the code)
    provincie: str
    denominatie: str
    phone: str
    website: str
    vakantieregio: str


def _row(row: dict[str, str], line: int) -> DuoSchool:
    code = vestigingscode(row["VESTIGINGSCODE"])
    brin = text(row["INSTELLINGSCODE"]).upper()
    if code[:4] != brin:
        raise RowInvalid(f"vestigingscode '{code}' hoort niet bij instellingscode '{brin}'")
    gemeente_code = text(row["GEMEENTENUMMER"])
    if not _GEMEENTENUMMER.match(gemeente_code):
        raise RowInvalid(f"gemeentenummer '{gemeente_code}' is geen CBS-gemeentecode")
    regio = text(row["VAKANTIEREGIO"]).lower()
    if regio not in REGIOS:
        raise RowInvalid(f"vakantieregio '{text(row['VAKANTIEREGIO'])}' is onbekend (Noord, Midden of Zuid)")
    street = " ".join(x for x in (text(row["STRAATNAAM"]), text(row["HUISNUMMER-TOEVOEGING"])) if x)
    return DuoSchool(
        line=line,
        vestigingscode=code,
        board=board_number(row["BEVOEGD GEZAG NUMMER"]),
        name=required_text(row, "VESTIGINGSNAAM", "vestigingsnaam"),
        street=street,
        postcode=postcode(row["POSTCODE"], allow_empty=True),
        plaats=text(row["PLAATSNAAM"]),
        gemeente_code=gemeente_code.zfill(4),
        gemeente_name=text(row["GEMEENTENAAM"]),
        provincie=text(row["PROVINCIE"]),
        denominatie=text(row["DENOMINATIE"]),
        phone=text(row["TELEFOONNUMMER"]),
        website=text(row["INTERNETADRES"]),
        vakantieregio=REGIOS[regio],
    )


def parse(directory: Path) -> ParseResult[DuoSchool]:
    result = parse_csv(directory / FILENAME, delimiter=";", required=COLUMNS, parse_row=_row)
    reject_duplicates(result, key=lambda r: r.vestigingscode, line=lambda r: r.line, label="vestigingscode")
    return result
