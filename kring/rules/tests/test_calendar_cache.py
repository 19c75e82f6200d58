"""The precomputed, reused calendar answers exactly like a freshly built one and like the definitions.

A `Calendar` answers every day question from tables it builds per region on first use and widens
when a date outside them is asked for. These properties check that reuse (any order of questions,
any widening) never changes an answer: against a new `Calendar` per question and against a
day-by-day reference written from the definitions (weekends, Algemene termijnenwet public holidays,
school holidays per region, lesweken, ATW-01 terms).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kring.rules import assess, parse_scenario
from kring.rules.kalender import (
    ALL_REGIONS,
    REGIONS,
    Calendar,
    HolidayPeriod,
    add_working_days,
    default_calendar,
    easter_sunday,
    public_holidays,
    statutory_term_end,
)
from kring.rules.tests.test_properties import scenario

ONE = timedelta(days=1)
BUNDLED = default_calendar()
regions = st.sampled_from(REGIONS)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2050, 12, 31))
near = st.dates(min_value=date(2023, 1, 1), max_value=date(2031, 12, 31))


# ---------------------------------------------------------------- the definitions, day by day


def ref_working_day(d: date) -> bool:
    return d.weekday() < 5 and d not in {day for day, _ in public_holidays(d.year)}


def ref_in_holiday(periods: tuple[HolidayPeriod, ...], d: date, regio: str) -> bool:
    return any(p.regio in (regio, ALL_REGIONS) and p.start <= d <= p.end for p in periods)


def ref_school_day(periods: tuple[HolidayPeriod, ...], d: date, regio: str) -> bool:
    return ref_working_day(d) and not ref_in_holiday(periods, d, regio)


def ref_lesweek(periods: tuple[HolidayPeriod, ...], d: date, regio: str) -> bool:
    monday = d - timedelta(days=d.weekday())
    return any(ref_school_day(periods, monday + timedelta(days=i), regio) for i in range(5))


def ref_previous_lesweken(periods: tuple[HolidayPeriod, ...], d: date, regio: str, count: int) -> list[date]:
    result: list[date] = []
    monday = d - timedelta(days=d.weekday())
    for _ in range(520):
        if len(result) >= count:
            break
        monday -= timedelta(weeks=1)
        if ref_lesweek(periods, monday, regio):
            result.append(monday)
    return result


def ref_add_working_days(d: date, n: int) -> date:
    while n > 0:
        d += ONE
        if ref_working_day(d):
            n -= 1
    return d


def ref_term_end(start: date, weeks: int) -> date:
    """ATW-01 (catalog v2): skips Saturdays, Sundays, public holidays and Goede Vrijdag (Atw art. 3
    lid 2), which stays a working day for everything else."""
    d = start + timedelta(weeks=weeks)
    while not ref_working_day(d) or d == easter_sunday(d.year) - timedelta(days=2):
        d += ONE
    return d


# ---------------------------------------------------------------- questions


@st.composite
def holidays(draw: st.DrawFn) -> tuple[HolidayPeriod, ...]:
    periods = []
    for _ in range(draw(st.integers(0, 8))):
        start = draw(st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31)))
        regio = draw(st.sampled_from((*REGIONS, ALL_REGIONS)))
        periods.append(HolidayPeriod(regio, start, start + timedelta(days=draw(st.integers(0, 70)))))
    return tuple(periods)


@st.composite
def question(draw: st.DrawFn) -> tuple[str, date, str, int]:
    kind = draw(
        st.sampled_from(("school_day", "in_holiday", "lesweek", "previous", "next", "days", "between"))
    )
    return kind, draw(st.one_of(near, dates)), draw(regions), draw(st.integers(0, 400))


def lesweken(n: int) -> int:
    """Mostly a few weeks (LPW-20 asks 3), sometimes more than the year a new table starts with."""
    return n % 12 if n < 330 else n - 200


def answer(cal: Calendar, q: tuple[str, date, str, int]) -> object:
    kind, d, regio, n = q
    if kind == "school_day":
        return cal.is_school_day(d, regio)
    if kind == "in_holiday":
        return cal.in_school_holiday(d, regio)
    if kind == "lesweek":
        return cal.is_lesweek(d, regio)
    if kind == "previous":
        return cal.previous_lesweken(d, regio, lesweken(n))
    if kind == "next":
        return cal.next_school_day_on_or_after(d, regio)
    if kind == "days":
        return list(cal.school_days(d, d + timedelta(days=n), regio))
    return (
        cal.holiday_days_between(d, d + timedelta(days=n), regio),
        cal.days_excluding_holidays(d, d + timedelta(days=n), regio),
    )


def reference(periods: tuple[HolidayPeriod, ...], q: tuple[str, date, str, int]) -> object:
    kind, d, regio, n = q
    if kind == "school_day":
        return ref_school_day(periods, d, regio)
    if kind == "in_holiday":
        return ref_in_holiday(periods, d, regio)
    if kind == "lesweek":
        return ref_lesweek(periods, d, regio)
    if kind == "previous":
        return ref_previous_lesweken(periods, d, regio, lesweken(n))
    if kind == "next":
        while not ref_school_day(periods, d, regio):
            d += ONE
        return d
    end = d + timedelta(days=n)
    days = [d + timedelta(days=i) for i in range(n + 1)]
    if kind == "days":
        return [x for x in days if ref_school_day(periods, x, regio)]
    holiday = sum(1 for x in days if ref_in_holiday(periods, x, regio))
    return (holiday, (end - d).days + 1 - holiday)


# ---------------------------------------------------------------- properties


@settings(max_examples=60, deadline=None)
@given(holidays(), st.lists(question(), min_size=1, max_size=12))
def test_reused_calendar_answers_like_a_fresh_one_and_the_definitions(
    periods: tuple[HolidayPeriod, ...], questions: list[tuple[str, date, str, int]]
) -> None:
    reused = Calendar(periods)  # asked everything in turn: its tables are built and widened on the way
    for q in questions:
        got = answer(reused, q)
        assert got == answer(Calendar(periods), q), q
        assert got == reference(periods, q), q


@settings(max_examples=150, deadline=None)
@given(st.lists(question(), min_size=1, max_size=6))
def test_bundled_calendar_reused_by_every_test_answers_like_a_fresh_one(
    questions: list[tuple[str, date, str, int]],
) -> None:
    for q in questions:
        assert answer(BUNDLED, q) == answer(Calendar(BUNDLED.periods), q) == reference(BUNDLED.periods, q), q


@settings(max_examples=40, deadline=None)
@given(holidays(), dates, dates, regions)
def test_widening_in_either_direction_changes_no_answer(
    periods: tuple[HolidayPeriod, ...], a: date, b: date, regio: str
) -> None:
    forward, backward = Calendar(periods), Calendar(periods)
    forward.is_school_day(a, regio)
    backward.is_school_day(b, regio)  # the two tables grew from different ends
    for d in (a, b, a + timedelta(days=200), b - timedelta(days=200)):
        assert (
            forward.is_school_day(d, regio)
            == backward.is_school_day(d, regio)
            == ref_school_day(periods, d, regio)
        )
        assert forward.previous_lesweken(d, regio, 3) == backward.previous_lesweken(d, regio, 3)


@settings(max_examples=300, deadline=None)
@given(dates, st.integers(0, 30), st.integers(0, 60))
def test_working_days_and_atw01_terms_match_the_definitions(d: date, n: int, weeks: int) -> None:
    assert add_working_days(d, n) == BUNDLED.add_working_days(d, n) == ref_add_working_days(d, n)
    assert statutory_term_end(d, weeks) == BUNDLED.statutory_term_end(d, weeks) == ref_term_end(d, weeks)
    assert BUNDLED.is_working_day(d) == ref_working_day(d)


@settings(max_examples=80, deadline=None)
@given(st.lists(scenario(), min_size=1, max_size=4))
def test_assessing_with_one_reused_calendar_equals_a_fresh_calendar_per_timeline(
    scenarios: list[dict[str, Any]],
) -> None:
    for data in scenarios:
        fresh = Calendar(BUNDLED.periods)
        assert assess(parse_scenario(data), calendar=BUNDLED).to_dict() == (
            assess(parse_scenario(data), calendar=fresh).to_dict()
        )
