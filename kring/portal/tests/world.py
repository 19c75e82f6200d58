"""A family with one child whose file has something in every part of the family's view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from kring.cases import services
from kring.cases.models import Case, CircleMember
from kring.cases.testing import World, make_world
from kring.children.services import record_event

SIGNAL = "Noor gaat sinds de herfst bijna niet meer naar school."
GOALS = "Noor gaat na de kerst weer drie ochtenden per week naar school."
NEED = "Een vaste begeleider en een rustige plek in de klas."
AGREEMENT = "De school belt elke vrijdag met de ouders."
NOTE = "Gesprek met moeder op school."


@dataclass
class FamilyWorld:
    world: World
    case: Case
    today: date


def make_family_world(*, absences: int = 3) -> FamilyWorld:
    """The child enrolled at the world's school since 90 days ago, absent `absences` separate
    times (a whole day each), suspended once, aangemeld at another school 7 days ago (ZP-05 open);
    a case by the leerplichtambtenaar with a regievoerder, an agreement, a plan and a route."""
    world = make_world()
    lpa = world.user("lpa")
    today = timezone.localdate()
    child = world.child
    start = today - timedelta(days=90)
    record_event(
        actor=None,
        child=child,
        type="inschrijving",
        date=start,
        data={"sector": "po"},
        school=world.school,
        note=NOTE,
    )
    for i in range(absences):
        day = start + timedelta(days=7 + 2 * i)
        record_event(
            actor=None,
            child=child,
            type="afwezig",
            date=day,
            data={"reden": "ongeoorloofd", "to": day.isoformat()},
        )
    record_event(
        actor=None,
        child=child,
        type="schorsing",
        date=start + timedelta(days=70),
        data={"to": (start + timedelta(days=71)).isoformat()},
        school=world.school,
    )
    record_event(
        actor=None,
        child=child,
        type="aanmelding",
        date=today - timedelta(days=7),
        data={},
        school=world.other_school,
    )
    opened = today - timedelta(days=40)
    case = services.open_case(
        actor=lpa, child=child, signal_kind="verzuim", signal_description=SIGNAL, opened_on=opened
    )
    member = CircleMember.objects.get(case=case, user=lpa, active=True)
    services.appoint_regievoerder(actor=lpa, case=case, member=member, note="Kent het gezin.", on=opened)
    services.add_agreement(
        actor=lpa, case=case, text=AGREEMENT, owner=member, due_on=today + timedelta(days=10)
    )
    services.set_perspective(
        actor=lpa,
        case=case,
        set_on=opened,
        set_with_parents=True,
        set_with_child=True,
        goals=GOALS,
        needs={"leren": NEED},
    )
    services.set_route(
        actor=lpa,
        case=case,
        kind="geleidelijke_terugkeer",
        start_on=opened,
        provider="Basisschool De Regenboog",
        hours_per_week=6,
        needed_kind="geleidelijke_terugkeer",
    )
    case.refresh_from_db()
    return FamilyWorld(world, case, today)
