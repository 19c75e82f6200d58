"""Properties of the date rules (`kring/core/dates.py`), for any day, birth date and today."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from kring.core import dates

todays = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
days = st.dates(min_value=date(1850, 1, 1), max_value=date(2150, 12, 31))
births = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@given(day=days, today=todays)
def test_a_past_act_after_today_is_always_refused(day, today):
    problem = dates.date_problem(day, today=today, past_act=True)
    if day > today:
        assert problem is not None and "toekomst" in problem


@given(today=todays, back=st.integers(min_value=0, max_value=36000))
def test_a_past_act_of_today_or_the_last_century_is_accepted(today, back):
    day = today - timedelta(days=back)
    expected_ok = day >= dates.earliest(today)
    assert (dates.date_problem(day, today=today, past_act=True) is None) == expected_ok


@given(day=days, today=todays, birth=births)
def test_nothing_is_accepted_before_the_birth_and_the_message_says_so(day, today, birth):
    for past_act in (True, False):
        problem = dates.date_problem(day, today=today, past_act=past_act, birth_date=birth)
        if day < birth:
            assert problem is not None and "geboortedatum" in problem


@given(today=todays, ahead=st.integers(min_value=0, max_value=2000))
def test_a_date_that_may_lie_ahead_is_accepted_up_to_two_years(today, ahead):
    day = today + timedelta(days=ahead)
    problem = dates.date_problem(day, today=today, past_act=False)
    if day <= dates.latest(today):
        assert problem is None
    else:
        assert problem is not None and "2 jaar in de toekomst" in problem


@given(day=days, today=todays)
def test_far_off_dates_are_refused_with_the_reason(day, today):
    problem = dates.date_problem(day, today=today, past_act=False)
    if day < dates.earliest(today):
        assert problem is not None and "100 jaar terug" in problem
    elif day > dates.latest(today):
        assert problem is not None and "in de toekomst" in problem
    else:
        assert problem is None


@given(today=todays)
def test_the_limits_are_whole_years_even_from_29_february(today):
    assert dates.earliest(today).year == today.year - 100
    assert dates.latest(today).year == today.year + 2
    assert dates.earliest(today) <= today <= dates.latest(today)


@given(day=days, today=todays)
def test_a_birth_date_is_not_in_the_future_nor_more_than_a_century_ago(day, today):
    problem = dates.birth_date_problem(day, today=today)
    assert (problem is None) == (dates.earliest(today) <= day <= today)


def test_refuse_names_each_field_with_a_problem_and_only_those():
    dates.refuse(opened_on=None)  # nothing wrong: no error
    with pytest.raises(ValidationError) as caught:
        dates.refuse(opened_on="Deze datum ligt in de toekomst.", held_on=None)
    assert caught.value.message_dict == {"opened_on": ["Deze datum ligt in de toekomst."]}
