"""Test helpers for the afwijking van de onderwijstijd: the world of `kring.cases.testing` with the
child enrolled in po at the world's school for a year. Fictional data only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from kring.cases.testing import World, make_world
from kring.children.models import Child
from kring.children.services import record_event

from . import services
from .models import ReducedTimetable


@dataclass
class TimetableWorld:
    world: World
    today: date

    @property
    def child(self) -> Child:
        return self.world.child


def enrol(world: World, child: Child, *, on: date, sector: str = "po") -> None:
    record_event(
        actor=None, child=child, type="inschrijving", date=on, data={"sector": sector}, school=world.school
    )


def make_timetable_world(*, sector: str = "po") -> TimetableWorld:
    world = make_world()
    today = timezone.localdate()
    enrol(world, world.child, on=today - timedelta(days=400), sector=sector)
    return TimetableWorld(world=world, today=today)


def record(tw: TimetableWorld, *, child: Child | None = None, **changes: Any) -> ReducedTimetable:
    """The intern begeleider records 12 hours a week from 5 weeks ago, on psychological grounds."""
    values: dict[str, Any] = {
        "actor": tw.world.user("ib"),
        "child": child or tw.child,
        "school": tw.world.school,
        "hours_per_week": Decimal("12"),
        "normal_hours_per_week": Decimal("25"),
        "starts_on": tw.today - timedelta(weeks=5),
        "ground": "psychisch",
        "reason": "Noor is erg angstig in de klas. Ze bouwt de uren op met de jeugdhulp.",
    }
    values.update(changes)
    return services.record_reduced_timetable(**values)
