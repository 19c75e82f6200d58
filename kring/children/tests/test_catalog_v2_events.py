"""Catalog v2's event types on a child's timeline: other apps record them through the gateway
(`timeline.record_events`), the assessment then holds the v2 rules and lists, the timeline shows
their fields in words, the form offers each type with its own values, and an event the engine's
parser refuses is refused with a Dutch message on its field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from kring.children import event_types
from kring.children.assessment import assess_child, case_assessment
from kring.children.forms import EventForm
from kring.children.models import Child, TimelineEvent
from kring.children.readmodel import current_assessment
from kring.children.services import record_event
from kring.children.timeline import EventInvalid, NewEvent, record_events

pytestmark = pytest.mark.django_db

BIRTH = date(2015, 10, 5)
TODAY = date(2026, 3, 2)


@pytest.fixture
def child(make_child: Callable[..., Child], actor: Any) -> Child:
    child = make_child(birth_date=BIRTH, first_name="Noor", last_name="Voorbeeld")
    record_event(
        actor=actor,
        child=child,
        type="inschrijving",
        date=date(2024, 9, 2),
        data={"school": "De Horizon", "sector": "po"},
    )
    return child


def test_a_tlv_request_advice_and_decision_are_recorded_and_assessed(child: Child, actor: Any) -> None:
    swv = "SWV Rijnstreek PO"
    stored = record_events(
        actor=actor,
        child=child,
        today=TODAY,
        events=[
            NewEvent(
                type="tlv_aanvraag",
                date=date(2025, 11, 3),
                data={"swv": swv, "school": "De Horizon", "soort": "sbo"},
            ),
            NewEvent(
                type="deskundigenadvies",
                date=date(2025, 11, 20),
                data={"swv": swv, "deskundige": "M. de Boer", "functie": "psycholoog"},
            ),
            NewEvent(
                type="tlv_besluit",
                date=date(2026, 1, 12),
                data={"swv": swv, "outcome": "toegekend", "soort": "sbo", "schooljaren": 1},
            ),
        ],
    )
    assert [e.type for e in stored] == ["tlv_aanvraag", "deskundigenadvies", "tlv_besluit"]
    result: Any = assess_child(child, as_of=TODAY).to_dict()
    # one deskundige only: TLV-03; 3 November + 8 weeks = 29 December 2025, decided 12 January: late
    assert [(v["rule"], v["subject"], v["date"]) for v in result["violations"]] == [
        ("TLV-03", swv, "2026-01-12")
    ]
    awb = next(o for o in result["obligations"] if o["rule"] == "AWB-413")
    assert (awb["subject"], awb["due"], awb["status"]) == (swv, "2025-12-29", "met_late")
    assert result["tlv"] == [
        {"soort": "sbo", "swv": swv, "volgnummer": None, "date": "2026-01-12", "end": "2027-07-31"}
    ]
    # 12 January + 42 days = 23 February 2026 (a Monday): passed on 2 March
    assert [(t["rule"], t["until"], t["status"]) for t in result["termijnen"]] == [
        ("TLV-06", "2026-02-23", "verstreken")
    ]
    assert [(b["rule"], b["soort"], b["until"]) for b in result["bewaartermijnen"]] == [
        ("PRV-04", "gezondheidsgegevens", "2029-01-12")
    ]
    # the case page's assessment links the TLV-03 violation to its decision (by the swv)
    violation = case_assessment(child, as_of=TODAY)["violations"][0]
    assert violation["event_id"] == stored[2].pk


def test_the_stored_assessment_always_holds_the_v2_lists(child: Child) -> None:
    data = current_assessment(child, today=TODAY).data
    assert data["tlv"] == [] and data["termijnen"] == [] and data["bewaartermijnen"] == []


def test_an_avg_request_and_its_extension(child: Child, actor: Any) -> None:
    record_events(
        actor=actor,
        child=child,
        today=TODAY,
        events=[
            NewEvent(type="verzoek_rectificatie", date=date(2026, 1, 15), data={"organisatie": "De Horizon"}),
            NewEvent(
                type="verzoek_verlengd",
                date=date(2026, 2, 2),
                data={"organisatie": "De Horizon", "verzoek": "rectificatie"},
            ),
        ],
    )
    avg = next(o for o in assess_child(child, as_of=TODAY).obligations if o.rule == "AVG-12")
    # 15 January + 3 months = 15 April 2026, a Wednesday
    assert (avg.subject, avg.due, avg.status.value) == ("De Horizon", date(2026, 4, 15), "open")
    stored = TimelineEvent.objects.get(child=child, type="verzoek_rectificatie")
    assert stored.data == {"organisatie": "De Horizon"}  # verzoeker defaults to ouder in the engine


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        (
            {"swv": "S", "outcome": "afgewezen", "soort": "sbo", "schooljaren": 2},
            "schooljaren",
            "hoort niet bij dit besluit",
        ),
        (
            {"swv": "S", "outcome": "toegekend", "soort": "sbo"},
            "schooljaren",
            "Vul het aantal schooljaren in",
        ),
    ],
)
def test_a_decision_with_fields_its_outcome_does_not_allow_is_refused_on_the_field(
    child: Child, actor: Any, data: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(EventInvalid) as refused:
        record_events(
            actor=actor,
            child=child,
            today=TODAY,
            events=[NewEvent(type="tlv_besluit", date=date(2026, 1, 12), data=data)],
        )
    messages = refused.value.message_dict
    assert field in messages and words in " ".join(messages[field]), messages
    assert not TimelineEvent.objects.filter(child=child, type="tlv_besluit").exists()


def test_negative_hours_of_a_reduced_programme_are_refused(child: Child, actor: Any) -> None:
    with pytest.raises(EventInvalid) as refused:
        record_events(
            actor=actor,
            child=child,
            today=TODAY,
            events=[
                NewEvent(
                    type="onderwijstijd_verminderd",
                    date=date(2026, 1, 12),
                    data={"school": "De Horizon", "uren_per_week": -2},
                )
            ],
        )
    assert "een getal in van 0 of meer" in " ".join(refused.value.message_dict["uren_per_week"])


def test_the_timeline_shows_a_tlv_decision_in_words() -> None:
    shown = event_types.shown_fields(
        "tlv_besluit",
        {"swv": "SWV X", "outcome": "toegekend", "soort": "so", "schooljaren": 2, "volgnummer": "T-1"},
    )
    assert shown == [
        ("Samenwerkingsverband", "SWV X"),
        ("Besluit", "Toegekend"),
        ("TLV voor", "Speciaal onderwijs (so)"),
        ("Schooljaren", "2"),
        ("Volgnummer", "T-1"),
    ]


def test_the_form_offers_each_type_its_own_values() -> None:
    tlv: Any = EventForm(event_type="tlv_besluit")
    assert [v for v, _ in tlv.fields["outcome"].choices] == ["", "toegekend", "afgewezen"]
    assert [v for v, _ in tlv.fields["soort"].choices] == ["", "sbo", "so", "vso"]
    vlp: Any = EventForm(event_type="vervangende_leerplicht_besluit")
    assert [v for v, _ in vlp.fields["outcome"].choices] == ["", "toegestaan", "afgewezen"]
    assert vlp.fields["to"].label == "Toegestaan tot en met"
    # free text elsewhere: the route's soort
    assert not hasattr(EventForm(event_type="route_vastgesteld").fields["soort"], "choices")
    form = EventForm(
        event_type="tlv_besluit",
        data={
            "type": "tlv_besluit",
            "date": "2026-01-12",
            "swv": "SWV X",
            "outcome": "toegekend",
            "soort": "so",
            "schooljaren": "2",
        },
    )
    assert form.is_valid(), form.errors
    assert form.contract_data() == {"swv": "SWV X", "outcome": "toegekend", "soort": "so", "schooljaren": 2}
