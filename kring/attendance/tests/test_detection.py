"""Unit tests of the detection core, per rule, as tables (no database: plain Polars frames).

Calendar: the bundled holiday table, region midden. Autumn 2025: Monday 13 October to Friday 17
October is a full lesweek, the herfstvakantie of midden is 18-26 October (week 43 has no school day).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import polars as pl
import pytest

from kring.attendance.detection import (
    DALEND,
    GEDEELTELIJK,
    LANG_ZIEK,
    LPW20,
    LRV,
    VAAK_ZIEK,
    DetectionSettings,
    Finding,
    detect,
)
from kring.rules import default_calendar

CAL = default_calendar()
REGIO = "midden"
SETTINGS = DetectionSettings()
Row = tuple[str, date, float, str]


def school_days(start: date, end: date) -> list[date]:
    return list(CAL.school_day_list(start, end, REGIO))


def frame(rows: list[Row]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={"pupil": pl.String, "date": pl.Date, "hours": pl.Float64, "reason": pl.String},
        orient="row",
    )


def run(
    rows: list[Row],
    as_of: date,
    kind: str,
    meldingen: dict[str, list[date]] | None = None,
    settings: DetectionSettings = SETTINGS,
) -> list[Finding]:
    found = detect(
        frame(rows), calendar=CAL, regio=REGIO, settings=settings, as_of=as_of, meldingen=meldingen
    )
    return [f for f in found if f.kind == kind]


def absent(pupil: str, days: list[date], hours: float, reason: str) -> list[Row]:
    return [(pupil, d, hours, reason) for d in days]


# -------------------------------------------------------------------------------- LPW-20


@pytest.mark.parametrize(
    ("days", "hours", "expected"),
    [
        # 4 days of 4 hours in one week: the 4th day (Thursday 2 October 2025) reaches 16 hours
        (school_days(date(2025, 9, 29), date(2025, 10, 2)), 4, [date(2025, 10, 2)]),
        # 3 days of 5 hours: 15 hours, below the threshold
        (school_days(date(2025, 9, 29), date(2025, 10, 1)), 5, []),
        # 4 hours on 4 Mondays in a row (8, 15, 22 and 29 September): 16 hours in 4 lesweken
        ([date(2025, 9, 8), date(2025, 9, 15), date(2025, 9, 22), date(2025, 9, 29)], 4, [date(2025, 9, 29)]),
        # the same with 5 weeks between the first and last Monday: the first has left the window
        ([date(2025, 9, 1), date(2025, 9, 15), date(2025, 9, 22), date(2025, 9, 29)], 4, []),
        # across the herfstvakantie (week 43 has no school day, it is skipped): Mondays 6, 13
        # October, 27 October and 3 November are 4 consecutive lesweken
        (
            [date(2025, 10, 6), date(2025, 10, 13), date(2025, 10, 27), date(2025, 11, 3)],
            4,
            [date(2025, 11, 3)],
        ),
        # 8 days of 4 hours: the count restarts after the first threshold (Thursday 2 October),
        # and reaches 16 again on Wednesday 8 October
        (school_days(date(2025, 9, 29), date(2025, 10, 8)), 4, [date(2025, 10, 2), date(2025, 10, 8)]),
    ],
)
def test_lpw20_thresholds(days, hours, expected):
    found = run(absent("p", days, hours, "ongeoorloofd"), date(2025, 12, 1), LPW20)
    assert [f.found_on for f in found] == expected
    for f in found:
        assert f.rule == "LPW-20"
        assert sum(d.hours for d in f.days) >= 16


def test_lpw20_other_reasons_do_not_count():
    days = school_days(date(2025, 9, 29), date(2025, 10, 3))
    rows = absent("p", days, 5, "ziek") + absent("q", days, 5, "geoorloofd") + absent("r", days, 5, "te_laat")
    assert run(rows, date(2025, 12, 1), LPW20) == []


def test_lpw20_open_melding_suppresses_the_next_report():
    # 10 school days of 4 hours from Monday 29 September; thresholds would be 2 and 8 October.
    # A melding on 3 October stays open (every following school day has ongeoorloofd absence),
    # so the second threshold is no new report.
    days = school_days(date(2025, 9, 29), date(2025, 10, 10))
    rows = absent("p", days, 4, "ongeoorloofd")
    found = run(rows, date(2025, 12, 1), LPW20, meldingen={"p": [date(2025, 10, 3)]})
    assert [f.found_on for f in found] == [date(2025, 10, 2)]


def test_lpw20_melding_closes_and_the_count_restarts():
    # 4 hours on Mon-Wed 29 September - 1 October (12 hours), melding on 1 October, present on
    # Thursday 2 October (the melding closes, the count restarts), then 4 hours on 3, 6, 7 and
    # 8 October: 16 hours on Wednesday 8 October, a new report.
    days = school_days(date(2025, 9, 29), date(2025, 10, 1)) + school_days(
        date(2025, 10, 3), date(2025, 10, 8)
    )
    rows = absent("p", days, 4, "ongeoorloofd")
    found = run(rows, date(2025, 12, 1), LPW20, meldingen={"p": [date(2025, 10, 1)]})
    assert [f.found_on for f in found] == [date(2025, 10, 8)]
    assert [d.date for d in found[0].days] == school_days(date(2025, 10, 3), date(2025, 10, 8))


def test_lpw20_days_after_as_of_do_not_count():
    days = school_days(date(2025, 9, 29), date(2025, 10, 2))
    assert run(absent("p", days, 4, "ongeoorloofd"), date(2025, 10, 1), LPW20) == []


# -------------------------------------------------------------------------------- TZ-01


@pytest.mark.parametrize(
    ("first", "as_of", "expected"),
    [
        # ongeoorloofd every school day from Monday 1 September to as_of Friday 3 October 2025:
        # 33 calendar days (no holiday) > 28, LRV since 1 September
        (date(2025, 9, 1), date(2025, 10, 3), date(2025, 9, 1)),
        # from Monday 8 September to Friday 3 October: 26 days, not more than 28
        (date(2025, 9, 8), date(2025, 10, 3), None),
        # from Monday 6 October to Friday 7 November: 33 calendar days minus the 9 days of the
        # herfstvakantie (18-26 October) = 24, not more than 28
        (date(2025, 10, 6), date(2025, 11, 7), None),
    ],
)
def test_lrv(first, as_of, expected):
    found = run(absent("p", school_days(first, as_of), 5, "ongeoorloofd"), as_of, LRV)
    assert [f.found_on for f in found] == ([expected] if expected else [])
    if expected:
        assert found[0].rule == "TZ-01"
        assert found[0].days[0].date == first


def test_lrv_run_broken_by_a_present_day():
    # absent 1 September - 3 October except Wednesday 24 September: the run starts on 25 September
    days = [d for d in school_days(date(2025, 9, 1), date(2025, 10, 3)) if d != date(2025, 9, 24)]
    assert run(absent("p", days, 5, "ongeoorloofd"), date(2025, 10, 3), LRV) == []


def test_lrv_needs_the_run_to_reach_as_of():
    # absent 1 September - 3 October, present Monday 6 October (as_of): no LRV any more
    days = school_days(date(2025, 9, 1), date(2025, 10, 3))
    rows = [*absent("p", days, 5, "ongeoorloofd"), ("p", date(2025, 10, 6), 0.0, "")]
    assert run(rows, date(2025, 10, 6), LRV) == []


# -------------------------------------------------------------------------------- sick


def test_lang_ziek_more_than_six_school_days():
    # sick Wednesday 1 - Thursday 9 October 2025 (7 school days): the 7th, 9 October, is the day
    days = school_days(date(2025, 10, 1), date(2025, 10, 9))
    found = run(absent("p", days, 5, "ziek"), date(2025, 12, 1), LANG_ZIEK)
    assert [f.found_on for f in found] == [date(2025, 10, 9)]
    assert [d.date for d in found[0].days] == days
    assert found[0].rule == "instelling:lang_ziek"
    # 6 school days (1 - 8 October) is not more than 6
    assert run(absent("p", days[:-1], 5, "ziek"), date(2025, 12, 1), LANG_ZIEK) == []


@pytest.mark.parametrize(
    ("mondays", "expected"),
    [
        # sick on 4 Mondays in 4 lesweken (1, 8, 15, 22 September 2025): the 4th report
        ([date(2025, 9, 1), date(2025, 9, 8), date(2025, 9, 15), date(2025, 9, 22)], [date(2025, 9, 22)]),
        # 3 reports: not enough
        ([date(2025, 9, 1), date(2025, 9, 8), date(2025, 9, 15)], []),
        # the 4th report 12 lesweken after the first (1 September; 24 November is lesweek 13 after
        # the herfstvakantie is skipped): outside the window
        ([date(2025, 9, 1), date(2025, 9, 8), date(2025, 9, 15), date(2025, 12, 1)], []),
    ],
)
def test_vaak_ziek(mondays, expected):
    found = run(absent("p", mondays, 5, "ziek"), date(2025, 12, 5), VAAK_ZIEK)
    assert [f.found_on for f in found] == expected


def test_vaak_ziek_consecutive_days_are_one_report():
    # sick Monday 1 - Thursday 4 September: one report, not four
    days = school_days(date(2025, 9, 1), date(2025, 9, 4))
    assert run(absent("p", days, 5, "ziek"), date(2025, 12, 1), VAAK_ZIEK) == []


# -------------------------------------------------------------------------------- presence


def test_gedeeltelijk():
    # the import covers 1 September - 31 October 2025; the pupil is absent (5 hours) on Monday,
    # Tuesday and Wednesday of every week from 8 September (present 2 of 5 days). Only the last 4
    # complete lesweken count: 29 September - 3 October, 6-10 and 13-17 October and 27-31 October
    # (the herfstvakantie week has no school day). They hold 12 absent days of 20: 40 % present,
    # below 60 %, so the finding is on Friday 31 October, with those 12 days.
    period = school_days(date(2025, 9, 1), date(2025, 10, 31))
    absent_days = [d for d in period if d >= date(2025, 9, 8) and d.weekday() < 3]
    rows = [*absent("p", absent_days, 5, "ziek"), ("p", date(2025, 9, 1), 0.0, "")]
    found = run(rows, date(2025, 10, 31), GEDEELTELIJK)
    assert [f.found_on for f in found] == [date(2025, 10, 31)]
    assert found[0].rule == "instelling:gedeeltelijk"
    assert [d.date for d in found[0].days] == [d for d in absent_days if d >= date(2025, 9, 29)]
    # imported again on Monday 3 November (that lesweek is not complete): the same finding
    rows_later = [*rows, ("p", date(2025, 11, 3), 0.0, "")]
    assert [f.found_on for f in run(rows_later, date(2025, 11, 3), GEDEELTELIJK)] == [date(2025, 10, 31)]


def test_gedeeltelijk_only_the_last_lesweken_count():
    # absent Monday to Wednesday in September only, present in October: the last 4 complete
    # lesweken (to 31 October) hold 3 absent days of 20, so no finding (the old rule found one)
    period = school_days(date(2025, 9, 1), date(2025, 10, 31))
    absent_days = [d for d in period if date(2025, 9, 8) <= d <= date(2025, 9, 26) and d.weekday() < 3]
    rows = [*absent("p", absent_days, 5, "ziek"), ("p", date(2025, 10, 31), 0.0, "")]
    assert run(rows, date(2025, 10, 31), GEDEELTELIJK) == []


def test_gedeeltelijk_needs_the_lesweken_inside_the_import():
    # the import starts on 13 October: only 2 complete lesweken up to 31 October, nothing is judged
    days = school_days(date(2025, 10, 13), date(2025, 10, 31))
    assert run(absent("p", days, 5, "ongeoorloofd"), date(2025, 10, 31), GEDEELTELIJK) == []


def test_gedeeltelijk_te_laat_and_short_absence_do_not_count():
    period = school_days(date(2025, 9, 1), date(2025, 10, 31))
    rows = absent("p", period, 5, "te_laat") + absent("q", period, 2.5, "ongeoorloofd")
    assert run(rows, date(2025, 10, 31), GEDEELTELIJK) == []


def test_dalend():
    # absent 0, 1, 2, 3 days (of 5) in the lesweken of 1, 8, 15 and 22 September 2025, the last
    # 4 complete lesweken on as_of Friday 26 September: presence 100 %, 80 %, 60 %, 40 %: falling,
    # and 40 % < 80 %. Found on Friday 26 September (also when imported again on 29 September).
    monday = date(2025, 9, 1)
    days = [monday + timedelta(weeks=w, days=k) for w in range(4) for k in range(w)]
    rows = [*absent("p", days, 5, "ongeoorloofd"), ("p", monday, 0.0, "")]
    found = run(rows, date(2025, 9, 26), DALEND)
    assert [f.found_on for f in found] == [date(2025, 9, 26)]
    assert [d.date for d in found[0].days] == days
    assert [f.found_on for f in run(rows, date(2025, 9, 29), DALEND)] == [date(2025, 9, 26)]


def test_dalend_only_the_last_lesweken_count():
    # the same fall in September, then present in October: the last 4 complete lesweken on
    # 31 October are all 100 %, no finding
    monday = date(2025, 9, 1)
    days = [monday + timedelta(weeks=w, days=k) for w in range(4) for k in range(w)]
    rows = [*absent("p", days, 5, "ongeoorloofd"), ("p", monday, 0.0, "")]
    assert run(rows, date(2025, 10, 31), DALEND) == []


def test_dalend_needs_a_strict_fall():
    # absent 1, 1, 2, 3 days: the second week is not lower than the first
    monday = date(2025, 9, 1)
    days = [monday + timedelta(weeks=w, days=k) for w, n in enumerate((1, 1, 2, 3)) for k in range(n)]
    assert run(absent("p", days, 5, "ongeoorloofd"), date(2025, 9, 26), DALEND) == []


# -------------------------------------------------------------------------------- the frame


def test_rows_per_lesson_are_summed():
    # 2 lessons of 2 hours on each of Monday 29 September - Thursday 2 October: 4 hours a day,
    # 16 hours on Thursday 2 October
    days = school_days(date(2025, 9, 29), date(2025, 10, 2))
    rows = absent("p", days, 2, "ongeoorloofd") * 2
    found = run(rows, date(2025, 12, 1), LPW20)
    assert [f.found_on for f in found] == [date(2025, 10, 2)]
    assert [str(d.hours) for d in found[0].days] == ["4", "4", "4", "4"]


def test_an_empty_frame_finds_nothing_and_a_missing_column_is_an_error():
    assert run([], date(2025, 12, 1), LPW20) == []
    with pytest.raises(ValueError, match="reason"):
        detect(
            pl.DataFrame({"pupil": ["p"], "date": [date(2025, 10, 1)], "hours": [5.0]}),
            calendar=CAL,
            regio=REGIO,
            settings=SETTINGS,
            as_of=date(2025, 12, 1),
        )


def test_the_order_of_the_rows_does_not_matter():
    # two pupils' rows shuffled (interleaved, not by day) give the same findings as in order
    days = school_days(date(2025, 9, 1), date(2025, 10, 10))
    rows = absent("p", days, 4, "ongeoorloofd") + absent("q", days[::2], 5, "ziek")
    in_order = detect(frame(rows), calendar=CAL, regio=REGIO, settings=SETTINGS, as_of=date(2025, 10, 10))
    mixed = list(rows)
    random.Random(12).shuffle(mixed)
    found = detect(frame(mixed), calendar=CAL, regio=REGIO, settings=SETTINGS, as_of=date(2025, 10, 10))
    assert found == in_order
    assert {f.kind for f in found} >= {LPW20, LRV, VAAK_ZIEK}
