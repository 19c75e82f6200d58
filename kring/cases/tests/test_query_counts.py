"""The agenda and the case list read the assessments of many cases in a fixed number of queries:
the count does not grow with the number of cases (no query per case). Counts, never timings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kring.accounts.testing import login_verified
from kring.cases import services
from kring.cases.agenda import agenda_for_organisation, agenda_for_user
from kring.cases.models import AssessmentSnapshot, Case
from kring.cases.snapshots import compute_snapshot, current_snapshots
from kring.cases.testing import World, make_child
from kring.cases.views import lists
from kring.children.services import record_event


def add_cases(world: World, count: int) -> None:
    """`count` children in the world's gemeente, each absent without a report to DUO (a statutory
    term overdue) and with an open case whose assessment is stored for today."""
    today = timezone.localdate()
    for n in range(count):
        child = make_child(gemeente=world.gemeente, first_name=f"Kind{n}")
        record_event(
            actor=None,
            child=child,
            type="inschrijving",
            date=today - timedelta(days=200),
            data={"sector": "po"},
            school=world.school,
        )
        record_event(
            actor=None,
            child=child,
            type="afwezig",
            date=today - timedelta(days=60),
            data={"reden": "ongeoorloofd", "to": (today - timedelta(days=50)).isoformat()},
        )
        case = services.open_case(
            actor=world.user("lpa"),
            child=child,
            signal_kind="verzuim",
            signal_description="Veel afwezig.",
            opened_on=today - timedelta(days=40),
        )
        compute_snapshot(case, today=today)


def count_queries(fn: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_agenda_queries_do_not_grow_with_the_cases(world: World) -> None:
    lpa = world.user("lpa")
    today = timezone.localdate()
    add_cases(world, 3)
    few = count_queries(lambda: agenda_for_user(lpa, today=today))
    few_org = count_queries(lambda: agenda_for_organisation(world.gemeente.organisation, today=today))
    assert len(agenda_for_user(lpa, today=today)) >= 3
    add_cases(world, 27)
    assert len(agenda_for_user(lpa, today=today)) >= 30
    assert count_queries(lambda: agenda_for_user(lpa, today=today)) == few
    assert count_queries(lambda: agenda_for_organisation(world.gemeente.organisation, today=today)) == few_org


def test_current_snapshots_computes_only_the_stale_ones(world: World) -> None:
    today = timezone.localdate()
    add_cases(world, 3)
    cases = list(Case.objects.select_related("child").order_by("pk"))
    stored = {s.case_id: s.pk for s in AssessmentSnapshot.objects.all()}
    # One timeline changes: only that case is assessed again (an update, so one new query or more).
    record_event(
        actor=None, child=cases[0].child, type="verzuimmelding", date=today - timedelta(days=1), data={}
    )
    fresh = count_queries(lambda: current_snapshots(cases[1:], today=today))
    assert fresh == 2  # the fingerprints and the stored snapshots
    result = current_snapshots(cases, today=today)
    assert {pk: s.pk for pk, s in result.items()} == stored
    assert result[cases[0].pk].source_fingerprint.startswith("3:")


@pytest.mark.parametrize("url", ["/casussen/", "/casussen/?overdue=ja"])
def test_case_list_queries_do_not_grow_with_the_cases(
    world: World, monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    monkeypatch.setattr(lists, "PAGE_SIZE", 2)  # both sizes fill a page: the same rows are shown
    client = Client()
    login_verified(client, world.user("lpa"))

    def get() -> None:
        response = client.get(url)
        assert response.status_code == 200
        assert len(response.context["rows"]) == 2

    add_cases(world, 3)
    get()  # the first request of the session
    few = count_queries(get)
    add_cases(world, 27)
    assert count_queries(get) == few
