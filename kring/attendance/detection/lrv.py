"""TZ-01 langdurig relatief verzuim: an unbroken run of ongeoorloofd absence up to `as_of`.

Exactly as `kring.rules.domains.thuiszitter`: the run is the school days with ongeoorloofd absence
that end on the last school day on or before `as_of` and have no school day without ongeoorloofd
absence between them (weekends and holidays do not break it). When the calendar days from the
run's first day to `as_of`, minus the days in school holidays, are more than TZ-01's `dagen` (28),
the pupil is in langdurig relatief verzuim since the run's first day: that is `found_on`, and the
run's days are the finding's days. (The engine also requires the child to be leerplichtig and
enrolled without vrijstelling on `as_of`; the import only holds enrolled pupils of the school.)
"""

from __future__ import annotations

from datetime import date

import polars as pl

from kring.attendance.detection.model import LRV, Finding
from kring.attendance.detection.prepare import ONGEOORLOOFD, day
from kring.attendance.detection.schooldays import SchoolDays
from kring.rules.context import rule_on


def runs_up_to_as_of(days: pl.DataFrame, school_days: SchoolDays, column: str) -> pl.DataFrame:
    """Per pupil with `column` > 0 on the last school day: the first `day` of that unbroken run."""
    last = len(school_days.dates) - 1
    return (
        days.filter(pl.col(column) > 0)
        .select("pupil", "day")
        .with_columns((pl.col("day") - pl.col("day").cum_count().over("pupil")).alias("run"))
        .group_by("pupil", "run")
        .agg(pl.col("day").min().alias("start"), pl.col("day").max().alias("end"))
        .filter(pl.col("end") == last)
        .select("pupil", "start")
    )


def langdurig_relatief_verzuim(days: pl.DataFrame, school_days: SchoolDays, as_of: date) -> list[Finding]:
    tz01 = rule_on("TZ-01", as_of)
    if tz01 is None or not school_days.dates:
        return []
    limit = tz01.param("dagen")
    dates = school_days.dates
    runs = runs_up_to_as_of(days, school_days, ONGEOORLOOFD)
    long_enough = {
        start
        for start in runs["start"].unique().to_list()
        if school_days.days_excluding_holidays(dates[start], as_of) > limit
    }
    runs = runs.filter(pl.col("start").is_in(list(long_enough)))
    if runs.is_empty():
        return []
    rows = (
        days.join(runs, on="pupil", how="inner")
        .filter(pl.col("day") >= pl.col("start"))
        .group_by("pupil", maintain_order=True)
        .agg(pl.col("start").first(), pl.col("day"), pl.col(ONGEOORLOOFD))
    )
    findings = []
    for pupil, start, ds, hs in rows.iter_rows():
        explain = tuple(day(dates[d], h, ONGEOORLOOFD) for d, h in zip(ds, hs, strict=True))
        findings.append(Finding(pupil=pupil, kind=LRV, rule="TZ-01", found_on=dates[start], days=explain))
    return findings
