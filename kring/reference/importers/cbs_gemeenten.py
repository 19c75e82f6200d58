"""CBS gemeenten 2022 with inhabitants and centroid (cbs_gemeenten_2022_centroiden.csv). Bron: CBS."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .base import (
    ParseResult,
    coordinates,
    optional_float,
    optional_int,
    parse_csv,
    reject_duplicates,
    required_text,
)
from .gemeenten import gemeente_key

FILENAME = "cbs_gemeenten_2022_centroiden.csv"
COLUMNS = ("gemeente", "inwoners", "lat", "lon")


@dataclass(frozen=True)
class CbsGemeente:
    line: int
    name: str
    inwoners: int | None
    lat: float | None
    lon: float | None

    @property
    def key(self) -> str:
        return gemeente_key(self.name)


def _row(row: dict[str, str], line: int) -> CbsGemeente:
    name = required_text(row, "gemeente", "gemeentenaam")
    inwoners = optional_int(row["inwoners"], "inwoners")
    lat, lon = coordinates(optional_float(row["lat"], "lat"), optional_float(row["lon"], "lon"))
    return CbsGemeente(line, name, inwoners, lat, lon)


def parse(directory: Path) -> ParseResult[CbsGemeente]:
    result = parse_csv(directory / FILENAME, delimiter=",", required=COLUMNS, parse_row=_row)
    reject_duplicates(result, key=lambda r: r.key, line=lambda r: r.line, label="gemeente")
    return result
