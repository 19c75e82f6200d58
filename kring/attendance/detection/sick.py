"""Long illness (lang_ziek) and frequent sick reports (vaak_ziek), with the regional settings.

A sick day is a school day with sick hours (reason ziek). A sick report is a run of consecutive
school days that are sick days (weekends and holidays between them do not break the run; any other
school day does).

- lang_ziek (`sick_consecutive_days`, default 6): a report of more than 6 school days. found_on is
  the 7th school day of the report (the day it became more than 6); its days are the report's days
  up to `as_of`.
- vaak_ziek (`sick_reports` within `sick_weeks`, default 4 within 12 lesweken): counting the reports
  by their first day, the 4th report that starts within 12 lesweken of the report counted first
  (its lesweek and the 11 lesweken before it, weeks without a school day skipped). found_on is the
  first day of that 4th report; its days are the days of the 4 reports. After a finding the count
  restarts with the next report (like LPW-20), so 8 reports in 12 lesweken are 2 findings.
"""

from __future__ import annotations

import polars as pl

from kring.attendance.detection.model import LANG_ZIEK, VAAK_ZIEK, DetectionSettings, Finding
from kring.attendance.detection.prepare import ZIEK, day
from kring.attendance.detection.schooldays import SchoolDays


def reports(days: pl.DataFrame) -> pl.DataFrame:
    """One row per sick report: pupil, start, length (school days), week (of its first day), days, hours."""
    return (
        days.filter(pl.col(ZIEK) > 0)
        .select("pupil", "day", "week", "date", ZIEK)
        .with_columns((pl.col("day") - pl.col("day").cum_count().over("pupil")).alias("run"))
        .group_by("pupil", "run", maintain_order=True)
        .agg(
            pl.col("day").first().alias("start"),
            pl.col("day").len().alias("length"),
            pl.col("week").first(),
            pl.col("day").alias("days"),
            pl.col(ZIEK).alias("hours"),
        )
        .drop("run")
        .sort("pupil", "start")
    )


def lang_ziek(runs: pl.DataFrame, school_days: SchoolDays, settings: DetectionSettings) -> list[Finding]:
    n = settings.sick_consecutive_days
    findings = []
    dates = school_days.dates
    for pupil, start, _length, _week, ds, hs in runs.filter(pl.col("length") > n).iter_rows():
        explain = tuple(day(dates[d], h, ZIEK) for d, h in zip(ds, hs, strict=True))
        found_on = school_days.dates[start + n]
        rule = "instelling:lang_ziek"
        findings.append(Finding(pupil=pupil, kind=LANG_ZIEK, rule=rule, found_on=found_on, days=explain))
    return findings


def vaak_ziek(runs: pl.DataFrame, school_days: SchoolDays, settings: DetectionSettings) -> list[Finding]:
    dates = school_days.dates
    n, weeks = settings.sick_reports, settings.sick_weeks
    if n < 1:
        return []
    # a pupil can only be found when some n consecutive reports start within `weeks` lesweken
    shifted = pl.col("week").shift(-(n - 1)).over("pupil")
    pupils = (
        runs.with_columns((shifted - pl.col("week")).alias("span"))
        .filter(pl.col("span") < weeks)
        .select("pupil")
        .unique()
    )
    candidates = runs.join(pupils, on="pupil", how="semi").sort("pupil", "start")
    findings: list[Finding] = []
    per_pupil = candidates.group_by("pupil", maintain_order=True).agg(
        pl.col("week"), pl.col("days"), pl.col("hours")
    )
    for pupil, weeks_of, dates_of, hours_of in per_pupil.iter_rows():
        rows = list(zip(weeks_of, dates_of, hours_of, strict=True))
        counted: list[int] = []  # the reports since the count (re)started
        for k, (week, _ds, _hs) in enumerate(rows):
            counted = [j for j in counted if week - rows[j][0] < weeks] + [k]
            if len(counted) >= n:
                explain = tuple(
                    day(dates[d], h, ZIEK)
                    for j in counted
                    for d, h in zip(rows[j][1], rows[j][2], strict=True)
                )
                found_on = dates[rows[k][1][0]]
                rule = "instelling:vaak_ziek"
                findings.append(
                    Finding(pupil=str(pupil), kind=VAAK_ZIEK, rule=rule, found_on=found_on, days=explain)
                )
                counted = []
    return findings
