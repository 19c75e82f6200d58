"""The nightly job that scales (issue 14, item 4): only what can have changed is assessed again,
a region's norms and the holiday calendar are part of the freshness, batches are whole or absent,
and a rerun after a stopped run ends where an uninterrupted run ends."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from kring.cases.jobs import run_nightly
from kring.cases.models import Escalation
from kring.cases.testing import World, make_child
from kring.children import readmodel
from kring.children.jobs import assess_children
from kring.children.models import Child, ChildAssessment
from kring.children.readmodel import current_assessment, current_assessments
from kring.children.services import record_event
from kring.core.tick import run_tick
from kring.reference.models import SchoolHoliday
from kring.regions import services as region_services

from .helpers import open_case, thuiszitter_timeline

DAY = date(2026, 3, 2)


def enrolled(world: World, *, postcode: str = "3511AB", **events: Any) -> Child:
    child = make_child(gemeente=world.gemeente, postcode=postcode)
    record_event(
        actor=None,
        child=child,
        type="inschrijving",
        date=date(2025, 9, 1),
        data={"sector": "po"},
        school=world.school,
    )
    return child


def applied(world: World, *, postcode: str = "3511AB") -> Child:
    """Enrolled, with an aanmelding elsewhere on 23 February: ZP-05 open until 7 April (six weeks,
    and 6 April is Easter Monday)."""
    child = enrolled(world, postcode=postcode)
    record_event(
        actor=None, child=child, type="aanmelding", date=date(2026, 2, 23), data={"school": "De Linde"}
    )
    return child


def rows() -> dict[int, tuple[Any, ...]]:
    """What the read model holds (without the moment of writing)."""
    return {
        a.child_id: (
            a.computed_on,
            a.source_fingerprint,
            a.data,
            a.fresh_until,
            a.swv_id,
            a.norms_key,
            a.calendar_key,
            a.open_count,
            a.overdue_count,
            a.next_due,
        )
        for a in ChildAssessment.objects.all()
    }


def test_an_open_term_far_ahead_is_not_assessed_again_the_next_day(world: World) -> None:
    child = applied(world)
    assert assess_children(today=DAY).children_assessed >= 1
    stored = ChildAssessment.objects.get(child=child)
    assert stored.open_count == 1 and stored.next_due == date(2026, 4, 7)
    assert stored.fresh_until == date(2026, 4, 8)
    # nothing changed: the next days assess nobody, up to the day after the term
    assert assess_children(today=DAY + timedelta(days=1)).children_assessed == 0
    assert assess_children(today=date(2026, 4, 7)).children_assessed == 0
    assert assess_children(today=date(2026, 4, 8)).children_assessed == 1
    assert ChildAssessment.objects.get(child=child).overdue_count == 1


def test_a_fresh_row_of_an_earlier_day_is_the_answer_for_today(world: World) -> None:
    child = applied(world)
    first = current_assessment(child, today=DAY)
    later = current_assessment(child, today=DAY + timedelta(days=3))
    assert later.updated_at == first.updated_at  # read, not computed
    assert later.data["as_of"] == (DAY + timedelta(days=3)).isoformat()
    assert current_assessments([child], today=DAY + timedelta(days=3))[child.pk].data["as_of"] == "2026-03-05"


def test_a_thuiszitter_is_assessed_every_day_its_days_are_counted(world: World) -> None:
    thuiszitter_timeline(world)
    assess_children(today=DAY)
    days = ChildAssessment.objects.get(child=world.child).data["thuiszitter"]["days"]
    assert ChildAssessment.objects.get(child=world.child).fresh_until == DAY + timedelta(days=1)
    assert assess_children(today=DAY).children_assessed == 0
    assert assess_children(today=DAY + timedelta(days=1)).children_assessed == 1
    assert ChildAssessment.objects.get(child=world.child).data["thuiszitter"]["days"] == days + 1


def test_a_change_of_a_regions_norms_makes_its_children_stale_and_only_those(world: World) -> None:
    here = applied(world)
    there = applied(world, postcode="9711AA")  # the other SWV
    assess_children(today=DAY)
    assert ChildAssessment.objects.get(child=here).swv_id == world.swv.pk
    assert ChildAssessment.objects.get(child=there).swv_id == world.other_swv.pk
    assert assess_children(today=DAY).children_assessed == 0
    region_services.configure_region(
        actor=world.user("directeur"),
        swv=world.swv,
        kr_3m_enabled=True,
        kr_3m_months=4,
        escalate_statutory=True,
    )
    # the same day: the norms changed, so the children of that region are assessed again
    assert {c.pk for c in readmodel.followed_children(Child.objects.all(), today=DAY)} >= {here.pk}
    assert there.pk not in {c.pk for c in readmodel.followed_children(Child.objects.all(), today=DAY)}
    before = ChildAssessment.objects.get(child=here).norms_key
    report = assess_children(today=DAY)
    assert report.children_assessed == ChildAssessment.objects.filter(swv=world.swv).count()
    assert ChildAssessment.objects.get(child=here).norms_key != before
    assert ChildAssessment.objects.get(child=there).computed_on == DAY
    assert assess_children(today=DAY).children_assessed == 0


def test_a_change_of_the_holidays_makes_every_child_stale(world: World) -> None:
    applied(world)
    applied(world, postcode="9711AA")
    assess_children(today=DAY)
    SchoolHoliday.objects.create(
        regio="midden",
        vakantie="Extra",
        schooljaar="2025-2026",
        start=date(2026, 3, 9),
        end=date(2026, 3, 13),
    )
    assert assess_children(today=DAY).children_assessed == ChildAssessment.objects.count()
    assert assess_children(today=DAY).children_assessed == 0


def test_a_stopped_run_leaves_whole_batches_and_a_rerun_ends_as_a_clean_run(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    thuiszitter_timeline(world)
    for n in range(6):
        applied(world, postcode="9711AA" if n % 2 else "3511AB")
    clean_day = DAY
    assess_children(today=clean_day, batch_size=2)
    clean = rows()
    ChildAssessment.objects.all().delete()

    calls = {"n": 0}
    real = readmodel._assessed

    def stopped(*args: Any, **kwargs: Any) -> ChildAssessment:
        calls["n"] += 1
        if calls["n"] == 5:  # halfway through the third batch
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(readmodel, "_assessed", stopped)
    with pytest.raises(KeyboardInterrupt):
        assess_children(today=clean_day, batch_size=2)
    assert ChildAssessment.objects.count() == 4  # two whole batches, nothing of the third
    monkeypatch.setattr(readmodel, "_assessed", real)
    again = assess_children(today=clean_day, batch_size=2)
    assert again.children_assessed == len(clean) - 4
    assert rows() == clean
    assert assess_children(today=clean_day, batch_size=2).children_assessed == 0


def test_a_second_tick_on_the_same_day_does_nothing(world: World) -> None:
    thuiszitter_timeline(world)
    case = open_case(world)
    applied(world)
    first = {r.name.rsplit(".", 1)[-1]: r.report for r in run_tick(today=DAY)}
    assert first["assess_children"].children_assessed == 2  # type: ignore[attr-defined]
    escalations = Escalation.objects.filter(case=case).count()
    assert escalations == 1
    again = {r.name.rsplit(".", 1)[-1]: r.report for r in run_tick(today=DAY)}
    assert again["assess_children"].children_assessed == 0  # type: ignore[attr-defined]
    assert again["run_nightly"].cases_assessed == 0  # type: ignore[attr-defined]
    assert again["run_nightly"].escalations_created == 0  # type: ignore[attr-defined]
    assert Escalation.objects.filter(case=case).count() == escalations


def test_the_cases_job_assesses_an_open_cases_child_without_events(world: World) -> None:
    case = open_case(world)
    assert not ChildAssessment.objects.filter(child=case.child).exists()
    assert run_nightly(today=DAY).cases_assessed == 1
    assert ChildAssessment.objects.filter(child=case.child).exists()
    assert run_nightly(today=DAY).cases_assessed == 0
