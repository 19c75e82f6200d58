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


def draw_up_opp(pw: PlacementWorld, *, on: date) -> None:
    """The school's intern begeleider draws up the OPP (through the OPP app)."""
    from kring.opp import services as opp_services
    from kring.opp.testing import version_values

    opp_services.draw_up_version(
        actor=pw.world.user("ib"),
        child=pw.child,
        school=pw.world.school,
        **version_values(vastgesteld_on=on),
    )


def evaluate_opp(pw: PlacementWorld, *, on: date) -> None:
    """The OPP was carried out and evaluated with the parents and the child (through the OPP app)."""
    from kring.opp import services as opp_services
    from kring.opp.models import Execution
    from kring.opp.selectors import current_version

    version = current_version(pw.child)
    assert version is not None, "draw up the OPP first"
    opp_services.record_evaluation(
        actor=pw.world.user("ib"),
        version=version,
        held_on=on,
        with_parents=True,
        with_child=True,
        carried_out=Execution.FULLY,
        done="Het rekenen in een klein groepje is gedaan.",
        worked="Het groepje hielp; in de grote klas loopt ze nog vast.",
        child_words="Het groepje was fijn.",
    )


def two_advices(on: date) -> list[AdviceInput]:
    return [
        AdviceInput(
            name="Drs. A. Orthopedagoog", functie="orthopedagoog", given_on=on, advice="Sbo past bij Noor."
        ),
        AdviceInput(name="M. Maatschappelijk", functie="maatschappelijk_werker", given_on=on, advice="Eens."),
    ]
