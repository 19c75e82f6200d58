"""LPW-20 / LPW-21: 16 hours of ongeoorloofd verzuim within 4 lesweken, and the school's verzuimmelding."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from decimal import Decimal

from kring.rules.catalog import Rule
from kring.rules.context import Context, Findings, explain, nl, rule_on, status_of, version_changes
from kring.rules.facts import Reden, Verzuimmelding
from kring.rules.kalender import add_working_days
from kring.rules.results import Obligation, new_obligation

ZERO = Decimal(0)
WEEK = timedelta(days=7)


def findings(ctx: Context) -> Findings:
    meldingen = ctx.of(Verzuimmelding)
    if not ctx.absence and not meldingen:
        return Findings([], [])
    regio = ctx.regio
    cal = ctx.calendar
    as_of = ctx.as_of
    absence = ctx.absence
    ongeoorloofd = Reden.ONGEOORLOOFD
    starts = [min(absence)] if absence else []
    if meldingen:
        starts.append(meldingen[0].date)  # in timeline order: the first has the earliest date
    first = min(starts)
    # the school days from `first` to as_of are school_days[bisect_left(school_days, first) : end]
    school_days = cal.day_table(regio, first, as_of).school_dates
    end = bisect_right(school_days, as_of)

    # When does each melding close? On the first school day (possibly its own date) without
    # ongeoorloofd absence; None = still open at as_of.
    intervals: list[tuple[date, date | None]] = []
    for m in meldingen:
        close: date | None = None
        for i in range(bisect_left(school_days, m.date), end):
            entry = absence.get(school_days[i])
            if entry is None or entry[0] != ongeoorloofd:
                close = school_days[i]
                break
        intervals.append((m.date, close))
    close_days = {c for _, c in intervals if c is not None}

    def melding_open(d: date) -> bool:
        return any(start <= d and (close is None or d < close) for start, close in intervals)

    # The count runs over the school days from the first absence or melding up to as_of. It can only
    # change on a day that adds ongeoorloofd hours, a day a melding closes (the count restarts) or the
    # first school day of another LPW-20 version: on any other day the 4-lesweken window holds at most
    # the hours it held on the day before, which stayed below the threshold. So only those days are
    # visited; the answer is the same as visiting every school day.
    changes = version_changes("LPW-20")
    hours_on = {d: hours for d, (reden, hours) in absence.items() if reden == ongeoorloofd and hours > ZERO}
    days = close_days.union(hours_on)
    for change in changes:
        if first < change <= as_of:
            i = bisect_left(school_days, change)
            if i < end:
                days.add(school_days[i])

    thresholds: list[tuple[date, str, Rule]] = []  # (day, school, LPW-21 version)
    week_hours: dict[date, Decimal] = {}
    lpw20: Rule | None = None
    lesweken, uren = 0, ZERO
    next_change = date.min  # the version of LPW-20 is looked up again from this day on
    window_of = cal.lesweek_window
    school_on = ctx.school_on
    hours_of = hours_on.get
    window: tuple[date, ...] = ()  # this week's Monday, then the Mondays of the lesweken before it
    week_end = date.min  # the first day after the week of `window`
    total: Decimal | None = None  # the hours in `window`; None = to be summed again
    for d in sorted(days):
        if d in close_days:
            week_hours.clear()  # the count starts afresh on the day a melding closes
            total = None
        if d >= next_change:
            lpw20 = rule_on("LPW-20", d)
            i = bisect_right(changes, d)
            next_change = changes[i] if i < len(changes) else date.max
            if lpw20 is not None:
                lesweken, uren = lpw20.param("lesweken"), Decimal(lpw20.param("uren"))
            week_end, total = date.min, None  # the window may have another length now
        hours = hours_of(d)
        if lpw20 is None or (hours is None and not week_hours):
            continue
        school = school_on(d)
        if d >= week_end:  # `days` ascend: a new week, so another window
            window = window_of(d, regio, lesweken)
            week_end, total = window[0] + WEEK, None
        if hours is not None and school is not None:
            week_hours[window[0]] = week_hours.get(window[0], ZERO) + hours
            if total is not None:
                total += hours  # exact (Decimal): the same as summing the window again
        if not week_hours:
            continue
        if total is None:
            total = sum([week_hours.get(w, ZERO) for w in window], ZERO)
        if total >= uren:
            lpw21 = rule_on("LPW-21", d)
            if not melding_open(d) and school is not None and lpw21 is not None:
                thresholds.append((d, school, lpw21))
            week_hours.clear()  # a new count starts on the next school day
            total = None

    obligations: list[Obligation] = []
    melding_dates = [m.date for m in meldingen]  # ascending (timeline order)
    for n, (t, school, rule) in enumerate(thresholds):
        due = add_working_days(t, rule.param("werkdagen"))
        i = bisect_left(melding_dates, t)  # the first melding on or after the threshold
        done = melding_dates[i] if i < len(melding_dates) else None
        status = status_of(due, done, as_of)
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
            new_obligation(
                rule.id,
                school,
                due,
                status,
                rule.source,
                text,
                arose=t,
                fulfilled_on=done,
                params={
                    "template": status._value_,
                    "values": {
                        "threshold": t,
                        "school": school,
                        "due": due,
                        "done": done,
                        "opnieuw": bool(n),
                    },
                },
            )
        )
    return Findings(obligations, [])
