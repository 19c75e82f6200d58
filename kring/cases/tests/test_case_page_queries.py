"""The case page reads a case in a number of queries that does not grow with what the case holds:
the same count with 3 circle members, meetings (each attended by the whole circle), agreements and
timeline events as with 30 of each. A query per member, per meeting or per event (a policy check
per panel row, a lazy load per attendee) makes the counts differ and the test fail. Counts, never
timings (issue 14)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kring.cases import services
from kring.cases.models import Case, CircleMember, MemberKind, Visibility
from kring.cases.testing import World
from kring.children.services import record_event

from .test_list_query_counts import add_cases, count_queries, page_ok, web_client

pytestmark = pytest.mark.django_db


def grow(case: Case, count: int, *, start: int) -> None:
    """`count` more of each: a named circle member, a meeting the whole circle attends, an
    agreement of that member, an event on the child's timeline."""
    lpa = case.opened_by
    assert lpa is not None
    today = timezone.localdate()
    for n in range(start, start + count):
        member = services.add_circle_member(
            actor=lpa,
            case=case,
            kind=MemberKind.OVERIG,
            name=f"Hulpverlener {n}",
            role="begeleider",
            joined_on=today - timedelta(days=30),
            visibility=Visibility.ALLEEN_AFSPRAKEN,
        )
        meeting = services.record_meeting(
            actor=lpa,
            case=case,
            held_on=today - timedelta(days=20 - n % 10),
            parents_present=True,
            child_present=False,
            child_absent_reason="Op school.",
            attendees=list(CircleMember.objects.filter(case=case, active=True)),
            notes=f"Overleg {n}.",
        )
        services.add_agreement(
            actor=lpa, case=case, text=f"Afspraak {n}", owner=member, due_on=today, meeting=meeting
        )
        record_event(
            actor=lpa, child=case.child, type="verzuimmelding", date=today - timedelta(days=n % 20), data={}
        )


@pytest.mark.parametrize("viewer", ["lpa", "consulent"])
def test_the_case_page_does_not_grow_with_members_meetings_and_events(world: World, viewer: str) -> None:
    add_cases(world, 2)  # the second case has the consulent in its circle
    case = Case.objects.order_by("pk").last()
    assert case is not None
    assert CircleMember.objects.filter(case=case, user=world.user("consulent"), active=True).exists()
    fetch = page_ok(web_client(world.user(viewer)), f"/casussen/{case.pk}/")
    grow(case, 3, start=0)
    fetch()  # what a session reads once
    few = count_queries(fetch)
    grow(case, 27, start=3)
    many = count_queries(fetch)
    assert (few, many) == (few, few), f"{viewer}: {few} queries with 3 of each, {many} with 30"
    assert CircleMember.objects.filter(case=case, active=True).count() >= 30
