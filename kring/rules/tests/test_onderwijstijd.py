"""OT-02 and TZ-06 (catalog v2): a reduced programme needs the inspectorate's consent first (po,
sbo, so; leerplichtig), and a partial programme of more than 28 days is a hidden case."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import afw, ev, ins, obligations, run, scen

SCHOOL = "De Regenboog"
BIRTH = "2016-04-10"  # leerplichtig since 3 May 2021


def minder(date: str, to: str | None = None, school: str = SCHOOL) -> dict[str, Any]:
    e = ev(date, "onderwijstijd_verminderd", school=school, uren_per_week=10)
    if to is not None:
        e["to"] = to
    return e


def instemming(date: str, to: str | None = None, school: str = SCHOOL) -> dict[str, Any]:
    e = ev(date, "instemming_inspectie_onderwijstijd", school=school)
    if to is not None:
        e["to"] = to
    return e


@pytest.mark.parametrize(
    ("events", "as_of", "expected"),
    [
        # no consent: due the first reduced day, 12 Jan; overdue from 13 Jan
        ([minder("2026-01-12")], "2026-01-12", [(SCHOOL, "2026-01-12", "open")]),
        ([minder("2026-01-12")], "2026-03-16", [(SCHOOL, "2026-01-12", "overdue")]),
        # consent first -> met; consent later -> met_late
        ([instemming("2026-01-05"), minder("2026-01-12")], "2026-03-16", [(SCHOOL, "2026-01-12", "met")]),
        (
            [minder("2026-01-12"), instemming("2026-02-02")],
            "2026-03-16",
            [(SCHOOL, "2026-01-12", "met_late")],
        ),
        # a consent for another school, one that ended before the due, or one after the reduction ended: none
        (
            [minder("2026-01-12"), instemming("2026-01-05", school="X")],
            "2026-03-16",
            [(SCHOOL, "2026-01-12", "overdue")],
        ),
        (
            [instemming("2025-09-01", to="2025-12-19"), minder("2026-01-12")],
            "2026-03-16",
            [(SCHOOL, "2026-01-12", "overdue")],
        ),
        (
            [minder("2026-01-12", to="2026-01-30"), instemming("2026-02-02")],
            "2026-03-16",
            [(SCHOOL, "2026-01-12", "overdue")],
        ),
        # a consent until the due day itself is enough
        (
            [instemming("2025-09-01", to="2026-01-12"), minder("2026-01-12")],
            "2026-03-16",
            [(SCHOOL, "2026-01-12", "met")],
        ),
        # at another school than the one enrolled at: no obligation
        ([minder("2026-01-12", school="X")], "2026-03-16", []),
    ],
)
def test_ot02(events: list[dict[str, Any]], as_of: str, expected: list[Any]) -> None:
    result = run(scen(as_of, [ins("2024-09-02", SCHOOL, "po"), *events], birth=BIRTH))
    assert obligations(result, "OT-02") == expected


def test_ot02_only_po_sbo_so_and_only_while_leerplichtig() -> None:
    vo = run(scen("2026-03-16", [ins("2024-09-02", SCHOOL, "vo"), minder("2026-01-12")], birth=BIRTH))
    assert obligations(vo, "OT-02") == []
    # born 10 Mar 2021: 5 on 10 Mar 2026, leerplichtig from Wed 1 Apr 2026 -> due 1 Apr
    young = run(
        scen("2026-04-20", [ins("2025-03-11", SCHOOL, "po"), minder("2026-01-12")], birth="2021-03-10")
    )
    assert obligations(young, "OT-02") == [(SCHOOL, "2026-04-01", "overdue")]
    # a reduction that ended before leerplicht started needs no consent
    ended = [ins("2025-03-11", SCHOOL, "po"), minder("2026-01-12", to="2026-03-31")]
    assert obligations(run(scen("2026-04-20", ended, birth="2021-03-10")), "OT-02") == []
    # enrolled at the school only later: due on the day of the inschrijving, Mon 2 Feb
    later = run(scen("2026-03-16", [minder("2026-01-12"), ins("2026-02-02", SCHOOL, "sbo")], birth=BIRTH))
    assert obligations(later, "OT-02") == [(SCHOOL, "2026-02-02", "overdue")]


def hidden(result: dict[str, Any]) -> list[tuple[str, str]]:
    return [(v["reason"], v["since"]) for v in result["verborgen"]]


@pytest.mark.parametrize(
    ("events", "as_of", "expected"),
    [
        # 12 Jan to 16 Mar: 64 days minus the voorjaarsvakantie (midden, 14-22 Feb: 9 days) = 55 > 28
        ([minder("2026-01-12")], "2026-03-16", [("gedeeltelijk_programma", "2026-01-12")]),
        # 2 Mar to 16 Mar: 15 days, not more than 28
        ([minder("2026-03-02")], "2026-03-16", []),
        # 9 Feb to 16 Mar: 36 days minus 9 = 27; to 17 Mar: 28 (not more); to 18 Mar: 29
        ([minder("2026-02-09")], "2026-03-17", []),
        ([minder("2026-02-09")], "2026-03-18", [("gedeeltelijk_programma", "2026-02-09")]),
        # two reductions with only the holiday between them are one run
        (
            [minder("2026-01-12", to="2026-02-13"), minder("2026-02-23")],
            "2026-03-16",
            [("gedeeltelijk_programma", "2026-01-12")],
        ),
        # a school day between them without a reduction breaks the run (it restarts 24 Feb)
        ([minder("2026-01-12", to="2026-02-13"), minder("2026-02-24")], "2026-03-16", []),
        # a reduction that ended: no run up to as_of
        ([minder("2026-01-12", to="2026-03-06")], "2026-03-16", []),
        # a reduction at a school the child is not enrolled at does not count
        ([minder("2026-01-12", school="X")], "2026-03-16", []),
    ],
)
def test_tz06(events: list[dict[str, Any]], as_of: str, expected: list[Any]) -> None:
    result = run(scen(as_of, [ins("2024-09-02", SCHOOL, "vo"), *events], birth=BIRTH))
    assert hidden(result) == expected


def test_tz06_not_beside_a_thuiszitter_and_it_starts_kr3m() -> None:
    events = [ins("2024-09-02", SCHOOL, "po"), minder("2026-01-12")]
    result = run(scen("2026-03-16", events, birth=BIRTH))
    kr3m = [o for o in result["obligations"] if o["rule"] == "KR-3M"]
    assert [(o["due"], o["status"]) for o in kr3m] == [("2026-04-12", "open")]  # 12 Jan + 3 months
    truant = run(scen("2026-03-16", [*events, afw("2026-01-12")], birth=BIRTH))
    assert truant["thuiszitter"] is not None
    assert hidden(truant) == []
