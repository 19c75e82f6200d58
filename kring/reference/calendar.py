"""Bridge to the rules engine: a `Calendar` built from the SchoolHoliday rows in the database."""

from __future__ import annotations

from datetime import date

from kring.rules.kalender import ALL_REGIONS, Calendar

from .models import HolidayRegio, SchoolHoliday


def holiday_periods() -> list[tuple[str, date, date, str]]:
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


def school_calendar() -> Calendar:
    """The rules-engine calendar of the imported school holidays (empty table: public holidays only)."""
    return Calendar(holiday_periods())
