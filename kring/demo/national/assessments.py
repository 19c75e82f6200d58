"""The stored per-child assessment (`ChildAssessment`) of every generated child, as the nightly job
leaves it: computed by the rules engine for `assessed_on`, with the region's norms and the school
calendar the web app uses, in worker processes (fork: they read the plan the parent built).

The rows are what `kring.children.readmodel.compute_assessment` stores for the same child on the
same day: the same engine input (the child's timeline as contract events, `scenario_dict`), the
same norms (`kring.regions.norms.norm_settings` of the child's home samenwerkingsverband for its
sector), the same calendar (`calendar_for_assessment`), the same columns (`readmodel._columns`) and
the same fingerprint ("<events>:<highest event id>:<child version>").
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from kring.children.assessment import calendar_for_assessment, scenario_dict, with_params
from kring.children.readmodel import _columns
from kring.rules import Calendar, NormSettings, assess, parse_scenario

from .plan import CasePlan, ChildPlan, Plan
from .reference import Reference
from .tables import child_events
from .writer import line

CHUNK = 2000


@dataclass
class _State:
    plan: Plan
    reference: Reference
    cases: dict[int, CasePlan]
    calendar: Calendar
    norms: dict[int, NormSettings]
    assessed_on: date
    first_id: int
    now: str


_STATE: _State | None = None  # set in the parent before the workers fork


def region_norms() -> dict[int, NormSettings]:
    """The norms of every samenwerkingsverband, as `norms_for_child` chooses them (one query)."""
    from kring.organisations.models import Samenwerkingsverband
    from kring.regions.models import RegionSettings
    from kring.regions.norms import norm_settings

    stored = {s.swv_id: s for s in RegionSettings.objects.select_related("swv__organisation")}
    return {
        swv.pk: norm_settings(stored.get(swv.pk), swv)
        for swv in Samenwerkingsverband.objects.select_related("organisation")
    }


def assessment_line(state: _State, index: int, child: ChildPlan) -> str:
    as_of = state.assessed_on.isoformat()
    events = [
        {k: v for k, v in e.items() if k != "_school_id"}
        for e in child_events(child, state.cases, state.reference)
        if e["date"] <= as_of
    ]
    scenario = scenario_dict(
        as_of=state.assessed_on, vakantieregio=child.vakantieregio, birth_date=child.birth_date, events=events
    )
    norms = state.norms.get(child.swv_id) if child.swv_id is not None else None
    data: dict[str, Any] = with_params(
        assess(parse_scenario(scenario), calendar=state.calendar, norms=norms or NormSettings())
    )
    columns = _columns(data)
    fingerprint = f"{child.event_count}:{child.first_event_id + child.event_count - 1}:1"
    return line(
        state.first_id + index,
        state.assessed_on,
        fingerprint,
        data,
        columns["thuiszitter_category"],
        columns["is_verborgen"],
        columns["overdue_count"],
        columns["open_count"],
        columns["next_due"],
        columns["kr_3m_status"],
        state.now,
        child.id,
    )


def _assess_chunk(bounds: tuple[int, int]) -> list[str]:
    state = _STATE
    assert state is not None
    start, end = bounds
    return [assessment_line(state, i, state.plan.children[i]) for i in range(start, end)]


def assessment_lines(
    plan: Plan, reference: Reference, *, first_id: int, now: str, processes: int = 2
) -> Iterator[str]:
    """One line per child, in child order, computed by `processes` workers (1: in this process).
    Reads the calendar and the norms from the database at once (before the caller's COPY starts);
    the lines come when iterated."""
    state = _State(
        plan=plan,
        reference=reference,
        cases={k.id: k for k in plan.cases},
        calendar=calendar_for_assessment(),
        norms=region_norms(),
        assessed_on=plan.assessed_on,
        first_id=first_id,
        now=now,
    )
    return _lines(state, processes)


def _lines(state: _State, processes: int) -> Iterator[str]:
    global _STATE
    _STATE = state
    n = len(state.plan.children)
    chunks = [(start, min(start + CHUNK, n)) for start in range(0, n, CHUNK)]
    try:
        if processes <= 1 or len(chunks) <= 1:
            for chunk in chunks:
                yield from _assess_chunk(chunk)
            return
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            for lines in pool.imap(_assess_chunk, chunks):
                yield from lines
    finally:
        _STATE = None
