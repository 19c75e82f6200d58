"""Property tests (hypothesis): ATW-01 invariants, determinism, order independence, as_of cut-off."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kring.rules import assess, default_calendar, is_working_day, parse_scenario, statutory_term_end
from kring.rules.facts import EVENT_CLASS
from kring.rules.kalender import is_term_free_day

CAL = default_calendar()
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
weeks = st.integers(min_value=0, max_value=60)


@settings(max_examples=200)
@given(dates, weeks)
def test_statutory_due_never_on_weekend_or_holiday(start: date, n: int) -> None:
    end = statutory_term_end(start, n)
    assert is_working_day(end)
    assert end >= start + timedelta(weeks=n)
    assert (end - start - timedelta(weeks=n)).days <= 4  # at most Christmas + weekend


@settings(max_examples=200)
@given(dates, dates, weeks)
def test_statutory_due_monotonic(a: date, b: date, n: int) -> None:
    lo, hi = min(a, b), max(a, b)
    assert statutory_term_end(lo, n) <= statutory_term_end(hi, n)


# ---------------------------------------------------------------- random scenarios

DAY0 = date(2025, 8, 1)
SCHOOLS = ("A", "B")
SWVS = ("S1", "S2")
ORGANISATIES = ("A", "S1")
TLV_SOORT = ("sbo", "so", "vso")
FUNCTIES = ("orthopedagoog", "psycholoog", "pedagoog", "arts")


def _d(offset: int) -> str:
    return (DAY0 + timedelta(days=offset)).isoformat()


@st.composite
def event(draw: st.DrawFn, lo: int = 0, hi: int = 300) -> dict[str, Any]:
    day = draw(st.integers(lo, hi))
    school = draw(st.sampled_from(SCHOOLS))
    kind = draw(st.sampled_from(tuple(EVENT_CLASS)))
    e: dict[str, Any] = {"date": _d(day), "type": kind}
    if kind in (
        "aanmelding",
        "aanmelding_verlenging",
        "schorsing_gemeld_inspectie",
        "verwijdering",
        "andere_school_bereid",
    ):
        e["school"] = school
    elif kind == "aanmelding_besluit":
        e |= {"school": school, "outcome": draw(st.sampled_from(("toegelaten", "afgewezen")))}
    elif kind == "inschrijving":
        e |= {
            "school": school,
            "sector": draw(st.sampled_from(("po", "sbo", "so", "vso", "vo", "pro"))),
            "extra_ondersteuning": draw(st.booleans()),
        }
    elif kind == "uitschrijving":
        e |= {
            "school": school,
            "grond": draw(st.sampled_from(("inschrijving_elders", "vrijstelling", "overig"))),
        }
    elif kind == "afwezig":
        e |= {
            "reden": draw(st.sampled_from(("ongeoorloofd", "ongeoorloofd", "ziek", "geoorloofd"))),
            "hours_per_day": draw(st.sampled_from((2, 4, 5, 6, 7.5))),
        }
        if draw(st.booleans()):
            e["to"] = _d(day + draw(st.integers(0, 40)))
    elif kind == "schorsing":
        e |= {"school": school, "to": _d(day + draw(st.integers(0, 10)))}
    elif kind == "vrijstelling":
        e["artikel"] = draw(st.sampled_from(("5a", "5b", "5c", "15")))
        if draw(st.booleans()):
            e["to"] = _d(day + draw(st.integers(0, 200)))
    elif kind == "opp_vastgesteld":
        e["instemming_handelingsdeel"] = draw(st.booleans())
    elif kind == "opp_evaluatie":
        e |= {"met_ouders": draw(st.booleans()), "met_leerling": draw(st.booleans())}
    elif kind == "regievoerder_aangewezen":
        e["naam"] = "R"
    elif kind == "route_vastgesteld":
        e["soort"] = "hybride"
    elif kind == "evaluatiefrequentie_vastgesteld":
        e["weken"] = draw(st.integers(1, 12))
    # catalog v2
    elif kind == "tlv_aanvraag":
        e |= {"swv": draw(st.sampled_from(SWVS)), "school": school, "soort": draw(st.sampled_from(TLV_SOORT))}
    elif kind == "deskundigenadvies":
        e |= {
            "swv": draw(st.sampled_from(SWVS)),
            "deskundige": draw(st.sampled_from(("D1", "D2", "D3"))),
            "functie": draw(st.sampled_from(FUNCTIES)),
        }
    elif kind == "tlv_besluit":
        e |= {
            "swv": draw(st.sampled_from(SWVS)),
            "outcome": draw(st.sampled_from(("toegekend", "toegekend", "afgewezen"))),
            "soort": draw(st.sampled_from(TLV_SOORT)),
        }
        if e["outcome"] == "toegekend":
            e["schooljaren"] = draw(st.integers(1, 3))
            if draw(st.booleans()):
                e["volgnummer"] = "TLV-1"
    elif kind == "onderwijstijd_verminderd":
        e |= {"school": school, "uren_per_week": draw(st.sampled_from((0, 6, 12.5)))}
        if draw(st.booleans()):
            e["to"] = _d(day + draw(st.integers(0, 120)))
    elif kind == "instemming_inspectie_onderwijstijd":
        e["school"] = school
        if draw(st.booleans()):
            e["to"] = _d(day + draw(st.integers(0, 200)))
    elif kind == "vervangende_leerplicht_aanvraag":
        e |= {"gemeente": "G", "verlenging": draw(st.booleans())}
    elif kind == "vervangende_leerplicht_besluit":
        e |= {"gemeente": "G", "outcome": draw(st.sampled_from(("toegestaan", "afgewezen")))}
        if e["outcome"] == "toegestaan":
            e["to"] = _d(day + draw(st.integers(0, 400)))
    elif kind in ("verzoek_inzage", "verzoek_rectificatie"):
        e |= {
            "organisatie": draw(st.sampled_from(ORGANISATIES)),
            "verzoeker": draw(st.sampled_from(("ouder", "leerling"))),
        }
    elif kind in ("verzoek_verlengd", "verzoek_beantwoord"):
        e |= {
            "organisatie": draw(st.sampled_from(ORGANISATIES)),
            "verzoek": draw(st.sampled_from(("inzage", "rectificatie"))),
        }
    return e


@st.composite
def scenario(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "as_of": _d(draw(st.integers(30, 300))),
        "vakantieregio": draw(st.sampled_from(("noord", "midden", "zuid"))),
        "child": {"birth_date": draw(st.dates(date(2007, 1, 1), date(2021, 12, 31))).isoformat()},
        "events": draw(st.lists(event(), max_size=10)),
    }


def _assess(data: dict[str, Any]) -> dict[str, Any]:
    return assess(parse_scenario(data), calendar=CAL).to_dict()


@settings(max_examples=150, deadline=None)
@given(scenario())
def test_assess_is_deterministic(data: dict[str, Any]) -> None:
    assert _assess(data) == _assess(data)


STATUTORY_SHIFTED = {"ZP-05", "OPP-05", "LPW-21"}


@settings(max_examples=150, deadline=None)
@given(scenario())
def test_due_dates_of_terms_are_working_days(data: dict[str, Any]) -> None:
    for o in _assess(data)["obligations"]:
        if o["rule"] in STATUTORY_SHIFTED:
            assert is_working_day(date.fromisoformat(o["due"])), o


# catalog v2: terms shifted per ATW-01 (or, for AVG-12, as a month term of EU law) skip Goede Vrijdag
SHIFTED_V2 = {"AWB-413", "LPW-46", "AVG-12", "ZP-05", "OPP-05"}


@settings(max_examples=150, deadline=None)
@given(scenario())
def test_shifted_dues_and_objection_terms_skip_goede_vrijdag(data: dict[str, Any]) -> None:
    result = _assess(data)
    for o in result["obligations"]:
        if o["rule"] in SHIFTED_V2:
            assert not is_term_free_day(date.fromisoformat(o["due"])), o
    for t in result["termijnen"]:
        if t["rule"] == "TLV-06":
            assert not is_term_free_day(date.fromisoformat(t["until"])), t
    # LPW-46's reminder is counted back: exactly 8 weeks before the end, whatever day that is
    for name in ("tlv", "termijnen", "bewaartermijnen"):
        assert isinstance(result[name], list)


def _order_preserving_shuffle(events: list[dict[str, Any]], seed: int) -> list[dict[str, Any]]:
    """Shuffle, but keep the relative order of same-date events (the contract's tie-break) and of
    `afwezig` events (their index decides which one wins on a shared school day)."""
    rng = random.Random(seed)
    keys = [e["date"] for e in events]
    order = list(range(len(events)))
    rng.shuffle(order)
    # slots: a random interleaving; then refill each group in its original order
    groups: dict[str, list[int]] = {}
    for i, e in enumerate(events):
        groups.setdefault("afwezig" if e["type"] == "afwezig" else keys[i], []).append(i)
    group_of = ["afwezig" if e["type"] == "afwezig" else keys[i] for i, e in enumerate(events)]
    slots = [group_of[i] for i in order]
    cursor = {g: 0 for g in groups}
    result = []
    for g in slots:
        result.append(events[groups[g][cursor[g]]])
        cursor[g] += 1
    return result


@settings(max_examples=150, deadline=None)
@given(scenario(), st.integers(0, 2**32))
def test_shuffling_events_keeps_answer(data: dict[str, Any], seed: int) -> None:
    shuffled = {**data, "events": _order_preserving_shuffle(data["events"], seed)}
    assert _assess(shuffled) == _assess(data)


@settings(max_examples=150, deadline=None)
@given(scenario(), st.data())
def test_event_after_as_of_changes_nothing(data: dict[str, Any], extra: st.DataObject) -> None:
    as_of = (date.fromisoformat(data["as_of"]) - DAY0).days
    later = extra.draw(event(lo=as_of + 1, hi=as_of + 200))
    position = extra.draw(st.integers(0, len(data["events"])))
    events = list(data["events"])
    events.insert(position, later)
    assert _assess({**data, "events": events}) == _assess(data)
