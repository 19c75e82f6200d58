"""The school days and lesweken of one region, from the rules engine's `Calendar`, as tables.

A school day is a working day outside the region's school holidays (`Calendar.is_school_day`); a
lesweek is an ISO week (Monday to Sunday) with at least one school day. Both are numbered from the
week of the first day asked for: `day` counts school days, `week` counts lesweken, so "the current
lesweek and the 3 before it" (weeks without a school day skipped) is simply `week - 3 .. week`, and
"consecutive school days" are consecutive `day` numbers (a holiday between them does not break a run).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

from kring.rules import Calendar


@dataclass(frozen=True, slots=True)
class SchoolDays:
    """The school days from the Monday of `first`'s week up to and including `last`."""

    calendar: Calendar
    regio: str
    last: date
    dates: tuple[date, ...]  # every school day, ascending; `day` is the index here
    week_of: tuple[int, ...]  # week_of[day]: the lesweek number of that school day
    mondays: tuple[date, ...]  # mondays[week]: the Monday of that lesweek
    week_start: tuple[int, ...]  # week_start[week]: the first `day` of that lesweek
    week_end: tuple[int, ...]  # week_end[week]: one past the last `day` of that lesweek (up to `last`)
    table: pl.DataFrame  # date (Date), day (Int32), week (Int32): one row per school day

    @classmethod
    def build(cls, calendar: Calendar, regio: str, first: date, last: date) -> SchoolDays:
        monday = first - timedelta(days=first.weekday())
        days = list(calendar.school_day_list(monday, last, regio)) if monday <= last else []
        mondays: list[date] = []
        week_of: list[int] = []
        week_start: list[int] = []
        week_end: list[int] = []
        for i, d in enumerate(days):
            m = d - timedelta(days=d.weekday())
            if not mondays or mondays[-1] != m:
                if mondays:
                    week_end.append(i)
                mondays.append(m)
                week_start.append(i)
            week_of.append(len(mondays) - 1)
        if mondays:
            week_end.append(len(days))
        table = pl.DataFrame(
            {"date": days, "day": list(range(len(days))), "week": week_of},
            schema={"date": pl.Date, "day": pl.Int32, "week": pl.Int32},
        )
        return cls(
            calendar=calendar,
            regio=regio,
            last=last,
            dates=tuple(days),
            week_of=tuple(week_of),
            mondays=tuple(mondays),
            week_start=tuple(week_start),
            week_end=tuple(week_end),
            table=table,
        )

    def week_complete(self, week: int) -> bool:
        """Whether all school days of the lesweek lie on or before `last`."""
        sunday = self.mondays[week] + timedelta(days=6)
        if sunday <= self.last:
            return True
        later = self.calendar.school_day_list(self.last + timedelta(days=1), sunday, self.regio)
        return len(later) == 0

    def days_excluding_holidays(self, start: date, end: date) -> int:
        """Calendar days from `start` to `end` inclusive minus the days in school holidays (TZ-01)."""
        return self.calendar.days_excluding_holidays(start, end, self.regio)
