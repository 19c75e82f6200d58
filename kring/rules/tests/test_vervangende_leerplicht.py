"""LPW-46 and AWB-413 on an extension request (catalog v2): vervangende leerplicht, Lpw art. 3a."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import ev, obligations, run, scen

GEM = "Utrecht"
BIRTH = "2009-03-01"  # kwalificatieplichtig in 2025-2026


def aanvraag(date: str, verlenging: bool | None = None) -> dict[str, Any]:
    e = ev(date, "vervangende_leerplicht_aanvraag", gemeente=GEM)
    if verlenging is not None:
        e["verlenging"] = verlenging
    return e


def besluit(date: str, outcome: str = "toegestaan", to: str | None = "2026-07-31") -> dict[str, Any]:
    e = ev(date, "vervangende_leerplicht_besluit", gemeente=GEM, outcome=outcome)
    if outcome == "toegestaan":
        e["to"] = to
    return e


@pytest.mark.parametrize(
    ("events", "as_of", "lpw46", "awb413"),
    [
        # 1 Sep 2025 + 6 weeks = Mon 13 Oct; decided 1 Oct -> met
        ([aanvraag("2025-09-01"), besluit("2025-10-01")], "2025-11-01", [(GEM, "2025-10-13", "met")], []),
        ([aanvraag("2025-09-01", verlenging=False)], "2025-10-14", [(GEM, "2025-10-13", "overdue")], []),
        # an extension request falls under AWB-413: 4 May 2026 + 8 weeks = Mon 29 Jun
        ([aanvraag("2026-05-04", verlenging=True)], "2026-06-01", [], [(GEM, "2026-06-29", "open")]),
        # the decision answers the first open request, with or without verlenging
        (
            [
                aanvraag("2025-09-01"),
                besluit("2025-10-01"),
                aanvraag("2026-05-04", True),
                besluit("2026-06-30", "afgewezen"),
            ],
            "2026-07-01",
            [(GEM, "2025-10-13", "met")],
            [(GEM, "2026-06-29", "met_late")],
        ),
    ],
)
def test_decision_terms(
    events: list[dict[str, Any]], as_of: str, lpw46: list[Any], awb413: list[Any]
) -> None:
    result = run(scen(as_of, events, birth=BIRTH))
    assert obligations(result, "LPW-46") == lpw46
    assert obligations(result, "AWB-413") == awb413


@pytest.mark.parametrize(
    ("to", "as_of", "until", "status"),
    [
        ("2026-07-31", "2026-03-01", "2026-06-05", "open"),  # 31 Jul − 56 days = Fri 5 Jun
        ("2026-07-31", "2026-06-05", "2026-06-05", "open"),
        ("2026-07-31", "2026-06-06", "2026-06-05", "verstreken"),
        ("2026-08-01", "2026-03-01", "2026-06-06", "open"),  # Sat 6 Jun: counted back, never shifted
    ],
)
def test_extension_reminder_is_a_term_counted_back(to: str, as_of: str, until: str, status: str) -> None:
    result = run(scen(as_of, [aanvraag("2025-09-01"), besluit("2025-10-01", to=to)], birth=BIRTH))
    assert [(t["rule"], t["subject"], t["date"], t["until"], t["status"]) for t in result["termijnen"]] == [
        ("LPW-46", GEM, "2025-10-01", until, status)
    ]


def test_a_refusal_has_no_extension_reminder() -> None:
    result = run(
        scen("2026-03-01", [aanvraag("2025-09-01"), besluit("2025-10-01", "afgewezen")], birth=BIRTH)
    )
    assert result["termijnen"] == []
