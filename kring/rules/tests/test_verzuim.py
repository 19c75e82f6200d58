"""LPW-20 / LPW-21 (16 hours in 4 lesweken, verzuimmelding) and TZ-01 / verborgen."""

from __future__ import annotations

from typing import Any

import pytest

from kring.rules import Calendar

from .helpers import afw, ev, ins, obligations, run, scen

ENROLLED = ins("2025-09-01", "College")


def lpw21(
    events: list[dict[str, Any]], as_of: str = "2025-12-01", calendar: Calendar | None = None
) -> list[Any]:
    return obligations(run(scen(as_of, [ENROLLED, *events]), calendar=calendar), "LPW-21")


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        # 4 days x 4 h = 16 h on Thu 13 Nov: threshold reached (>= 16), due 5 working days later
        ([afw("2025-11-10", to="2025-11-13", hours=4)], [("College", "2025-11-20", "overdue")]),
        # 3 days x 5 h = 15 h: below the threshold
        ([afw("2025-11-10", to="2025-11-12", hours=5)], []),
        # melding within 5 working days -> met; after -> met_late
        (
            [afw("2025-11-10", to="2025-11-13", hours=4), ev("2025-11-20", "verzuimmelding")],
            [("College", "2025-11-20", "met")],
        ),
        (
            [afw("2025-11-10", to="2025-11-13", hours=4), ev("2025-11-21", "verzuimmelding")],
            [("College", "2025-11-20", "met_late")],
        ),
        # threshold on a Wednesday before the weekend: due the next Wednesday, still open on as_of
        ([afw("2025-11-24", to="2025-11-26", hours=6)], [("College", "2025-12-03", "open")]),
        # window slides across the autumn holiday (midden 18-26 Oct): 4 h in each of the lesweken of
        # 29 Sep, 6 Oct, 13 Oct and 27 Oct = 16 h within 4 consecutive lesweken -> threshold Mon 27 Oct
        (
            [
                afw("2025-09-29", to="2025-09-29", hours=4),
                afw("2025-10-06", to="2025-10-06", hours=4),
                afw("2025-10-13", to="2025-10-13", hours=4),
                afw("2025-10-27", to="2025-10-27", hours=4),
            ],
            [("College", "2025-11-03", "overdue")],
        ),
        # 10 h in the week of 1 Sep and 10 h five lesweken later: never 16 within 4 lesweken
        ([afw("2025-09-01", to="2025-09-02", hours=5), afw("2025-09-29", to="2025-09-30", hours=5)], []),
        # absence on non-school days (autumn holiday) does not count
        ([afw("2025-10-18", to="2025-10-26", hours=8)], []),
        # ziek / geoorloofd hours do not count
        ([afw("2025-11-10", to="2025-11-14", reden="ziek", hours=8)], []),
        # a later event (higher index) covering the same days wins: ziek overrides ongeoorloofd
        ([afw("2025-11-10", to="2025-11-13", hours=4), afw("2025-11-13", to="2025-11-13", reden="ziek")], []),
        # ... and the other way round (index order, not date order, decides)
        (
            [afw("2025-11-13", to="2025-11-13", reden="ziek"), afw("2025-11-10", to="2025-11-13", hours=4)],
            [("College", "2025-11-20", "overdue")],
        ),
    ],
)
def test_lpw21_thresholds(events: list[dict[str, Any]], expected: list[Any]) -> None:
    assert lpw21(events) == expected


def test_window_without_holiday_skip_differs() -> None:
    # same hours as the holiday row above, but with an empty calendar the autumn week is a lesweek,
    # so the 4 h of 29 Sep falls outside the window of 27 Oct -> no threshold
    events = [afw(d, to=d, hours=4) for d in ("2025-09-29", "2025-10-06", "2025-10-13", "2025-10-27")]
    assert lpw21(events, calendar=Calendar()) == []


def test_open_melding_suppresses_new_lpw21() -> None:
    # 6 h a day from Mon 3 Nov, never back: threshold Wed 5 Nov (18 h), melding Mon 10 Nov.
    # The new count (6, 7, 10 Nov) would reach 18 h on 10 Nov, the melding's own date -> none,
    # and while the melding is open (pupil keeps being absent) no new LPW-21 arises.
    events = [afw("2025-11-03", hours=6), ev("2025-11-10", "verzuimmelding")]
    assert lpw21(events, as_of="2026-03-02") == [("College", "2025-11-12", "met")]


def test_without_melding_every_new_16_hours_is_a_new_obligation() -> None:
    # 6 h a day from Mon 3 Nov: thresholds on 5 Nov, 10 Nov (6 + 7 + 10 Nov), 13 Nov (11-13 Nov)
    result = lpw21([afw("2025-11-03", hours=6)], as_of="2025-11-14")
    assert result == [
        ("College", "2025-11-12", "overdue"),
        ("College", "2025-11-17", "open"),
        ("College", "2025-11-20", "open"),
    ]


def test_threshold_on_melding_date_creates_none() -> None:
    # 5 h a day from Mon 3 Nov: 20 h on Thu 6 Nov; the school reports that same day
    events = [afw("2025-11-03", to="2025-11-07", hours=5), ev("2025-11-06", "verzuimmelding")]
    assert lpw21(events) == []


def test_vervolgmelding_after_melding_closed() -> None:
    # 4 x 4 h -> threshold Thu 6 Nov, melding Fri 7 Nov (pupil present: the melding closes that day).
    # Again 4 x 4 h 17-20 Nov -> a new 16 h -> vervolgmelding due 27 Nov, overdue on 1 Dec.
    events = [
        afw("2025-11-03", to="2025-11-06", hours=4),
        ev("2025-11-07", "verzuimmelding"),
        afw("2025-11-17", to="2025-11-20", hours=4),
    ]
    assert lpw21(events) == [("College", "2025-11-13", "met"), ("College", "2025-11-27", "overdue")]


def test_count_restarts_when_open_melding_closes() -> None:
    # 5 h a day 3-14 Nov, threshold Thu 6 Nov; melding Fri 7 Nov while still absent (stays open
    # until Mon 17 Nov, the first day present). The count starts afresh on 17 Nov: 4 x 4 h
    # 24-27 Nov -> threshold 27 Nov, due 4 Dec.
    events = [
        afw("2025-11-03", to="2025-11-14", hours=5),
        ev("2025-11-07", "verzuimmelding"),
        afw("2025-11-24", to="2025-11-27", hours=4),
    ]
    assert lpw21(events) == [("College", "2025-11-13", "met"), ("College", "2025-12-04", "open")]


def test_one_melding_fulfils_all_earlier_obligations() -> None:
    events = [
        afw("2025-11-03", to="2025-11-06", hours=4),
        afw("2025-11-10", to="2025-11-13", hours=4),
        ev("2025-11-24", "verzuimmelding"),
    ]
    assert lpw21(events) == [("College", "2025-11-13", "met_late"), ("College", "2025-11-20", "met_late")]


def test_no_obligation_when_not_enrolled() -> None:
    result = run(scen("2025-12-01", [afw("2025-11-10", to="2025-11-13", hours=4)]))
    assert obligations(result, "LPW-21") == []


# ---------------------------------------------------------------- TZ-01


def tz(events: list[dict[str, Any]], as_of: str, birth: str = "2012-01-15") -> Any:
    return run(scen(as_of, events, birth=birth))["thuiszitter"]


@pytest.mark.parametrize(
    ("events", "as_of", "expected"),
    [
        # ongeoorloofd from Mon 1 Sep: 28 days on 28 Sep -> not yet (needs > 28)
        ([ENROLLED, afw("2025-09-01")], "2025-09-28", None),
        # 29 days on 29 Sep -> langdurig relatief verzuim
        ([ENROLLED, afw("2025-09-01")], "2025-09-29", ("langdurig_relatief_verzuim", "2025-09-01", 29)),
        # over the autumn holiday: 6 Oct - 11 Nov = 37 days minus 9 holiday days = 28 -> none
        ([ENROLLED, afw("2025-10-06")], "2025-11-11", None),
        ([ENROLLED, afw("2025-10-06")], "2025-11-12", ("langdurig_relatief_verzuim", "2025-10-06", 29)),
        # two afwezig events with no school day between them (a weekend) form one run
        (
            [ENROLLED, afw("2025-09-01", to="2025-09-05"), afw("2025-09-08")],
            "2025-10-10",
            ("langdurig_relatief_verzuim", "2025-09-01", 40),
        ),
        # ... also across the autumn holiday (last school day Fri 17 Oct, first after Mon 27 Oct)
        # (22 Sep - 29 Oct = 38 days minus 9 holiday days = 29)
        (
            [ENROLLED, afw("2025-09-22", to="2025-10-17"), afw("2025-10-27")],
            "2025-10-29",
            ("langdurig_relatief_verzuim", "2025-09-22", 29),
        ),
        # one school day present breaks the run: since = 9 Sep
        (
            [ENROLLED, afw("2025-09-01", to="2025-09-05"), afw("2025-09-09")],
            "2025-10-10",
            ("langdurig_relatief_verzuim", "2025-09-09", 32),
        ),
        # a ziek day with a higher index breaks the run
        ([ENROLLED, afw("2025-09-01"), afw("2025-09-15", to="2025-09-15", reden="ziek")], "2025-10-10", None),
        # ... with a lower index it is overruled by the ongoing ongeoorloofd absence
        (
            [ENROLLED, afw("2025-09-15", to="2025-09-15", reden="ziek"), afw("2025-09-01")],
            "2025-10-10",
            ("langdurig_relatief_verzuim", "2025-09-01", 40),
        ),
        # a running vrijstelling: no thuiszitter
        ([ENROLLED, afw("2025-09-01"), ev("2025-09-10", "vrijstelling", artikel="5b")], "2025-10-10", None),
        # absoluut verzuim: deregistered, since the day of the uitschrijving, holidays excluded
        (
            [ENROLLED, ev("2025-10-01", "uitschrijving", school="College", grond="overig")],
            "2025-12-15",
            ("absoluut_verzuim", "2025-10-01", 67),
        ),
        # absoluut verzuim from the end of a vrijstelling
        (
            [ev("2025-01-01", "vrijstelling", artikel="5b", to="2025-09-30")],
            "2025-10-10",
            ("absoluut_verzuim", "2025-10-01", 10),
        ),
    ],
)
def test_thuiszitter(events: list[dict[str, Any]], as_of: str, expected: Any) -> None:
    result = tz(events, as_of)
    assert (None if result is None else (result["category"], result["since"], result["days"])) == expected


def test_absoluut_verzuim_never_enrolled_from_leerplicht_start() -> None:
    # turns 5 on 10 June 2024 -> leerplichtig from Mon 1 July 2024 (before the holiday table: the
    # summer of 2024 counts as days) -> 64 days on 2 Sep 2024
    result = tz([], "2024-09-02", birth="2019-06-10")
    assert result == {"category": "absoluut_verzuim", "since": "2024-07-01", "days": 64}


@pytest.mark.parametrize(
    ("birth", "as_of", "category"),
    [
        ("2021-06-10", "2025-12-01", None),  # nog niet leerplichtig: not a thuiszitter
        ("2009-03-01", "2026-01-10", "absoluut_verzuim"),  # kwalificatieplichtig, not enrolled
        ("2007-03-01", "2026-01-10", None),  # 18 or older
    ],
)
def test_absoluut_verzuim_status(birth: str, as_of: str, category: str | None) -> None:
    result = tz([], as_of, birth=birth)
    assert (result["category"] if result else None) == category


# ---------------------------------------------------------------- verborgen


def verborgen(events: list[dict[str, Any]], as_of: str) -> list[tuple[str, str]]:
    return [(v["reason"], v["since"]) for v in run(scen(as_of, events))["verborgen"]]


@pytest.mark.parametrize(
    ("events", "as_of", "expected"),
    [
        # a running 5a exemption is hidden, not a thuiszitter
        ([ev("2025-03-01", "vrijstelling", artikel="5a")], "2025-10-01", [("vrijstelling_5a", "2025-03-01")]),
        ([ev("2025-03-01", "vrijstelling", artikel="5a", to="2025-07-31")], "2025-10-01", []),  # ended
        ([ev("2025-03-01", "vrijstelling", artikel="5b")], "2025-10-01", []),  # 5b is not 5a
        # long-term ill: 28 days -> not yet, 29 -> langdurig_ziek
        ([ENROLLED, afw("2025-09-01", reden="ziek")], "2025-09-28", []),
        ([ENROLLED, afw("2025-09-01", reden="ziek")], "2025-09-29", [("langdurig_ziek", "2025-09-01")]),
        # ill but not enrolled: absoluut verzuim instead, not langdurig_ziek
        ([afw("2025-09-01", reden="ziek")], "2025-10-29", []),
    ],
)
def test_verborgen(events: list[dict[str, Any]], as_of: str, expected: list[tuple[str, str]]) -> None:
    assert verborgen(events, as_of) == expected


def test_5a_not_thuiszitter() -> None:
    result = run(scen("2025-10-01", [ev("2025-03-01", "vrijstelling", artikel="5a")]))
    assert result["thuiszitter"] is None
