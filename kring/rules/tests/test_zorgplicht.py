"""ZP-05, ZP-06, ZP-10, ZP-11 and LPW-47."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import ev, ins, obligations, run, scen, violations


def aanm(date: str, school: str = "De Brug") -> dict[str, Any]:
    return ev(date, "aanmelding", school=school)


def besluit(date: str, school: str = "De Brug", outcome: str = "toegelaten") -> dict[str, Any]:
    return ev(date, "aanmelding_besluit", school=school, outcome=outcome)


def verl(date: str, school: str = "De Brug") -> dict[str, Any]:
    return ev(date, "aanmelding_verlenging", school=school)


@pytest.mark.parametrize(
    ("events", "as_of", "expected"),
    [
        # 15 Sep + 6 weeks = Mon 27 Oct; decided 20 Oct -> met
        ([aanm("2025-09-15"), besluit("2025-10-20")], "2025-11-01", [("De Brug", "2025-10-27", "met")]),
        # decided after the due date -> met_late
        ([aanm("2025-09-15"), besluit("2025-10-28")], "2025-11-01", [("De Brug", "2025-10-27", "met_late")]),
        # no decision yet, due not passed -> open; passed -> overdue
        ([aanm("2025-09-15")], "2025-10-27", [("De Brug", "2025-10-27", "open")]),
        ([aanm("2025-09-15")], "2025-10-28", [("De Brug", "2025-10-27", "overdue")]),
        # verlenging within the 6 weeks: due = 15 Sep + 10 weeks = 24 Nov
        ([aanm("2025-09-15"), verl("2025-10-06")], "2025-11-01", [("De Brug", "2025-11-24", "open")]),
        # verlenging on the 6-week due date itself still counts
        ([aanm("2025-09-15"), verl("2025-10-27")], "2025-11-01", [("De Brug", "2025-11-24", "open")]),
        # a late verlenging (after the 6-week due) does not count
        ([aanm("2025-09-15"), verl("2025-10-28")], "2025-11-01", [("De Brug", "2025-10-27", "overdue")]),
        # a verlenging by another school does not count
        (
            [aanm("2025-09-15"), verl("2025-10-06", "Het Anker")],
            "2025-11-01",
            [("De Brug", "2025-10-27", "overdue")],
        ),
        # 6 weeks from 10 March 2025 end on Easter Monday -> Tuesday 22 April
        ([aanm("2025-03-10")], "2025-04-22", [("De Brug", "2025-04-22", "open")]),
        # an afwijzing is also a decision
        (
            [aanm("2025-09-15"), besluit("2025-10-01", outcome="afgewezen")],
            "2025-11-01",
            [("De Brug", "2025-10-27", "met")],
        ),
    ],
)
def test_zp05(events: list[dict[str, Any]], as_of: str, expected: list[Any]) -> None:
    assert obligations(run(scen(as_of, events, birth="2021-01-10")), "ZP-05") == expected


@pytest.mark.parametrize(
    ("events", "as_of", "expected"),
    [
        # T = 1 Sep + 10 weeks = Mon 10 Nov; no decision, not enrolled elsewhere -> due 11 Nov
        ([aanm("2025-09-01")], "2025-11-20", [("De Brug", "2025-11-11", "overdue")]),
        ([aanm("2025-09-01")], "2025-11-09", []),  # T not reached yet
        ([aanm("2025-09-01")], "2025-11-10", [("De Brug", "2025-11-11", "open")]),  # arises on T
        # a decision on T: no ZP-06
        ([aanm("2025-09-01"), besluit("2025-11-10")], "2025-11-20", []),
        # a decision after T: ZP-06 arises anyway
        ([aanm("2025-09-01"), besluit("2025-11-12")], "2025-11-20", [("De Brug", "2025-11-11", "overdue")]),
        # enrolled at another school on T: no ZP-06
        ([ins("2025-08-25", "Het Anker", "po"), aanm("2025-09-01")], "2025-11-20", []),
        # enrolled elsewhere, but deregistered there before T: ZP-06 arises
        (
            [
                ins("2025-08-25", "Het Anker", "po"),
                aanm("2025-09-01"),
                ev("2025-11-03", "uitschrijving", school="Het Anker", grond="inschrijving_elders"),
            ],
            "2025-11-20",
            [("De Brug", "2025-11-11", "overdue")],
        ),
        # the school enrols the child by T + 1 -> met; later -> met_late
        (
            [aanm("2025-09-01"), ins("2025-11-11", "De Brug", "po")],
            "2025-11-20",
            [("De Brug", "2025-11-11", "met")],
        ),
        (
            [aanm("2025-09-01"), ins("2025-11-14", "De Brug", "po")],
            "2025-11-20",
            [("De Brug", "2025-11-11", "met_late")],
        ),
    ],
)
def test_zp06(events: list[dict[str, Any]], as_of: str, expected: list[Any]) -> None:
    assert obligations(run(scen(as_of, events, birth="2019-06-05")), "ZP-06") == expected


def schorsing(date: str, to: str, school: str = "De Linde") -> dict[str, Any]:
    return ev(date, "schorsing", school=school, to=to)


@pytest.mark.parametrize(
    ("events", "obl", "vio"),
    [
        # 1 day: nothing to report
        ([schorsing("2025-11-10", "2025-11-10")], [], []),
        # 2 days: report to the inspectorate (no term) -> open until reported
        ([schorsing("2025-11-10", "2025-11-11")], [("De Linde", None, "open")], []),
        (
            [
                schorsing("2025-11-10", "2025-11-11"),
                ev("2025-11-12", "schorsing_gemeld_inspectie", school="De Linde"),
            ],
            [("De Linde", None, "met")],
            [],
        ),
        # reported by another school: does not count
        (
            [
                schorsing("2025-11-10", "2025-11-11"),
                ev("2025-11-12", "schorsing_gemeld_inspectie", school="X"),
            ],
            [("De Linde", None, "open")],
            [],
        ),
        # 7 days (10-16 Nov): allowed
        ([schorsing("2025-11-10", "2025-11-16")], [("De Linde", None, "open")], []),
        # 8 days (10-17 Nov): violation on the date of the schorsing
        ([schorsing("2025-11-10", "2025-11-17")], [("De Linde", None, "open")], [("De Linde", "2025-11-10")]),
    ],
)
def test_zp10(events: list[dict[str, Any]], obl: list[Any], vio: list[Any]) -> None:
    result = run(scen("2025-12-01", [ins("2024-09-02", "De Linde", "po"), *events], birth="2016-09-30"))
    assert obligations(result, "ZP-10") == obl
    assert violations(result, "ZP-10") == vio


@pytest.mark.parametrize(
    ("birth", "events", "expected"),
    [
        # leerplichtig, no other school willing -> violation
        ("2016-09-30", [ev("2025-11-20", "verwijdering", school="De Linde")], [("De Linde", "2025-11-20")]),
        # another school declared itself willing on the same day -> allowed
        (
            "2016-09-30",
            [
                ev("2025-11-20", "andere_school_bereid", school="Het Anker"),
                ev("2025-11-20", "verwijdering", school="De Linde"),
            ],
            [],
        ),
        # ... even if listed after the verwijdering in the input (same date: 'on or before')
        (
            "2016-09-30",
            [
                ev("2025-11-20", "verwijdering", school="De Linde"),
                ev("2025-11-20", "andere_school_bereid", school="Het Anker"),
            ],
            [],
        ),
        # willing only the day after -> violation
        (
            "2016-09-30",
            [
                ev("2025-11-20", "verwijdering", school="De Linde"),
                ev("2025-11-21", "andere_school_bereid", school="Het Anker"),
            ],
            [("De Linde", "2025-11-20")],
        ),
        # only kwalificatieplichtig (leerplicht ended 31 July 2025): ZP-11 does not apply
        ("2009-01-10", [ev("2025-11-20", "verwijdering", school="De Linde")], []),
    ],
)
def test_zp11(birth: str, events: list[dict[str, Any]], expected: list[Any]) -> None:
    result = run(scen("2025-12-01", [ins("2024-09-02", "De Linde", "vo"), *events], birth=birth))
    assert violations(result, "ZP-11") == expected


def uit(date: str, grond: str, school: str = "De Linde") -> dict[str, Any]:
    return ev(date, "uitschrijving", school=school, grond=grond)


@pytest.mark.parametrize(
    ("birth", "events", "expected"),
    [
        # grond overig during leerplicht -> violation
        ("2016-09-30", [uit("2025-10-01", "overig")], [("De Linde", "2025-10-01")]),
        # grond vrijstelling -> allowed
        ("2016-09-30", [uit("2025-10-01", "vrijstelling")], []),
        # inschrijving_elders and enrolled at the new school that day -> allowed
        ("2016-09-30", [ins("2025-10-01", "Het Anker", "po"), uit("2025-10-01", "inschrijving_elders")], []),
        # ... also when the enrolment is listed after the uitschrijving in the input
        ("2016-09-30", [uit("2025-10-01", "inschrijving_elders"), ins("2025-10-01", "Het Anker", "po")], []),
        # inschrijving_elders but the new school only enrols the next day -> violation
        (
            "2016-09-30",
            [uit("2025-10-01", "inschrijving_elders"), ins("2025-10-02", "Het Anker", "po")],
            [("De Linde", "2025-10-01")],
        ),
        # kwalificatieplichtig: LPW-47 applies too
        ("2009-01-10", [uit("2025-10-01", "overig")], [("De Linde", "2025-10-01")]),
        # 18 or older: not leerplichtig any more
        ("2007-01-10", [uit("2025-10-01", "overig")], []),
        # before leerplicht starts (4 years old): allowed
        ("2021-03-10", [uit("2025-10-01", "overig")], []),
    ],
)
def test_lpw47(birth: str, events: list[dict[str, Any]], expected: list[Any]) -> None:
    result = run(scen("2025-12-01", [ins("2024-09-02", "De Linde", "po"), *events], birth=birth))
    assert violations(result, "LPW-47") == expected
