from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from kring.cases.testing import World, make_school, make_world
from kring.enrolment import services
from kring.enrolment.models import Aanmelding


@pytest.fixture
def world(db: Any) -> World:
    return make_world()


@pytest.fixture
def today() -> date:
    return timezone.localdate()


@pytest.fixture
def elsewhere(world: World) -> Any:
    """A special school in the same region that can offer a place."""
    return make_school(postcode="3511AA", name="SBO De Wegwijzer", sector="sbo")


@pytest.fixture
def aanmelding(world: World, today: date) -> Aanmelding:
    """An aanmelding with a support question, received 10 days ago at the world's school."""
    return services.register_aanmelding(
        actor=world.user("ib"),
        school=world.school,
        child=None,
        new_child={
            "first_name": "Lotte",
            "last_name": "Visser",
            "birth_date": date(2019, 3, 4),
            "postcode": "3511AB",
            "vakantieregio": "midden",
            "representatives": [{"name": "Eva Visser", "relation": "moeder", "email": "eva@example.org"}],
        },
        received_on=today - timedelta(days=10),
        support_question=True,
        support_description="Lotte is doof en heeft een tolk nodig.",
    )


@pytest.fixture
def enrolled(world: World, today: date) -> Any:
    """The world's child (Noor, 11, leerplichtig), enrolled at the world's school a year ago."""
    from kring.children import services as child_services

    child_services.record_event(
        actor=world.user("ib"),
        child=world.child,
        type="inschrijving",
        date=today - timedelta(days=365),
        data={"sector": "po"},
        school=world.school,
    )
    return world.child
