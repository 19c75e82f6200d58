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

from kring.attendance.detection.model import LRV, Finding, new_finding
from kring.attendance.detection.prepare import ONGEOORLOOFD, Prepared, day
from kring.attendance.detection.schooldays import SchoolDays
from kring.rules.context import rule_on


def run_ids(rows: pl.DataFrame) -> pl.Expr:
    """A run number per row of `rows` (sorted by pid, day): consecutive school days of one pupil
    share it."""
    new = (pl.col("pid") != pl.col("pid").shift(1)) | (pl.col("day") != pl.col("day").shift(1) + 1)
    return new.fill_null(True).cum_sum()


def langdurig_relatief_verzuim(prepared: Prepared, school_days: SchoolDays, as_of: date) -> list[Finding]:
    tz01 = rule_on("TZ-01", as_of)
    if tz01 is None or not school_days.dates:
        return []
    limit = tz01.param("dagen")
    dates = school_days.dates
    last = len(dates) - 1
    ong = prepared.days.filter(pl.col(ONGEOORLOOFD) > 0).select("pid", "day", ONGEOORLOOFD)
    ong = ong.with_columns(run_ids(ong).alias("run"))
    ending = ong.filter(pl.col("day") == last)["run"].implode()
    runs = (
        ong.filter(pl.col("run").is_in(ending))
        .group_by("run", maintain_order=True)
        .agg(pl.col("pid").first(), pl.col("day"), pl.col(ONGEOORLOOFD))
    )
    findings = []
    long_enough: dict[int, bool] = {}
    for _run, pid, ds, hs in runs.iter_rows():
        start = ds[0]
        if start not in long_enough:
            long_enough[start] = school_days.days_excluding_holidays(dates[start], as_of) > limit
        if not long_enough[start]:
            continue
        explain = tuple(day(dates[d], h, ONGEOORLOOFD) for d, h in zip(ds, hs, strict=True))
        findings.append(
            new_finding(
                pupil=prepared.pupils[pid], kind=LRV, rule="TZ-01", found_on=dates[start], days=explain
            )
        )
    return findings
