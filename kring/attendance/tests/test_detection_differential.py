"""The batch computation agrees exactly with the rules engine (issue 12): a differential test.

Hypothesis generates a few pupils' attendance over a few months of one region's school days
(holidays included: a history starts anywhere from late August to March), as runs of days with
random hours (quarter hours, 0 to 8) and reasons, plus optional verzuimmeldingen. `detect` runs
over the whole frame; for every pupil the same history is written as a rules-engine scenario
(an inschrijving before the period, one `afwezig` event per absent school day, a `verzuimmelding`
per melding) and assessed. Asserted per pupil: the same LPW-20 threshold days (the `arose` of the
engine's LPW-21 obligations) and the same LRV start (the engine's thuiszitter `since` when its
category is langdurig relatief verzuim).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kring.attendance.detection import LPW20, LRV, DetectionSettings, detect
from kring.rules import ThuiszitterCategory, assess, default_calendar, parse_scenario

CAL = default_calendar()
REASONS = ("ongeoorloofd", "ongeoorloofd", "ongeoorloofd", "ziek", "geoorloofd", "schorsing", "te_laat")
ENGINE_REDEN = {"ongeoorloofd": "ongeoorloofd", "ziek": "ziek"}  # the rest is geoorloofd to the engine

# a run of school days: (length, reason, hours per day; 0 = present)
runs = st.tuples(
    st.integers(min_value=1, max_value=25),
    st.sampled_from(REASONS),
    st.sampled_from([0, 0, 0.25, 1, 2, 2.75, 3, 4, 5, 5.5, 6, 8]),
)


@st.composite
def histories(draw: st.DrawFn) -> dict[str, Any]:
    regio = draw(st.sampled_from(["noord", "midden", "zuid"]))
    start = date(2025, 8, 18) + timedelta(days=draw(st.integers(min_value=0, max_value=200)))
    length = draw(st.integers(min_value=20, max_value=110))  # school days
    days = list(CAL.school_day_list(start, start + timedelta(days=250), regio))[:length]
    free_days = [
        d for d in (start + timedelta(days=k) for k in range(250)) if not CAL.is_school_day(d, regio)
    ]
    pupils: dict[str, tuple[list[tuple[date, float, str]], list[date]]] = {}
    for p in range(draw(st.integers(min_value=1, max_value=4))):
        rows: list[tuple[date, float, str]] = []
        i = 0
        history = draw(st.lists(runs, min_size=1, max_size=12))
        if draw(st.booleans()):  # often a long ongeoorloofd run at the end: langdurig relatief verzuim
            history.append((draw(st.integers(min_value=15, max_value=50)), "ongeoorloofd", 5))
        for n, reason, hours in history:
            rows += [(d, float(hours), reason) for d in days[i : i + n]]
            i += n
        # absence on days that are no school day (a Saturday, a holiday) counts for neither
        rows += [(d, 8.0, "ongeoorloofd") for d in draw(st.lists(st.sampled_from(free_days), max_size=3))]
        # a melding on some day of the period (or a few days after), at most 3
        meldingen = sorted(
            set(draw(st.lists(st.sampled_from(days), max_size=3))) if draw(st.booleans()) else set()
        )
        pupils[f"p{p}"] = (rows, meldingen)
    last = max((d for rows, _ in pupils.values() for d, _, _ in rows), default=days[-1])
    as_of = last + timedelta(days=draw(st.integers(min_value=-10, max_value=5)))
    return {"regio": regio, "as_of": as_of, "pupils": pupils}


def engine(regio: str, as_of: date, rows: list[tuple[date, float, str]], meldingen: list[date]) -> Any:
    events: list[dict[str, Any]] = [
        {"date": "2025-08-01", "type": "inschrijving", "school": "School", "sector": "vo"}
    ]
    timeline: list[tuple[date, int, dict[str, Any]]] = []
    for d, hours, reason in rows:
        if hours > 0:
            e = {
                "date": d.isoformat(),
                "type": "afwezig",
                "reden": ENGINE_REDEN.get(reason, "geoorloofd"),
                "to": d.isoformat(),
                "hours_per_day": hours,
            }
            timeline.append((d, 0, e))
    timeline += [(m, 1, {"date": m.isoformat(), "type": "verzuimmelding"}) for m in meldingen]
    events += [e for _, _, e in sorted(timeline, key=lambda t: (t[0], t[1]))]
    scenario = {
        "as_of": as_of.isoformat(),
        "vakantieregio": regio,
        "child": {"birth_date": "2012-01-15"},
        "events": events,
    }
    return assess(parse_scenario(scenario), calendar=CAL)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_detect_agrees_with_the_rules_engine(history: dict[str, Any]) -> None:
    regio, as_of, pupils = history["regio"], history["as_of"], history["pupils"]
    frame = pl.DataFrame(
        [(p, d, h, r) for p, (rows, _) in pupils.items() for d, h, r in rows],
        schema={"pupil": pl.String, "date": pl.Date, "hours": pl.Float64, "reason": pl.String},
        orient="row",
    )
    meldingen = {p: m for p, (_, m) in pupils.items() if m}
    found = detect(
        frame, calendar=CAL, regio=regio, settings=DetectionSettings(), as_of=as_of, meldingen=meldingen
    )
    for pupil, (rows, pupil_meldingen) in pupils.items():
        assessment = engine(regio, as_of, rows, pupil_meldingen)
        expected_thresholds = sorted(o.arose for o in assessment.obligations if o.rule == "LPW-21")
        thresholds = [f.found_on for f in found if f.pupil == pupil and f.kind == LPW20]
        assert thresholds == expected_thresholds, pupil
        tz = assessment.thuiszitter
        expected_lrv = (
            [tz.since]
            if tz is not None and tz.category == ThuiszitterCategory.LANGDURIG_RELATIEF_VERZUIM
            else []
        )
        assert [f.found_on for f in found if f.pupil == pupil and f.kind == LRV] == expected_lrv, pupil
