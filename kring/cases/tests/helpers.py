"""Small steps shared by the case tests."""

from __future__ import annotations

from datetime import date

from kring.cases import services
from kring.cases.models import Case, CircleMember, MemberKind
from kring.cases.testing import World
from kring.children.services import record_event

OPENED = date(2025, 10, 13)


def open_case(world: World, *, on: date = OPENED) -> Case:
    return services.open_case(
        actor=world.user("lpa"),
        child=world.child,
        signal_kind="verzuim",
        signal_description="Noor is sinds begin oktober niet meer op school geweest.",
        opened_on=on,
    )


def member_of(case: Case, user_key: str, world: World) -> CircleMember:
    return CircleMember.objects.get(case=case, user=world.user(user_key), active=True)


def with_regievoerder(world: World, case: Case, *, on: date = OPENED) -> CircleMember:
    member = member_of(case, "lpa", world)
    services.appoint_regievoerder(
        actor=world.user("lpa"), case=case, member=member, note="Kent het gezin.", on=on
    )
    return member


def add_consulent(world: World, case: Case, *, on: date = OPENED) -> CircleMember:
    return services.add_circle_member(
        actor=world.user("lpa"), case=case, kind=MemberKind.SWV, user=world.user("consulent"), joined_on=on
    )


def thuiszitter_timeline(world: World) -> None:
    """Enrolled 1 Sep 2025, absent ongeoorloofd every school day from 6 Oct 2025 (still going on).
    The school reported it to DUO on time, so only the three-month norm remains (from 6 Oct)."""
    child = world.child
    record_event(
        actor=None,
        child=child,
        type="inschrijving",
        date=date(2025, 9, 1),
        data={"sector": "po"},
        school=world.school,
    )
    record_event(
        actor=None, child=child, type="afwezig", date=date(2025, 10, 6), data={"reden": "ongeoorloofd"}
    )
    record_event(actor=None, child=child, type="verzuimmelding", date=date(2025, 10, 9), data={})
