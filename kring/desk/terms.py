"""The answer term of a question: a number of working days per category (the shortest of the
question's categories counts), from the day after the question came in. Saturdays, Sundays and
public holidays never count; the days of the school holidays count only when the steunpunt is open
then (`DeskSettings.closed_in_school_holidays`, with its vakantieregio).

Pure functions over the rules engine's calendar: no database, so the arithmetic is property-tested.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from kring.rules.kalender import Calendar, is_working_day

ONE_DAY = timedelta(days=1)
DEFAULT_TERM_DAYS = 10


def term_days(category_terms: Iterable[int]) -> int:
    """The term of a question with these categories: the shortest (the most urgent category wins)."""
    terms = [t for t in category_terms if t > 0]
    return min(terms) if terms else DEFAULT_TERM_DAYS


def is_open_day(day: date, *, calendar: Calendar | None, regio: str) -> bool:
    """A day the steunpunt counts: a working day, and not a school holiday when it closes then
    (`calendar` None: it is open in the holidays)."""
    if not is_working_day(day):
        return False
    if calendar is None or not regio:
        return True
    return not any(p.applies_to(regio) and p.contains(day) for p in calendar.periods)


def answer_due(received_on: date, days: int, *, calendar: Calendar | None = None, regio: str = "") -> date:
    """The `days`-th open day after `received_on` (the day it came in does not count)."""
    if days < 1:
        raise ValueError("an answer term is at least one working day")
    day = received_on
    left = days
    while left:
        day += ONE_DAY
        if is_open_day(day, calendar=calendar, regio=regio):
            left -= 1
    return day


def open_days_late(due: date, today: date, *, calendar: Calendar | None = None, regio: str = "") -> int:
    """How many open days `today` lies past `due` (0 when it is not late)."""
    late = 0
    day = due
    while day < today:
        day += ONE_DAY
        if is_open_day(day, calendar=calendar, regio=regio):
            late += 1
    return late
