"""OPP-04 .. OPP-07."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import ev, ins, obligations, run, scen, violations

BIRTH = "2015-01-20"


def opp(date: str, consent: bool = True) -> dict[str, Any]:
    return ev(date, "opp_vastgesteld", instemming_handelingsdeel=consent)


def evaluatie(date: str, ouders: bool = True, leerling: bool = True) -> dict[str, Any]:
    return ev(date, "opp_evaluatie", met_ouders=ouders, met_leerling=leerling)


@pytest.mark.parametrize(
    ("events", "as_of", "expected"),
    [
        # so enrolment 1 Sep 2025 -> OPP within 6 weeks: 13 Oct
        (
            [ins("2025-09-01", "De Zon", "so"), opp("2025-10-13")],
            "2025-12-01",
            [("De Zon", "2025-10-13", "met")],
        ),
        (
            [ins("2025-09-01", "De Zon", "so"), opp("2025-10-20")],
            "2025-12-01",
            [("De Zon", "2025-10-13", "met_late")],
        ),
        ([ins("2025-09-01", "De Zon", "so")], "2025-10-13", [("De Zon", "2025-10-13", "open")]),
        ([ins("2025-09-01", "De Zon", "so")], "2025-10-14", [("De Zon", "2025-10-13", "overdue")]),
        # regular vo with extra_ondersteuning: 8 Sep + 6 weeks = Mon 20 Oct (autumn holiday does not shift)
        (
            [ins("2025-09-08", "Het Lyceum", "vo", extra_ondersteuning=True)],
            "2025-10-21",
            [("Het Lyceum", "2025-10-20", "overdue")],
        ),
        # regular po without extra ondersteuning: no OPP-05
        ([ins("2025-09-01", "De Linde", "po")], "2025-12-01", []),
        # vso and sbo count as well
        ([ins("2025-09-01", "VSO Kompas", "vso")], "2025-09-02", [("VSO Kompas", "2025-10-13", "open")]),
        (
            [ins("2025-09-01", "SBO De Wissel", "sbo")],
            "2025-09-02",
            [("SBO De Wissel", "2025-10-13", "open")],
        ),
    ],
)
def test_opp05(events: list[dict[str, Any]], as_of: str, expected: list[Any]) -> None:
    assert obligations(run(scen(as_of, events, birth=BIRTH)), "OPP-05") == expected


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        ([opp("2025-10-01", consent=False)], [("De Zon", None, "open")]),
        ([opp("2025-10-01", consent=False), ev("2025-11-03", "opp_instemming")], [("De Zon", None, "met")]),
        ([opp("2025-10-01", consent=True)], []),
    ],
)
def test_opp04(events: list[dict[str, Any]], expected: list[Any]) -> None:
    result = run(scen("2025-12-01", [ins("2025-09-01", "De Zon", "so"), *events], birth=BIRTH))
    assert obligations(result, "OPP-04") == expected


@pytest.mark.parametrize(
    ("events", "as_of", "expected"),
    [
        # first OPP in 2024-2025: no evaluation due in that same school year
        ([], "2025-07-31", []),
        # school year 2025-2026 has begun: due 31 July 2026 (not shifted), open
        ([], "2025-12-01", [("De Zon", "2026-07-31", "open")]),
        # evaluated with the parents in 2025-2026 -> met
        ([evaluatie("2025-11-01")], "2025-12-01", [("De Zon", "2026-07-31", "met")]),
        # an evaluation without the parents does not count
        ([evaluatie("2025-11-01", ouders=False)], "2025-12-01", [("De Zon", "2026-07-31", "open")]),
        # an evaluation in the first school year does not count for the next one
        ([evaluatie("2025-06-01")], "2025-12-01", [("De Zon", "2026-07-31", "open")]),
        # two school years later: 2025-2026 overdue, 2026-2027 open
        ([], "2026-08-15", [("De Zon", "2026-07-31", "overdue"), ("De Zon", "2027-07-31", "open")]),
        # left the school before 1 Aug 2026: no obligation for 2026-2027
        (
            [
                ev("2026-07-10", "uitschrijving", school="De Zon", grond="inschrijving_elders"),
                ins("2026-07-10", "Het Anker", "po"),
            ],
            "2026-08-15",
            [("De Zon", "2026-07-31", "overdue")],
        ),
    ],
)
def test_opp06(events: list[dict[str, Any]], as_of: str, expected: list[Any]) -> None:
    base = [ins("2024-09-02", "De Zon", "so"), opp("2024-10-01")]
    assert obligations(run(scen(as_of, [*base, *events], birth=BIRTH)), "OPP-06") == expected


@pytest.mark.parametrize(
    ("evaluation", "expected"),
    [
        (evaluatie("2025-07-15", leerling=False), []),  # before 1 Aug 2025: hoorrecht not yet in force
        (evaluatie("2025-08-01", leerling=False), [("De Zon", "2025-08-01")]),  # valid_from itself
        (evaluatie("2025-11-01", leerling=False), [("De Zon", "2025-11-01")]),
        (evaluatie("2025-11-01", leerling=True), []),
    ],
)
def test_opp07(evaluation: dict[str, Any], expected: list[Any]) -> None:
    result = run(
        scen("2025-12-01", [ins("2024-09-02", "De Zon", "so"), opp("2024-10-01"), evaluation], birth=BIRTH)
    )
    assert violations(result, "OPP-07") == expected
