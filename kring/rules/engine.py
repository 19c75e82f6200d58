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
    avg,
    bewaartermijnen,
    kr3m,
    leerplicht,
    onderwijstijd,
    opp,
    schorsing,
    thuiszitter,
    tlv,
    uitschrijving,
    vervangende_leerplicht,
    verzuim,
    zorgplicht,
)
from kring.rules.domains.leerplicht import leerplicht_end, leerplicht_start
from kring.rules.facts import Scenario
from kring.rules.kalender import Calendar
from kring.rules.results import (
    Assessment,
    BewaarSoort,
    Bewaartermijn,
    Leerplicht,
    LeerplichtStatus,
    Obligation,
    ObligationStatus,
    Termijn,
    Thuiszitter,
    ThuiszitterCategory,
    Tlv,
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
    # catalog v2
    tlv.findings,
    onderwijstijd.findings,
    vervangende_leerplicht.findings,
    avg.findings,
    bewaartermijnen.findings,
)


def assess(scenario: Scenario, *, calendar: Calendar, norms: NormSettings | None = None) -> Assessment:
    """Assess one scenario on its `as_of` date. Pure function of its arguments."""
    ctx = build_context(scenario, calendar, norms, leerplicht.leerplicht(scenario, calendar))
    tz = thuiszitter.thuiszitter(ctx)
    hidden = thuiszitter.verborgen(ctx, tz)
    obligations: list[Obligation] = []
    violations: list[Violation] = []
    termijnen: list[Termijn] = []
    periods: list[Bewaartermijn] = []
    running: list[Tlv] = []
    for domain in DOMAINS:
        found = domain(ctx)
        obligations += found.obligations
        violations += found.violations
        termijnen += found.termijnen
        periods += found.bewaartermijnen
        running += found.tlv
    obligations += kr3m.obligations(ctx, tz, hidden)
    obligations.sort(key=lambda o: (o.arose, o.rule, o.subject or "", o.due or date.min))
    violations.sort(key=lambda v: (v.date, v.rule, v.subject or ""))
    termijnen.sort(key=lambda t: (t.date, t.rule, t.subject or "", t.until))
    periods.sort(key=lambda b: (b.date, b.rule, b.subject or "", _SOORT_ORDER[b.soort]))
    running.sort(key=lambda t: (t.date, t.swv, t.soort))
    return new_assessment(
        as_of=scenario.as_of,
        leerplicht=ctx.leerplicht,
        thuiszitter=tz,
        verborgen=tuple(hidden),
        obligations=tuple(obligations),
        violations=tuple(violations),
        tlv=tuple(running),
        termijnen=tuple(termijnen),
        bewaartermijnen=tuple(periods),
    )


_SOORT_ORDER = {soort: i for i, soort in enumerate(BewaarSoort)}


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
