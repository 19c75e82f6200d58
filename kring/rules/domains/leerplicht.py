"""LPW-03 / LPW-04: when the leerplicht starts and ends, and the status on `as_of`."""

from __future__ import annotations

from datetime import date

from kring.rules.facts import Scenario
from kring.rules.kalender import Calendar, add_years, school_year_end
from kring.rules.results import Leerplicht, LeerplichtStatus, new_leerplicht


def leerplicht_start(birth_date: date, calendar: Calendar, regio: str) -> date:
    """LPW-03: the first school day on or after the 1st of the month after the 5th birthday."""
    b5 = add_years(birth_date, 5)
    first = date(b5.year + (b5.month == 12), b5.month % 12 + 1, 1)
    return calendar.next_school_day_on_or_after(first, regio)


def leerplicht_end(birth_date: date) -> date:
    """LPW-04 clause b: 31 July of the school year in which the child turns 16."""
    return school_year_end(add_years(birth_date, 16))


def leerplicht(scenario: Scenario, calendar: Calendar) -> Leerplicht:
    """The leerplicht of the scenario's child: start, end, 18th birthday and the status on `as_of`."""
    start = leerplicht_start(scenario.birth_date, calendar, scenario.vakantieregio._value_)
    end = leerplicht_end(scenario.birth_date)
    b18 = add_years(scenario.birth_date, 18)
    status = new_leerplicht(LeerplichtStatus.LEERPLICHTIG, start, end, b18).status_on(scenario.as_of)
    return new_leerplicht(status=status, start=start, end=end, kwalificatieplicht_end=b18)
