"""`assess(scenario, *, calendar, norms=None) -> Assessment`: the rules engine's one entry point.

Pure: no clock, no I/O, no Django. `as_of` lives in the scenario, the calendar is passed in (build it
once and reuse it: it precomputes its days per region). `assess` builds the `Context` once, asks
each legal domain in `kring.rules.domains` for its findings, and sorts them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from kring.rules.catalog import NormSettings
from kring.rules.context import Context, Findings, build_context
from kring.rules.domains import (
    kr3m,
    leerplicht,
    opp,
    schorsing,
    thuiszitter,
    uitschrijving,
    verzuim,
    zorgplicht,
)
from kring.rules.domains.leerplicht import leerplicht_end, leerplicht_start
from kring.rules.facts import Scenario
from kring.rules.kalender import Calendar
from kring.rules.results import (
    Assessment,
    Leerplicht,
    LeerplichtStatus,
    Obligation,
    ObligationStatus,
    Thuiszitter,
    ThuiszitterCategory,
    Verborgen,
    VerborgenReason,
    Violation,
    new_assessment,
)

# The domains with obligations and violations of their own, in the order their findings are listed
# before sorting (the sort is stable; ties only occur within one rule, so this order is not visible).
DOMAINS: tuple[Callable[[Context], Findings], ...] = (
    verzuim.findings,
    zorgplicht.findings,
    schorsing.findings,
    uitschrijving.findings,
    opp.findings,
)


def assess(scenario: Scenario, *, calendar: Calendar, norms: NormSettings | None = None) -> Assessment:
    """Assess one scenario on its `as_of` date. Pure function of its arguments."""
    ctx = build_context(scenario, calendar, norms, leerplicht.leerplicht(scenario, calendar))
    tz = thuiszitter.thuiszitter(ctx)
    hidden = thuiszitter.verborgen(ctx)
    obligations: list[Obligation] = []
    violations: list[Violation] = []
    for domain in DOMAINS:
        found = domain(ctx)
        obligations += found.obligations
        violations += found.violations
    obligations += kr3m.obligations(ctx, tz, hidden)
    obligations.sort(key=lambda o: (o.arose, o.rule, o.subject or "", o.due or date.min))
    violations.sort(key=lambda v: (v.date, v.rule, v.subject or ""))
    return new_assessment(
        as_of=scenario.as_of,
        leerplicht=ctx.leerplicht,
        thuiszitter=tz,
        verborgen=tuple(hidden),
        obligations=tuple(obligations),
        violations=tuple(violations),
    )


__all__ = [
    "DOMAINS",
    "Assessment",
    "Leerplicht",
    "LeerplichtStatus",
    "Obligation",
    "ObligationStatus",
    "Thuiszitter",
    "ThuiszitterCategory",
    "Verborgen",
    "VerborgenReason",
    "Violation",
    "assess",
    "leerplicht_end",
    "leerplicht_start",
]
