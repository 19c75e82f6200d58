"""Catalog v2's calendar arithmetic, as properties (hypothesis) and a few worked dates: the month
term of EU law (AVG-12), calendar years with 29 February, terms counted back (LPW-46) and Goede
Vrijdag, which only a shifted term skips (Atw art. 3 lid 2), never a werkdag or a schooldag."""

from __future__ import annotations

import calendar as stdlib_calendar
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kring.rules import assess, parse_scenario
from kring.rules.kalender import (
    add_months,
    add_working_days,
    add_years,
    default_calendar,
    easter_sunday,
    eu_month_term_end,
    goede_vrijdag,
    is_public_holiday,
    is_term_free_day,
    is_working_day,
    statutory_days_term_end,
    statutory_term_end,
    term_counted_back,
)

dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
years = st.integers(min_value=1990, max_value=2100)


def _free(d: date) -> bool:
    """The definition, written out: Saturday, Sunday, an Atw public holiday, or the Friday two days
    before Easter Sunday."""
    return d.weekday() >= 5 or is_public_holiday(d) or d == easter_sunday(d.year) - timedelta(days=2)


# ---------------------------------------------------------------- Goede Vrijdag


@settings(max_examples=200)
@given(years)
def test_goede_vrijdag_is_a_friday_before_easter_and_a_werkdag(year: int) -> None:
    gv = goede_vrijdag(year)
    assert gv.weekday() == 4 and easter_sunday(year) - gv == timedelta(days=2)
    assert is_working_day(gv)  # a werkdag for LPW-21 and everything but a shifted term
    assert is_term_free_day(gv)
    assert not is_public_holiday(gv)


@settings(max_examples=300)
@given(dates, st.integers(min_value=0, max_value=60))
def test_a_shifted_term_never_ends_on_goede_vrijdag(start: date, weeks: int) -> None:
    end = statutory_term_end(start, weeks)
    raw = start + timedelta(weeks=weeks)
    assert not _free(end)
    assert end >= raw and all(_free(raw + timedelta(days=i)) for i in range((end - raw).days))
    assert (end - raw).days <= 4  # Goede Vrijdag, the weekend and Tweede Paasdag at most


@settings(max_examples=200)
@given(years, st.integers(min_value=1, max_value=15))
def test_werkdagen_count_goede_vrijdag(year: int, n: int) -> None:
    # the day before Goede Vrijdag: the first werkdag after it is Goede Vrijdag itself
    assert add_working_days(goede_vrijdag(year) - timedelta(days=1), 1) == goede_vrijdag(year)


def test_goede_vrijdag_is_a_school_day_outside_the_holiday_table() -> None:
    cal = default_calendar()
    # 18 April 2025 and 3 April 2026: no school holiday in any region
    for d in (date(2025, 4, 18), date(2026, 4, 3)):
        for regio in ("noord", "midden", "zuid"):
            assert cal.is_school_day(d, regio)
    # 6 weeks from 20 Feb 2026 end on Goede Vrijdag 3 Apr -> Tue 7 Apr (weekend, Tweede Paasdag)
    assert statutory_term_end(date(2026, 2, 20), 6) == date(2026, 4, 7)
    # 42 days from 20 Feb 2026 the same (TLV-06 counts days)
    assert statutory_days_term_end(date(2026, 2, 20), 42) == date(2026, 4, 7)
    # 5 werkdagen from Fri 27 Mar 2026: 30, 31 Mar, 1, 2 and 3 Apr (Goede Vrijdag counts)
    assert add_working_days(date(2026, 3, 27), 5) == date(2026, 4, 3)


# ---------------------------------------------------------------- month term of EU law


@settings(max_examples=300)
@given(dates, st.integers(min_value=0, max_value=36))
def test_month_term_of_eu_law(start: date, months: int) -> None:
    raw = add_months(start, months)
    # calendar months: the same day number, or the last day of a shorter month
    last = stdlib_calendar.monthrange(raw.year, raw.month)[1]
    assert raw.day == min(start.day, last)
    assert (raw.year * 12 + raw.month) - (start.year * 12 + start.month) == months
    end = eu_month_term_end(start, months)
    assert not _free(end)
    assert end >= raw and all(_free(raw + timedelta(days=i)) for i in range((end - raw).days))
    assert (end - raw).days <= 4


@settings(max_examples=200)
@given(dates, dates, st.integers(min_value=0, max_value=12))
def test_month_term_is_monotonic(a: date, b: date, months: int) -> None:
    lo, hi = min(a, b), max(a, b)
    assert eu_month_term_end(lo, months) <= eu_month_term_end(hi, months)


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2029, 12, 31)), st.integers(0, 40))
def test_avg12_counts_the_extended_term_from_receipt(received: date, later: int) -> None:
    """AVG-12: the 3 months of an extended request run from receipt (calendar months, then shifted),
    not from the shifted one-month due; an extension on or before that due counts."""
    first = eu_month_term_end(received, 1)
    told = min(received + timedelta(days=later), first)
    events = [
        {"date": received.isoformat(), "type": "verzoek_inzage", "organisatie": "S"},
        {"date": told.isoformat(), "type": "verzoek_verlengd", "organisatie": "S", "verzoek": "inzage"},
    ]
    data = {"as_of": first.isoformat(), "vakantieregio": "midden", "child": {"birth_date": "2014-01-01"}}
    result: Any = assess(parse_scenario({**data, "events": events}), calendar=default_calendar()).to_dict()
    (avg,) = [o for o in result["obligations"] if o["rule"] == "AVG-12"]
    assert avg["due"] == eu_month_term_end(received, 3).isoformat()
    # without the extension: one month
    alone: Any = assess(parse_scenario({**data, "events": events[:1]}), calendar=default_calendar()).to_dict()
    assert [o["due"] for o in alone["obligations"] if o["rule"] == "AVG-12"] == [first.isoformat()]


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        ("2026-01-15", 1, "2026-02-16"),  # Sun 15 Feb -> Mon 16 Feb
        ("2026-01-31", 1, "2026-03-02"),  # 28 Feb (last day), a Saturday -> Mon 2 Mar
        ("2026-01-31", 3, "2026-04-30"),  # Thu 30 Apr
        ("2026-03-03", 1, "2026-04-07"),  # Goede Vrijdag 3 Apr, weekend, Tweede Paasdag 6 Apr
        ("2024-01-29", 1, "2024-02-29"),  # leap year: Thu 29 Feb
        ("2025-11-25", 1, "2025-12-29"),  # Thu 25 Dec, Fri 26 Dec, weekend
    ],
)
def test_month_term_worked_examples(start: str, months: int, end: str) -> None:
    assert eu_month_term_end(date.fromisoformat(start), months) == date.fromisoformat(end)


# ---------------------------------------------------------------- calendar years


@settings(max_examples=300)
@given(dates, st.integers(min_value=0, max_value=10))
def test_calendar_years_keep_day_and_month_or_29_february_becomes_28(start: date, n: int) -> None:
    end = add_years(start, n)
    assert end.year == start.year + n
    if (start.month, start.day) == (2, 29) and not stdlib_calendar.isleap(end.year):
        assert (end.month, end.day) == (2, 28)
    else:
        assert (end.month, end.day) == (start.month, start.day)
    assert 365 * n - 1 <= (end - start).days <= 366 * n


@settings(max_examples=100)
@given(st.integers(min_value=1992, max_value=2096).filter(stdlib_calendar.isleap), st.integers(1, 8))
def test_29_february_in_calendar_years(year: int, n: int) -> None:
    d = date(year, 2, 29)
    target = year + n
    assert add_years(d, n) == (date(target, 2, 29) if stdlib_calendar.isleap(target) else date(target, 2, 28))


# ---------------------------------------------------------------- terms counted back


@settings(max_examples=300)
@given(dates, st.integers(min_value=0, max_value=20))
def test_a_term_counted_back_is_never_shifted(end: date, weeks: int) -> None:
    back = term_counted_back(end, weeks)
    assert back == end - timedelta(days=7 * weeks)
    assert back.weekday() == end.weekday()  # on a Saturday too: no shifting (Atw art. 1 lid 2)


def test_a_term_counted_back_may_end_on_a_saturday_or_a_holiday() -> None:
    assert term_counted_back(date(2026, 8, 1), 8) == date(2026, 6, 6)  # a Saturday
    assert term_counted_back(date(2026, 2, 19), 8) == date(2025, 12, 25)  # Eerste Kerstdag
