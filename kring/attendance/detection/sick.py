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

from kring.attendance.detection.model import LANG_ZIEK, VAAK_ZIEK, Day, DetectionSettings, Finding
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
        Finding(
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
    # a pupil can only be found when some n consecutive reports start within `weeks` lesweken
    k = n - 1
    close = (pl.col("pid").shift(-k) == pl.col("pid")) & (pl.col("week").shift(-k) - pl.col("week") < weeks)
    pupils = runs.filter(close)["pid"].unique().implode()
    candidates = runs.filter(pl.col("pid").is_in(pupils))
    pids = candidates["pid"].to_list()
    run_of = candidates["run"].to_list()
    week_of = candidates["week"].to_list()
    start_of = candidates["start"].to_list()
    found: list[tuple[int, int, list[int]]] = []  # (pid, first day of the nth report, the reports' runs)
    lo = 0  # the first report (row) counted: since the count (re)started and within `weeks` lesweken
    for r in range(len(pids)):
        if r == 0 or pids[r] != pids[r - 1]:
            lo = r
        oldest = week_of[r] - weeks  # a report in this lesweek or before is out of the window
        while lo < r and week_of[lo] <= oldest:
            lo += 1
        if r - lo + 1 >= n:
            found.append((pids[r], start_of[r], run_of[lo : r + 1]))
            lo = r + 1
    if not found:
        return []
    # every report of a finding to the finding's number (in order, so the days stay together)
    runs_found = [run for _, _, rs in found for run in rs]
    numbers = [f for f, (_, _, rs) in enumerate(found) for _ in rs]
    wanted = pl.Series(runs_found, dtype=reports.days["run"].dtype)
    rows = reports.days.filter(pl.col("run").is_in(wanted.implode())).with_columns(
        pl.col("run").replace_strict(wanted, pl.Series(numbers, dtype=pl.Int64)).alias("finding")
    )
    explain = explain_days(rows, "finding", ZIEK, ZIEK, school_days)
    rule = "instelling:vaak_ziek"
    return [
        Finding(
            pupil=prepared.pupils[pid],
            kind=VAAK_ZIEK,
            rule=rule,
            found_on=dates[start],
            days=explain[f],
        )
        for f, (pid, start, _rs) in enumerate(found)
    ]
