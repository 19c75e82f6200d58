"""The detection core's interface: the kinds, the regional settings, `Day` and `Finding`.

Input: a Polars frame with one row per pupil per school day (or per lesson; rows of one pupil and
day are summed) and the columns

    pupil: str     the pupil's key (Kring passes the keyed hash of the BSN)
    date: Date     a school day
    hours: Float64 absent hours that day (0 = present the whole day)
    reason: str    one of kring.attendance.models.Reason's values (ignored when hours is 0)

Output: a list of `Finding`s, each naming the rule or regional setting behind it and the days and
hours that explain it. A finding is never a score: it says what happened, a person decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from kring.rules.construct import fast_constructor

# The kinds, equal to kring.attendance.models.SignalKind's values.
LPW20 = "lpw20"
LRV = "lrv"
LANG_ZIEK = "lang_ziek"
VAAK_ZIEK = "vaak_ziek"
GEDEELTELIJK = "gedeeltelijk"
DALEND = "dalend"


@dataclass(frozen=True, slots=True)
class DetectionSettings:
    """The regional settings (kring.attendance.models.AttendanceSettings, or its defaults)."""

    sick_reports: int = 4
    sick_weeks: int = 12
    sick_consecutive_days: int = 6
    partial_share_percent: int = 60
    partial_weeks: int = 4


@dataclass(frozen=True, slots=True)
class Day:
    date: date
    hours: Decimal
    reason: str


@dataclass(frozen=True, slots=True)
class Finding:
    pupil: str
    kind: str  # one of the kinds above
    rule: str  # a catalog rule id ("LPW-20", "TZ-01") or a regional setting ("instelling:vaak_ziek")
    found_on: date  # the day the finding arose (LPW-20: the threshold day; LRV: its start)
    days: tuple[Day, ...] = field(default=())  # the absence days that explain it, ascending


# `Finding(...)` and `Day(...)` without the frozen __init__ (the same objects; a detection builds
# hundreds of thousands of them)
new_finding = fast_constructor(Finding)
new_day = fast_constructor(Day)
