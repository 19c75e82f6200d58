"""From a child's timeline to the rules engine's assessment.

`scenario_for_child` is the ONLY place where stored events become engine input: the case page,
the services' legal checks and the download for `kring rules assess` all go through it, so the
case page shows exactly what the command computes for the same timeline (SCENARIOS.md).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from kring.children import audit
from kring.rules import Assessment, Calendar, NormSettings, assess, default_calendar, parse_scenario
from kring.rules.catalog_en import params_json

from .event_types import spec, violation_event_types
from .models import Child, TimelineEvent
from .selectors import child_timeline

if TYPE_CHECKING:
    from kring.accounts.models import User

__all__ = [
    "assess_child",
    "assess_scenario",
    "calendar_for_assessment",
    "case_assessment",
    "contract_output",
    "event_payload",
    "export_filename",
    "export_scenario_json",
    "scenario_dict",
    "scenario_for_child",
    "with_params",
    "with_recorded_violations",
]

# Which event type each violation rule is about, to link a violation to the event a professional
# recorded "as a violation, with a reason" (shown together on the case page); from the table of
# event types: LPW-47 uitschrijving, ZP-10 schorsing, ZP-11 verwijdering, OPP-07 opp_evaluatie.
VIOLATION_EVENT_TYPE: Mapping[str, str] = violation_event_types()


def calendar_for_assessment() -> Calendar:
    """The school calendar every assessment in the web app uses (the one place this is chosen).

    The holidays imported into the database (`kring.reference.calendar.school_calendar()`) when
    that module exists and the table holds at least one period; otherwise the rules engine's bundled
    table, which is also what `kring rules assess` uses. An empty table would silently turn every
    holiday into a school day, so it never replaces the bundled one.
    """
    try:
        from kring.reference.calendar import school_calendar  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return default_calendar()
    calendar: Calendar = school_calendar()
    if calendar.coverage is None:
        return default_calendar()
    return calendar


def event_payload(event: TimelineEvent) -> dict[str, Any]:
    """One stored event as a contract event: `date`, `type`, then the contract's fields."""
    return {"date": event.date.isoformat(), "type": event.type, **event.data}


def scenario_dict(
    *, as_of: date, vakantieregio: str, birth_date: date, events: Iterable[Mapping[str, Any]]
) -> dict[str, Any]:
    """The contract's input object (SCENARIOS.md, Input)."""
    return {
        "as_of": as_of.isoformat(),
        "vakantieregio": vakantieregio,
        "child": {"birth_date": birth_date.isoformat()},
        "events": [dict(e) for e in events],
    }


def scenario_for_child(child: Child, *, as_of: date) -> dict[str, Any]:
    """The child's timeline up to `as_of` as the exact JSON input of `kring rules assess`.

    Events come in timeline order (date, then the order in which they were recorded); events
    after `as_of` are left out (the engine would ignore them anyway).
    """
    events = [event_payload(e) for e in child_timeline(child) if e.date <= as_of]
    return scenario_dict(
        as_of=as_of, vakantieregio=child.vakantieregio, birth_date=child.birth_date, events=events
    )


def assess_scenario(data: Mapping[str, Any], *, norms: NormSettings | None = None) -> Assessment:
    """Parse and assess a contract input with the web app's calendar (raises ScenarioError)."""
    return assess(parse_scenario(dict(data)), calendar=calendar_for_assessment(), norms=norms)


def assess_child(child: Child, *, as_of: date, norms: NormSettings | None = None) -> Assessment:
    """The rules engine's assessment of the child's timeline on `as_of`."""
    return assess_scenario(scenario_for_child(child, as_of=as_of), norms=norms)


def case_assessment(child: Child, *, as_of: date, norms: NormSettings | None = None) -> dict[str, Any]:
    """`assess_child(...).to_dict()` for the case page, with each violation linked to the event a
    professional recorded as a violation (see `with_recorded_violations`), and each finding's
    `params` (what its explanation was made of) so the page can say it in English (issue 8)."""
    return with_recorded_violations(child, with_params(assess_child(child, as_of=as_of, norms=norms)))


def with_params(assessment: Assessment) -> dict[str, Any]:
    """`assessment.to_dict()` plus `params` per obligation, violation, term and retention period (not
    in the contract)."""
    data: dict[str, Any] = assessment.to_dict()
    for item, found in zip(data["obligations"], assessment.obligations, strict=True):
        item["params"] = params_json(found.params)
    for item, violation in zip(data["violations"], assessment.violations, strict=True):
        item["params"] = params_json(violation.params)
    for item, term in zip(data["termijnen"], assessment.termijnen, strict=True):  # catalog v2
        item["params"] = params_json(term.params)
    for item, period in zip(data["bewaartermijnen"], assessment.bewaartermijnen, strict=True):
        item["params"] = params_json(period.params)
    return data


def contract_output(data: Mapping[str, Any]) -> dict[str, Any]:
    """A stored assessment (`with_params`) without the `params`: exactly the contract's output."""
    result: dict[str, Any] = dict(data)
    for kind in ("obligations", "violations", "termijnen", "bewaartermijnen"):
        if kind in data:  # a row stored before catalog v2 has no termijnen or bewaartermijnen
            result[kind] = [{k: v for k, v in item.items() if k != "params"} for item in data[kind]]
    return result


def with_recorded_violations(child: Child, data: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of an assessment (contract shape) with each violation linked to the event a
    professional recorded as a violation: `recorded_reason` (the reason given, or "") and `event_id`.
    The contract fields are untouched."""
    result: dict[str, Any] = copy.deepcopy(dict(data))
    events = list(child_timeline(child))
    for violation in result.get("violations", []):
        etype = VIOLATION_EVENT_TYPE.get(violation["rule"])
        subject = spec(etype).subject_field if etype else "school"
        match = next(
            (
                e
                for e in events
                if e.type == etype
                and e.date.isoformat() == violation["date"]
                and e.data.get(subject) == violation["subject"]
            ),
            None,
        )
        violation["event_id"] = match.pk if match else None
        violation["recorded_reason"] = match.violation_reason if match and match.recorded_as_violation else ""
    return result


def export_filename(child: Child, as_of: date) -> str:
    """A file name without the child's name (the file may end up in a downloads folder)."""
    return f"kring-scenario-kind-{child.pk}-{as_of.isoformat()}.json"


def export_scenario_json(child: Child, as_of: date, *, actor: User | None = None) -> str:
    """The exact input of `kring rules assess` for this child on `as_of`, as JSON text. Audited."""
    text = json.dumps(scenario_for_child(child, as_of=as_of), ensure_ascii=False, indent=2) + "\n"
    audit.scenario_exported(actor=actor, child=child, as_of=as_of)
    return text
