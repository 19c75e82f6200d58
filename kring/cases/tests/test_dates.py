"""The date rules on the case's past acts (`kring/core/dates.py`): a case opened, someone joining
the circle, a regievoerder appointed, a meeting held and a perspective set cannot be dated in the
future or before the child's birth; the message sits on the date's field and nothing is written."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kring.cases import services
from kring.cases.models import Case, CircleMember, Meeting, MemberKind, Perspective, RegievoerderAssignment
from kring.cases.testing import World

from .helpers import member_of, open_case

FUTURE = "Deze datum ligt in de toekomst. Dit is al gebeurd, dus de datum is vandaag of eerder."


def tomorrow() -> date:
    return timezone.localdate() + timedelta(days=1)


def test_a_case_cannot_be_opened_tomorrow_nor_before_the_child_was_born(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        open_case(world, on=tomorrow())
    assert caught.value.message_dict["opened_on"][0].startswith(FUTURE)
    with pytest.raises(ValidationError) as caught:
        open_case(world, on=world.child.birth_date - timedelta(days=1))
    assert "geboortedatum" in caught.value.message_dict["opened_on"][0]
    assert not Case.objects.filter(child=world.child).exists()


def test_joining_the_circle_appointing_and_meeting_are_past_acts(world: World) -> None:
    case = open_case(world)
    members = CircleMember.objects.filter(case=case).count()
    with pytest.raises(ValidationError) as caught:
        services.add_circle_member(
            actor=world.user("lpa"),
            case=case,
            kind=MemberKind.SWV,
            user=world.user("consulent"),
            joined_on=tomorrow(),
        )
    assert caught.value.message_dict["joined_on"][0].startswith(FUTURE)
    assert CircleMember.objects.filter(case=case).count() == members

    with pytest.raises(ValidationError) as caught:
        services.appoint_regievoerder(
            actor=world.user("lpa"),
            case=case,
            member=member_of(case, "lpa", world),
            note="Kent het gezin.",
            on=tomorrow(),
        )
    assert caught.value.message_dict["on"][0].startswith(FUTURE)
    assert not RegievoerderAssignment.objects.filter(case=case).exists()

    with pytest.raises(ValidationError) as caught:
        services.record_meeting(
            actor=world.user("lpa"), case=case, held_on=tomorrow(), parents_present=True, child_present=True
        )
    assert caught.value.message_dict["held_on"][0].startswith(FUTURE)
    assert not Meeting.objects.filter(case=case).exists()


def test_a_perspective_cannot_be_set_tomorrow(world: World) -> None:
    case = open_case(world)
    with pytest.raises(ValidationError) as caught:
        services.set_perspective(
            actor=world.user("lpa"),
            case=case,
            set_on=tomorrow(),
            set_with_parents=True,
            set_with_child=True,
            goals="Weer naar school, eerst twee ochtenden.",
            needs={"onderwijs": "Een rustige plek in de klas."},
        )
    assert caught.value.message_dict["set_on"][0].startswith(FUTURE)
    assert not Perspective.objects.filter(case=case).exists()
