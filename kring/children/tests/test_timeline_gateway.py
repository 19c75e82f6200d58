"""The timeline's write gateway (`kring/children/timeline.py`): a batch for one child is checked
on its own, judged by ONE legal check, written all at once with its audit lines and the child's
stored assessment refreshed once; a refusal names the event and field and writes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from kring.children import assessment, readmodel, timeline
from kring.children.models import Child, ChildAssessment, TimelineEvent
from kring.children.readmodel import current_assessment
from kring.children.services import record_event
from kring.children.timeline import EventInvalid, EventRefused, NewEvent, record_events
from kring.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db

BIRTH = date(2016, 9, 30)  # leerplichtig from 1 October 2021


class Spy:
    """Counts the calls of a real function and still runs it (no mock: the real code answers)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> None:
        self.calls = 0
        real: Callable[..., Any] = getattr(module, name)

        def counting(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, counting)


@pytest.fixture
def child(make_child: Callable[..., Child], actor: Any) -> Child:
    child = make_child(birth_date=BIRTH, first_name="Mila", last_name="Voorbeeld")
    record_event(
        actor=actor,
        child=child,
        type="inschrijving",
        date=date(2024, 9, 2),
        data={"school": "De Linde", "sector": "po"},
    )
    return child


def school_days(start: date) -> Iterator[date]:
    day = start
    while True:
        if day.weekday() < 5:
            yield day
        day += timedelta(days=1)


def absences(n: int, start: date = date(2025, 1, 6)) -> list[NewEvent]:
    days = school_days(start)
    return [
        NewEvent(type="afwezig", date=(d := next(days)), data={"reden": "ongeoorloofd", "to": d})
        for _ in range(n)
    ]


class Engine:
    """The rules engine's runs: the legal checks' (`assess_scenario`) and the read model's."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.spies = (Spy(monkeypatch, assessment, "assess_scenario"), Spy(monkeypatch, readmodel, "_assess"))

    @property
    def calls(self) -> int:
        return sum(spy.calls for spy in self.spies)

    @calls.setter
    def calls(self, value: int) -> None:
        for spy in self.spies:
            spy.calls = value


def _spies(monkeypatch: pytest.MonkeyPatch) -> tuple[Spy, Engine, Spy]:
    return (
        Spy(monkeypatch, timeline, "legal_check"),
        Engine(monkeypatch),
        Spy(monkeypatch, readmodel, "compute_assessment"),
    )


def test_a_batch_of_150_events_runs_the_legal_check_once_and_refreshes_the_assessment_once(
    child, actor, monkeypatch
):
    today = timezone.localdate()
    current_assessment(child, today=today)  # the child's stored assessment is fresh for today
    audit_before = AuditEvent.objects.filter(code="timeline.event_recorded").count()
    legal, engine, refresh = _spies(monkeypatch)

    stored = record_events(actor=actor, child=child, events=absences(150))

    assert legal.calls == 1
    assert refresh.calls == 1
    # the engine ran on the timeline without and with the batch, and once for the stored
    # assessment: 3 runs for 150 events, not 2 per event
    assert engine.calls == 3
    assert len(stored) == 150 and all(e.pk for e in stored)
    assert TimelineEvent.objects.filter(child=child, type="afwezig").count() == 150
    assert AuditEvent.objects.filter(code="timeline.event_recorded").count() - audit_before == 150
    # what a user notices: the case list and the agenda read the stored assessment, which now knows
    # the 150 days of unauthorised absence (the school must report it to DUO: LPW-21)
    row = ChildAssessment.objects.get(child=child)
    assert row.computed_on == today and row.source_fingerprint == readmodel.fingerprint(child)
    assert any(o["rule"] == "LPW-21" for o in row.data["obligations"])


def test_the_number_of_legal_checks_and_engine_runs_does_not_grow_with_the_batch(child, actor, monkeypatch):
    legal, engine, _refresh = _spies(monkeypatch)
    record_events(actor=actor, child=child, events=absences(10))
    ten = (legal.calls, engine.calls)
    legal.calls = engine.calls = 0
    record_events(actor=actor, child=child, events=absences(150, start=date(2025, 9, 1)))
    assert (legal.calls, engine.calls) == ten == (1, 2)


def test_an_invalid_event_stops_the_whole_batch_and_names_its_row_and_field(child, actor):
    events = absences(5)
    events[3] = NewEvent(type="afwezig", date=events[3].date, data={})  # no reason of absence
    before = (TimelineEvent.objects.count(), AuditEvent.objects.count())
    with pytest.raises(EventInvalid) as caught:
        record_events(actor=actor, child=child, events=events)
    assert caught.value.index == 3
    assert caught.value.message_dict == {"reden": ["Vul de reden van afwezigheid in."]}
    assert (TimelineEvent.objects.count(), AuditEvent.objects.count()) == before


def test_a_refusal_stops_the_whole_batch_and_names_its_event(child, actor):
    events = [
        *absences(2),
        NewEvent(type="uitschrijving", date=date(2025, 3, 3), data={"school": "De Linde", "grond": "overig"}),
        *absences(2, start=date(2025, 3, 10)),
    ]
    before = (TimelineEvent.objects.count(), AuditEvent.objects.count())
    with pytest.raises(EventRefused) as caught:
        record_events(actor=actor, child=child, events=events)
    assert caught.value.index == 2 and caught.value.rule == "LPW-47"
    assert "de wet verbiedt het" in caught.value.messages[0]
    assert (TimelineEvent.objects.count(), AuditEvent.objects.count()) == before


def test_in_a_batch_the_refused_act_with_a_reason_is_stored_as_a_violation(child, actor):
    events = [
        *absences(2),
        NewEvent(
            type="uitschrijving",
            date=date(2025, 3, 3),
            data={"school": "De Linde", "grond": "overig"},
            violation_reason="De school heeft het kind toch uitgeschreven.",
        ),
    ]
    stored = record_events(actor=actor, child=child, events=events)
    assert [e.recorded_as_violation for e in stored] == [False, False, True]


def test_a_reason_on_an_event_that_breaks_no_rule_is_refused_with_its_index(child, actor):
    events = absences(3)
    events[1] = NewEvent(
        type="afwezig", date=events[1].date, data={"reden": "ziek"}, violation_reason="Zomaar een reden."
    )
    with pytest.raises(EventInvalid) as caught:
        record_events(actor=actor, child=child, events=events)
    assert caught.value.index == 1 and "violation_reason" in caught.value.message_dict
    assert not TimelineEvent.objects.filter(child=child, type="afwezig").exists()
