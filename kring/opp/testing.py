"""Test helpers of the OPP: a world with the child enrolled at the world's school (sbo), and a
version drawn up by the school's intern begeleider. Fictional children only."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from kring.cases.testing import World, make_world
from kring.children.services import record_event

from . import services
from .models import OppVersion

ACTIONS = [
    services.ActionSpec(
        what="Twee keer per week een half uur rekenen in een klein groepje",
        who="Remedial teacher",
        how_often="2 keer per week",
        payer="school",
    ),
    services.ActionSpec(
        what="Begeleiding door een ambulant begeleider cluster 4",
        who="Ambulant begeleider van het SWV",
        how_often="1 keer per twee weken",
        payer="swv",
    ),
]


def enrolled_world(*, enrolled_days_ago: int = 30, sector: str = "sbo") -> World:
    world = make_world()
    record_event(
        actor=None,
        child=world.child,
        type="inschrijving",
        date=timezone.localdate() - timedelta(days=enrolled_days_ago),
        data={"sector": sector},
        school=world.school,
    )
    return world


def version_values(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "vastgesteld_on": timezone.localdate() - timedelta(days=10),
        "needs": "Korte instructies, een vaste plek in de klas en rust in de pauzes.",
        "uitstroomperspectief": "vmbo basis- of kaderberoepsgerichte leerweg",
        "onderbouwing": "Rekenen loopt achter; lezen en sociaal gaan goed. Ze werkt hard als het rustig is.",
        "goals": "Eind groep 7 rekent ze op niveau M6. Ze vraagt zelf om hulp als ze vastloopt.",
        "actions": ACTIONS,
        "child_words": "Ik wil graag in een klein groepje rekenen, niet voor de hele klas.",
        "child_input": "veranderd",
        "child_effect": "Het rekenen gebeurt nu in een groepje in plaats van in de klas.",
    }
    values.update(overrides)
    return values


def draw_up(world: World, *, today: date | None = None, **overrides: Any) -> OppVersion:
    return services.draw_up_version(
        actor=world.user("ib"),
        child=world.child,
        school=world.school,
        today=today,
        **version_values(**overrides),
    )


def return_step(*, days: int = 14, **overrides: Any) -> Any:
    """A step of a terugkeerplan: who, what, by when (in `days`), who pays."""
    from .return_services import StepSpec

    values: dict[str, Any] = {
        "who": "Leerplichtambtenaar gemeente",
        "what": "Overleg met ouders en de GGZ over twee ochtenden school per week.",
        "due": timezone.localdate() + timedelta(days=days),
        "payer": "gemeente",
    }
    values.update(overrides)
    return StepSpec(**values)


def open_plan(world: World, *, steps: Any = None, actor_key: str = "ib", **overrides: Any) -> Any:
    """Record for the world's child that education stands still ('rust is voorliggend'), with a step."""
    from .return_services import open_return_plan

    values: dict[str, Any] = {
        "reason": "rust_voorliggend",
        "said_by": "GGZ-behandelaar",
        "since": timezone.localdate() - timedelta(days=7),
        "steps": steps if steps is not None else [return_step()],
    }
    values.update(overrides)
    return open_return_plan(actor=world.user(actor_key), child=world.child, **values)
