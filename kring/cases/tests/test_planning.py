"""Perspective, route and evaluation rhythm: the services and the contract events they record."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from kring.cases import services
from kring.cases.models import NeedDimension, Route
from kring.cases.services import CaseRefused, StaleVersion
from kring.cases.testing import World
from kring.children.models import TimelineEvent

from .helpers import OPENED, open_case

NEEDS = {
    "leren": "Kleine groep, veel structuur.",
    "gedrag_en_welzijn": "Rust; angst voor de klas.",
    "vervoer": "Taxi.",
}


def test_set_perspective_with_several_needs(world: World) -> None:
    case = open_case(world)
    perspective = services.set_perspective(
        actor=world.user("lpa"),
        case=case,
        set_on=date(2025, 11, 3),
        set_with_parents=True,
        set_with_child=True,
        goals="Binnen een half jaar weer 20 uur per week onderwijs.",
        needs=NEEDS,
    )
    assert perspective.version == 1
    assert set(
        NeedDimension.objects.filter(perspective=perspective).values_list("dimension", flat=True)
    ) == set(NEEDS)
    assert (
        TimelineEvent.objects.filter(child=world.child, type="ontwikkelperspectief_vastgesteld").count() == 1
    )


def test_perspective_not_joint_records_no_event(world: World) -> None:
    case = open_case(world)
    services.set_perspective(
        actor=world.user("lpa"),
        case=case,
        set_on=OPENED,
        set_with_parents=True,
        set_with_child=False,
        goals="Doel.",
        needs={"leren": "x"},
    )
    assert not TimelineEvent.objects.filter(
        child=world.child, type="ontwikkelperspectief_vastgesteld"
    ).exists()


def test_perspective_needs_at_least_one_need(world: World) -> None:
    case = open_case(world)
    with pytest.raises(CaseRefused, match="minstens één gebied"):
        services.set_perspective(
            actor=world.user("lpa"),
            case=case,
            set_on=OPENED,
            set_with_parents=True,
            set_with_child=True,
            goals="Doel.",
            needs={"leren": "  "},
        )
    with pytest.raises(CaseRefused, match="gebied uit de lijst"):
        services.set_perspective(
            actor=world.user("lpa"),
            case=case,
            set_on=OPENED,
            set_with_parents=True,
            set_with_child=True,
            goals="Doel.",
            needs={"iq": "laag"},
        )


def test_perspective_optimistic_locking(world: World) -> None:
    case = open_case(world)
    lpa = world.user("lpa")
    kwargs: dict[str, Any] = {
        "actor": lpa,
        "case": case,
        "set_on": OPENED,
        "set_with_parents": True,
        "set_with_child": True,
    }
    services.set_perspective(**kwargs, goals="Eerste.", needs={"leren": "a"})
    with pytest.raises(StaleVersion, match="ontwikkelperspectief intussen gewijzigd"):
        services.set_perspective(**kwargs, goals="Tweede (nieuw formulier).", needs={"leren": "b"})
    second = services.set_perspective(**kwargs, goals="Tweede.", needs={"sociaal": "b"}, expected_version=1)
    assert second.version == 2 and second.goals == "Tweede."
    assert list(second.needs.values_list("dimension", flat=True)) == ["sociaal"]
    with pytest.raises(StaleVersion):
        services.set_perspective(**kwargs, goals="Derde.", needs={"leren": "c"}, expected_version=1)


def test_set_route_keeps_need_offer_apart_and_records_event(world: World) -> None:
    case = open_case(world)
    route = services.set_route(
        actor=world.user("lpa"),
        case=case,
        kind="hybride",
        start_on=date(2025, 11, 10),
        provider="De Brug",
        hours_per_week=Decimal("8"),
        needed_kind="onderwijs_zorgarrangement",
        needed_hours_per_week=20,
        needed_summary="Onderwijs met zorg in één plek.",
        offered_summary="Hybride: 2 ochtenden op school.",
    )
    assert route.needed_kind != route.kind and route.outcome == "lopend"
    event = TimelineEvent.objects.get(child=world.child, type="route_vastgesteld")
    assert event.data == {"soort": "hybride"}
    second = services.set_route(
        actor=world.user("lpa"),
        case=case,
        kind="andere_school",
        start_on=date(2026, 1, 5),
        provider="De Linde",
        hours_per_week=22,
        needed_kind="andere_school",
    )
    route.refresh_from_db()
    assert route.end_on == date(2026, 1, 4) and second.end_on is None
    services.record_route_outcome(
        actor=world.user("lpa"), route=second, outcome="andere_school", on=date(2026, 3, 1)
    )
    second.refresh_from_db()
    assert second.outcome == "andere_school" and second.end_on == date(2026, 3, 1)


def test_route_refusals(world: World) -> None:
    case = open_case(world)
    base: dict[str, Any] = {
        "actor": world.user("lpa"),
        "case": case,
        "start_on": OPENED,
        "needed_kind": "hybride",
    }
    with pytest.raises(CaseRefused, match="soort route"):
        services.set_route(**base, kind="thuis", provider="x", hours_per_week=1)
    with pytest.raises(CaseRefused, match="wie de route aanbiedt"):
        services.set_route(**base, kind="hybride", provider="", hours_per_week=1)
    with pytest.raises(CaseRefused, match="0 tot en met 40"):
        services.set_route(**base, kind="hybride", provider="x", hours_per_week=41)
    assert not Route.objects.exists()


def test_evaluation_rhythm(world: World) -> None:
    case = open_case(world)
    lpa = world.user("lpa")
    with pytest.raises(CaseRefused, match="Leg eerst het ontwikkelperspectief vast"):
        services.set_evaluation_rhythm(actor=lpa, case=case, weeks=6, set_on=OPENED, expected_version=1)
    services.set_perspective(
        actor=lpa,
        case=case,
        set_on=OPENED,
        set_with_parents=True,
        set_with_child=True,
        goals="x",
        needs={"leren": "y"},
    )
    with pytest.raises(CaseRefused, match="1 tot en met 52"):
        services.set_evaluation_rhythm(actor=lpa, case=case, weeks=0, set_on=OPENED, expected_version=1)
    perspective = services.set_evaluation_rhythm(
        actor=lpa, case=case, weeks=6, set_on=OPENED, expected_version=1
    )
    assert perspective.evaluation_every_weeks == 6 and perspective.version == 2
    event = TimelineEvent.objects.get(child=world.child, type="evaluatiefrequentie_vastgesteld")
    assert event.data == {"weken": 6}
    with pytest.raises(StaleVersion):
        services.set_evaluation_rhythm(actor=lpa, case=case, weeks=4, set_on=OPENED, expected_version=1)


def test_the_rhythm_gives_a_next_evaluation_and_an_evaluation_meeting_moves_it(world: World) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from kring.cases.planning import next_evaluation

    today = timezone.localdate()
    case = open_case(world)
    lpa = world.user("lpa")
    assert next_evaluation(case, today=today) is None  # no plan, no rhythm: no date
    services.set_perspective(
        actor=lpa,
        case=case,
        set_on=OPENED,
        set_with_parents=True,
        set_with_child=True,
        goals="x",
        needs={"leren": "y"},
    )
    services.set_evaluation_rhythm(actor=lpa, case=case, weeks=6, set_on=OPENED, expected_version=1)
    first = next_evaluation(case, today=today)
    assert first is not None and first.due == OPENED + timedelta(weeks=6) and first.late
    # an ordinary meeting does not move it; a meeting recorded as the evaluation does
    held = today - timedelta(days=2)
    services.record_meeting(actor=lpa, case=case, held_on=held, parents_present=True, child_present=True)
    assert next_evaluation(case, today=today) == first
    meeting = services.record_meeting(
        actor=lpa, case=case, held_on=held, parents_present=True, child_present=True, is_evaluation=True
    )
    assert meeting.is_evaluation
    moved = next_evaluation(case, today=today)
    assert (
        moved is not None and moved.due == held + timedelta(weeks=6) and not moved.late and moved.last == held
    )
