"""Small builders for scenarios used by the rule tests (no Django)."""

from __future__ import annotations

from typing import Any

from kring.rules import Calendar, assess, default_calendar, parse_scenario
from kring.rules.catalog import NormSettings

CAL = default_calendar()


def scen(
    as_of: str, events: list[dict[str, Any]], birth: str = "2012-01-15", regio: str = "midden"
) -> dict[str, Any]:
    return {"as_of": as_of, "vakantieregio": regio, "child": {"birth_date": birth}, "events": events}


def run(
    data: dict[str, Any], calendar: Calendar | None = None, norms: NormSettings | None = None
) -> dict[str, Any]:
    return assess(parse_scenario(data), calendar=calendar or CAL, norms=norms).to_dict()


def ev(date: str, type_: str, **fields: Any) -> dict[str, Any]:
    return {"date": date, "type": type_, **fields}


def ins(date: str, school: str = "College", sector: str = "vo", **extra: Any) -> dict[str, Any]:
    return ev(date, "inschrijving", school=school, sector=sector, **extra)


def afw(
    date: str, reden: str = "ongeoorloofd", to: str | None = None, hours: float | None = None
) -> dict[str, Any]:
    e = ev(date, "afwezig", reden=reden)
    if to is not None:
        e["to"] = to
    if hours is not None:
        e["hours_per_day"] = hours
    return e


def obligations(result: dict[str, Any], rule: str) -> list[tuple[Any, ...]]:
    """(subject, due, status) of the obligations of one rule, sorted."""
    return sorted((o["subject"], o["due"], o["status"]) for o in result["obligations"] if o["rule"] == rule)


def violations(result: dict[str, Any], rule: str) -> list[tuple[Any, ...]]:
    return sorted((v["subject"], v["date"]) for v in result["violations"] if v["rule"] == rule)
