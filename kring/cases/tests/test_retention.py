"""The case file's retention (`kring.cases.retention`): a closed case is removed by `kring tick` the
night after its region's term has passed, never while the child has an open case, one transaction
per child, logged in the family's logbook, and a second run removes nothing more.

Dates in the tables: a case closed on 1 March 2024 with the default term (2 years) is kept until
and including 1 March 2026 and removed on 2 March 2026."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kring.accounts.testing import login_verified
from kring.cases import services
from kring.cases.models import Agreement, Case, CircleMember, Meeting, Zienswijze
from kring.cases.retention import case_terms, case_until, remove_expired_cases
from kring.cases.testing import World, make_world
from kring.children.models import Child, TimelineEvent
from kring.core.tick import configured_jobs
from kring.privacy.models import AuditEvent
from kring.regions.models import RegionSettings

pytestmark = pytest.mark.django_db

CLOSED = date(2024, 3, 1)


@pytest.fixture
def world() -> World:
    return make_world()


def _case(world: World, *, opened: date, closed: date | None, child: Child | None = None) -> Case:
    lpa = world.user("lpa")
    case = services.open_case(
        actor=lpa,
        child=child or world.child,
        signal_kind="verzuim",
        signal_description="Noor gaat niet naar school.",
        opened_on=opened,
    )
    member = CircleMember.objects.get(case=case, user=lpa, active=True)
    services.record_meeting(
        actor=lpa, case=case, held_on=opened, parents_present=True, child_present=True, notes="Verslag."
    )
    services.add_agreement(actor=lpa, case=case, text="De school belt.", owner=member, due_on=opened)
    meeting = case.meetings.get()
    Zienswijze.objects.create(
        child=case.child,
        case=case,
        part="overleg",
        meeting=meeting,
        text="Wij zijn het niet eens.",
        author_name="Sanne Ouder",
        author_role="ouder",
    )
    if closed is not None:
        Case.objects.filter(pk=case.pk).update(status="afgesloten", closed_on=closed, closing_reason="Klaar.")
    return Case.objects.get(pk=case.pk)


def test_a_closed_case_is_removed_the_night_after_its_term_and_the_family_reads_it(world: World) -> None:
    case = _case(world, opened=date(2023, 9, 1), closed=CLOSED)
    events_before = TimelineEvent.objects.filter(child=world.child).count()

    report = remove_expired_cases(today=date(2026, 3, 1))  # the last day it is kept
    assert report.cases == 0 and Case.objects.filter(pk=case.pk).exists()

    report = remove_expired_cases(today=date(2026, 3, 2))
    assert report.cases == 1 and report.children == 1
    assert not Case.objects.filter(pk=case.pk).exists()
    assert not Meeting.objects.filter(case_id=case.pk).exists()
    assert not Agreement.objects.filter(case_id=case.pk).exists()
    assert not Zienswijze.objects.filter(case_id=case.pk).exists()
    # the child and its timeline stay (their terms are the engine's)
    assert Child.objects.filter(pk=world.child.pk).exists()
    assert TimelineEvent.objects.filter(child=world.child).count() == events_before
    line = AuditEvent.objects.get(code="case.file_removed")
    assert line.child_id == world.child.pk and line.actor is None and line.purpose == "nightly_job"
    assert line.data["years"] == 2 and line.data["until"] == "2026-03-01" and line.data["meetings"] == 1
    # the family's logbook shows the line, in words
    parent = Client()
    login_verified(parent, world.user("ouder"))
    log = parent.get(reverse("portal:access_log", args=[world.child.pk])).content.decode()
    assert "bewaartermijn van 2 jaar" in log and "1 maart 2024" in log


def test_a_second_run_removes_nothing_more(world: World) -> None:
    _case(world, opened=date(2023, 9, 1), closed=CLOSED)
    assert remove_expired_cases(today=date(2026, 6, 1)).cases == 1
    again = remove_expired_cases(today=date(2026, 6, 1))
    assert again.cases == 0
    assert AuditEvent.objects.filter(code="case.file_removed").count() == 1


def test_nothing_is_removed_while_the_child_has_an_open_case(world: World) -> None:
    old = _case(world, opened=date(2020, 9, 1), closed=date(2021, 1, 4))
    _case(world, opened=date(2026, 1, 5), closed=None)
    report = remove_expired_cases(today=date(2026, 6, 1))
    assert report.cases == 0 and report.kept_open == 1
    assert Case.objects.filter(pk=old.pk).exists()
    # closed again: the old one goes, the newly closed one is kept for its own term
    new = Case.objects.get(status="plan") if Case.objects.filter(status="plan").exists() else None
    open_case = Case.objects.exclude(status="afgesloten").get()
    Case.objects.filter(pk=open_case.pk).update(
        status="afgesloten", closed_on=date(2026, 5, 1), closing_reason="Klaar."
    )
    assert new is None or new.pk == open_case.pk
    assert remove_expired_cases(today=date(2026, 6, 1)).cases == 1
    assert list(Case.objects.values_list("pk", flat=True)) == [open_case.pk]


def test_the_regions_own_term_decides(world: World) -> None:
    RegionSettings.objects.create(swv=world.swv, case_retention_years=5)
    case = _case(world, opened=date(2023, 9, 1), closed=CLOSED)
    assert remove_expired_cases(today=date(2027, 1, 1)).cases == 0
    [term] = case_terms(world.child, today=date(2027, 1, 1))
    assert (term.case_id, term.years, term.until) == (case.pk, 5, date(2029, 3, 1))
    assert remove_expired_cases(today=date(2029, 3, 2)).cases == 1


def test_one_child_at_a_time_all_or_nothing(world: World, monkeypatch: Any) -> None:
    first = _case(world, opened=date(2020, 9, 1), closed=date(2021, 1, 4))
    second = _case(world, opened=date(2022, 9, 1), closed=date(2023, 1, 4))
    from kring.cases import audit

    real = audit.case_file_removed
    calls = []

    def failing(**kwargs: Any) -> Any:
        calls.append(kwargs["case"].pk)
        if len(calls) == 2:
            raise RuntimeError("the disk is full")
        return real(**kwargs)

    monkeypatch.setattr(audit, "case_file_removed", failing)
    with pytest.raises(RuntimeError):
        remove_expired_cases(today=date(2026, 6, 1))
    # the first case's removal was rolled back with the second's: the child's files are whole
    assert set(Case.objects.values_list("pk", flat=True)) == {first.pk, second.pk}
    assert not AuditEvent.objects.filter(code="case.file_removed").exists()
    monkeypatch.setattr(audit, "case_file_removed", real)
    assert remove_expired_cases(today=date(2026, 6, 1)).cases == 2


def test_the_tick_runs_the_job() -> None:
    assert "kring.cases.retention.remove_expired_cases" in [path for path, _job in configured_jobs()]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(closed=st.dates(date(2000, 1, 1), date(2060, 12, 31)), years=st.integers(1, 20))
def test_the_last_day_kept_is_the_closing_day_years_later(closed: date, years: int) -> None:
    until = case_until(closed, years)
    assert until.year == closed.year + years
    if (closed.month, closed.day) == (2, 29) and until.month == 2 and until.day == 28:
        return  # 29 February: 28 February in a year without it
    assert (until.month, until.day) == (closed.month, closed.day)
    assert until - closed >= timedelta(days=365 * years)
