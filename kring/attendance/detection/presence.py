"""Presence per lesweek: a partial programme (gedeeltelijk) and a falling trend (dalend).

A school day counts as absent when its absent hours (any reason except te_laat) are 3 or more;
every other school day counts as present (also a school day without a row). A lesweek's presence is
its present school days divided by its school days. Only complete lesweken (all their school days
on or before `as_of`) inside the imported period (from the frame's first date) are judged, so a
finding's day never moves when the same period is imported again.

- gedeeltelijk (`partial_share_percent`, `partial_weeks`; default 60 % over 4 lesweken): over a
  lesweek and the 3 lesweken before it, the pupil was present on fewer than 60 % of the school
  days. found_on is the last school day of the first lesweek of such a stretch (the following
  lesweken that also qualify are the same finding); its days are the absent days of those 4 lesweken.
- dalend: the presence of each of 3 lesweken in a row is lower than that of the lesweek before it,
  and the last of them is below 80 % (for example 100 %, 80 %, 60 %, 40 %). found_on is the last
  school day of that last lesweek (again once per stretch); its days are the absent days of the
  4 lesweken compared.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from kring.attendance.detection.model import DALEND, GEDEELTELIJK, DetectionSettings, Finding
from kring.attendance.detection.prepare import MILLI, day
from kring.attendance.detection.schooldays import SchoolDays

ABSENT_FROM = 3 * MILLI  # milli-hours: a day with 3 hours or more absence counts as absent
DALEND_WEEKS = 3  # lesweken in a row with less presence than the one before
DALEND_BELOW_PERCENT = 80  # and the last of them below this share


def _weeks(school_days: SchoolDays, coverage_start: date) -> tuple[int, int, pl.DataFrame]:
    """(first covered lesweek, last complete lesweek, frame week -> n school days)."""
    dates, starts = school_days.dates, school_days.week_start
    n_weeks = len(school_days.mondays)
    first = 0
    while first < n_weeks and dates[starts[first]] < coverage_start:
        first += 1
    last = n_weeks - 1
    while last >= 0 and not school_days.week_complete(last):
        last -= 1
    sizes = pl.DataFrame(
        {
            "week": list(range(n_weeks)),
            "n": [e - s for s, e in zip(starts, school_days.week_end, strict=True)],
        },
        schema={"week": pl.Int32, "n": pl.Int64},
    )
    return first, last, sizes


def _streak_starts(qualifying: pl.DataFrame) -> pl.DataFrame:
    """The (pupil, week) rows whose previous lesweek did not qualify."""
    return (
        qualifying.sort("pupil", "week")
        .filter((pl.col("week") - pl.col("week").shift(1).over("pupil")).fill_null(2) != 1)
        .select("pupil", "week")
    )


def _findings(
    starts: pl.DataFrame, absent: pl.DataFrame, school_days: SchoolDays, span: int, kind: str
) -> list[Finding]:
    if starts.is_empty():
        return []
    rows = (
        absent.join(starts.rename({"week": "at"}), on="pupil", how="inner")
        .filter((pl.col("week") <= pl.col("at")) & (pl.col("week") > pl.col("at") - span))
        .sort("pupil", "at", "day")
        .group_by("pupil", "at", maintain_order=True)
        .agg(pl.col("day"), pl.col("absent"), pl.col("reason"))
    )
    dates = school_days.dates
    found = []
    for pupil, at, ds, hs, rs in rows.iter_rows():
        found_on = school_days.dates[school_days.week_end[at] - 1]
        explain = tuple(day(dates[d], h, r) for d, h, r in zip(ds, hs, rs, strict=True))
        found.append(
            Finding(pupil=pupil, kind=kind, rule=f"instelling:{kind}", found_on=found_on, days=explain)
        )
    return found


def presence(
    days: pl.DataFrame, school_days: SchoolDays, settings: DetectionSettings, coverage_start: date
) -> list[Finding]:
    """The gedeeltelijk and dalend findings (`days`: the output of `prepare.per_day`)."""
    if not school_days.dates:
        return []
    first, last, sizes = _weeks(school_days, coverage_start)
    absent = days.filter(pl.col("absent") >= ABSENT_FROM).select(
        "pupil", "date", "day", "week", "absent", "reason"
    )
    weekly = absent.group_by("pupil", "week").agg(pl.len().cast(pl.Int64).alias("a"))
    return _gedeeltelijk(weekly, absent, sizes, first, last, school_days, settings) + _dalend(
        weekly, absent, sizes, first, last, school_days
    )


def _gedeeltelijk(
    weekly: pl.DataFrame,
    absent: pl.DataFrame,
    sizes: pl.DataFrame,
    first: int,
    last: int,
    school_days: SchoolDays,
    settings: DetectionSettings,
) -> list[Finding]:
    span, percent = settings.partial_weeks, settings.partial_share_percent
    if span < 1 or last < first + span - 1:
        return []
    # the school days of the window ending at each lesweek
    window_n = sizes.with_columns(pl.col("n").rolling_sum(span, min_samples=1).alias("total")).select(
        "week", "total"
    )
    spread = (
        weekly.with_columns(
            pl.int_ranges(pl.col("week"), pl.col("week") + span).cast(pl.List(pl.Int32)).alias("w")
        )
        .explode("w")
        .group_by("pupil", "w")
        .agg(pl.col("a").sum())
        .rename({"w": "week"})
        .filter(pl.col("week").is_between(first + span - 1, last))
        .join(window_n, on="week", how="inner")
        # present share below percent: 100 * (total - a) < percent * total
        .filter(100 * (pl.col("total") - pl.col("a")) < percent * pl.col("total"))
    )
    return _findings(_streak_starts(spread), absent, school_days, span, GEDEELTELIJK)


def _dalend(
    weekly: pl.DataFrame,
    absent: pl.DataFrame,
    sizes: pl.DataFrame,
    first: int,
    last: int,
    school_days: SchoolDays,
) -> list[Finding]:
    if last < first + DALEND_WEEKS:
        return []
    shares = weekly.join(sizes, on="week", how="inner")
    frame = shares.filter(pl.col("week").is_between(first + DALEND_WEEKS, last))
    for k in range(1, DALEND_WEEKS + 1):
        before = shares.select(
            "pupil", (pl.col("week") + k).cast(pl.Int32).alias("week"), pl.col("a").alias(f"a{k}")
        )
        frame = frame.join(before, on=["pupil", "week"], how="left").with_columns(
            pl.col(f"a{k}").fill_null(0)
        )
        frame = frame.join(
            sizes.select((pl.col("week") + k).cast(pl.Int32).alias("week"), pl.col("n").alias(f"n{k}")),
            on="week",
            how="left",
        )
    frame = frame.rename({"a": "a0", "n": "n0"})
    # presence (n - a) / n of week k (k lesweken back) above that of week k - 1, as integers
    falling = [
        (pl.col(f"n{k}") - pl.col(f"a{k}")) * pl.col(f"n{k - 1}")
        > (pl.col(f"n{k - 1}") - pl.col(f"a{k - 1}")) * pl.col(f"n{k}")
        for k in range(1, DALEND_WEEKS + 1)
    ]
    below = 100 * (pl.col("n0") - pl.col("a0")) < DALEND_BELOW_PERCENT * pl.col("n0")
    qualifying = frame.filter(pl.all_horizontal(*falling, below)).select("pupil", "week")
    return _findings(_streak_starts(qualifying), absent, school_days, DALEND_WEEKS + 1, DALEND)
