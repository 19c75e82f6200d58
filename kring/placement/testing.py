"""Test helpers for placement: a region with a special school, a child enrolled at the regular
school, and the OPP facts the TLV checklist reads. Fictional data only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from kring.cases.testing import World, make_school, make_world
from kring.children.models import Child
from kring.children.services import record_event
from kring.organisations.models import SchoolLocation

from .services import AdviceInput


@dataclass
class PlacementWorld:
    world: World
    sbo: SchoolLocation  # a special school in the region
    today: date

    @property
    def child(self) -> Child:
        return self.world.child


def make_placement_world() -> PlacementWorld:
    world = make_world()
    today = timezone.localdate()
    sbo = make_school(postcode="3512EF", name="SBO De Brug", sector="sbo")
    record_event(
        actor=None,
        child=world.child,
        type="inschrijving",
        date=today - timedelta(days=400),
        data={"sector": "po"},
        school=world.school,
    )
    return PlacementWorld(world=world, sbo=sbo, today=today)


def draw_up_opp(child: Child, *, on: date) -> None:
    """The OPP was drawn up (with the parents' consent to its handelingsdeel)."""
    record_event(
        actor=None, child=child, type="opp_vastgesteld", date=on, data={"instemming_handelingsdeel": True}
    )


def evaluate_opp(child: Child, *, on: date) -> None:
    """The OPP was carried out and evaluated with the parents and the child."""
    record_event(
        actor=None,
        child=child,
        type="opp_evaluatie",
        date=on,
        data={"met_ouders": True, "met_leerling": True},
    )


def two_advices(on: date) -> list[AdviceInput]:
    return [
        AdviceInput(
            name="Drs. A. Orthopedagoog", functie="orthopedagoog", given_on=on, advice="Sbo past bij Noor."
        ),
        AdviceInput(name="M. Maatschappelijk", functie="maatschappelijk_werker", given_on=on, advice="Eens."),
    ]
