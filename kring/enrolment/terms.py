"""The decision term of an aanmelding (ZP-05) and the day of temporary placement (ZP-06), as the
rules engine computes them.

For an aanmelding about a child, the terms are the engine's obligations in the child's assessment
(its timeline holds the `aanmelding` and any `aanmelding_verlenging`): `decision_due` reads the
ZP-05 obligation whose subject is the school and which arose on the day of receipt. An aanmelding
the parents sent online that the school has not taken in yet has no timeline; its term is the
engine's own arithmetic on the same rule (`rule_for` + `statutory_term_end`), so the receipt says
the same day the assessment will say.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kring.children.readmodel import current_assessment
from kring.rules import rule_for, statutory_term_end

from .models import Aanmelding

ZP05 = "ZP-05"
ZP06 = "ZP-06"


@dataclass(frozen=True)
class Terms:
    due: date  # the school decides on or before this day (6 weeks, or 10 with the extension)
    extension_last_day: date  # the last day the school can extend (the end of the 6 weeks)
    placement_from: date  # without a decision, the child is placed temporarily from this day (ZP-06)
    extended: bool
    zp05_source: str
    zp06_source: str


def computed_terms(received_on: date, *, extended: bool) -> Terms:
    """The engine's arithmetic on ZP-05 and ZP-06 (the versions valid on the day of receipt)."""
    zp05 = rule_for(ZP05, received_on)
    zp06 = rule_for(ZP06, received_on)
    assert zp05 is not None and zp06 is not None
    six = statutory_term_end(received_on, zp05.param("weken"))
    weeks = zp05.param("weken") + (zp05.param("verlenging_weken") if extended else 0)
    ten = statutory_term_end(received_on, zp06.param("weken"))
    return Terms(
        due=statutory_term_end(received_on, weeks),
        extension_last_day=six,
        placement_from=ten + timedelta(days=1),
        extended=extended,
        zp05_source=zp05.source,
        zp06_source=zp06.source,
    )


def terms_of(aanmelding: Aanmelding, *, today: date) -> Terms:
    """The terms of this aanmelding: the ZP-05 due day from the child's assessment when the
    engine has it, else the engine's arithmetic."""
    terms = computed_terms(aanmelding.received_on, extended=aanmelding.extended_on is not None)
    if aanmelding.child is None:
        return terms
    school = aanmelding.school.organisation.name
    received = aanmelding.received_on.isoformat()
    for obligation in current_assessment(aanmelding.child, today=today).data.get("obligations", []):
        values = (obligation.get("params") or {}).get("values") or {}
        if (
            obligation.get("rule") == ZP05
            and obligation.get("subject") == school
            and str(values.get("aanmelding")) == received
            and obligation.get("due")
        ):
            return Terms(
                due=date.fromisoformat(obligation["due"]),
                extension_last_day=terms.extension_last_day,
                placement_from=terms.placement_from,
                extended=terms.extended,
                zp05_source=str(obligation.get("source") or terms.zp05_source),
                zp06_source=terms.zp06_source,
            )
    return terms


def days_left(due: date, today: date) -> int:
    """Days until the due day (0 on the day itself, negative when it has passed)."""
    return (due - today).days
