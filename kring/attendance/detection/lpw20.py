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
hold `uren` ongeoorloofd hours in total (restarts only lower the sum), so only those pupils (a few
percent) are walked day by day in Python.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from datetime import date

import polars as pl

from kring.attendance.detection.model import LPW20, Finding
from kring.attendance.detection.prepare import MILLI, ONGEOORLOOFD, day
from kring.attendance.detection.schooldays import SchoolDays
from kring.rules.catalog import Rule
from kring.rules.context import rule_on, rule_versions, version_changes


def _parameters(rule: Rule) -> tuple[int, int]:
    """(lesweken, threshold in milli-hours)."""
    return rule.param("lesweken"), rule.param("uren") * MILLI


def candidates(days: pl.DataFrame, first: date, last: date) -> pl.DataFrame:
    """The ongeoorloofd days of the pupils that may reach the threshold (a superset, exact below)."""
    versions = [r for r in rule_versions("LPW-20") if r.applies_on(first) or r.applies_on(last)]
    versions += [r for r in rule_versions("LPW-20") if first <= (r.valid_from or date.min) <= last]
    if not versions:
        return days.clear()
    lesweken = max(_parameters(r)[0] for r in versions)
    threshold = min(_parameters(r)[1] for r in versions)
    ong = days.filter(pl.col(ONGEOORLOOFD) > 0)
    weekly = ong.group_by("pupil", "week").agg(pl.col(ONGEOORLOOFD).sum().alias("mh"))
    spread = (
        weekly.with_columns(pl.int_ranges(pl.col("week"), pl.col("week") + lesweken).alias("w"))
        .explode("w")
        .group_by("pupil", "w")
        .agg(pl.col("mh").sum())
    )
    pupils = spread.filter(pl.col("mh") >= threshold).select("pupil").unique()
    return ong.join(pupils, on="pupil", how="semi").sort("pupil", "day")


def thresholds(
    days: pl.DataFrame,
    school_days: SchoolDays,
    meldingen: Mapping[str, Sequence[date]] | None,
) -> list[Finding]:
    """The LPW-20 thresholds of every pupil (`days`: the output of `prepare.per_day`)."""
    dates = school_days.dates
    if not dates:
        return []
    ong = candidates(days, dates[0], school_days.last)
    if ong.is_empty():
        return []
    changes = [bisect_left(dates, c) for c in version_changes("LPW-20") if dates[0] < c <= school_days.last]
    changes = [i for i in changes if i < len(dates)]
    findings: list[Finding] = []
    per_pupil = ong.group_by("pupil", maintain_order=True).agg(pl.col("day"), pl.col(ONGEOORLOOFD))
    for pupil, pupil_days, pupil_hours in per_pupil.iter_rows():
        hours = dict(zip(pupil_days, pupil_hours, strict=True))
        findings += _walk(pupil, hours, (meldingen or {}).get(pupil, ()), school_days, changes)
    return findings


def _walk(
    pupil: str,
    hours: dict[int, int],
    melding_dates: Sequence[date],
    school_days: SchoolDays,
    changes: list[int],
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
    for i in sorted(close_days.union(hours, changes)):
        if i in close_days:
            counted.clear()
        d = dates[i]
        rule = rule_on("LPW-20", d)
        h = hours.get(i)
        if rule is None or (h is None and not counted):
            continue
        lesweken, threshold = _parameters(rule)
        if h is not None:
            counted.append(i)
        first_week = week_of[i] - lesweken + 1
        window = [j for j in counted if week_of[j] >= first_week]
        if sum(hours[j] for j in window) >= threshold:
            if not melding_open(d) and rule_on("LPW-21", d) is not None:
                days = tuple(day(dates[j], hours[j], ONGEOORLOOFD) for j in window)
                found.append(Finding(pupil=pupil, kind=LPW20, rule="LPW-20", found_on=d, days=days))
            counted.clear()
    return found
