"""Fixtures: the family's world of the portal tests (a case by the leerplichtambtenaar, with a plan
and a meeting that the gemeente's leerplichtambtenaar wrote)."""

from __future__ import annotations

from typing import Any

import pytest

from kring.cases import services
from kring.cases.models import Meeting
from kring.portal.tests.world import FamilyWorld, make_family_world


@pytest.fixture
def fw(db: Any) -> FamilyWorld:
    return make_family_world()


@pytest.fixture
def meeting(fw: FamilyWorld) -> Meeting:
    return services.record_meeting(
        actor=fw.world.user("lpa"),
        case=fw.case,
        held_on=fw.today,
        parents_present=True,
        child_present=False,
        child_absent_reason="Noor wilde niet komen.",
        notes="Moeder wil niet dat Noor naar school gaat.",
    )
