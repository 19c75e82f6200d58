"""The TLV rules of catalog v2: TLV-03 (two deskundigen), TLV-04 (the period and its last school
year), TLV-06 (the family's objection term, in `termijnen`) and AWB-413 on a TLV request."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kring.rules.domains.tlv import tlv_end

from .helpers import ev, ins, obligations, run, scen, violations

SWV = "SWV Rijnstreek PO"
BIRTH = "2015-10-05"


def aanvraag(date: str, swv: str = SWV, school: str = "De Horizon", soort: str = "sbo") -> dict[str, Any]:
    return ev(date, "tlv_aanvraag", swv=swv, school=school, soort=soort)


def advies(date: str, naam: str, functie: str = "orthopedagoog", swv: str = SWV) -> dict[str, Any]:
    return ev(date, "deskundigenadvies", swv=swv, deskundige=naam, functie=functie)


def besluit(
    date: str,
    outcome: str = "toegekend",
    soort: str = "sbo",
    jaren: int | None = 1,
    swv: str = SWV,
    **extra: Any,
) -> dict[str, Any]:
    e = ev(date, "tlv_besluit", swv=swv, outcome=outcome, soort=soort, **extra)
    if outcome == "toegekend":
        e["schooljaren"] = jaren
    return e


TWO = [advies("2025-11-20", "drs. L. Visser"), advies("2025-11-27", "dr. A. Yilmaz", "kinderpsychiater")]


@pytest.mark.parametrize(
    ("decided", "jaren", "end"),
    [
        ("2024-06-10", 2, "2026-07-31"),  # school year 2023-24 (Y = 2023): 31 Jul of 2023 + 2 + 1
        ("2025-08-01", 1, "2026-07-31"),  # issued on 1 August: Y = 2025, no rest of a year added
        ("2025-08-02", 1, "2027-07-31"),  # a day later: the rest of 2025-26 is added
        ("2026-07-31", 1, "2027-07-31"),  # the last day of 2025-26: that one day is added
        ("2025-01-15", 3, "2028-07-31"),  # Y = 2024: 2024 + 3 + 1
    ],
)
def test_tlv04_end_of_the_period(decided: str, jaren: int, end: str) -> None:
    assert tlv_end(date.fromisoformat(decided), jaren) == date.fromisoformat(end)


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        # an orthopedagoog and a second deskundige: no violation
        ([*TWO, besluit("2026-01-12")], []),
        # one advice only
        ([advies("2025-11-20", "M. de Boer", "psycholoog"), besluit("2026-01-12")], [(SWV, "2026-01-12")]),
        # two advices by the same name count once
        (
            [advies("2025-11-20", "M. de Boer"), advies("2025-12-01", "M. de Boer"), besluit("2026-01-12")],
            [(SWV, "2026-01-12")],
        ),
        # two deskundigen, none an orthopedagoog or psycholoog
        (
            [advies("2025-11-20", "A", "pedagoog"), advies("2025-11-27", "B", "arts"), besluit("2026-01-12")],
            [(SWV, "2026-01-12")],
        ),
        # a refusal rests on the advice too
        ([advies("2025-11-20", "A"), besluit("2026-01-12", "afgewezen")], [(SWV, "2026-01-12")]),
        # advices of another samenwerkingsverband do not count
        (
            [advies("2025-11-20", "A"), advies("2025-11-27", "B", swv="SWV Ander"), besluit("2026-01-12")],
            [(SWV, "2026-01-12")],
        ),
        # an advice belongs to the first decision after it: the second decision has one, the first none
        (
            [
                advies("2025-11-20", "A"),
                besluit("2025-12-01", "afgewezen"),
                advies("2025-12-10", "B"),
                besluit("2026-01-12"),
            ],
            [(SWV, "2025-12-01"), (SWV, "2026-01-12")],
        ),
        # an advice on the decision's date but after it (higher index) belongs to a later decision
        (
            [advies("2025-11-20", "A"), besluit("2026-01-12"), advies("2026-01-12", "B")],
            [(SWV, "2026-01-12")],
        ),
    ],
)
def test_tlv03(events: list[dict[str, Any]], expected: list[Any]) -> None:
    result = run(scen("2026-02-01", [ins("2024-09-02", "De Horizon", "po"), *events], birth=BIRTH))
    assert violations(result, "TLV-03") == expected


def test_tlv03_says_which_is_missing() -> None:
    one = run(
        scen("2026-02-01", [advies("2025-11-20", "A", "psycholoog"), besluit("2026-01-12")], birth=BIRTH)
    )
    assert "minder dan twee deskundigen" in one["violations"][0]["explanation"]
    pair = [advies("2025-11-20", "A", "pedagoog"), advies("2025-11-27", "B", "arts"), besluit("2026-01-12")]
    two = run(scen("2026-02-01", pair, birth=BIRTH))
    assert "zonder advies van een orthopedagoog of psycholoog" in two["violations"][0]["explanation"]


LAST_YEAR = [
    ins("2020-11-02", "De Horizon", "po"),
    *TWO,
    besluit("2024-06-10", jaren=2, volgnummer="TLV-2024-0031"),  # end 31 July 2026
    ins("2024-09-02", "SBO De Wissel", "sbo"),
    ev("2024-09-02", "uitschrijving", school="De Horizon", grond="inschrijving_elders"),
]


@pytest.mark.parametrize(
    ("extra", "as_of", "expected"),
    [
        # the last school year 2025-26 begins on 1 Aug 2025 while at the sbo: due 31 Jul 2026, open
        ([], "2026-03-02", [("SBO De Wissel", "2026-07-31", "open")]),
        # before the last school year: nothing yet
        ([], "2025-07-31", []),
        # not renewed, not moved: overdue on 1 August 2026
        ([], "2026-08-01", [("SBO De Wissel", "2026-07-31", "overdue")]),
        # a new TLV of the same soort (from any swv) fulfils it
        ([besluit("2026-02-23", swv="SWV Ander")], "2026-03-02", [("SBO De Wissel", "2026-07-31", "met")]),
        # a new TLV of another soort does not
        ([besluit("2026-02-23", soort="so")], "2026-03-02", [("SBO De Wissel", "2026-07-31", "open")]),
        # moved back: an uitschrijving from the sbo after the obligation arose
        (
            [
                ins("2026-06-01", "De Horizon", "po"),
                ev("2026-06-01", "uitschrijving", school="SBO De Wissel", grond="inschrijving_elders"),
            ],
            "2026-07-01",
            [("SBO De Wissel", "2026-07-31", "met")],
        ),
    ],
)
def test_tlv04_last_school_year(extra: list[dict[str, Any]], as_of: str, expected: list[Any]) -> None:
    result = run(scen(as_of, [*LAST_YEAR, *extra], birth=BIRTH))
    assert obligations(result, "TLV-04") == expected


def test_tlv04_arises_on_enrolment_later_in_the_last_year_and_only_in_the_tlvs_soort() -> None:
    events = [ins("2020-11-02", "De Horizon", "po"), *TWO, besluit("2024-06-10", jaren=2)]
    late = [*events, ins("2025-10-06", "SBO De Wissel", "sbo")]
    result = run(scen("2026-03-02", late, birth=BIRTH))
    assert obligations(result, "TLV-04") == [("SBO De Wissel", "2026-07-31", "open")]
    (o,) = [o for o in result["obligations"] if o["rule"] == "TLV-04"]
    assert "SBO De Wissel moet ervoor zorgen" in o["explanation"]
    # at a po school only: no TLV-04 obligation
    assert obligations(run(scen("2026-03-02", events, birth=BIRTH)), "TLV-04") == []


def test_running_tlvs_are_listed_until_their_end() -> None:
    def tlv(as_of: str) -> list[Any]:
        return [
            (t["soort"], t["volgnummer"], t["date"], t["end"])
            for t in run(scen(as_of, LAST_YEAR, birth=BIRTH))["tlv"]
        ]

    assert tlv("2026-07-31") == [("sbo", "TLV-2024-0031", "2024-06-10", "2026-07-31")]
    assert tlv("2026-08-01") == []
    # a refusal is no TLV
    refused = run(scen("2026-03-02", [besluit("2026-01-12", "afgewezen")], birth=BIRTH))
    assert refused["tlv"] == []


@pytest.mark.parametrize(
    ("decided", "as_of", "until", "status"),
    [
        ("2026-01-12", "2026-01-20", "2026-02-23", "open"),  # + 42 days = Mon 23 Feb
        ("2026-01-12", "2026-02-23", "2026-02-23", "open"),  # the last day itself
        ("2026-01-12", "2026-02-24", "2026-02-23", "verstreken"),
        ("2026-02-23", "2026-03-02", "2026-04-07", "open"),  # Mon 6 Apr is Tweede Paasdag
        ("2026-02-20", "2026-03-02", "2026-04-07", "open"),  # Fri 3 Apr is Goede Vrijdag (Atw art. 3 lid 2)
        ("2025-11-13", "2026-03-02", "2025-12-29", "verstreken"),  # Thu 25 Dec: Kerstdagen and weekend
    ],
)
def test_tlv06_objection_term(decided: str, as_of: str, until: str, status: str) -> None:
    for outcome in ("toegekend", "afgewezen"):
        result = run(scen(as_of, [besluit(decided, outcome)], birth=BIRTH))
        assert [
            (t["rule"], t["subject"], t["date"], t["until"], t["status"]) for t in result["termijnen"]
        ] == [("TLV-06", SWV, decided, until, status)]


@pytest.mark.parametrize(
    ("events", "as_of", "expected"),
    [
        # 3 Nov 2025 + 8 weeks = Mon 29 Dec; decided 12 Jan -> met_late
        ([aanvraag("2025-11-03"), besluit("2026-01-12")], "2026-01-20", [(SWV, "2025-12-29", "met_late")]),
        ([aanvraag("2025-11-03")], "2025-12-29", [(SWV, "2025-12-29", "open")]),
        ([aanvraag("2025-11-03")], "2025-12-30", [(SWV, "2025-12-29", "overdue")]),
        # 6 Feb 2026 + 8 weeks = Fri 3 Apr, Goede Vrijdag -> Tue 7 Apr
        (
            [aanvraag("2026-02-06"), besluit("2026-03-20", "afgewezen")],
            "2026-04-01",
            [(SWV, "2026-04-07", "met")],
        ),
        # one decision answers the first open request of its swv
        (
            [aanvraag("2025-11-03"), aanvraag("2025-11-10"), besluit("2025-12-01")],
            "2026-01-20",
            [(SWV, "2025-12-29", "met"), (SWV, "2026-01-05", "overdue")],
        ),
        # a decision of another swv answers nothing
        (
            [aanvraag("2025-11-03"), besluit("2025-12-01", swv="SWV Ander")],
            "2026-01-20",
            [(SWV, "2025-12-29", "overdue")],
        ),
    ],
)
def test_awb413_on_a_tlv_request(events: list[dict[str, Any]], as_of: str, expected: list[Any]) -> None:
    assert obligations(run(scen(as_of, events, birth=BIRTH)), "AWB-413") == expected
