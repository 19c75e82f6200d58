"""CSV that is safe to open in a spreadsheet: no cell is read as a formula.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return can be run as a formula by
Excel or LibreOffice ("CSV injection": a child's name typed as `=HYPERLINK(...)`). Such a cell gets
a leading apostrophe, which spreadsheets show as plain text (OWASP's advice).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["FORMULA_STARTS", "neutralise_cell", "neutralise_row"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: Any) -> Any:
    """The value as it may go into a CSV cell: text that would start a formula gets a leading `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {key: neutralise_cell(value) for key, value in row.items()}
