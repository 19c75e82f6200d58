"""The engine's retention terms enforced on the timeline (`kring.children.retention`): read from the
stored assessment, only what has expired, never while a case is open, one logbook line per child,
idempotent. The stored assessment is written here by hand with the entries PRV-06 gives for an
uitschrijving on 1 March 2019 (verzuim and in/uitschrijving until 1 March 2024, dossier until
1 March 2021)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kring.cases import services as case_services
from kring.cases.testing import World, make_world
from kring.children.models import ChildAssessment, TimelineEvent
from kring.children.readmodel import fingerprint
from kring.children.retention import remove_expired_timeline
from kring.children.services import record_event
from kring.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db

LEFT = date(2019, 3, 1)


@pytest.fixture
def world() -> World:
    return make_world()


def _timeline(world: World) -> dict[str, Any]:
    child, school, other = world.child, world.school, world.other_school
    name = school.organisation.name
    ins = record_event(
        actor=None,
        child=child,
        type="inschrijving",
        date=date(2018, 8, 27),
        data={"sector": "po"},
        school=school,
        note="Ingeschreven na een gesprek met de moeder.",
    )
    gone = record_event(
        actor=None,
        child=child,
        type="afwezig",
        date=date(2018, 10, 1),
        data={"reden": "ongeoorloofd", "to": "2018-10-01"},
    )
    out = record_event(
        actor=None,
        child=child,
        type="uitschrijving",
        date=LEFT,
        data={"grond": "inschrijving_elders"},
        school=school,
        note="Verhuisd.",
    )
    new = record_event(
        actor=None,
        child=child,
        type="inschrijving",
        date=LEFT,
        data={"sector": "po"},
        school=other,
        note="Nieuwe school.",
    )
    return {"name": name, "ins": ins, "gone": gone, "out": out, "new": new}


def _store(world: World, entries: list[dict[str, Any]]) -> None:
    child = world.child
    child.refresh_from_db()
    ChildAssessment.objects.update_or_create(
        child=child,
        defaults={
            "computed_on": date(2026, 1, 5),
            "source_fingerprint": fingerprint(child),
            "data": {"bewaartermijnen": entries, "obligations": [], "violations": []},
        },
    )


def _entry(name: str, soort: str, until: str) -> dict[str, Any]:
    return {"rule": "PRV-06", "subject": name, "soort": soort, "date": LEFT.isoformat(), "until": until}


def test_expired_verzuim_and_enrolment_at_that_school_are_removed(world: World) -> None:
    t = _timeline(world)
    _store(
        world,
        [_entry(t["name"], "verzuim", "2024-03-01"), _entry(t["name"], "in_uitschrijving", "2024-03-01")],
    )
    report = remove_expired_timeline(today=date(2024, 3, 2))
    assert (report.children, report.removed) == (1, 3)
    left = set(TimelineEvent.objects.filter(child=world.child).values_list("pk", flat=True))
    assert left == {t["new"].pk}  # the enrolment at the new school stays
    line = AuditEvent.objects.get(code="child.retention_applied")
    assert line.child_id == world.child.pk and line.data["removed"] == 3 and line.data["rules"] == "PRV-06"
    # the stored assessment was computed again: a second night finds nothing
    assert remove_expired_timeline(today=date(2024, 3, 3)).removed == 0
    assert AuditEvent.objects.filter(code="child.retention_applied").count() == 1


def test_on_the_last_day_nothing_goes(world: World) -> None:
    t = _timeline(world)
    _store(world, [_entry(t["name"], "verzuim", "2024-03-01")])
    assert remove_expired_timeline(today=date(2024, 3, 1)).removed == 0
    assert TimelineEvent.objects.filter(child=world.child).count() == 4


def test_the_school_dossier_loses_its_words_not_its_facts(world: World) -> None:
    t = _timeline(world)
    _store(world, [_entry(t["name"], "dossier", "2021-03-01")])
    report = remove_expired_timeline(today=date(2021, 3, 2))
    assert (report.removed, report.anonymised) == (0, 2)
    notes = dict(TimelineEvent.objects.filter(child=world.child).values_list("pk", "note"))
    assert notes[t["ins"].pk] == notes[t["out"].pk] == ""
    assert notes[t["new"].pk] == "Nieuwe school."  # another school's words stay
    assert remove_expired_timeline(today=date(2021, 3, 3)).anonymised == 0  # nothing twice


def test_nothing_while_a_case_is_open(world: World) -> None:
    t = _timeline(world)
    case_services.open_case(
        actor=world.user("lpa"),
        child=world.child,
        signal_kind="verzuim",
        signal_description="Noor gaat niet naar school.",
        opened_on=date(2026, 1, 5),
    )
    _store(world, [_entry(t["name"], "verzuim", "2024-03-01")])
    assert remove_expired_timeline(today=date(2026, 6, 1)).removed == 0
    assert TimelineEvent.objects.filter(child=world.child).count() >= 4


def test_a_timeline_changed_since_the_assessment_waits_for_the_next_night(world: World) -> None:
    t = _timeline(world)
    _store(world, [_entry(t["name"], "verzuim", "2024-03-01")])
    record_event(
        actor=None,
        child=world.child,
        type="afwezig",
        date=date(2024, 1, 8),
        data={"reden": "ziek", "to": "2024-01-08"},
    )
    assert remove_expired_timeline(today=date(2024, 3, 2)).removed == 0
