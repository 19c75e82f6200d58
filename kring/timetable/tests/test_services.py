"""The afwijking van de onderwijstijd through its services: what the school records, what it is
refused (with the rule and its source), and what the rules engine then says (OT-02, TZ-06)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from kring.children.models import TimelineEvent
from kring.children.readmodel import current_assessment
from kring.core.errors import Refused
from kring.privacy.models import AuditEvent
from kring.timetable import services
from kring.timetable.models import ReducedTimetable
from kring.timetable.testing import TimetableWorld, make_timetable_world, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def tw() -> TimetableWorld:
    return make_timetable_world()


def _ot02(tw: TimetableWorld) -> list[dict[str, Any]]:
    data = current_assessment(tw.child, today=tw.today).data
    return [o for o in data["obligations"] if o["rule"] == "OT-02"]


def _verborgen(tw: TimetableWorld) -> list[dict[str, Any]]:
    data = current_assessment(tw.child, today=tw.today).data
    return [v for v in data["verborgen"] if v["reason"] == "gedeeltelijk_programma"]


def test_a_reduced_timetable_goes_to_the_timeline_and_the_engine_finds_the_missing_consent(
    tw: TimetableWorld,
) -> None:
    timetable = record(tw)
    event = TimelineEvent.objects.get(pk=timetable.event_id or 0)
    assert event.type == "onderwijstijd_verminderd" and event.date == tw.today - timedelta(weeks=5)
    assert event.data == {"school": tw.world.school.organisation.name, "uren_per_week": 12}
    (ot02,) = _ot02(tw)
    assert ot02["status"] == "overdue" and ot02["due"] == event.date.isoformat()
    assert "WPO art. 8 lid 10" in ot02["source"]
    # 5 weeks with fewer hours: longer than 28 days, a verborgen thuiszitter (TZ-06)
    (hidden,) = _verborgen(tw)
    since = date.fromisoformat(str(hidden["since"]))  # the first school day from the start
    assert 0 <= (since - event.date).days <= 2
    assert AuditEvent.objects.filter(code="timetable.recorded", child_id=tw.child.pk).exists()


def test_the_consent_fulfils_ot02_late_when_it_came_after_the_first_day(tw: TimetableWorld) -> None:
    timetable = record(tw)
    services.record_inspectorate_request(
        actor=tw.world.user("ib"), timetable=timetable, requested_on=tw.today - timedelta(weeks=4)
    )
    services.record_inspectorate_consent(
        actor=tw.world.user("schoolleider"),
        timetable=timetable,
        consent_on=tw.today - timedelta(days=3),
        consent_until=tw.today + timedelta(days=90),
    )
    (ot02,) = _ot02(tw)
    assert ot02["status"] == "met_late"
    consent = TimelineEvent.objects.get(pk=timetable.consent_event_id or 0)
    assert consent.type == "instemming_inspectie_onderwijstijd"
    assert consent.data["to"] == (tw.today + timedelta(days=90)).isoformat()
    codes = set(AuditEvent.objects.filter(child_id=tw.child.pk).values_list("code", flat=True))
    assert {"timetable.recorded", "timetable.requested", "timetable.consented"} <= codes


def test_consent_before_the_start_is_met_on_time(tw: TimetableWorld) -> None:
    timetable = record(tw, starts_on=tw.today + timedelta(days=7), requested_on=tw.today - timedelta(days=10))
    assert _ot02(tw) == []  # nothing is due before the reduced timetable starts
    services.record_inspectorate_consent(actor=tw.world.user("ib"), timetable=timetable, consent_on=tw.today)
    timetable.refresh_from_db()
    assert timetable.consent_on == tw.today and timetable.requested_on == tw.today - timedelta(days=10)


def test_the_ground_must_be_physical_or_psychological_and_the_refusal_names_the_rule(
    tw: TimetableWorld,
) -> None:
    with pytest.raises(Refused) as caught:
        record(tw, ground="rust")
    (message,) = caught.value.by_field()["ground"]
    assert "lichamelijke of psychische redenen" in message
    assert "OT-02" in message and "WPO art. 8 lid 10" in message
    assert (
        not ReducedTimetable.objects.exists()
        and not TimelineEvent.objects.filter(type="onderwijstijd_verminderd").exists()
    )


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"hours_per_week": None}, "hours_per_week", "hoeveel uur"),
        ({"hours_per_week": "twaalf"}, "hours_per_week", "aantal uren"),
        ({"hours_per_week": Decimal("41")}, "hours_per_week", "0 tot en met 40"),
        ({"hours_per_week": Decimal("25")}, "hours_per_week", "niet minder uren dan normaal"),
        ({"starts_on": None}, "starts_on", "vanaf welke dag"),
        ({"reason": "  "}, "reason", "waarom"),
        ({"requested_on": "future"}, "requested_on", "toekomst"),
        ({"ends_on": "before"}, "ends_on", "voor de begindatum"),
    ],
)
def test_each_missing_or_wrong_input_lands_on_its_field(
    tw: TimetableWorld, changes: dict[str, Any], field: str, words: str
) -> None:
    if changes.get("requested_on") == "future":
        changes = {"requested_on": tw.today + timedelta(days=2)}
    if changes.get("ends_on") == "before":
        changes = {"ends_on": tw.today - timedelta(weeks=6)}
    with pytest.raises(Refused) as caught:
        record(tw, **changes)
    assert words in " ".join(caught.value.by_field()[field])


def test_only_the_school_where_the_child_is_enrolled_records(tw: TimetableWorld) -> None:
    for key in ("consulent", "lpa", "ouder", "other_ib", "jeugdhulp"):
        with pytest.raises(PermissionDenied):
            record(tw, actor=tw.world.user(key))
    with pytest.raises(Refused) as caught:
        record(tw, school=tw.world.other_school)
    assert "ingeschreven" in caught.value.by_field()["school"][0]


def test_one_running_reduced_timetable_per_school(tw: TimetableWorld) -> None:
    record(tw)
    with pytest.raises(Refused) as caught:
        record(tw, starts_on=tw.today)
    assert "Sluit die eerst af" in caught.value.by_field()["starts_on"][0]


def test_the_database_refuses_what_cannot_be(tw: TimetableWorld) -> None:
    timetable = record(tw)
    for field, value in (
        ("hours_per_week", Decimal("30")),
        ("reason", ""),
        ("ground", "rust"),
        ("ends_on", tw.today - timedelta(weeks=10)),
        ("consent_until", tw.today),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            ReducedTimetable.objects.filter(pk=timetable.pk).update(**{field: value})


def test_consent_dates_are_checked_against_the_request_and_the_end(tw: TimetableWorld) -> None:
    timetable = record(tw, requested_on=tw.today - timedelta(days=10), ends_on=tw.today - timedelta(days=5))
    ib = tw.world.user("ib")
    with pytest.raises(Refused) as caught:
        services.record_inspectorate_consent(
            actor=ib, timetable=timetable, consent_on=tw.today - timedelta(days=20)
        )
    assert "eerder instemmen dan de school het vroeg" in caught.value.by_field()["consent_on"][0]
    with pytest.raises(Refused) as caught:
        services.record_inspectorate_consent(actor=ib, timetable=timetable, consent_on=tw.today)
    (message,) = caught.value.by_field()["consent_on"]
    assert "telt niet meer" in message and "OT-02" in message
    with pytest.raises(Refused):
        services.record_inspectorate_consent(actor=ib, timetable=timetable, consent_on=None)
    with pytest.raises(PermissionDenied):
        services.record_inspectorate_consent(
            actor=tw.world.user("lpa"), timetable=timetable, consent_on=tw.today - timedelta(days=6)
        )


def test_ending_gives_the_timeline_its_end_date_and_the_hidden_thuiszitter_goes(tw: TimetableWorld) -> None:
    timetable = record(tw)
    assert _verborgen(tw)
    services.end_reduced_timetable(
        actor=tw.world.user("ib"),
        timetable=timetable,
        ends_on=tw.today - timedelta(days=1),
        reason="Weer hele dagen",
    )
    timetable.refresh_from_db()
    events = TimelineEvent.objects.filter(child=tw.child, type="onderwijstijd_verminderd")
    (event,) = events
    assert event.pk == timetable.event_id and event.data["to"] == (tw.today - timedelta(days=1)).isoformat()
    assert _verborgen(tw) == []
    (ot02,) = _ot02(tw)
    assert ot02["status"] == "overdue"  # it ran without consent: that stays in the file
    with pytest.raises(Refused):
        services.end_reduced_timetable(actor=tw.world.user("ib"), timetable=timetable, ends_on=tw.today)
