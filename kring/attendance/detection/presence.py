"""Presence over the last lesweken of the import: a partial programme (gedeeltelijk) and a falling
trend (dalend).

A school day counts as absent when its absent hours (any reason except te_laat) are 3 or more;
every other school day counts as present (also a school day without a row). A lesweek's presence is
its present school days divided by its school days. Both rules judge only the last complete
lesweken of the import: the lesweken whose school days all lie on or before `as_of`, the last of
them the last such lesweek, and all of them inside the imported period (from the frame's first
date; when the import is shorter, nothing is judged). So a sick week earlier in the year is no
signal, and re-importing the same period finds the same signal on the same day.

- gedeeltelijk (`partial_share_percent`, `partial_weeks`; default 60 % over 4 lesweken): over the
  last 4 complete lesweken the pupil was present on fewer than 60 % of their school days.
- dalend: over the last 4 complete lesweken the presence of each lesweek is strictly lower than
  that of the lesweek before it, and the last one's is below 80 % (for example 100 %, 80 %, 60 %, 40 %).

For both, found_on is the last school day of the last complete lesweek judged, and the days are the
absent days of the lesweken judged.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from kring.attendance.detection.model import (
    DALEND,
    GEDEELTELIJK,
    Day,
    DetectionSettings,
    Finding,
    new_finding,
)
from kring.attendance.detection.prepare import KEY, MILLI, Prepared, day
from kring.attendance.detection.schooldays import SchoolDays

ABSENT_FROM = 3 * MILLI  # milli-hours: a day with 3 hours or more absence counts as absent
DALEND_WEEKS = 4  # the lesweken compared: each with less presence than the one before
DALEND_BELOW_PERCENT = 80  # and the last of them below this share


def _weeks(school_days: SchoolDays, coverage_start: date) -> tuple[int, int]:
    """(first covered lesweek, last complete lesweek)."""
    dates, starts = school_days.dates, school_days.week_start
    n_weeks = len(school_days.mondays)
    first = 0
    while first < n_weeks and dates[starts[first]] < coverage_start:
        first += 1
    last = n_weeks - 1
    while last >= 0 and not school_days.week_complete(last):
        last -= 1
    return first, last


def _size(school_days: SchoolDays, week: int) -> int:
    return school_days.week_end[week] - school_days.week_start[week]


def presence(
    prepared: Prepared, school_days: SchoolDays, settings: DetectionSettings, coverage_start: date
) -> list[Finding]:
    """The gedeeltelijk and dalend findings."""
    if not school_days.dates:
        return []
    first, last = _weeks(school_days, coverage_start)
    span = max(settings.partial_weeks, DALEND_WEEKS)
    if last < 0:
        return []
    absent = prepared.days.filter(
        (pl.col("absent") >= ABSENT_FROM) & (pl.col("week") > last - span) & (pl.col("week") <= last)
    ).select("pid", "day", "week", "absent", "reason")
    found_on = school_days.dates[school_days.week_end[last] - 1]
    qualifying = _gedeeltelijk(absent, first, last, school_days, settings) + _dalend(
        absent, first, last, school_days
    )
    if not qualifying:
        return []
    # the absent days of each finding's lesweken, numbered by finding (in order, days ascending)
    wanted = pl.DataFrame(
        {
            "finding": range(len(qualifying)),
            "pid": [pid for _, pid, _ in qualifying],
            "from_week": [last - weeks + 1 for _, _, weeks in qualifying],
        },
        schema={"finding": pl.Int64, "pid": absent["pid"].dtype, "from_week": pl.Int32},
    )
    rows = (
        wanted.join(absent, on="pid", maintain_order="left")
        .filter(pl.col("week") >= pl.col("from_week"))
        .sort("finding", "day", maintain_order=True)
    )
    dates = school_days.dates
    # each distinct (reason, day, hours) as one `Day`, once
    reasons = rows["reason"].unique().sort().to_list()
    code = pl.col("reason").replace_strict(reasons, range(len(reasons)), return_dtype=pl.Int64)
    keys = rows.select(((code * len(dates) + pl.col("day")) * KEY + pl.col("absent")).alias("k"))["k"]
    memo = {
        k: day(dates[(k // KEY) % len(dates)], k % KEY, reasons[k // KEY // len(dates)])
        for k in keys.unique().to_list()
    }
    get, flat = memo.__getitem__, keys.to_list()
    blocks = rows.select(pl.col("finding").rle()).unnest("finding")
    explain: dict[int, tuple[Day, ...]] = {}
    at = 0
    for n, f in zip(blocks["len"].to_list(), blocks["value"].to_list(), strict=True):
        explain[f] = tuple(map(get, flat[at : at + n]))
        at += n
    findings = []
    for f, (kind, pid, _span) in enumerate(qualifying):
        findings.append(
            new_finding(
                pupil=prepared.pupils[pid],
                kind=kind,
                rule=f"instelling:{kind}",
                found_on=found_on,
                days=explain.get(f, ()),
            )
        )
    return findings


def _gedeeltelijk(
    absent: pl.DataFrame, first: int, last: int, school_days: SchoolDays, settings: DetectionSettings
) -> list[tuple[str, int, int]]:
    """(GEDEELTELIJK, pid, lesweken judged) per pupil found."""
    span, percent = settings.partial_weeks, settings.partial_share_percent
    if span < 1 or last - span + 1 < first:
        return []
    total = sum(_size(school_days, w) for w in range(last - span + 1, last + 1))
    # present share below percent: 100 * (total - a) < percent * total
    found = (
        absent.filter(pl.col("week") > last - span)
        .group_by("pid")
        .agg(pl.len().cast(pl.Int64).alias("a"))
        .filter(100 * (total - pl.col("a")) < percent * total)
    )
    return [(GEDEELTELIJK, pid, span) for pid in found["pid"].to_list()]


def _dalend(
    absent: pl.DataFrame, first: int, last: int, school_days: SchoolDays
) -> list[tuple[str, int, int]]:
    """(DALEND, pid, lesweken judged) per pupil found."""
    weeks = list(range(last - DALEND_WEEKS + 1, last + 1))
    if weeks[0] < first:
        return []
    counts = (
        absent.filter(pl.col("week") >= weeks[0])
        .group_by("pid")
        .agg(*(pl.col("week").eq(w).sum().cast(pl.Int64).alias(f"a{k}") for k, w in enumerate(weeks)))
    )
    sizes = [_size(school_days, w) for w in weeks]
    # presence (n - a) / n of each lesweek below that of the one before it, as integers
    falling = [
        (sizes[k] - pl.col(f"a{k}")) * sizes[k - 1] < (sizes[k - 1] - pl.col(f"a{k - 1}")) * sizes[k]
        for k in range(1, DALEND_WEEKS)
    ]
    n = sizes[-1]
    below = 100 * (n - pl.col(f"a{DALEND_WEEKS - 1}")) < DALEND_BELOW_PERCENT * n
    found = counts.filter(pl.all_horizontal(*falling, below))
    return [(DALEND, pid, DALEND_WEEKS) for pid in found["pid"].to_list()]
