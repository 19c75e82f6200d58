"""The horizon of an assessment (`kring.rules.horizon`): before it, the engine's answer for the same
timeline is the same on every day, apart from the peildatum itself (property test, hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kring.rules import NormConfig, NormSettings, assess, parse_scenario
from kring.rules.horizon import horizon

from .helpers import CAL, ev, ins, scen
from .test_properties import _d, event, scenario

FAR = 400  # how far after the peildatum the property looks when the horizon is further (or None)
NORMS = (NormSettings(), NormSettings(kr_3m=NormConfig(enabled=True, months=1), regio="SWV Test"))


def _without_as_of(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "as_of"}


def _on(data: dict[str, Any], day: date, norms: NormSettings) -> dict[str, Any]:
    return assess(parse_scenario({**data, "as_of": day.isoformat()}), calendar=CAL, norms=norms).to_dict()


def _horizon(data: dict[str, Any], norms: NormSettings) -> tuple[date | None, dict[str, Any]]:
    parsed = parse_scenario(data)
    result = assess(parsed, calendar=CAL, norms=norms)
    return horizon(parsed, result, calendar=CAL), result.to_dict()


FOCUS = (
    "aanmelding",
    "aanmelding_besluit",
    "aanmelding_verlenging",
    "afwezig",
    "verzuimmelding",
    "opp_vastgesteld",
    "opp_evaluatie",
    "vrijstelling",
    "uitschrijving",
    "regievoerder_aangewezen",
    "ontwikkelperspectief_vastgesteld",
    "route_vastgesteld",
    "evaluatiefrequentie_vastgesteld",
)


@st.composite
def focused_scenario(draw: st.DrawFn) -> dict[str, Any]:
    """An enrolled child with the kinds of events that make an answer depend on the day: terms,
    absence, an OPP (its yearly evaluation), vrijstellingen; the peildatum before 1 August."""
    first = {
        "date": _d(0),
        "type": "inschrijving",
        "school": "A",
        "sector": draw(st.sampled_from(("vo", "so"))),
    }
    events = [first]
    for e in draw(st.lists(event(), max_size=8)):
        if e["type"] in FOCUS:
            events.append(e)
    return {
        "as_of": _d(draw(st.integers(20, 330))),
        "vakantieregio": draw(st.sampled_from(("noord", "midden", "zuid"))),
        "child": {"birth_date": draw(st.dates(date(2009, 1, 1), date(2019, 12, 31))).isoformat()},
        "events": events,
    }


FOCUS_V2 = (
    "tlv_aanvraag",
    "deskundigenadvies",
    "tlv_besluit",
    "onderwijstijd_verminderd",
    "instemming_inspectie_onderwijstijd",
    "vervangende_leerplicht_aanvraag",
    "vervangende_leerplicht_besluit",
    "verzoek_inzage",
    "verzoek_rectificatie",
    "verzoek_verlengd",
    "verzoek_beantwoord",
    "inschrijving",
    "uitschrijving",
)


@st.composite
def focused_v2_scenario(draw: st.DrawFn) -> dict[str, Any]:
    """Catalog v2: a child enrolled in po, sbo or so with TLVs, reduced programmes, vervangende
    leerplicht and AVG requests (their terms, TLV-04's last school year, TZ-06's partial programme)."""
    first = {
        "date": _d(0),
        "type": "inschrijving",
        "school": "A",
        "sector": draw(st.sampled_from(("po", "sbo", "so"))),
    }
    events = [first]
    for e in draw(st.lists(event(), min_size=1, max_size=10)):
        if e["type"] in FOCUS_V2:
            events.append(e)
    return {
        "as_of": _d(draw(st.integers(20, 330))),
        "vakantieregio": draw(st.sampled_from(("noord", "midden", "zuid"))),
        "child": {"birth_date": draw(st.dates(date(2009, 1, 1), date(2021, 12, 31))).isoformat()},
        "events": events,
    }


@settings(max_examples=300, deadline=None)
@given(st.one_of(scenario(), focused_scenario(), focused_v2_scenario()), st.data())
def test_assessment_is_the_same_on_every_day_before_the_horizon(
    data: dict[str, Any], pick: st.DataObject
) -> None:
    norms = pick.draw(st.sampled_from(NORMS))
    until, first = _horizon(data, norms)
    as_of = date.fromisoformat(data["as_of"])
    assert until is None or until > as_of
    last = (
        min(until - timedelta(days=1), as_of + timedelta(days=FAR)) if until else as_of + timedelta(days=FAR)
    )
    if last <= as_of:
        return
    span = (last - as_of).days
    # the last day before the horizon, and a few days in between
    offsets = {span, *pick.draw(st.lists(st.integers(1, span), min_size=1, max_size=4))}
    for offset in sorted(offsets):
        day = as_of + timedelta(days=offset)
        assert _without_as_of(_on(data, day, norms)) == _without_as_of(first), (day, until)


@settings(max_examples=100, deadline=None)
@given(scenario())
def test_horizon_of_the_day_before_reaches_the_next_days_answer(data: dict[str, Any]) -> None:
    """Walking day by day: each day's horizon is after that day (so a nightly run that recomputes
    on the horizon always moves forward)."""
    as_of = date.fromisoformat(data["as_of"])
    for offset in range(0, 30, 7):
        day = (as_of + timedelta(days=offset)).isoformat()
        until, _ = _horizon({**data, "as_of": day}, NormSettings())
        assert until is None or until > date.fromisoformat(day)


# ---------------------------------------------------------------- examples


def test_an_open_far_term_keeps_the_answer_until_the_day_after_it() -> None:
    # an aanmelding: ZP-05 (6 weeks) open; nothing counted to the peildatum
    data = scen(
        "2026-03-02",
        [ins("2025-08-25", sector="vo"), ev("2026-02-23", "aanmelding", school="Nieuw")],
        birth="2012-01-15",
    )
    until, result = _horizon(data, NormSettings())
    zp05 = next(o for o in result["obligations"] if o["rule"] == "ZP-05")
    assert zp05["status"] == "open"
    assert until == date.fromisoformat(zp05["due"]) + timedelta(days=1)


def test_a_thuiszitter_is_counted_to_the_peildatum_so_the_horizon_is_the_next_day() -> None:
    data = scen(
        "2026-03-02",
        [ins("2025-08-25", sector="vo"), ev("2026-01-12", "afwezig", reden="ongeoorloofd", hours_per_day=6)],
    )
    until, result = _horizon(data, NormSettings())
    assert result["thuiszitter"] is not None
    assert until == date(2026, 3, 3)


def test_a_future_dated_event_sets_the_horizon() -> None:
    data = scen(
        "2026-03-02", [ins("2025-08-25", sector="vo"), ins("2026-04-20", school="Later", sector="vo")]
    )
    until, _ = _horizon(data, NormSettings())
    assert until == date(2026, 4, 20)


def test_nothing_open_and_nothing_counted_leaves_only_the_leerplicht_dates() -> None:
    data = scen("2026-03-02", [ins("2025-08-25", sector="vo")], birth="2012-01-15")
    until, result = _horizon(data, NormSettings())
    # the leerplicht ends on 31 July of the school year of the 16th birthday: 2028
    assert until == date.fromisoformat(result["leerplicht"]["end"]) + timedelta(days=1)


def test_zp06_arises_on_its_terms_last_day_which_is_the_horizon() -> None:
    # a four-year-old's aanmelding on 2 February, no decision: ZP-05 is overdue after 6 weeks;
    # ZP-06 arises after 10 (not yet leerplichtig, so nothing is counted to the peildatum)
    data = scen("2026-03-30", [ev("2026-02-02", "aanmelding", school="Nieuw")], birth="2021-09-01")
    until, result = _horizon(data, NormSettings())
    assert [o["status"] for o in result["obligations"] if o["rule"] == "ZP-05"] == ["overdue"]
    assert not [o for o in result["obligations"] if o["rule"] == "ZP-06"]
    assert until is not None
    before = _on(data, until - timedelta(days=1), NormSettings())
    assert _without_as_of(before) == _without_as_of(result)
    assert [o["rule"] for o in _on(data, until, NormSettings())["obligations"]].count("ZP-06") == 1


def test_an_absence_running_to_the_peildatum_counts_on_so_the_horizon_is_the_next_day() -> None:
    # absent without an end date since Thursday: not yet 16 hours, not yet a thuiszitter
    data = scen(
        "2026-03-06",
        [ins("2025-08-25", sector="vo"), ev("2026-03-05", "afwezig", reden="ongeoorloofd", hours_per_day=4)],
    )
    until, result = _horizon(data, NormSettings())
    assert result["thuiszitter"] is None and not result["obligations"]
    assert until == date(2026, 3, 7)
    later = _on(data, date(2026, 3, 12), NormSettings())
    assert [o["rule"] for o in later["obligations"]] == ["LPW-21"]
