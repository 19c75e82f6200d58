"""Reading children: timeline order, search by name or by the BSN's keyed hash, audited reads."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kring.children.models import Child
from kring.children.selectors import child_detail, child_timeline, reveal_bsn, search_children
from kring.children.services import record_event
from kring.privacy.models import AuditAction, AuditEvent
from kring.privacy.purposes import Purpose

from .conftest import BSN_A, BSN_B

pytestmark = pytest.mark.django_db


@pytest.fixture
def children(make_child):
    return {
        "noor": make_child(first_name="Noor", last_name="de Vries", bsn=BSN_A),
        "daan": make_child(first_name="Daan", last_name="Vriesema"),
        "lina": make_child(first_name="Lina", last_name="Bakker", bsn=BSN_B),
    }


def test_timeline_is_in_date_order_then_recording_order(make_child, actor):
    child = make_child()
    later = record_event(actor=actor, child=child, type="verzuimmelding", date=date(2025, 11, 10), data={})
    first = record_event(
        actor=actor,
        child=child,
        type="inschrijving",
        date=date(2025, 9, 1),
        data={"school": "A", "sector": "vo"},
    )
    same_day = record_event(actor=actor, child=child, type="opp_instemming", date=date(2025, 11, 10), data={})
    assert list(child_timeline(child)) == [first, later, same_day]


def test_search_by_name_words(children):
    qs = Child.objects.all()
    assert set(search_children(qs, "vries")) == {children["noor"], children["daan"]}
    assert list(search_children(qs, "noor vries")) == [children["noor"]]
    assert list(search_children(qs, "BAKKER")) == [children["lina"]]
    assert set(search_children(qs, "  ")) == set(children.values())
    assert not AuditEvent.objects.filter(object_type="kind", action=AuditAction.VIEW).exists()


def test_search_by_bsn_uses_the_keyed_hash_and_is_audited(children, actor):
    qs = Child.objects.all()
    with CaptureQueriesContext(connection) as queries:
        found = list(search_children(qs, "1112.22.333", actor=actor))
    assert found == [children["noor"]]
    assert all(BSN_A not in q["sql"] and "1112.22.333" not in q["sql"] for q in queries.captured_queries)
    audit = AuditEvent.objects.filter(action=AuditAction.VIEW).get()
    assert audit.child_id == children["noor"].pk
    assert audit.message == "Noor de Vries is gevonden door te zoeken op BSN."
    assert BSN_A not in audit.message


def test_search_by_bsn_stays_inside_the_given_queryset(children, actor):
    only_others = Child.objects.exclude(pk=children["noor"].pk)
    assert list(search_children(only_others, BSN_A, actor=actor)) == []
    assert list(search_children(Child.objects.all(), "999999990")) == []  # valid BSN, nobody has it


def test_child_detail_is_limited_to_the_queryset_and_audited(children, actor):
    qs = Child.objects.filter(pk=children["lina"].pk)
    assert (
        child_detail(actor=actor, queryset=qs, child_id=children["lina"].pk, purpose=Purpose.CASUSREGIE)
        == children["lina"]
    )
    audit = AuditEvent.objects.filter(action=AuditAction.VIEW).get()
    assert (audit.child_id, audit.purpose) == (children["lina"].pk, Purpose.CASUSREGIE)
    assert audit.message == "Het dossier van Lina Bakker is bekeken."
    with pytest.raises(Child.DoesNotExist):
        child_detail(actor=actor, queryset=qs, child_id=children["noor"].pk, purpose=Purpose.CASUSREGIE)


def test_reveal_bsn_is_audited(children, actor):
    assert reveal_bsn(actor=actor, child=children["noor"], purpose=Purpose.ZORGPLICHT) == BSN_A
    assert reveal_bsn(actor=actor, child=children["daan"], purpose=Purpose.ZORGPLICHT) is None
    audit = AuditEvent.objects.filter(object_type="bsn").get()
    assert audit.child_id == children["noor"].pk and audit.purpose == Purpose.ZORGPLICHT
    assert BSN_A not in audit.message
