"""The frame summed per pupil and school day, in milli-hours (exact integer arithmetic).

Rows with 0 hours (present), rows after `as_of` and rows on days that are no school day of the
region are dropped (the rules engine counts school days only). Rows of one pupil and day (per
lesson) are summed. Hours are rounded to whole milli-hours (3.6 seconds), so sums and
comparisons are exact, like the rules engine's Decimal arithmetic.

The result has one row per pupil and school day with any absence:

    pupil, date, day, week    the school day (see `schooldays`)
    ongeoorloofd              milli-hours with reason ongeoorloofd (LPW-20, TZ-01)
    ziek                      milli-hours with reason ziek (lang_ziek, vaak_ziek)
    absent                    milli-hours with any reason except te_laat (gedeeltelijk, dalend)
    reason                    the reason of the row with the most hours that day (a presence finding's days)
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache

import polars as pl

from kring.attendance.detection.model import Day
from kring.attendance.detection.schooldays import SchoolDays

MILLI = 1000
ONGEOORLOOFD = "ongeoorloofd"
ZIEK = "ziek"
TE_LAAT = "te_laat"


def per_day(frame: pl.DataFrame, school_days: SchoolDays, as_of: date) -> pl.DataFrame:
    mh = (pl.col("hours") * MILLI).round(0).cast(pl.Int64)
    rows = (
        frame.lazy()
        .select("pupil", "date", "reason", mh.alias("mh"))
        .filter((pl.col("mh") > 0) & (pl.col("date") <= as_of))
        .join(school_days.table.lazy(), on="date", how="inner")
    )
    return (
        rows.group_by("pupil", "day")
        .agg(
            pl.col("date").first(),
            pl.col("week").first(),
            pl.col("mh").filter(pl.col("reason") == ONGEOORLOOFD).sum().alias(ONGEOORLOOFD),
            pl.col("mh").filter(pl.col("reason") == ZIEK).sum().alias(ZIEK),
            pl.col("mh").filter(pl.col("reason") != TE_LAAT).sum().alias("absent"),
            pl.col("reason").sort_by("mh", descending=True).first().alias("reason"),
        )
        .sort("pupil", "day")
        .collect()
    )


@lru_cache(maxsize=4096)
def hours(milli_hours: int) -> Decimal:
    """Milli-hours as a Decimal of hours without trailing zeros (`5000` -> `5`, `2500` -> `2.5`)."""
    value = Decimal(milli_hours) / MILLI
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def day(d: date, milli_hours: int, reason: str) -> Day:
    return Day(date=d, hours=hours(milli_hours), reason=reason)
