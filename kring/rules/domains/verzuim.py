"""LPW-20 / LPW-21: 16 hours of ongeoorloofd verzuim within 4 lesweken, and the school's verzuimmelding."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from kring.rules.catalog import Rule, rule_for
from kring.rules.context import Context, Findings, explain, nl, status_of
from kring.rules.facts import Reden, Verzuimmelding
from kring.rules.kalender import add_working_days, iso_week_monday
from kring.rules.results import Obligation


def findings(ctx: Context) -> Findings:
    meldingen = ctx.of(Verzuimmelding)
    if not ctx.absence and not meldingen:
        return Findings([], [])
    regio = ctx.regio
    cal = ctx.calendar

    def ongeoorloofd(d: date) -> bool:
        entry = ctx.absence.get(d)
        return entry is not None and entry[0] == Reden.ONGEOORLOOFD

    # When does each melding close? On the first school day (possibly its own date) without
    # ongeoorloofd absence; None = still open at as_of.
    intervals: list[tuple[date, date | None]] = []
    for m in meldingen:
        close = next((d for d in cal.school_days(m.date, ctx.as_of, regio) if not ongeoorloofd(d)), None)
        intervals.append((m.date, close))
    close_days = {c for _, c in intervals if c is not None}

    def melding_open(d: date) -> bool:
        return any(start <= d and (close is None or d < close) for start, close in intervals)

    starts = [*ctx.absence, *(m.date for m in meldingen)]
    thresholds: list[tuple[date, str, Rule]] = []  # (day, school, LPW-21 version)
    week_hours: dict[date, Decimal] = {}
    for d in cal.school_days(min(starts), ctx.as_of, regio):
        if d in close_days:
            week_hours.clear()  # the count starts afresh on the day a melding closes
        school = ctx.school_on(d)
        entry = ctx.absence.get(d)
        lpw20 = rule_for("LPW-20", d)
        if lpw20 is None:
            continue
        if entry is not None and entry[0] == Reden.ONGEOORLOOFD and school is not None and entry[1] > 0:
            monday = iso_week_monday(d)
            week_hours[monday] = week_hours.get(monday, Decimal(0)) + entry[1]
        if not week_hours:
            continue
        window = [iso_week_monday(d), *cal.previous_lesweken(d, regio, lpw20.param("lesweken") - 1)]
        total = sum((week_hours.get(w, Decimal(0)) for w in window), Decimal(0))
        if total >= lpw20.param("uren"):
            lpw21 = rule_for("LPW-21", d)
            if not melding_open(d) and school is not None and lpw21 is not None:
                thresholds.append((d, school, lpw21))
            week_hours.clear()  # a new count starts on the next school day

    obligations: list[Obligation] = []
    for n, (t, school, rule) in enumerate(thresholds):
        due = add_working_days(t, rule.param("werkdagen"))
        done = next((m.date for m in meldingen if m.date >= t), None)
        status = status_of(due, done, ctx.as_of)
        text = explain(
            rule,
            status,
            threshold=nl(t),
            school=school,
            due=nl(due),
            done=nl(done) if done else "",
            opnieuw="opnieuw " if n else "",
        )
        obligations.append(
            Obligation(rule.id, school, due, status, rule.source, text, arose=t, fulfilled_on=done)
        )
    return Findings(obligations, [])
