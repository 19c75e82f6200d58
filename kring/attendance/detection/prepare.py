"""The frame summed per pupil and school day, in milli-hours (exact integer arithmetic).

Rows with 0 hours (present), rows after `as_of` and rows on days that are no school day of the
region are dropped (the rules engine counts school days only). Rows of one pupil and day (per
lesson) are summed. Hours are rounded to whole milli-hours (3.6 seconds), so sums and
comparisons are exact, like the rules engine's Decimal arithmetic.

Every pupil is mapped to an integer `pid` once (`Prepared.pupils` maps it back), so all grouping,
joining and sorting below works on integers; the pupils' keys are only needed for the findings.
The days have one row per pupil and school day with any absence; the rows of one pupil are
together and by day (as in the frame when it already is so, else sorted by pid and day):

    pid, day, week            the pupil and the school day (see `schooldays`)
    ongeoorloofd              milli-hours with reason ongeoorloofd (LPW-20, TZ-01)
    ziek                      milli-hours with reason ziek (lang_ziek, vaak_ziek)
    absent                    milli-hours with any reason except te_laat (gedeeltelijk, dalend)
    reason                    the reason of the row with the most hours that day (the first such row
                              on a tie; a presence finding's days)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

import polars as pl

from kring.attendance.detection.model import Day, new_day
from kring.attendance.detection.schooldays import SchoolDays

MILLI = 1000
ONGEOORLOOFD = "ongeoorloofd"
ZIEK = "ziek"
TE_LAAT = "te_laat"
PID = pl.UInt64


@dataclass(frozen=True, slots=True)
class Prepared:
    days: pl.DataFrame  # see the module's docstring
    pupils: dict[int, str]  # pid -> the pupil's key


def _pupil_ids(rows: pl.DataFrame) -> tuple[pl.DataFrame, dict[int, str], bool]:
    """`rows` with an integer `pid` instead of `pupil`, the map back, and whether the rows of each
    pupil are together and by day, one per day (then nothing needs sorting or summing).

    The id is the pupil key's 64-bit hash (cheap: no table of strings). When the rows of each
    pupil are together, the ids are exact when every pupil's block of rows is one id's block and
    no id has two blocks. Otherwise a collision between two keys is checked with a second,
    independent hash (both would have to collide); when there is one, the ids are the keys' dense
    rank instead (exact, slower)."""
    rows = rows.with_columns(pl.col("pupil").hash(seed=0).alias("pid"))
    new = (pl.col("pid") != pl.col("pid").shift(1)).fill_null(True)
    new_pupil = (pl.col("pupil") != pl.col("pupil").shift(1)).fill_null(True)
    blocks, ids, mixed, unordered = rows.select(
        new.sum().alias("blocks"),
        pl.col("pid").n_unique().alias("ids"),
        (new != new_pupil).any().alias("mixed"),
        ((~new) & (pl.col("day") <= pl.col("day").shift(1))).any().alias("unordered"),
    ).row(0)
    if blocks == ids and not mixed:
        names = rows.filter(new).select("pid", "pupil")
        grouped = not unordered
    else:
        names = rows.select("pid", "pupil").unique(subset="pid", keep="any")
        if rows.select(pl.col("pupil").hash(seed=1).n_unique()).item() != names.height:
            rows = rows.with_columns(pl.col("pupil").rank("dense").cast(PID).alias("pid"))
            names = rows.select("pid", "pupil").unique(subset="pid", keep="any")
        grouped = False
    pupils = dict(zip(names["pid"].to_list(), names["pupil"].to_list(), strict=True))
    return rows.drop("pupil"), pupils, grouped


def per_day(frame: pl.DataFrame, school_days: SchoolDays, as_of: date) -> Prepared:
    dates = school_days.dates
    empty = pl.DataFrame(
        schema={
            "pid": PID,
            "day": pl.Int32,
            "week": pl.Int32,
            ONGEOORLOOFD: pl.Int64,
            ZIEK: pl.Int64,
            "absent": pl.Int64,
            "reason": pl.String,
        }
    )
    if not dates:
        return Prepared(days=empty, pupils={})
    base, last = dates[0], min(as_of, school_days.last)
    # date -> school-day number by position (-1: no school day), cheaper than a join
    lookup = [-1] * ((last - base).days + 1)
    for i, d in enumerate(dates):
        lookup[(d - base).days] = i
    mh = (pl.col("hours") * MILLI).round(0).cast(pl.Int64)
    offset = (pl.col("date") - pl.lit(base)).dt.total_days()
    rows = (
        frame.lazy()
        .select("pupil", "date", "reason", mh.alias("mh"))
        .filter((pl.col("mh") > 0) & (pl.col("date") >= base) & (pl.col("date") <= last))
        .select(
            "pupil",
            "reason",
            "mh",
            pl.lit(pl.Series(lookup, dtype=pl.Int32)).gather(offset).alias("day"),
        )
        .filter(pl.col("day") >= 0)
        .collect()
    )
    if rows.is_empty():
        return Prepared(days=empty, pupils={})
    rows, pupils, grouped = _pupil_ids(rows)
    reason = pl.col("reason")
    per_reason = [
        pl.when(reason == ONGEOORLOOFD).then(pl.col("mh")).otherwise(0).alias(ONGEOORLOOFD),
        pl.when(reason == ZIEK).then(pl.col("mh")).otherwise(0).alias(ZIEK),
        pl.when(reason != TE_LAAT).then(pl.col("mh")).otherwise(0).alias("absent"),
    ]
    if not grouped:
        rows = rows.sort("pid", "day", maintain_order=True)
        duplicate = (pl.col("pid") == pl.col("pid").shift(1)) & (pl.col("day") == pl.col("day").shift(1))
        if rows.select(duplicate.any()).item():
            rows = (
                rows.with_columns(per_reason)
                .group_by("pid", "day")
                .agg(
                    pl.col(ONGEOORLOOFD).sum(),
                    pl.col(ZIEK).sum(),
                    pl.col("absent").sum(),
                    pl.col("reason").get(pl.col("mh").arg_max()),
                    pl.col("mh").sum(),
                )
                .sort("pid", "day")
            )
    if "absent" not in rows.columns:
        rows = rows.with_columns(per_reason)
    week = pl.lit(school_days.table["week"]).gather(pl.col("day"))
    days = rows.select("pid", "day", week.alias("week"), ONGEOORLOOFD, ZIEK, "absent", "reason")
    return Prepared(days=days, pupils=pupils)


KEY = 1 << 32  # a (day, milli-hours) pair as one integer: day * KEY + milli-hours


def explain_days(
    rows: pl.DataFrame, group: str, column: str, reason: str, school_days: SchoolDays
) -> dict[int, tuple[Day, ...]]:
    """Per value of `group`: the `Day`s of its rows (`rows` sorted by `group` and then `day`; the
    hours in `column`, all with `reason`). Each distinct day and hours is built once."""
    if rows.is_empty():
        return {}
    keys = rows.select((pl.col("day").cast(pl.Int64) * KEY + pl.col(column)).alias("k"))["k"]
    dates = school_days.dates
    memo = {k: day(dates[k // KEY], k % KEY, reason) for k in keys.unique().to_list()}
    runs = rows.select(pl.col(group).rle()).unnest(group)
    get = memo.__getitem__
    flat = keys.to_list()
    out: dict[int, tuple[Day, ...]] = {}
    at = 0
    for n, g in zip(runs["len"].to_list(), runs["value"].to_list(), strict=True):
        out[g] = tuple(map(get, flat[at : at + n]))
        at += n
    return out


@lru_cache(maxsize=4096)
def hours(milli_hours: int) -> Decimal:
    """Milli-hours as a Decimal of hours without trailing zeros (`5000` -> `5`, `2500` -> `2.5`)."""
    value = Decimal(milli_hours) / MILLI
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


@lru_cache(maxsize=65536)
def day(d: date, milli_hours: int, reason: str) -> Day:
    """A `Day` (frozen, so one object serves every finding with the same date, hours and reason)."""
    return new_day(date=d, hours=hours(milli_hours), reason=reason)
