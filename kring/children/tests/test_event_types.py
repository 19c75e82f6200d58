"""The one table of timeline event types (`kring/children/event_types.py`) is complete and agrees
with the rules engine, and the form, the model, the legal check and the timeline read it."""

from __future__ import annotations

import pytest

from kring.children import event_types
from kring.children.assessment import VIOLATION_EVENT_TYPE
from kring.children.event_types import EVENT_TYPES, FIELDS, spec
from kring.children.forms import FIELDS_BY_TYPE, EventForm
from kring.children.models import EventType
from kring.children.services import REFUSED_RULES
from kring.rules import rule_for
from kring.rules.facts import _KNOWN_FIELDS, EVENT_CLASS


def test_every_event_type_has_exactly_one_row():
    codes = [row.code for row in EVENT_TYPES]
    assert len(codes) == len(set(codes))
    assert set(codes) == set(EventType.values)
    # and the engine knows exactly these types
    assert set(codes) == set(EVENT_CLASS)


@pytest.mark.parametrize("row", EVENT_TYPES, ids=lambda r: r.code)
def test_every_contract_field_of_a_row_is_known_to_the_engines_parser(row):
    assert row.contract_type in _KNOWN_FIELDS
    assert set(row.contract_fields) <= _KNOWN_FIELDS[row.contract_type] - {"date", "type"}
    # ... and the row names every field the parser knows, so the timeline can show all of them
    assert set(row.contract_fields) == _KNOWN_FIELDS[row.contract_type] - {"date", "type"}
    assert all(name in FIELDS for name in row.contract_fields)


@pytest.mark.parametrize("row", EVENT_TYPES, ids=lambda r: r.code)
def test_the_models_label_the_form_and_the_help_come_from_the_row(row):
    assert str(EventType(row.code).label) == str(row.label)
    assert FIELDS_BY_TYPE[row.code] == row.form_fields
    form = EventForm(event_type=row.code)
    for name in row.form_fields:
        names = {"school_location", "school"} if name == "school" else {name}
        assert names <= set(form.fields)
    for name, label in row.form_labels.items():
        assert form.fields[name].label == label
    for name in row.required_form_fields:
        assert form.fields[name].required


def test_violation_rules_exist_in_the_catalog_and_refusals_are_among_them():
    for row in EVENT_TYPES:
        assert set(row.refused_rules) <= set(row.violation_rules)
        for rule in row.violation_rules:
            assert rule_for(rule) is not None
    assert {"LPW-47", "ZP-11"} == REFUSED_RULES
    assert VIOLATION_EVENT_TYPE["LPW-47"] == "uitschrijving"
    assert VIOLATION_EVENT_TYPE["ZP-11"] == "verwijdering"


def test_the_past_acts_of_the_issue_cannot_be_in_the_future():
    for code in (
        "inschrijving",
        "afwezig",
        "regievoerder_aangewezen",
        "ontwikkelperspectief_vastgesteld",
        "route_vastgesteld",
    ):
        assert spec(code).past_act, code
    # a decision that takes effect later may be dated ahead
    for code in ("uitschrijving", "schorsing", "verwijdering", "vrijstelling"):
        assert not spec(code).past_act, code


def test_the_timeline_shows_the_rows_fields_in_words_in_the_rows_order():
    shown = event_types.shown_fields(
        "inschrijving", {"extra_ondersteuning": True, "sector": "sbo", "school": "De Linde"}
    )
    assert shown == [
        ("School", "De Linde"),
        ("Soort onderwijs", "Speciaal basisonderwijs (sbo)"),
        ("Extra ondersteuning", "ja"),
    ]
    assert event_types.shown_fields("afwezig", {"reden": "ziek", "to": "2025-11-07"}) == [
        ("Reden", "Ziek"),
        ("Tot en met", "7 november 2025"),
    ]
