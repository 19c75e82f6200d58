"""Shared parts of the reference-data parsers: reading a file safely, CSV rows, errors.

A parser never raises on bad data: it returns the rows it could read plus one `RowError` per
problem (file, line, reason), so the service can report every problem at once.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")

PC4_RE = re.compile(r"^[1-9][0-9]{3}$")
POSTCODE_RE = re.compile(r"^([1-9][0-9]{3}) ?([A-Z]{2})$")
VESTIGINGSCODE_RE = re.compile(r"^[0-9A-Z]{4}[0-9]{2}$")
BOARD_RE = re.compile(r"^[0-9]{1,8}$")


@dataclass(frozen=True)
class RowError:
    """One problem in one source file. `line` is the CSV line (1 = header) or the GeoJSON feature
    number (1 = first feature); None for a problem with the whole file."""

    file: str
    line: int | None
    reason: str
    unit: str = "regel"

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.file}: {self.reason}"
        return f"{self.file}, {self.unit} {self.line}: {self.reason}"


class RowInvalid(ValueError):
    """Raised inside a row parser; becomes a RowError with the row's line number."""


@dataclass
class ParseResult(Generic[T]):
    file: str
    rows: list[T] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    lines_read: int = 0

    def error(self, line: int | None, reason: str, unit: str = "regel") -> None:
        self.errors.append(RowError(self.file, line, reason, unit))


def read_text(path: Path, result: ParseResult[T]) -> str | None:
    """The file's text as UTF-8, or None after recording why it cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        result.error(None, "bestand ontbreekt")
        return None
    except OSError as exc:
        result.error(None, f"bestand kan niet worden gelezen ({exc.strerror or exc})")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start : exc.start + 1].hex()
        result.error(line, f"bestand is geen geldige UTF-8 (byte 0x{byte}); sla het op als UTF-8")
        return None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        result.error(None, "bestand is leeg")
        return None
    return text


def parse_csv(
    path: Path,
    *,
    delimiter: str,
    required: tuple[str, ...],
    parse_row: Callable[[dict[str, str], int], T],
    required_prefix: str | None = None,
) -> ParseResult[T]:
    """Read a CSV file with a header row; call `parse_row(row, line)` for each data row.

    `parse_row` raises `RowInvalid` (or ValueError) with a Dutch reason for a bad row.
    Missing columns are one error for the file (on line 1) and no rows are read.
    """
    result: ParseResult[T] = ParseResult(path.name)
    text = read_text(path, result)
    if text is None:
        return result
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        result.error(1, f"kopregel onleesbaar ({exc})")
        return result
    missing = [c for c in required if c not in header]
    if required_prefix and not any(h.startswith(required_prefix) for h in header):
        missing.append(f"{required_prefix}…")
    if missing:
        names = ", ".join(f"'{c}'" for c in missing)
        result.error(1, f"kolom {names} ontbreekt" if len(missing) == 1 else f"kolommen {names} ontbreken")
        return result
    width = len(header)
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            result.error(reader.line_num, f"CSV-regel onleesbaar ({exc})")
            break
        line = reader.line_num  # the physical line the row ends on (1 = header)
        if not values or (len(values) == 1 and not values[0].strip()):
            continue  # blank line
        result.lines_read += 1
        if len(values) != width:
            result.error(line, f"verwacht {width} kolommen, gevonden {len(values)}")
            continue
        try:
            result.rows.append(parse_row(dict(zip(header, values, strict=True)), line))
        except ValueError as exc:
            result.error(line, str(exc))
    return result


def reject_duplicates(
    result: ParseResult[T], *, key: Callable[[T], object], line: Callable[[T], int], label: str
) -> None:
    """Drop rows whose key was seen before and record an error for each."""
    first: dict[object, int] = {}
    kept: list[T] = []
    for row in result.rows:
        k = key(row)
        if k in first:
            result.error(line(row), f"{label} '{k}' komt dubbel voor (ook op regel {first[k]})")
            continue
        first[k] = line(row)
        kept.append(row)
    result.rows = kept


# ---------------------------------------------------------------- field helpers


def text(value: str | None) -> str:
    """Stripped text; DUO writes a single space for 'empty'."""
    return (value or "").strip()


def required_text(row: dict[str, str], column: str, label: str) -> str:
    value = text(row.get(column))
    if not value:
        raise RowInvalid(f"{label} ontbreekt")
    return value


def pc4(value: str) -> str:
    value = text(value)
    if not PC4_RE.match(value):
        raise RowInvalid(f"postcode '{value}' is geen geldige PC4")
    return value


def postcode(value: str, *, allow_empty: bool = False) -> str:
    """`1234 AB` or `1234AB` → `1234AB`."""
    value = text(value).upper()
    if not value and allow_empty:
        return ""
    match = POSTCODE_RE.match(value)
    if not match:
        raise RowInvalid(f"postcode '{value}' is geen geldige postcode (1234 AB)")
    return match.group(1) + match.group(2)


def vestigingscode(value: str) -> str:
    value = text(value).upper()
    if not VESTIGINGSCODE_RE.match(value):
        raise RowInvalid(f"vestigingscode '{value}' is ongeldig (verwacht 4 tekens BRIN + 2 cijfers)")
    return value


def board_number(value: str) -> str:
    value = text(value)
    if not BOARD_RE.match(value):
        raise RowInvalid(f"bevoegd-gezagnummer '{value}' is geen getal")
    return value


def optional_int(value: str, label: str) -> int | None:
    value = text(value)
    if not value:
        return None
    if not value.isdigit():
        raise RowInvalid(f"{label} '{value}' is geen geheel getal")
    return int(value)


def optional_float(value: str, label: str) -> float | None:
    value = text(value)
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        raise RowInvalid(f"{label} '{value}' is geen getal") from None


# The Netherlands (European part) with a margin; a coordinate outside is a data error.
LAT_RANGE = (50.5, 53.8)
LON_RANGE = (3.0, 7.4)


def coordinates(lat: float | None, lon: float | None) -> tuple[float | None, float | None]:
    """Validated (lat, lon) rounded to 6 decimals (about 10 cm), or (None, None)."""
    if lat is None and lon is None:
        return None, None
    if lat is None or lon is None:
        raise RowInvalid("alleen lat of alleen lon ingevuld")
    if not (LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]):
        raise RowInvalid(f"coördinaat ({lat}, {lon}) ligt niet in Nederland")
    return round(lat, 6), round(lon, 6)
