"""The period of a signals report: a quarter ("2026-K3") or free dates, and the period before it.

Pure: no Django, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*[Kk]([1-4])\s*$")
MONTHS_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


@dataclass(frozen=True)
class Period:
    """From `start` up to and including `end`."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a period ends on or after its start")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def quarter(self) -> str:
        """ "2026-K3" when the period is exactly one quarter, else ""."""
        q = quarter_of(self.start)
        return quarter_code(self.start) if q == self else ""

    def label(self) -> str:
        """ "2026-K3 (1 juli t/m 30 september 2026)" or "3 maart 2026 t/m 17 april 2026"."""
        dates = f"{format_day(self.start)} t/m {format_day(self.end)}"
        return f"{self.quarter} ({dates})" if self.quarter else dates

    def slug(self) -> str:
        """For a file name: "2026-K3" or "2026-03-03_2026-04-17"."""
        return self.quarter or f"{self.start.isoformat()}_{self.end.isoformat()}"

    def previous(self) -> Period:
        """The period of the same length just before: the previous quarter for a quarter."""
        if self.quarter:
            return quarter_of(self.start - timedelta(days=1))
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end)

    def months(self) -> list[date]:
        """The first day of every month the period touches, in order."""
        months = []
        month = self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = _next_month(month)
        return months


def format_day(day: date) -> str:
    return f"{day.day} {MONTHS_NL[day.month - 1]} {day.year}"


def month_label(month: date) -> str:
    return f"{MONTHS_NL[month.month - 1]} {month.year}"


def _next_month(month: date) -> date:
    return date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def quarter_code(day: date) -> str:
    return f"{day.year}-K{(day.month - 1) // 3 + 1}"


def quarter_of(day: date) -> Period:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    end = _next_month(_next_month(_next_month(start))) - timedelta(days=1)
    return Period(start, end)


def last_complete_quarter(today: date) -> Period:
    """The quarter before the one `today` lies in."""
    return quarter_of(quarter_of(today).start - timedelta(days=1))


def parse_quarter(text: str) -> Period | None:
    """ "2026-K3" (also "2026K3", "2026-k3") as a period; None when it is not a quarter."""
    match = _QUARTER.match(text or "")
    if match is None:
        return None
    year, number = int(match.group(1)), int(match.group(2))
    if not 2000 <= year <= 2100:
        return None
    return quarter_of(date(year, 3 * number - 2, 1))


def recent_quarters(today: date, count: int = 8) -> list[Period]:
    """The last `count` complete quarters, newest first (the choices of the quarter picker)."""
    quarters = [last_complete_quarter(today)]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return quarters
