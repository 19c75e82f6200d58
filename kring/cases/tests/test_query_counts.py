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
from kring.agenda.selectors import agenda_for, agenda_for_organisation, agenda_for_user
from kring.cases import services
from kring.cases.models import Case
from kring.cases.testing import World, make_child
from kring.cases.views import lists
from kring.children.models import ChildAssessment
from kring.children.readmodel import compute_assessment, current_assessments
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
        services.open_case(
            actor=world.user("lpa"),
            child=child,
            signal_kind="verzuim",
            signal_description="Veel afwezig.",
            opened_on=today - timedelta(days=40),
        )
        compute_assessment(child, today=today)


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


def test_current_assessments_computes_only_the_stale_ones(world: World) -> None:
    today = timezone.localdate()
    add_cases(world, 3)
    children = [c.child for c in Case.objects.select_related("child").order_by("pk")]
    stored = {s.child_id: s.pk for s in ChildAssessment.objects.all()}
    # One timeline changes: only that child is assessed again (an update, so one new query or more).
    yesterday = today - timedelta(days=1)
    record_event(actor=None, child=children[0], type="verzuimmelding", date=yesterday, data={})
    fresh = count_queries(lambda: current_assessments(children[1:], today=today))
    # the fingerprints, the stored assessments, the holiday calendar (its key) and the norms of the
    # regions of the stored rows (their keys)
    assert fresh == 4
    result = current_assessments(children, today=today)
    assert {pk: s.pk for pk, s in result.items()} == stored
    assert result[children[0].pk].source_fingerprint.startswith("3:")


def add_aanmeldingen(world: World, count: int) -> None:
    """`count` children without a case, each with an undecided aanmelding at the world's school
    (ZP-05, the school's decision term, is on the intern begeleider's agenda)."""
    today = timezone.localdate()
    for n in range(count):
        child = make_child(gemeente=world.gemeente, first_name=f"Aanmelding{n}")
        record_event(
            actor=None,
            child=child,
            type="aanmelding",
            date=today - timedelta(days=40),
            data={},
            school=world.school,
        )


def test_home_agenda_of_children_without_a_case_does_not_grow(world: World) -> None:
    ib = world.user("ib")
    school = world.school.organisation
    today = timezone.localdate()
    add_aanmeldingen(world, 3)
    agenda_for(user=ib)  # the first read assesses the new timelines
    few = count_queries(lambda: agenda_for(user=ib))
    few_org = count_queries(lambda: agenda_for_organisation(school, today=today))
    assert len(agenda_for(user=ib)) >= 3
    add_aanmeldingen(world, 27)
    agenda_for(user=ib)
    assert len(agenda_for(user=ib)) >= 30
    assert count_queries(lambda: agenda_for(user=ib)) == few
    assert count_queries(lambda: agenda_for_organisation(school, today=today)) == few_org


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
