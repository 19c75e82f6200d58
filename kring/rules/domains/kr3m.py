"""KR-3M (regional norm, not law): within 3 months a regievoerder, ontwikkelperspectief, route and
evaluatiefrequentie for a thuiszitter or a hidden case. The region switches it on and sets the months."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from kring.rules.context import Context, explain, join_nl, nl, rule_on
from kring.rules.facts import (
    EvaluatiefrequentieVastgesteld,
    Event,
    OntwikkelperspectiefVastgesteld,
    RegievoerderAangewezen,
    RouteVastgesteld,
)
from kring.rules.kalender import add_months
from kring.rules.results import Obligation, ObligationStatus, Thuiszitter, Verborgen, new_obligation

KR3M_ELEMENTS: tuple[str, ...] = ("regievoerder", "ontwikkelperspectief", "route", "evaluatiefrequentie")

ELEMENT_EVENTS: tuple[tuple[str, type[Event]], ...] = (
    ("regievoerder", RegievoerderAangewezen),
    ("ontwikkelperspectief", OntwikkelperspectiefVastgesteld),
    ("route", RouteVastgesteld),
    ("evaluatiefrequentie", EvaluatiefrequentieVastgesteld),
)


def obligations(
    ctx: Context, thuiszitter: Thuiszitter | None, verborgen: Sequence[Verborgen]
) -> list[Obligation]:
    config = ctx.norms.kr_3m
    rule = rule_on("KR-3M", ctx.as_of)
    if not config.enabled or rule is None:
        return []
    if thuiszitter is not None:
        since = thuiszitter.since
    elif verborgen:
        since = min(v.since for v in verborgen)
    else:
        return []
    due = add_months(since, config.months)
    first: dict[str, date] = {}
    for name, cls in ELEMENT_EVENTS:
        dates = [e.date for e in ctx.of(cls)]
        if dates:
            first[name] = min(dates)
    missing = tuple(name for name in KR3M_ELEMENTS if name not in first)
    if not missing:
        status = ObligationStatus.MET if all(d <= due for d in first.values()) else ObligationStatus.MET_LATE
    elif ctx.as_of > due:
        status = ObligationStatus.OVERDUE
    else:
        status = ObligationStatus.OPEN
    text = explain(
        rule, status, maanden=config.months, since=nl(since), due=nl(due), missing=join_nl(missing)
    )
    if ctx.norms.regio:
        text = text.replace(
            "Regionale afspraak (geen wet)", f"Regionale afspraak van {ctx.norms.regio} (geen wet)"
        )
    done = max(first.values()) if not missing else None
    params = {
        "template": status._value_,
        "values": {"maanden": config.months, "since": since, "due": due, "missing": missing},
        "regio": ctx.norms.regio,
    }
    return [new_obligation(rule.id, None, due, status, rule.source, text, since, done, missing, params)]
