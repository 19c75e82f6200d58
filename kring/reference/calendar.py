"""Bridge to the rules engine: a `Calendar` built from the SchoolHoliday rows in the database.

A `Calendar` precomputes its days per region the first time they are asked for, so building one for
every assessment throws that work away. `school_calendar()` therefore reads the rows (one small
query) and returns the same `Calendar` object as long as the rows are the same: memoised on the
holiday periods themselves, so an import that changes the table yields a new calendar at once and
there is no cache to clear.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from kring.rules.kalender import ALL_REGIONS, Calendar

from .models import HolidayRegio, SchoolHoliday

Period = tuple[str, date, date, str]


def holiday_periods() -> list[Period]:
    """The school holidays as the engine's plain data: (regio, start, end, name)."""
    return [
        (
            ALL_REGIONS if h.regio == HolidayRegio.HEEL_NEDERLAND else h.regio,
            h.start,
            h.end,
            f"{h.vakantie} {h.schooljaar}",
        )
        for h in SchoolHoliday.objects.order_by("start", "regio")
    ]


@lru_cache(maxsize=8)
def calendar_of(periods: tuple[Period, ...]) -> Calendar:
    """The one `Calendar` of these holiday periods (memoised: reused by every assessment)."""
    return Calendar(periods)


def school_calendar() -> Calendar:
    """The rules-engine calendar of the imported school holidays (empty table: public holidays only)."""
    return calendar_of(tuple(holiday_periods()))
