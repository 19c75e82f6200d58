"""The date rules on the child's timeline and the child's own dates (`kring/core/dates.py`): a past
act cannot lie in the future, nothing about a child before its birth, far-off dates are refused
with a message that says why; and the fix of issue 8: a future enrolment is refused instead of
turning the child into a thuiszitter "since 2021"."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kring.cases.testing import make_world
from kring.children.assessment import assess_child
from kring.children.models import Child, TimelineEvent
from kring.children.services import create_child, record_event, register_child, update_child
from kring.children.timeline import EventInvalid, NewEvent, record_events

pytestmark = pytest.mark.django_db

BIRTH = date(2016, 9, 30)
FUTURE = "Deze datum ligt in de toekomst. Dit is al gebeurd, dus de datum is vandaag of eerder."


@pytest.fixture
def today() -> date:
    return timezone.localdate()


@pytest.fixture
def child(make_child):
    return make_child(birth_date=BIRTH, first_name="Mila", last_name="Voorbeeld")


def test_a_future_enrolment_is_refused_on_the_date_and_the_child_is_not_a_thuiszitter_since_2021(
    child, actor, today
):
    with pytest.raises(ValidationError) as caught:
        record_event(
            actor=actor,
            child=child,
            type="inschrijving",
            date=today + timedelta(days=30),
            data={"school": "De Linde", "sector": "po"},
        )
    assert list(caught.value.message_dict) == ["date"]
    assert caught.value.message_dict["date"][0].startswith(FUTURE)
    assert not TimelineEvent.objects.filter(child=child).exists()
    # Entered with the day it really happened, the engine sees the enrolment: no absoluut verzuim.
    record_event(
        actor=actor,
        child=child,
        type="inschrijving",
        date=date(2021, 9, 1),
        data={"school": "De Linde", "sector": "po"},
    )
    assert assess_child(child, as_of=today).thuiszitter is None


def test_a_school_registering_a_child_with_a_future_enrolment_gets_the_message_on_that_field(today):
    world = make_world()
    school = world.school
    ib = world.user("ib")
    with pytest.raises(ValidationError) as caught:
        register_child(
            actor=ib,
            first_name="Sem",
            last_name="Toekomst",
            birth_date=BIRTH,
            postcode="3512CD",
            vakantieregio="midden",
            representatives=[{"name": "Ouder Toekomst"}],
            school=school,
            enrolled_on=today + timedelta(days=1),
        )
    assert caught.value.message_dict["enrolled_on"][0].startswith(FUTURE)
    assert not Child.objects.filter(last_name="Toekomst").exists()


@pytest.mark.parametrize(
    ("type", "data"),
    [
        ("afwezig", {"reden": "ongeoorloofd"}),
        ("regievoerder_aangewezen", {"naam": "Lotte Leerplicht"}),
        ("ontwikkelperspectief_vastgesteld", {}),
        ("route_vastgesteld", {"soort": "hybride"}),
    ],
)
def test_a_past_act_cannot_be_dated_tomorrow(child, actor, today, type, data):
    with pytest.raises(ValidationError) as caught:
        record_event(actor=actor, child=child, type=type, date=today + timedelta(days=1), data=data)
    assert caught.value.message_dict["date"][0].startswith(FUTURE)


def test_a_suspension_may_be_decided_ahead_but_not_years_ahead(child, actor, today):
    record_event(
        actor=actor,
        child=child,
        type="inschrijving",
        date=date(2024, 9, 2),
        data={"school": "De Linde", "sector": "po"},
    )
    start = today + timedelta(days=7)
    event = record_event(
        actor=actor,
        child=child,
        type="schorsing",
        date=start,
        data={"school": "De Linde", "to": start + timedelta(days=2)},
    )
    assert event.pk
    with pytest.raises(ValidationError) as caught:
        record_event(
            actor=actor,
            child=child,
            type="schorsing",
            date=today.replace(year=today.year + 3),
            data={"school": "De Linde", "to": today.replace(year=today.year + 3)},
        )
    assert caught.value.message_dict["date"] == [
        "Deze datum ligt meer dan 2 jaar in de toekomst. Dat kan niet kloppen. Kijk het jaartal na."
    ]


def test_an_absence_may_end_ahead_but_its_end_is_not_years_ahead(child, actor, today):
    record_event(
        actor=actor,
        child=child,
        type="afwezig",
        date=today,
        data={"reden": "ziek", "to": today + timedelta(days=4)},
    )
    with pytest.raises(ValidationError) as caught:
        record_event(
            actor=actor,
            child=child,
            type="afwezig",
            date=today,
            data={"reden": "ziek", "to": today.replace(year=today.year + 5)},
        )
    assert list(caught.value.message_dict) == ["to"]


def test_nothing_about_a_child_before_its_birth(child, actor):
    with pytest.raises(ValidationError) as caught:
        record_event(
            actor=actor, child=child, type="vrijstelling", date=date(2016, 9, 1), data={"artikel": "5a"}
        )
    assert caught.value.message_dict["date"] == [
        "Deze datum ligt voor de geboortedatum van het kind (30 september 2016). Iets over het kind kan "
        "niet eerder zijn gebeurd. Kijk de datum na."
    ]


def test_in_a_batch_the_future_event_is_named_by_its_row(child, actor, today):
    events = [
        NewEvent(type="afwezig", date=today - timedelta(days=n), data={"reden": "ziek"}) for n in (3, 2, 1)
    ]
    events.append(NewEvent(type="afwezig", date=today + timedelta(days=1), data={"reden": "ziek"}))
    with pytest.raises(EventInvalid) as caught:
        record_events(actor=actor, child=child, events=events)
    assert caught.value.index == 3 and list(caught.value.message_dict) == ["date"]
    assert not TimelineEvent.objects.filter(child=child).exists()


def test_a_birth_date_more_than_100_years_ago_is_refused(actor):
    with pytest.raises(ValidationError) as caught:
        create_child(
            actor=actor,
            first_name="Oud",
            last_name="Kind",
            birth_date=date(1901, 1, 1),
            vakantieregio="midden",
        )
    assert caught.value.message_dict["birth_date"] == [
        "Deze geboortedatum ligt meer dan 100 jaar terug. Dat kan niet kloppen. Kijk het jaartal na."
    ]


def test_the_birth_date_cannot_move_after_what_is_on_the_timeline(child, actor):
    record_event(
        actor=actor,
        child=child,
        type="inschrijving",
        date=date(2021, 9, 1),
        data={"school": "De Linde", "sector": "po"},
    )
    with pytest.raises(ValidationError) as caught:
        update_child(actor=actor, child=child, expected_version=child.version, birth_date=date(2022, 1, 1))
    assert "1 september 2021" in caught.value.message_dict["birth_date"][0]
    child.refresh_from_db()
    assert child.birth_date == BIRTH
