"""The per-child assessment (`ChildAssessment`) and the nightly job that keeps it.

| child                               | first night    | again, same day | later                      |
| ----------------------------------- | -------------- | --------------- | -------------------------- |
| undecided aanmelding (ZP-05 open)   | assessed       | left alone      | assessed when a term comes |
| enrolled, nothing due               | assessed (new) | left alone      | assessed once a new event  |
| an event dated after that first day | assessed (new) | left alone      | assessed when its day came |
| no events at all                    | nothing to do  | nothing         | nothing                    |
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.conf import settings

from kring.children.jobs import assess_children
from kring.children.models import Child, ChildAssessment
from kring.children.readmodel import current_assessment, followed_children
from kring.children.services import record_event

DAY = date(2026, 3, 2)


def event(child: Child, type: str, on: date, **data: Any) -> None:
    record_event(actor=None, child=child, type=type, date=on, data=data)


def test_the_nightly_job_follows_open_obligations_changed_timelines_and_dates_that_came(
    make_child: Callable[..., Child],
) -> None:
    applied = make_child(first_name="Aanmelding")
    event(applied, "aanmelding", date(2026, 2, 2), school="De Linde")
    enrolled = make_child(first_name="Ingeschreven")
    event(enrolled, "inschrijving", date(2025, 9, 1), school="De Linde", sector="po")
    later = make_child(first_name="Later")
    event(later, "inschrijving", date(2025, 9, 1), school="De Linde", sector="po")
    event(later, "afwezig", date(2026, 3, 20), reden="ziek", to="2026-03-23")  # after DAY: not seen yet
    nothing = make_child(first_name="Niets")

    assert assess_children(today=DAY).children_assessed == 3
    assert not ChildAssessment.objects.filter(child=nothing).exists()
    stored = ChildAssessment.objects.get(child=applied)
    # ZP-05 (six weeks) is open; enrolled nowhere, the three-month norm is late too
    assert stored.open_count == 2 and stored.next_due == date(2026, 3, 16)
    first = {a.child_id: a.data for a in ChildAssessment.objects.all()}

    # The same day again: nothing to do (every row is fresh), and the rows stay the same.
    again = assess_children(today=DAY)
    assert again.children_assessed == 0
    assert {a.child_id: a.data for a in ChildAssessment.objects.all()} == first

    # A new event makes a child followed again; so does the day of an event that has now come.
    event(enrolled, "verzuimmelding", DAY)
    assert [c.first_name for c in followed_children(Child.objects.order_by("pk"), today=DAY)] == [
        "Ingeschreven",
    ]
    assert "Later" in [c.first_name for c in followed_children(Child.objects.all(), today=date(2026, 3, 20))]


def test_a_fresh_assessment_is_read_not_computed(make_child: Callable[..., Child]) -> None:
    child = make_child()
    event(child, "aanmelding", date(2026, 2, 2), school="De Linde")
    first = current_assessment(child, today=DAY)
    assert current_assessment(child, today=DAY).updated_at == first.updated_at
    event(child, "aanmelding_besluit", date(2026, 2, 20), school="De Linde", outcome="toegelaten")
    changed = current_assessment(child, today=DAY)
    zp05 = next(o for o in changed.data["obligations"] if o["rule"] == "ZP-05")
    assert changed.pk == first.pk and zp05["status"] == "met" and changed.next_due is None


def test_the_assessment_of_children_is_its_own_nightly_job_before_the_case_work() -> None:
    jobs = settings.KRING_TICK_JOBS
    assert "kring.children.jobs.assess_children" in jobs
    assert jobs.index("kring.children.jobs.assess_children") < jobs.index("kring.cases.jobs.run_nightly")
    assert jobs.index("kring.cases.jobs.run_nightly") < jobs.index("kring.agenda.jobs.send_notifications")
