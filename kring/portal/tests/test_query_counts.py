"""The family's view of a child and the leerplichtambtenaar's panel read a long timeline in the same
number of queries as a short one (no query per event, per obligation or per plan step)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kring.accounts.testing import login_verified
from kring.cases import services
from kring.cases.models import CircleMember
from kring.children.services import record_event

from .world import FamilyWorld, make_family_world

pytestmark = pytest.mark.django_db


def _queries(fw: FamilyWorld, person: str, url: Callable[[FamilyWorld], str]) -> int:
    client = Client()
    login_verified(client, fw.world.user(person))
    client.get(url(fw))  # the first visit stores the assessment; count a visit after it
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url(fw)).status_code == 200
    return len(queries)


def _more(fw: FamilyWorld, *, agreements: bool = True) -> None:
    """27 more absences (30 events of that kind in all) and, for the family's view, 10 agreements
    (the case page's own agreement list is not what this test is about)."""
    lpa = fw.world.user("lpa")
    start = fw.today - timedelta(days=60)
    for i in range(27):
        day = start + timedelta(days=i)
        record_event(
            actor=None,
            child=fw.world.child,
            type="afwezig",
            date=day,
            data={"reden": "ziek", "to": day.isoformat()},
        )
    if not agreements:
        return
    member = CircleMember.objects.get(case=fw.case, user=lpa, active=True)
    for i in range(10):
        services.add_agreement(actor=lpa, case=fw.case, text=f"Afspraak {i}", owner=member, due_on=fw.today)


def test_the_family_view_reads_3_and_30_events_in_as_many_queries() -> None:
    def url(fw: FamilyWorld) -> str:
        return reverse("portal:child", args=[fw.world.child.pk])

    fw = make_family_world(absences=3)
    few = _queries(fw, "ouder", url)
    _more(fw)
    assert _queries(fw, "ouder", url) == few


def test_the_case_page_with_the_institutions_panel_reads_3_and_30_events_in_as_many_queries() -> None:
    def url(fw: FamilyWorld) -> str:
        return reverse("cases:detail", args=[fw.case.pk])

    fw = make_family_world(absences=3)
    few = _queries(fw, "lpa", url)
    _more(fw, agreements=False)
    assert _queries(fw, "lpa", url) == few
