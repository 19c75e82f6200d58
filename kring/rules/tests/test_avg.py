"""AVG-12 (catalog v2): the answer to a request for access or correction within 1 month, or 3
months when extended; month terms of EU law (calendar months, then off a Saturday, Sunday, public
holiday or Goede Vrijdag), always counted from receipt."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import ev, ins, obligations, run, scen

ORG = "Het Palet"


def inzage(date: str, org: str = ORG) -> dict[str, Any]:
    return ev(date, "verzoek_inzage", organisatie=org)


def rect(date: str, org: str = ORG) -> dict[str, Any]:
    return ev(date, "verzoek_rectificatie", organisatie=org, verzoeker="leerling")


def antwoord(date: str, verzoek: str = "inzage", org: str = ORG) -> dict[str, Any]:
    return ev(date, "verzoek_beantwoord", organisatie=org, verzoek=verzoek)


def verlengd(date: str, verzoek: str = "inzage", org: str = ORG) -> dict[str, Any]:
    return ev(date, "verzoek_verlengd", organisatie=org, verzoek=verzoek)


@pytest.mark.parametrize(
    ("events", "as_of", "expected"),
    [
        # 15 Jan + 1 month = Sun 15 Feb -> Mon 16 Feb; answered 10 Feb -> met
        ([inzage("2026-01-15"), antwoord("2026-02-10")], "2026-03-01", [(ORG, "2026-02-16", "met")]),
        # answered after the due -> met_late
        ([inzage("2026-01-15"), antwoord("2026-02-17")], "2026-03-01", [(ORG, "2026-02-16", "met_late")]),
        # no answer: open on the due date, overdue the day after
        ([inzage("2026-01-15")], "2026-02-16", [(ORG, "2026-02-16", "open")]),
        ([inzage("2026-01-15")], "2026-02-17", [(ORG, "2026-02-16", "overdue")]),
        # 3 Mar + 1 month = Fri 3 Apr 2026, Goede Vrijdag; then the weekend and Tweede Paasdag -> Tue 7 Apr
        ([inzage("2026-03-03")], "2026-04-07", [(ORG, "2026-04-07", "open")]),
        # 31 Jan + 1 month = 28 Feb (the last day of February), a Saturday -> Mon 2 Mar
        ([inzage("2026-01-31")], "2026-02-20", [(ORG, "2026-03-02", "open")]),
        # extended: 31 Jan + 3 months = Thu 30 Apr, counted from receipt (not from the shifted 2 Mar)
        ([inzage("2026-01-31"), verlengd("2026-02-20")], "2026-03-05", [(ORG, "2026-04-30", "open")]),
        # the contract's example: 2 Mar + 3 months = Tue 2 Jun
        (
            [rect("2026-03-02"), verlengd("2026-03-20", "rectificatie")],
            "2026-05-11",
            [(ORG, "2026-06-02", "open")],
        ),
        # an extension on the one-month due itself counts: 15 Jan + 3 months = Wed 15 Apr
        ([inzage("2026-01-15"), verlengd("2026-02-16")], "2026-03-01", [(ORG, "2026-04-15", "open")]),
        # an extension after the one-month due has no effect
        ([inzage("2026-01-15"), verlengd("2026-02-17")], "2026-03-01", [(ORG, "2026-02-16", "overdue")]),
        # an extension after the answer has no effect
        (
            [inzage("2026-01-15"), antwoord("2026-01-20"), verlengd("2026-01-25")],
            "2026-03-01",
            [(ORG, "2026-02-16", "met")],
        ),
        # an extension of the other kind, or by another organisation, has no effect
        (
            [inzage("2026-01-15"), verlengd("2026-01-25", "rectificatie")],
            "2026-03-01",
            [(ORG, "2026-02-16", "overdue")],
        ),
        (
            [inzage("2026-01-15"), verlengd("2026-01-25", org="SWV")],
            "2026-03-01",
            [(ORG, "2026-02-16", "overdue")],
        ),
        # one answer answers the first open request of its kind:
        # 5 Jan -> Thu 5 Feb (met), 12 Jan -> Thu 12 Feb (overdue)
        (
            [inzage("2026-01-05"), inzage("2026-01-12"), antwoord("2026-01-20")],
            "2026-03-01",
            [(ORG, "2026-02-05", "met"), (ORG, "2026-02-12", "overdue")],
        ),
        # an answer of the other kind or another organisation answers nothing
        (
            [inzage("2026-01-15"), antwoord("2026-01-20", "rectificatie")],
            "2026-03-01",
            [(ORG, "2026-02-16", "overdue")],
        ),
        (
            [inzage("2026-01-15"), antwoord("2026-01-20", org="SWV")],
            "2026-03-01",
            [(ORG, "2026-02-16", "overdue")],
        ),
        # an answer before the request (same date, lower index) answers nothing
        ([antwoord("2026-01-15"), inzage("2026-01-15")], "2026-03-01", [(ORG, "2026-02-16", "overdue")]),
    ],
)
def test_avg12(events: list[dict[str, Any]], as_of: str, expected: list[Any]) -> None:
    result = run(scen(as_of, [ins("2024-09-02", ORG, "po"), *events], birth="2014-02-03"))
    assert obligations(result, "AVG-12") == expected


def test_avg12_explains_the_extension_in_plain_dutch() -> None:
    result = run(scen("2026-03-05", [inzage("2026-01-31"), verlengd("2026-02-20")], birth="2014-02-03"))
    (avg,) = [o for o in result["obligations"] if o["rule"] == "AVG-12"]
    assert avg["explanation"] == (
        "Het Palet kreeg op 31 januari 2026 een verzoek om inzage in de gegevens en moest zonder uitstel "
        "antwoorden, uiterlijk 30 april 2026 (binnen 3 maanden, want de termijn is verlengd). Er is nog geen "
        "antwoord; er is nog tijd tot en met 30 april 2026."
    )
    assert avg["source"].startswith("AVG art. 12 lid 3")
