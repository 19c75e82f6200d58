"""The answer term of a question: working days, and the school holidays when the steunpunt is closed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kring.desk.terms import answer_due, is_open_day, open_days_late, term_days
from kring.rules.kalender import Calendar, is_working_day

# Herfstvakantie 2026 in regio midden: Saturday 17 up to and including Sunday 25 October.
HERFST = Calendar([("midden", date(2026, 10, 17), date(2026, 10, 25), "herfstvakantie 2026-2027")])

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
terms = st.integers(min_value=1, max_value=60)


def test_the_shortest_term_of_the_categories_counts():
    assert term_days([10, 3, 5]) == 3
    assert term_days([]) == 10


def test_ten_working_days_from_a_monday_is_two_weeks_later():
    # Monday 2 November 2026 + 10 working days = Monday 16 November.
    assert answer_due(date(2026, 11, 2), 10) == date(2026, 11, 16)


def test_public_holidays_do_not_count():
    # Thursday 24 December 2026 + 1 working day: Friday 25 and Saturday 26 ... Monday 28 December.
    assert answer_due(date(2026, 12, 24), 1) == date(2026, 12, 28)


def test_school_holidays_count_only_when_the_steunpunt_is_closed_then():
    # Friday 16 October + 3 working days: open in the holidays, Wednesday 21 October.
    assert answer_due(date(2026, 10, 16), 3) == date(2026, 10, 21)
    # Closed in the herfstvakantie of regio midden: Wednesday 28 October.
    assert answer_due(date(2026, 10, 16), 3, calendar=HERFST, regio="midden") == date(2026, 10, 28)
    # Another region's holiday does not close a steunpunt in midden.
    assert answer_due(date(2026, 10, 16), 3, calendar=HERFST, regio="noord") == date(2026, 10, 21)


def test_a_term_is_at_least_one_day():
    with pytest.raises(ValueError):
        answer_due(date(2026, 11, 2), 0)


@given(days, terms)
def test_the_due_day_is_an_open_day_after_exactly_n_open_days(received, n):
    due = answer_due(received, n, calendar=HERFST, regio="midden")
    assert due > received
    assert is_open_day(due, calendar=HERFST, regio="midden")
    counted = sum(
        is_open_day(received + timedelta(days=i), calendar=HERFST, regio="midden")
        for i in range(1, (due - received).days + 1)
    )
    assert counted == n


@given(days, terms)
def test_closing_in_the_holidays_never_makes_a_term_shorter(received, n):
    assert answer_due(received, n, calendar=HERFST, regio="midden") >= answer_due(received, n)


@given(days, terms, terms)
def test_a_longer_term_ends_later(received, n, m):
    if n < m:
        assert answer_due(received, n) < answer_due(received, m)


@given(days, terms, st.integers(min_value=0, max_value=30))
def test_days_late_counts_the_open_days_past_the_due_day(received, n, extra):
    due = answer_due(received, n)
    assert open_days_late(due, due) == 0
    later = due + timedelta(days=extra)
    assert open_days_late(due, later) == sum(
        is_working_day(due + timedelta(days=i)) for i in range(1, extra + 1)
    )
