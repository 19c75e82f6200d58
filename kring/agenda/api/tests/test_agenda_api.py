"""The agenda in the API gives what the home page gives: also a term of a child without a case."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from rest_framework.test import APIClient

from kring.cases.testing import World, make_world
from kring.children.services import record_event

TODAY = date(2026, 3, 2)


@pytest.fixture
def world(db: Any) -> World:
    return make_world()


def test_the_api_agenda_has_the_zp05_term_of_a_child_without_a_case(world: World) -> None:
    record_event(
        actor=None,
        child=world.child,
        type="aanmelding",
        date=TODAY - timedelta(days=40),
        data={},
        school=world.school,
    )
    client = APIClient()
    client.force_authenticate(world.user("ib"))
    body = client.get(f"/api/v1/agenda/?as_of={TODAY.isoformat()}").json()
    assert [(e["rule"], e["kind"], e["child_id"], e["case_id"], e["due"]) for e in body] == [
        ("ZP-05", "termijn", world.child.pk, None, (TODAY + timedelta(days=2)).isoformat())
    ]
