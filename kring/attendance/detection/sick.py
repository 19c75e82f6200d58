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

The reports are found vectorised (a run number from the school-day numbers); only the pupils with
some 4 reports within 12 lesweken are counted in Python, and only the reports in a finding are
turned into days.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from kring.attendance.detection.model import (
    LANG_ZIEK,
    VAAK_ZIEK,
    Day,
    DetectionSettings,
    Finding,
    new_finding,
)
from kring.attendance.detection.prepare import ZIEK, Prepared, explain_days
from kring.attendance.detection.schooldays import SchoolDays


@dataclass(frozen=True, slots=True)
class Reports:
    """The sick reports of every pupil: `days` (the sick days: pid, day, ziek, run) and `runs`
    (one row per report, sorted by pid and start: run, pid, start, length, week of its first day)."""

    days: pl.DataFrame
    runs: pl.DataFrame

    def explain(self, runs: list[int], school_days: SchoolDays) -> dict[int, tuple[Day, ...]]:
        """The days of the reports `runs`, per run."""
        wanted = pl.Series(runs, dtype=self.days["run"].dtype).implode()
        return explain_days(self.days.filter(pl.col("run").is_in(wanted)), "run", ZIEK, ZIEK, school_days)


def reports(prepared: Prepared) -> Reports:
    sick = prepared.days.filter(pl.col(ZIEK) > 0).select("pid", "day", "week", ZIEK)
    new = (pl.col("pid") != pl.col("pid").shift(1)) | (pl.col("day") != pl.col("day").shift(1) + 1)
    sick = sick.with_columns(new.fill_null(True).alias("new")).with_columns(
        pl.col("new").cum_sum().alias("run")
    )
    # a report's rows are together: its length is the distance to the next report's first row
    at = pl.col("at")
    runs = (
        sick.with_row_index("at")
        .filter(pl.col("new"))
        .select(
            "run",
            "pid",
            pl.col("day").alias("start"),
            (at.shift(-1).fill_null(sick.height) - at).alias("length"),
            "week",
        )
    )
    return Reports(days=sick.select("pid", "day", ZIEK, "run"), runs=runs)


def lang_ziek(
    prepared: Prepared, reports: Reports, school_days: SchoolDays, settings: DetectionSettings
) -> list[Finding]:
    n = settings.sick_consecutive_days
    dates = school_days.dates
    long = reports.runs.filter(pl.col("length") > n)
    if long.is_empty():
        return []
    explain = reports.explain(long["run"].to_list(), school_days)
    rule = "instelling:lang_ziek"
    return [
        new_finding(
            pupil=prepared.pupils[pid],
            kind=LANG_ZIEK,
            rule=rule,
            found_on=dates[start + n],
            days=explain[run],
        )
        for run, pid, start in long.select("run", "pid", "start").iter_rows()
    ]


def vaak_ziek(
    prepared: Prepared, reports: Reports, school_days: SchoolDays, settings: DetectionSettings
) -> list[Finding]:
    dates = school_days.dates
    n, weeks = settings.sick_reports, settings.sick_weeks
    if n < 1:
        return []
    runs = reports.runs
    # Counting restarts after a finding, so (by induction) the count reaches n exactly at a finding,
    # and report r is the nth counted exactly when the report n - 1 before it is the same pupil's,
    # starts within `weeks` lesweken of r ("close") and was counted, i.e. no finding was made at
    # any of those n - 1 reports. So the findings are the close reports, each taken unless a
    # finding was taken fewer than n reports before it (a finding of another pupil is always at
    # least n reports before, as the n - 1 reports before r are r's pupil's).
    k = n - 1
    close = (pl.col("pid").shift(k) == pl.col("pid")) & (pl.col("week") - pl.col("week").shift(k) < weeks)
    rows = runs.with_row_index("at").filter(close.fill_null(False) if k else pl.lit(True))
    found: list[int] = []  # the row of the nth report of each finding
    taken = -n
    for r in rows["at"].to_list():
        if r - taken >= n:
            found.append(r)
            taken = r
    if not found:
        return []
    # every report of a finding to the finding's number (in order, so the days stay together)
    at = pl.Series(found, dtype=pl.UInt32)
    nth = runs.select("pid", "start").with_row_index("at").filter(pl.col("at").is_in(at.implode()))
    member = pl.int_ranges(pl.col("at") - k, pl.col("at") + 1, dtype=pl.UInt32)
    numbers = nth.select(member.alias("at"), pl.int_range(pl.len(), dtype=pl.Int64).alias("finding")).explode(
        "at"
    )
    runs_found = runs.select("run").with_row_index("at").join(numbers, on="at").sort("at")
    rows = reports.days.join(runs_found.select("run", "finding"), on="run", maintain_order="left")
    explain = explain_days(rows, "finding", ZIEK, ZIEK, school_days)
    rule = "instelling:vaak_ziek"
    return [
        new_finding(
            pupil=prepared.pupils[pid],
            kind=VAAK_ZIEK,
            rule=rule,
            found_on=dates[start],
            days=explain[f],
        )
        for f, (pid, start) in enumerate(nth.select("pid", "start").iter_rows())
    ]
