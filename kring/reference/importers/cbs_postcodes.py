"""CBS PC4 areas with plaats, gemeente, inhabitants and centroid (cbs_pc4_gebieden_centroiden.csv).

Bron: CBS. A few PC4s exist in only one of the two CBS sources the file was built from: they have
no gemeente (and sometimes no centroid). That is not an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .base import (
    ParseResult,
    coordinates,
    optional_float,
    optional_int,
    parse_csv,
    pc4,
    reject_duplicates,
    text,
)

FILENAME = "cbs_pc4_gebieden_centroiden.csv"
COLUMNS = ("pc4", "plaats", "gemeente", "provincie", "inwoners", "lat", "lon")


@dataclass(frozen=True)
class CbsPostcode:
    line: int
    pc4: str
    plaats: str
    gemeente: str  # may be empty
    provincie: str
    inwoners: int | None
    lat: float | None
    lon: float | None


def _row(row: dict[str, str], line: int) -> CbsPostcode:
    code = pc4(row["pc4"])
    inwoners = optional_int(row["inwoners"], "inwoners")
    lat, lon = coordinates(optional_float(row["lat"], "lat"), optional_float(row["lon"], "lon"))
    return CbsPostcode(
        line, code, text(row["plaats"]), text(row["gemeente"]), text(row["provincie"]), inwoners, lat, lon
    )


def parse(directory: Path) -> ParseResult[CbsPostcode]:
    result = parse_csv(directory / FILENAME, delimiter=",", required=COLUMNS, parse_row=_row)
    reject_duplicates(result, key=lambda r: r.pc4, line=lambda r: r.line, label="postcode")
    return result
