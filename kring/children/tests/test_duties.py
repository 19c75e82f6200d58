"""What the institutions owe, grouped by who owes it (`kring.children.duties`), from an assessment
in the contract's shape: every obligation and violation in its holder's group with its status; the
open obligations with a date as deadline sentences."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from kring.children.duties import duties_from_assessment
from kring.rules.duties import Holder


def _o(rule: str, status: str, due: str | None, subject: str | None = "De Brug") -> dict[str, Any]:
    return {
        "rule": rule,
        "subject": subject,
        "due": due,
        "status": status,
        "source": f"bron {rule}",
        "explanation": "…",
    }


ASSESSMENT = {
    "obligations": [
        _o("ZP-05", "open", "2026-10-27"),  # the school must still decide: a deadline
        _o("LPW-21", "overdue", "2026-09-01"),  # the school reported too late: late, no deadline
        _o("OPP-05", "met_late", "2026-06-01"),
        _o("KR-3M", "met", "2026-08-01", subject=None),  # the region's norm: the samenwerkingsverband
        _o("ZP-10", "open", None),  # open without a date: no deadline sentence
    ],
    "violations": [
        {
            "rule": "ZP-11",
            "subject": "De Brug",
            "date": "2026-05-04",
            "source": "bron ZP-11",
            "explanation": "…",
        }
    ],
}


def test_every_duty_is_in_its_holders_group_with_its_status() -> None:
    with translation.override("nl"):
        groups, _deadlines = duties_from_assessment(ASSESSMENT)
    by_holder = {g.holder: [(d.rule, d.status) for d in g.duties] for g in groups}
    assert [g.holder for g in groups] == [Holder.SCHOOL, Holder.SWV, Holder.GEMEENTE]
    assert by_holder[Holder.SCHOOL] == [
        ("ZP-05", "open"),
        ("LPW-21", "overdue"),
        ("OPP-05", "met_late"),
        ("ZP-10", "open"),
        ("ZP-11", "violation"),
    ]
    assert by_holder[Holder.SWV] == [("KR-3M", "met")]
    assert by_holder[Holder.GEMEENTE] == []
    school = groups[0]
    assert school.late_count == 3  # overdue, met late and the violation
    assert "Kring rekent voor de gemeente nog geen termijnen uit" in groups[2].none_text
    words = {d.rule: d.status_words for d in school.duties}
    assert words["ZP-05"] == "Nog niet gedaan, er is nog tijd"
    assert words["LPW-21"] == "Te laat: nog niet gedaan"
    assert words["ZP-11"] == "Niet volgens de regels"


def test_an_open_obligation_with_a_date_is_a_deadline_sentence_with_its_source() -> None:
    with translation.override("nl"):
        _groups, deadlines = duties_from_assessment(ASSESSMENT)
    assert [(d.rule, d.sentence, d.source) for d in deadlines] == [
        (
            "ZP-05",
            "De Brug moet uiterlijk 27 oktober 2026 beslissen over de aanmelding van je kind.",
            "bron ZP-05",
        )
    ]


def test_a_definition_is_nobodys_duty() -> None:
    groups, deadlines = duties_from_assessment({"obligations": [_o("TZ-01", "open", "2026-10-27")]})
    assert not any(g.duties for g in groups) and not deadlines
