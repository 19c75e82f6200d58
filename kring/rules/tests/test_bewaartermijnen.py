"""PRV-04 and PRV-06 (catalog v2): retention periods in `bewaartermijnen`, in calendar years (29
February becomes 28 February), never shifted."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import ev, ins, run, scen


def periods(result: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(b["rule"], b["subject"], b["soort"], b["date"], b["until"]) for b in result["bewaartermijnen"]]


def uit(date: str, school: str = "De Horizon", grond: str = "inschrijving_elders") -> dict[str, Any]:
    return ev(date, "uitschrijving", school=school, grond=grond)


def test_prv04_three_calendar_years_after_every_tlv_decision() -> None:
    events = [
        ev("2024-02-29", "tlv_besluit", swv="SWV", outcome="afgewezen", soort="so"),
        ev("2025-03-10", "tlv_besluit", swv="SWV", outcome="toegekend", soort="so", schooljaren=1),
    ]
    # 29 Feb 2024 + 3 years = 28 Feb 2027 (no 29 February in 2027); a Sunday, not shifted
    assert periods(run(scen("2025-06-01", events, birth="2016-01-10"))) == [
        ("PRV-04", "SWV", "gezondheidsgegevens", "2024-02-29", "2027-02-28"),
        ("PRV-04", "SWV", "gezondheidsgegevens", "2025-03-10", "2028-03-10"),
    ]


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        # po: 5, 5 and 2 years; no TLV request of that school -> no verwijzing
        (
            [ins("2020-09-01", "De Horizon", "po"), ins("2024-09-02", "SBO", "sbo"), uit("2024-09-02")],
            [
                ("PRV-06", "De Horizon", "in_uitschrijving", "2024-09-02", "2029-09-02"),
                ("PRV-06", "De Horizon", "verzuim", "2024-09-02", "2029-09-02"),
                ("PRV-06", "De Horizon", "dossier", "2024-09-02", "2026-09-02"),
            ],
        ),
        # a TLV request of that school on or before the uitschrijving adds the verwijzing: 3 years;
        # 29 Feb 2024 + 5 = 28 Feb 2029, + 2 = 28 Feb 2026, + 3 = 28 Feb 2027
        (
            [
                ins("2020-09-01", "De Horizon", "so"),
                ev("2024-01-08", "tlv_aanvraag", swv="SWV", school="De Horizon", soort="vso"),
                ins("2024-02-29", "Elders", "vso"),
                uit("2024-02-29"),
            ],
            [
                ("PRV-06", "De Horizon", "in_uitschrijving", "2024-02-29", "2029-02-28"),
                ("PRV-06", "De Horizon", "verzuim", "2024-02-29", "2029-02-28"),
                ("PRV-06", "De Horizon", "dossier", "2024-02-29", "2026-02-28"),
                ("PRV-06", "De Horizon", "verwijzing", "2024-02-29", "2027-02-28"),
            ],
        ),
        # a TLV request of another school, or after the uitschrijving, is no verwijzing of this school
        (
            [
                ins("2020-09-01", "De Horizon", "po"),
                ev("2024-01-08", "tlv_aanvraag", swv="SWV", school="Elders", soort="sbo"),
                ins("2024-09-02", "Elders", "po"),
                uit("2024-09-02"),
                ev("2024-09-03", "tlv_aanvraag", swv="SWV", school="De Horizon", soort="sbo"),
            ],
            [
                ("PRV-06", "De Horizon", "in_uitschrijving", "2024-09-02", "2029-09-02"),
                ("PRV-06", "De Horizon", "verzuim", "2024-09-02", "2029-09-02"),
                ("PRV-06", "De Horizon", "dossier", "2024-09-02", "2026-09-02"),
            ],
        ),
        # vo and pro are out of scope
        ([ins("2020-09-01", "De Horizon", "vo"), ins("2024-09-02", "X", "po"), uit("2024-09-02")], []),
        # an uitschrijving without an inschrijving at that school: nothing
        ([ins("2020-09-01", "X", "po"), uit("2024-09-02")], []),
        # enrolled at that school again at as_of: nothing
        (
            [ins("2020-09-01", "De Horizon", "po"), uit("2024-09-02"), ins("2025-01-06", "De Horizon", "po")],
            [],
        ),
        # the sector is that of the last inschrijving before the uitschrijving: vo first, then sbo
        (
            [
                ins("2019-09-02", "De Horizon", "vo"),
                uit("2020-07-01"),
                ins("2022-09-01", "De Horizon", "sbo"),
                uit("2024-09-02"),
            ],
            [
                ("PRV-06", "De Horizon", "in_uitschrijving", "2024-09-02", "2029-09-02"),
                ("PRV-06", "De Horizon", "verzuim", "2024-09-02", "2029-09-02"),
                ("PRV-06", "De Horizon", "dossier", "2024-09-02", "2026-09-02"),
            ],
        ),
    ],
)
def test_prv06(events: list[dict[str, Any]], expected: list[Any]) -> None:
    result = run(scen("2025-06-01", events, birth="2012-01-15"))
    assert [p for p in periods(result) if p[0] == "PRV-06"] == expected
