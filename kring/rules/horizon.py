"""`horizon(scenario, assessment, *, calendar)`: until when an assessment stays the engine's answer.

The engine's answer for a timeline depends on the peildatum (`as_of`) in a few known ways. The
horizon is the first day after `as_of` on which `assess` for the same timeline, norms, calendar
and catalog *can* give another answer (apart from `as_of` itself); on every day before it the
answer is the same. None: no date-dependent part at all (only a new fact, another norm, calendar or
catalog changes it). The property test `tests/test_horizon.py` checks this against the engine.

What depends on the peildatum, and the day it can change:

- anything counted up to the peildatum: a thuiszitter (its `days`, and whether it still is one),
  a "langdurig ziek" hidden child, and an absence spell that runs up to the last school day (the
  run and the 16 hours of LPW-20 can grow): the next day;
- an obligation still `open` with a due date: it becomes `overdue` the day after its due date;
- an event dated after `as_of`: the engine sees it from its date on;
- the leerplicht status: on its start, the day after its end and on the 18th birthday;
- a vrijstelling with an end date: the day after it ends;
- ZP-06 (an aanmelding without a decision after 10 weeks) arises on its term's last day;
- OPP-06 (the yearly evaluation) arises on 1 August of every school year after the first OPP;
- a rule version starting or ending (the catalog): on that day;
- catalog v2: a partial programme (TZ-06) counted up to the peildatum, or a reduced programme that
  runs up to the last school day: the next day; a family's term (`termijnen`) still `open`: the day
  after its last day; a running TLV (`tlv`): the day after its end; TLV-04 arises on the first day
  of a TLV's last school year (1 August).

Pure: no clock, no I/O, no Django.
"""

from __future__ import annotations

from datetime import date, timedelta

from kring.rules import catalog
from kring.rules.context import rule_on
from kring.rules.domains.tlv import tlv_end
from kring.rules.facts import (
    Aanmelding,
    Afwezig,
    OnderwijstijdVerminderd,
    OppVastgesteld,
    Scenario,
    TlvBesluit,
    Vrijstelling,
)
from kring.rules.kalender import ONE_DAY, Calendar, statutory_term_end
from kring.rules.results import Assessment, ObligationStatus, TermijnStatus, VerborgenReason

__all__ = ["catalog_changes", "horizon"]

_catalog_changes: tuple[tuple[object, ...], tuple[date, ...]] = ((), ())


def catalog_changes() -> tuple[date, ...]:
    """Every day on which some rule's version in force changes (sorted; memoised per catalog)."""
    global _catalog_changes
    if _catalog_changes[0] is not catalog.RULES:
        days: set[date] = set()
        for rule in catalog.RULES:
            if rule.valid_from is not None:
                days.add(rule.valid_from)
            if rule.valid_to is not None and rule.valid_to < date.max:
                days.add(rule.valid_to + ONE_DAY)
        _catalog_changes = (catalog.RULES, tuple(sorted(days)))
    return _catalog_changes[1]


def _last_school_day(calendar: Calendar, as_of: date, regio: str) -> date:
    """The last school day on or before `as_of` (a year back at most; else a year back)."""
    d = as_of
    limit = as_of - timedelta(days=366)
    while d > limit and not calendar.is_school_day(d, regio):
        d -= ONE_DAY
    return d


def horizon(scenario: Scenario, assessment: Assessment, *, calendar: Calendar) -> date | None:
    """The first day after `scenario.as_of` on which the assessment of the same scenario can differ
    from `assessment` (which must be `assess(scenario, ...)`), or None when no day can.

    `scenario` may hold events after `as_of` (the engine leaves them out until their date); they
    are what makes a future-dated fact count from its date on."""
    as_of = scenario.as_of
    tomorrow = as_of + ONE_DAY
    if assessment.thuiszitter is not None:
        return tomorrow
    if any(v.reason == VerborgenReason.LANGDURIG_ZIEK for v in assessment.verborgen):
        return tomorrow
    regio = scenario.vakantieregio._value_
    known = scenario.known_events
    spells = [e for e in known if isinstance(e, Afwezig | OnderwijstijdVerminderd)]
    if any(v.reason == VerborgenReason.GEDEELTELIJK_PROGRAMMA for v in assessment.verborgen):
        return tomorrow
    if spells:
        last = _last_school_day(calendar, as_of, regio)
        if any(a.to is None or a.to >= last for a in spells):
            return tomorrow

    candidates: list[date] = []
    for o in assessment.obligations:
        if o.status == ObligationStatus.OPEN and o.due is not None:
            candidates.append(o.due + ONE_DAY)
    for t in assessment.termijnen:  # catalog v2
        if t.status == TermijnStatus.OPEN:
            candidates.append(t.until + ONE_DAY)
    for running in assessment.tlv:
        candidates.append(running.end + ONE_DAY)
    later = [e.date for e in scenario.events if e.date > as_of]
    if later:
        candidates.append(min(later))
    lp = assessment.leerplicht
    candidates += [lp.start, lp.end + ONE_DAY, lp.kwalificatieplicht_end]
    for e in known:
        if isinstance(e, Vrijstelling) and e.to is not None:
            candidates.append(e.to + ONE_DAY)
        elif isinstance(e, Aanmelding):
            zp06 = rule_on("ZP-06", e.date)
            if zp06 is not None:
                candidates.append(statutory_term_end(e.date, zp06.param("weken")))
        elif isinstance(e, OppVastgesteld):
            candidates.append(date(as_of.year + (as_of.month >= 8), 8, 1))
        elif isinstance(e, TlvBesluit) and e.schooljaren is not None:
            candidates.append(date(tlv_end(e.date, e.schooljaren).year - 1, 8, 1))  # TLV-04's last year
    candidates += catalog_changes()
    future = [d for d in candidates if d > as_of]
    return min(future) if future else None
