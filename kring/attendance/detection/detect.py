"""The entry point: every finding of one import, for one school (one holiday region)."""

from __future__ import annotations

import gc
from collections.abc import Mapping, Sequence
from datetime import date
from operator import itemgetter

import polars as pl

from kring.attendance.detection import lpw20, lrv, presence, sick
from kring.attendance.detection.model import DetectionSettings, Finding
from kring.attendance.detection.prepare import per_day
from kring.attendance.detection.schooldays import SchoolDays
from kring.rules import Calendar

COLUMNS = {"pupil": pl.String, "date": pl.Date, "hours": pl.Float64, "reason": pl.String}


def detect(
    frame: pl.DataFrame,
    *,
    calendar: Calendar,
    regio: str,
    settings: DetectionSettings,
    as_of: date,
    meldingen: Mapping[str, Sequence[date]] | None = None,
) -> list[Finding]:
    """The findings of `frame` (see `kring.attendance.detection.model` for its columns), sorted by
    pupil, found_on and kind. Only the days up to `as_of` count; `meldingen` holds, per pupil, the
    dates of the verzuimmeldingen already made (LPW-21's open-melding rule)."""
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"detect: the frame lacks the column(s) {', '.join(missing)}")
    # Hundreds of thousands of findings and tuples are built here, none in a reference cycle: the
    # cyclic garbage collector would traverse every live object again and again (about a fifth of
    # the time at 1,000,000 pupils, more with a large heap beside it), so it pauses meanwhile.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _detect(frame, calendar, regio, settings, as_of, meldingen)
    finally:
        if enabled:
            gc.enable()


def _detect(
    frame: pl.DataFrame,
    calendar: Calendar,
    regio: str,
    settings: DetectionSettings,
    as_of: date,
    meldingen: Mapping[str, Sequence[date]] | None,
) -> list[Finding]:
    frame = frame.select(pl.col(c).cast(t) for c, t in COLUMNS.items())
    if frame.is_empty():
        return []
    coverage_start = frame["date"].min()
    assert isinstance(coverage_start, date)
    first = coverage_start
    if meldingen:
        earliest = [min(ds) for ds in meldingen.values() if ds]
        if earliest:
            first = min(first, *earliest)
    if first > as_of:
        return []
    school_days = SchoolDays.build(calendar, regio, first, as_of)
    prepared = per_day(frame, school_days, as_of)
    runs = sick.reports(prepared)
    findings = (
        lpw20.thresholds(prepared, school_days, meldingen)
        + lrv.langdurig_relatief_verzuim(prepared, school_days, as_of)
        + sick.lang_ziek(prepared, runs, school_days, settings)
        + sick.vaak_ziek(prepared, runs, school_days, settings)
        + presence.presence(prepared, school_days, settings, coverage_start)
    )
    return _sorted(findings)


def _sorted(findings: list[Finding]) -> list[Finding]:
    """`findings` sorted by pupil, found_on and kind, stable (as `sorted` with that key: Polars
    compares strings by their UTF-8 bytes, which is the order of their code points)."""
    if len(findings) < 2:
        return findings
    keys = pl.DataFrame(
        {
            "pupil": [f.pupil for f in findings],
            "found_on": [f.found_on for f in findings],
            "kind": [f.kind for f in findings],
        },
        schema={"pupil": pl.String, "found_on": pl.Date, "kind": pl.String},
    )
    order = keys.select(pl.arg_sort_by("pupil", "found_on", "kind", maintain_order=True))
    return list(itemgetter(*order.to_series().to_list())(findings))
