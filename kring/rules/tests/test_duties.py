"""Who owes which duty, and the school days a child went without education while enrolled or
aangemeld (`kring.rules.duties`): tables with the days worked out in the comments, and properties.

The days are in September 2025, which has no school holiday in any region; 1 September is a Monday.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kring.rules import RULES, parse_scenario
from kring.rules.duties import DayKind, Holder, duty_holder, school_days_without_education

from .helpers import CAL, afw, ev, ins, scen
from .test_properties import DAY0, event, scenario

BIRTH = "2015-03-10"  # leerplichtig all of 2025


def count(data: dict[str, Any]) -> Any:
    return school_days_without_education(parse_scenario(data), calendar=CAL)


def test_every_rule_with_a_duty_has_a_holder() -> None:
    # The definitions (LPW-03, LPW-04, TZ-01), ATW-01 (how terms end) and LPW-20 (the threshold
    # that starts LPW-21) hold no one to a duty of their own.
    without = {r.id for r in RULES if duty_holder(r.id) is None}
    # Catalog v2: TZ-06 (a definition), TLV-06 (the family's term), PRV-04 and PRV-06 (retention)
    # and AVG-12 (the organisation that received the request, whichever it is).
    assert without == {
        "ATW-01", "LPW-03", "LPW-04", "LPW-20", "TZ-01", "TZ-06", "TLV-06", "PRV-04", "PRV-06", "AVG-12"
    }  # fmt: skip
    assert duty_holder("ZP-05") is Holder.SCHOOL
    assert duty_holder("KR-3M") is Holder.SWV


def test_enrolled_absent_suspended_and_part_days() -> None:
    result = count(
        scen(
            "2025-10-03",
            [
                ins("2025-09-01", school="A", sector="po"),
                # 8-19 September: two school weeks, 10 school days
                afw("2025-09-08", "ongeoorloofd", to="2025-09-19"),
                # Monday 22 to Wednesday 24 September: 3 school days
                ev("2025-09-22", "schorsing", school="A", to="2025-09-24"),
                # 29 September to 1 October, 2 hours a day: 3 part days, not in the total
                afw("2025-09-29", "ziek", to="2025-10-01", hours=2),
            ],
            birth=BIRTH,
        )
    )
    assert dict(result.by_kind) == {DayKind.GESCHORST: 3, DayKind.ONGEOORLOOFD: 10}
    assert result.total == 13
    assert result.enrolled == 13
    assert result.partial_days == 3
    assert (result.first, result.last) == (date(2025, 9, 8), date(2025, 9, 24))


def test_aangemeld_but_not_placed_until_the_refusal() -> None:
    result = count(
        scen(
            "2025-09-30",
            [
                # aangemeld at B on Monday 1 September, refused on Monday 15 September: 1-12
                # September is 10 school days (the day of the refusal no longer counts)
                ev("2025-09-01", "aanmelding", school="B"),
                ev("2025-09-15", "aanmelding_besluit", school="B", outcome="afgewezen"),
                # aangemeld at C on Monday 22 September: 22-30 September is 7 school days
                ev("2025-09-22", "aanmelding", school="C"),
            ],
            birth=BIRTH,
        )
    )
    assert dict(result.by_kind) == {DayKind.AANGEMELD: 17}
    assert result.enrolled == 0


def test_admitted_but_not_yet_enrolled_still_waits() -> None:
    result = count(
        scen(
            "2025-09-12",
            [
                ev("2025-09-01", "aanmelding", school="B"),
                ev("2025-09-03", "aanmelding_besluit", school="B", outcome="toegelaten"),
                ins("2025-09-08", school="B", sector="po"),  # from here on the child is at school
            ],
            birth=BIRTH,
        )
    )
    assert dict(result.by_kind) == {DayKind.AANGEMELD: 5}  # 1-5 September


def test_a_vrijstelling_and_a_child_not_yet_leerplichtig_count_nothing() -> None:
    events = [ins("2025-09-01", school="A", sector="po"), afw("2025-09-01", "ziek")]
    with_exemption = [*events, ev("2025-09-01", "vrijstelling", artikel="5a")]
    assert count(scen("2025-09-30", with_exemption, birth=BIRTH)).total == 0
    assert count(scen("2025-09-30", events, birth="2021-06-01")).total == 0  # 4 years old
    assert count(scen("2025-09-30", [], birth=BIRTH)).total == 0


# ---------------------------------------------------------------- properties


def _count(data: dict[str, Any]) -> Any:
    return count(data)


@settings(max_examples=150, deadline=None)
@given(scenario())
def test_counted_days_are_school_days_within_the_timeline(data: dict[str, Any]) -> None:
    result = _count(data)
    assert result.total == sum(result.by_kind.values()) >= 0
    assert 0 <= result.enrolled <= result.total
    if result.total == 0:
        assert result.first is None and result.last is None
        return
    regio = data["vakantieregio"]
    assert CAL.is_school_day(result.first, regio) and CAL.is_school_day(result.last, regio)
    first_event = min(date.fromisoformat(e["date"]) for e in data["events"])
    as_of = date.fromisoformat(data["as_of"])
    assert first_event <= result.first <= result.last <= as_of
    school_days = len(CAL.school_day_list(result.first, result.last, regio))
    assert result.total + result.partial_days <= len(CAL.school_day_list(first_event, as_of, regio))
    assert result.total <= school_days


@settings(max_examples=150, deadline=None)
@given(scenario(), st.integers(0, 120))
def test_a_later_day_never_counts_fewer_days(data: dict[str, Any], later: int) -> None:
    # What a school day was does not change when time goes on (the events are the same).
    as_of = date.fromisoformat(data["as_of"])
    earlier, after = _count(data), _count({**data, "as_of": (as_of + timedelta(days=later)).isoformat()})
    for kind, n in earlier.by_kind.items():
        assert after.by_kind.get(kind, 0) >= n
    assert after.partial_days >= earlier.partial_days


@settings(max_examples=150, deadline=None)
@given(scenario(), st.data())
def test_an_event_after_as_of_changes_nothing(data: dict[str, Any], extra: st.DataObject) -> None:
    as_of = (date.fromisoformat(data["as_of"]) - DAY0).days
    events = [*data["events"], extra.draw(event(lo=as_of + 1, hi=as_of + 200))]
    assert _count({**data, "events": events}) == _count(data)


@settings(max_examples=100, deadline=None)
@given(scenario())
def test_a_vrijstelling_from_the_first_event_on_counts_nothing(data: dict[str, Any]) -> None:
    if not data["events"]:
        return
    first = min(e["date"] for e in data["events"])
    events = [{"date": first, "type": "vrijstelling", "artikel": "5a"}, *data["events"]]
    assert _count({**data, "events": events}).total == 0
