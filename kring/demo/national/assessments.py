"""The stored per-child assessment (`ChildAssessment`) of every generated child, as the nightly job
leaves it: computed by the rules engine for `assessed_on`, with the region's norms and the school
calendar the web app uses, in worker processes (fork: they read the plan the parent built).

The rows are what `kring.children.readmodel.compute_assessment` stores for the same child on the
same day: the same engine input (the child's timeline as contract events, `scenario_dict`), the
same norms (`kring.regions.norms.norm_settings` of the child's home samenwerkingsverband for its
sector), the same calendar (`calendar_for_assessment`), the same columns (`readmodel._columns`) and
the same fingerprint ("<events>:<highest event id>:<child version>"), the same horizon
(`readmodel.child_horizon`) and the same keys of the region's norms and of the calendar, so the
rows are fresh for the nightly job (ADR 0016).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from kring.children.assessment import calendar_for_assessment, scenario_dict, with_params
from kring.children.readmodel import _columns, calendar_key, child_horizon
from kring.regions.norms import norms_key, sector_from_timeline
from kring.rules import Calendar, NormSettings, assess, parse_scenario

from .parallel import lines_in_workers
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
    calendar_key: str
    norms: dict[int, NormSettings]
    assessed_on: date
    first_id: int
    now: str


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
    # the whole timeline: the engine leaves out what lies after the day, the horizon needs it
    events = [
        {k: v for k, v in e.items() if k != "_school_id"}
        for e in child_events(child, state.cases, state.reference)
    ]
    scenario = parse_scenario(
        scenario_dict(
            as_of=state.assessed_on,
            vakantieregio=child.vakantieregio,
            birth_date=child.birth_date,
            events=events,
        )
    )
    norms = (state.norms.get(child.swv_id) if child.swv_id is not None else None) or NormSettings()
    result = assess(scenario, calendar=state.calendar, norms=norms)
    data: dict[str, Any] = with_params(result)
    columns = _columns(data)
    _sector, enrolled = sector_from_timeline(
        ((date.fromisoformat(e["date"]), e["type"], e) for e in events),
        child.birth_date,
        today=state.assessed_on,
    )
    until = child_horizon(scenario, result, calendar=state.calendar, enrolled=enrolled)
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
        until,
        child.swv_id,
        norms_key(norms),
        state.calendar_key,
    )


def _assess_chunk(state: _State, start: int, end: int) -> list[str]:
    return [assessment_line(state, i, state.plan.children[i]) for i in range(start, end)]


def assessment_lines(
    plan: Plan, reference: Reference, *, first_id: int, now: str, processes: int = 2
) -> Iterator[str]:
    """One line per child, in child order, computed by `processes` workers (1: in this process).
    Reads the calendar and the norms from the database at once (before the caller's COPY starts);
    the lines come when iterated."""
    calendar = calendar_for_assessment()
    state = _State(
        plan=plan,
        reference=reference,
        cases={k.id: k for k in plan.cases},
        calendar=calendar,
        calendar_key=calendar_key(calendar),
        norms=region_norms(),
        assessed_on=plan.assessed_on,
        first_id=first_id,
        now=now,
    )
    n = len(plan.children)
    chunks = [(start, min(start + CHUNK, n)) for start in range(0, n, CHUNK)]
    return lines_in_workers(_assess_chunk, state, chunks, processes)
