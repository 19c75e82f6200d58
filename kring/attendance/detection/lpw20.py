"""LPW-20 / LPW-21: the days on which ongeoorloofd verzuim reaches the threshold, as the rules engine.

Exactly `kring.rules.domains.verzuim` (the catalog's LPW-20 parameters `uren` and `lesweken`, looked
up per day with `rule_on`): on each school day the ongeoorloofd hours of the current lesweek (up to
that day) and of the `lesweken - 1` lesweken before it (weeks without a school day skipped) are
summed; when the sum reaches `uren` that day is a threshold and the count restarts (the hours
counted so far no longer count). The open-melding rule of LPW-21: a verzuimmelding is open from its
date until the first school day (possibly its own date) without ongeoorloofd absence; a threshold
while a melding is open is not a new report (the count restarts all the same), and the count also
restarts on the day a melding closes.

Vectorised part: a pupil can only reach the threshold when some `lesweken` consecutive lesweken
hold `uren` ongeoorloofd hours in total (restarts only lower the sum), so only those pupils are
walked day by day in Python; the rule's version and parameters are looked up once per school day.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from datetime import date

import polars as pl

from kring.attendance.detection.model import LPW20, Finding, new_finding
from kring.attendance.detection.prepare import KEY, MILLI, ONGEOORLOOFD, Prepared, day
from kring.attendance.detection.schooldays import SchoolDays
from kring.rules.catalog import Rule
from kring.rules.context import rule_on, rule_versions, version_changes


def _parameters(rule: Rule) -> tuple[int, int]:
    """(lesweken, threshold in milli-hours)."""
    return rule.param("lesweken"), rule.param("uren") * MILLI


def _window_max(frame: pl.DataFrame, column: str, span: int) -> pl.Expr:
    """Per row of `frame` (sorted by pid, week; one row per pid and week): the sum of `column` over
    the rows of the same pid in the `span` weeks ending at this row's week."""
    total = pl.col(column)
    for k in range(1, span):
        same = (pl.col("pid").shift(k) == pl.col("pid")) & (pl.col("week") - pl.col("week").shift(k) < span)
        total = total + pl.when(same).then(pl.col(column).shift(k)).otherwise(0)
    return total


def candidates(days: pl.DataFrame, first: date, last: date) -> pl.DataFrame:
    """The ongeoorloofd days of the pupils that may reach the threshold (a superset, exact below),
    sorted by (pid, day)."""
    versions = [r for r in rule_versions("LPW-20") if r.applies_on(first) or r.applies_on(last)]
    versions += [r for r in rule_versions("LPW-20") if first <= (r.valid_from or date.min) <= last]
    if not versions:
        return days.clear()
    lesweken = max(_parameters(r)[0] for r in versions)
    threshold = min(_parameters(r)[1] for r in versions)
    ong = days.filter(pl.col(ONGEOORLOOFD) > 0).select("pid", "day", "week", ONGEOORLOOFD)
    weekly = ong.group_by("pid", "week").agg(pl.col(ONGEOORLOOFD).sum().alias("mh")).sort("pid", "week")
    reached = weekly.filter(_window_max(weekly, "mh", lesweken) >= threshold)
    return ong.filter(pl.col("pid").is_in(reached["pid"].unique().implode()))


def thresholds(
    prepared: Prepared,
    school_days: SchoolDays,
    meldingen: Mapping[str, Sequence[date]] | None,
) -> list[Finding]:
    """The LPW-20 thresholds of every pupil."""
    dates = school_days.dates
    if not dates:
        return []
    ong = candidates(prepared.days, dates[0], school_days.last)
    if ong.is_empty():
        return []
    changes = [bisect_left(dates, c) for c in version_changes("LPW-20") if dates[0] < c <= school_days.last]
    changes = [i for i in changes if i < len(dates)]
    # the rule's parameters and LPW-21's presence per school day, once
    params: list[tuple[int, int] | None] = []
    for d in dates:
        rule = rule_on("LPW-20", d)
        params.append(None if rule is None else _parameters(rule))
    reports = [rule_on("LPW-21", d) is not None for d in dates]
    widest = max((p[0] for p in params if p is not None), default=1)  # the most lesweken of any version
    # one version with the same parameters on every school day (the usual case): a pupil without
    # meldingen is walked over plain lists, with a running sum
    single = params[0] if not changes and all(p == params[0] for p in params) else None
    findings: list[Finding] = []
    meldingen = meldingen or {}
    ds, hs, ws = ong["day"].to_list(), ong[ONGEOORLOOFD].to_list(), ong["week"].to_list()
    # each distinct (day, hours) of the explaining days as one `Day`
    keys = ong.select((pl.col("day").cast(pl.Int64) * KEY + pl.col(ONGEOORLOOFD)).alias("k"))["k"]
    memo = {k: day(dates[k // KEY], k % KEY, ONGEOORLOOFD) for k in keys.unique().to_list()}
    made, keys_list = memo.__getitem__, keys.to_list()
    blocks = ong.select(pl.col("pid").rle()).unnest("pid")
    name = prepared.pupils.__getitem__
    start = 0
    for n, pid in zip(blocks["len"].to_list(), blocks["value"].to_list(), strict=True):
        end = start + n
        pupil = name(pid)
        melding_dates = meldingen.get(pupil, ()) if meldingen else ()
        if single is not None and not melding_dates:
            lesweken, threshold = single
            lo, total = start, 0
            for k in range(start, end):
                total += hs[k]
                oldest = ws[k] - lesweken  # a day in this lesweek or before is out of the window
                while ws[lo] <= oldest:
                    total -= hs[lo]
                    lo += 1
                if total >= threshold:
                    i = ds[k]
                    if reports[i]:
                        explain = tuple(map(made, keys_list[lo : k + 1]))
                        findings.append(
                            new_finding(
                                pupil=pupil, kind=LPW20, rule="LPW-20", found_on=dates[i], days=explain
                            )
                        )
                    lo, total = k + 1, 0
        else:
            hours = dict(zip(ds[start:end], hs[start:end], strict=True))
            findings += _walk(pupil, hours, melding_dates, school_days, changes, params, reports, widest)
        start = end
    return findings


def _walk(
    pupil: str,
    hours: dict[int, int],
    melding_dates: Sequence[date],
    school_days: SchoolDays,
    changes: list[int],
    params: list[tuple[int, int] | None],
    reports: list[bool],
    widest: int,
) -> list[Finding]:
    dates, week_of, last = school_days.dates, school_days.week_of, school_days.last
    # each melding's interval [start, close) in school-day numbers; close None = open at as_of
    intervals: list[tuple[date, date | None]] = []
    close_days: set[int] = set()
    for m in sorted(melding_dates):
        if m > last:
            continue
        i = bisect_left(dates, m)
        while i < len(dates) and hours.get(i, 0) > 0:
            i += 1
        if i < len(dates):
            close_days.add(i)
            intervals.append((m, dates[i]))
        else:
            intervals.append((m, None))

    def melding_open(d: date) -> bool:
        return any(start <= d and (close is None or d < close) for start, close in intervals)

    found: list[Finding] = []
    counted: list[int] = []  # the days with hours since the count (re)started
    days = sorted(close_days.union(hours, changes)) if close_days or changes else sorted(hours)
    for i in days:
        if i in close_days:
            counted.clear()
        p = params[i]
        h = hours.get(i)
        if p is None or (h is None and not counted):
            continue
        lesweken, threshold = p
        if h is not None:
            counted.append(i)
        # days that no version's window can reach again are dropped; the window is the rest
        # within this version's lesweken
        while counted and week_of[counted[0]] <= week_of[i] - widest:
            del counted[0]
        first_week = week_of[i] - lesweken + 1
        window = [j for j in counted if week_of[j] >= first_week]
        if sum(hours[j] for j in window) >= threshold:
            d = dates[i]
            if reports[i] and not melding_open(d):
                explain = tuple(day(dates[j], hours[j], ONGEOORLOOFD) for j in window)
                found.append(new_finding(pupil=pupil, kind=LPW20, rule="LPW-20", found_on=d, days=explain))
            counted.clear()
    return found
