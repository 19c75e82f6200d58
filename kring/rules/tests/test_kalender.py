"""Calendar arithmetic: public holidays, ATW-01, working days, school days per region, months."""

from __future__ import annotations

from datetime import date

import pytest

from kring.rules.kalender import (
    Calendar,
    HolidayPeriod,
    add_months,
    add_working_days,
    add_years,
    default_calendar,
    easter_sunday,
    is_public_holiday,
    is_working_day,
    koningsdag,
    load_school_holidays,
    public_holidays,
    school_year_end,
    school_year_start,
    statutory_term_end,
)

CAL = default_calendar()
D = date.fromisoformat


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2024, "2024-03-31"),  # early Easter
        (2025, "2025-04-20"),
        (2026, "2026-04-05"),
        (2027, "2027-03-28"),
        (2000, "2000-04-23"),  # century leap year
        (2038, "2038-04-25"),  # latest possible date
        (2285, "2285-03-22"),  # earliest possible date
    ],
)
def test_easter_sunday(year: int, easter: str) -> None:
    assert easter_sunday(year) == D(easter)


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2025, "2025-04-26"),  # 27 April 2025 is a Sunday -> Saturday 26 April
        (2026, "2026-04-27"),  # Monday: no shift
        (2014, "2014-04-26"),  # the first Koningsdag, 27 April was a Sunday
        (2031, "2031-04-26"),  # 27 April 2031 is a Sunday
        (2030, "2030-04-27"),  # Saturday stays (only a Sunday shifts)
    ],
)
def test_koningsdag(year: int, expected: str) -> None:
    assert koningsdag(year) == D(expected)


def test_public_holidays_2025_complete() -> None:
    assert [d.isoformat() for d, _ in public_holidays(2025)] == [
        "2025-01-01",  # Nieuwjaarsdag
        "2025-04-21",  # Tweede Paasdag
        "2025-04-26",  # Koningsdag (27th is a Sunday)
        "2025-05-05",  # Bevrijdingsdag (every year, as the contract lists it)
        "2025-05-29",  # Hemelvaartsdag = Easter + 39
        "2025-06-09",  # Tweede Pinksterdag = Easter + 50
        "2025-12-25",  # Eerste Kerstdag
        "2025-12-26",  # Tweede Kerstdag
    ]


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2025-04-18", True),  # Goede Vrijdag is no Atw holiday
        ("2025-04-21", False),  # Easter Monday
        ("2026-05-05", False),  # Bevrijdingsdag on a Tuesday, also in a non-lustrum year
        ("2026-05-14", False),  # Hemelvaartsdag
        ("2025-10-20", True),  # inside the autumn holiday: still a working day
        ("2025-11-15", False),  # Saturday
    ],
)
def test_is_working_day(day: str, working: bool) -> None:
    assert is_working_day(D(day)) is working


@pytest.mark.parametrize(
    ("start", "weeks", "end"),
    [
        ("2025-03-10", 6, "2025-04-22"),  # ends on Easter Monday 21 April -> Tuesday
        ("2026-03-16", 6, "2026-04-28"),  # ends on Koningsdag Monday 27 April 2026 -> Tuesday
        ("2025-03-15", 6, "2025-04-28"),  # ends on Koningsdag Saturday 26 April 2025 -> Sunday -> Monday 28
        ("2025-11-13", 6, "2025-12-29"),  # Christmas Thursday, Boxing Day Friday, weekend -> Monday 29
        ("2025-03-24", 6, "2025-05-06"),  # Bevrijdingsdag Monday 5 May -> Tuesday
        ("2026-04-02", 6, "2026-05-15"),  # Hemelvaartsdag Thursday 14 May -> Friday
        ("2026-04-13", 6, "2026-05-26"),  # Tweede Pinksterdag 25 May -> Tuesday
        ("2026-11-20", 6, "2027-01-04"),  # Nieuwjaarsdag Friday -> Monday 4 January
        ("2025-09-06", 6, "2025-10-20"),  # ends on a Saturday -> Monday
        ("2025-09-08", 6, "2025-10-20"),  # Monday inside the autumn holiday: school holidays do not shift
        ("2025-09-01", 10, "2025-11-10"),  # plain 10 weeks, a Monday
        ("2025-09-15", 10, "2025-11-24"),  # 6 + 4 weeks of ZP-05
    ],
)
def test_statutory_term_end_atw01(start: str, weeks: int, end: str) -> None:
    assert statutory_term_end(D(start), weeks) == D(end)


@pytest.mark.parametrize(
    ("start", "n", "end"),
    [
        ("2025-11-05", 5, "2025-11-12"),  # Wed -> Wed, over a weekend
        ("2025-11-13", 5, "2025-11-20"),  # Thu -> Thu
        ("2025-04-17", 5, "2025-04-25"),  # Goede Vrijdag counts, Easter Monday does not
        ("2025-12-22", 5, "2025-12-31"),  # both Christmas days skipped; the school holiday is no reason
        ("2025-11-15", 1, "2025-11-17"),  # from a Saturday
    ],
)
def test_add_working_days(start: str, n: int, end: str) -> None:
    assert add_working_days(D(start), n) == D(end)


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        ("2025-11-03", 3, "2026-02-03"),  # day number kept
        ("2025-11-30", 3, "2026-02-28"),  # clamped to end of February
        ("2023-11-30", 3, "2024-02-29"),  # leap year
        ("2025-01-31", 1, "2025-02-28"),
        ("2025-08-31", 1, "2025-09-30"),
        ("2025-12-15", 3, "2026-03-15"),  # over the year boundary
    ],
)
def test_add_months(start: str, months: int, end: str) -> None:
    assert add_months(D(start), months) == D(end)


def test_add_years_29_february() -> None:
    assert add_years(D("2016-02-29"), 5) == D("2021-02-28")  # falls on 28 Feb in other years
    assert add_years(D("2016-02-29"), 4) == D("2020-02-29")


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        ("2025-08-01", "2025-08-01", "2026-07-31"),  # first day of the school year
        ("2025-07-31", "2024-08-01", "2025-07-31"),  # last day
        ("2026-01-15", "2025-08-01", "2026-07-31"),
    ],
)
def test_school_year(day: str, start: str, end: str) -> None:
    assert school_year_start(D(day)) == D(start)
    assert school_year_end(D(day)) == D(end)


@pytest.mark.parametrize(
    ("day", "regio", "school_day"),
    [
        ("2025-10-13", "zuid", False),  # herfstvakantie zuid 11-19 Oct 2025
        ("2025-10-13", "midden", True),
        ("2025-10-20", "midden", False),  # herfstvakantie noord/midden 18-26 Oct 2025
        ("2025-10-20", "noord", False),
        ("2025-10-20", "zuid", True),
        ("2025-12-22", "noord", False),  # kerstvakantie: 'heel Nederland' applies to all regions
        ("2025-12-22", "zuid", False),
        ("2026-02-16", "midden", False),  # voorjaarsvakantie midden/zuid 14-22 Feb 2026
        ("2026-02-16", "noord", True),
        ("2026-02-23", "noord", False),  # voorjaarsvakantie noord 21 Feb - 1 Mar 2026
        ("2026-02-23", "midden", True),
        ("2026-05-04", "midden", True),  # first day after the meivakantie
        ("2026-05-05", "midden", False),  # Bevrijdingsdag
        ("2024-08-05", "midden", True),  # before the table (starts Oct 2024): only weekends/holidays
        ("2024-09-02", "zuid", True),
        ("2030-09-02", "noord", True),  # after the table's last end date (1 Sep 2030)
        ("2030-09-01", "noord", False),  # last day of the table (and a Sunday)
    ],
)
def test_is_school_day(day: str, regio: str, school_day: bool) -> None:
    assert CAL.is_school_day(D(day), regio) is school_day


@pytest.mark.parametrize(
    ("day", "regio", "lesweek"),
    [
        ("2025-12-24", "midden", False),  # Christmas week: no school day
        ("2025-10-22", "midden", False),  # autumn holiday week
        ("2025-10-22", "zuid", True),
        ("2026-04-29", "zuid", False),  # meivakantie week
        ("2026-05-07", "zuid", True),  # Mon 4 May is a school day (5 May is Bevrijdingsdag)
    ],
)
def test_is_lesweek(day: str, regio: str, lesweek: bool) -> None:
    assert CAL.is_lesweek(D(day), regio) is lesweek


def test_previous_lesweken_skip_holiday_weeks() -> None:
    # week of 27 Oct 2025 (midden): the autumn holiday week of 20 Oct is skipped
    assert CAL.previous_lesweken(D("2025-10-27"), "midden", 3) == [
        D("2025-10-13"),
        D("2025-10-06"),
        D("2025-09-29"),
    ]
    assert CAL.previous_lesweken(D("2025-10-27"), "zuid", 3) == [
        D("2025-10-20"),
        D("2025-10-06"),
        D("2025-09-29"),
    ]


def test_days_excluding_holidays() -> None:
    # 1 Oct - 15 Dec 2025 = 76 days, minus the autumn holiday midden (9 days)
    assert CAL.days_excluding_holidays(D("2025-10-01"), D("2025-12-15"), "midden") == 67
    assert (
        CAL.days_excluding_holidays(D("2025-10-01"), D("2025-12-15"), "zuid") == 76 - 9
    )  # zuid: 11-19 Oct, all 9 days inside


def test_calendar_from_plain_tuples() -> None:
    cal = Calendar(
        holidays=[
            ("heel Nederland", date(2031, 1, 5), date(2031, 1, 9), "test"),
            ("Midden", "2031-02-03", "2031-02-07", "x"),
        ]
    )
    assert not cal.is_school_day(D("2031-01-06"), "zuid")
    assert not cal.is_school_day(D("2031-02-03"), "midden")
    assert cal.is_school_day(D("2031-02-03"), "noord")
    assert cal.coverage == (D("2031-01-05"), D("2031-02-07"))
    assert Calendar().is_school_day(D("2025-10-20"), "midden")  # empty calendar: only weekends/holidays


def test_holiday_period_validation() -> None:
    with pytest.raises(ValueError, match="vakantieregio"):
        HolidayPeriod("oost", D("2025-01-01"), D("2025-01-02"))
    with pytest.raises(ValueError, match="before start"):
        HolidayPeriod("noord", D("2025-01-02"), D("2025-01-01"))


def test_bundled_csv_matches_shared_copy() -> None:
    periods = load_school_holidays(
        __import__("pathlib").Path(__file__).resolve().parents[1] / "data" / "schoolvakanties.csv"
    )
    assert len(periods) == 66
    assert len(default_calendar().periods) == 66


def test_is_public_holiday_other_years() -> None:
    assert is_public_holiday(D("1999-05-13"))  # Hemelvaart 1999 (Easter 4 April)
    assert is_public_holiday(D("2100-12-26"))
