"""Invariants held by the database itself, tested with direct ORM writes (no service in between)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import IntegrityError, transaction

from kring.cases.models import (
    Agreement,
    Case,
    CircleMember,
    Escalation,
    Meeting,
    RegievoerderAssignment,
)
from kring.cases.testing import World

from .helpers import OPENED, member_of, open_case, with_regievoerder


def test_second_open_case_is_refused_by_the_database(world: World) -> None:
    Case.objects.create(child=world.child, signal_kind="verzuim", signal_description="a", opened_on=OPENED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.create(child=world.child, signal_kind="overig", signal_description="b", opened_on=OPENED)


def test_closed_cases_do_not_count(world: World) -> None:
    Case.objects.create(
        child=world.child,
        signal_kind="verzuim",
        signal_description="a",
        opened_on=OPENED,
        status="afgesloten",
        closed_on=OPENED,
        closing_reason="klaar",
    )
    Case.objects.create(child=world.child, signal_kind="verzuim", signal_description="b", opened_on=OPENED)


def test_second_active_regievoerder_is_refused_by_the_database(world: World) -> None:
    case = open_case(world)
    with_regievoerder(world, case)
    other = CircleMember.objects.create(case=case, kind="swv", user=world.user("consulent"), joined_on=OPENED)
    with pytest.raises(IntegrityError), transaction.atomic():
        RegievoerderAssignment.objects.create(
            case=case, member=other, user=world.user("consulent"), started_on=OPENED, note="tweede"
        )


def test_ended_regievoerder_rows_may_pile_up(world: World) -> None:
    case = open_case(world)
    member = member_of(case, "lpa", world)
    for n in range(2):
        RegievoerderAssignment.objects.create(
            case=case, member=member, user=world.user("lpa"), started_on=OPENED, ended_on=OPENED, note=f"{n}"
        )


@pytest.mark.parametrize(
    ("fields", "why"),
    [
        ({"status": "afgesloten"}, "closed without date and reason"),
        ({"closed_on": OPENED, "closing_reason": "x"}, "open with a closing date"),
        ({"status": "geescaleerd"}, "escalated is a marker, not a status"),
        ({"signal_description": ""}, "a signal needs a description"),
    ],
)
def test_case_checks(world: World, fields: dict[str, Any], why: str) -> None:
    values = {
        "child": world.child,
        "signal_kind": "verzuim",
        "signal_description": "a",
        "opened_on": OPENED,
        **fields,
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.create(**values)


def test_one_child_member_and_family_reasons(world: World) -> None:
    case = open_case(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        CircleMember.objects.create(case=case, kind="kind", name="Noor", joined_on=OPENED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(case=case, held_on=OPENED, parents_present=False, child_present=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.create(
            case=case, text="x", owner=member_of(case, "lpa", world), due_on=OPENED, status="done"
        )


def test_one_automatic_escalation_per_missed_item(world: World) -> None:
    case = open_case(world)
    values = {
        "case": case,
        "trigger": "automatisch",
        "rule_id": "KR-3M",
        "trigger_key": "KR-3M||2026-01-06",
        "reason": "norm gemist",
        "started_on": date(2026, 1, 7),
        "level_started_on": date(2026, 1, 7),
    }
    Escalation.objects.create(**values)
    with pytest.raises(IntegrityError), transaction.atomic():
        Escalation.objects.create(**values)
