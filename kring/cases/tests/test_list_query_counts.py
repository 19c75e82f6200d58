"""Every list page and API list of cases and children, each filter, reads a page in a number of
queries that does not grow with its rows: the same count for 3 rows as for 30 (a page of 25, or
the API's 50). A query per row (an audit INSERT per row, a policy check per row, a lookup per row)
makes the counts differ and the test fail. Counts, never timings (issue 14, item 3)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from kring.accounts.models import User
from kring.accounts.testing import login_verified
from kring.cases import services
from kring.cases.models import Case, CircleMember, MemberKind
from kring.cases.testing import World, make_child
from kring.children.models import Child
from kring.children.readmodel import compute_assessment
from kring.children.services import record_event

pytestmark = pytest.mark.django_db


def add_cases(world: World, count: int) -> None:
    """`count` children in the world's gemeente, enrolled at the world's school, with an open case of
    the leerplichtambtenaar; a mix that every filter finds: absent ongeoorloofd with the term to
    report overdue, or at home for weeks (a thuiszitter); every other case with a regievoerder and
    the SWV consulent in the circle; every third escalated by hand."""
    today = timezone.localdate()
    lpa = world.user("lpa")
    first = Child.objects.count()
    for n in range(first, first + count):
        child = make_child(gemeente=world.gemeente, first_name=f"Kind{n}")
        record_event(
            actor=None,
            child=child,
            type="inschrijving",
            date=today - timedelta(days=200),
            data={"sector": "po"},
            school=world.school,
        )
        if n % 2:
            record_event(
                actor=None,
                child=child,
                type="afwezig",
                date=today - timedelta(days=60),
                data={"reden": "ongeoorloofd", "to": (today - timedelta(days=50)).isoformat()},
            )
        else:
            record_event(
                actor=None,
                child=child,
                type="afwezig",
                date=today - timedelta(days=70),
                data={"reden": "ongeoorloofd"},
            )
            record_event(
                actor=None, child=child, type="verzuimmelding", date=today - timedelta(days=67), data={}
            )
        case = services.open_case(
            actor=lpa,
            child=child,
            signal_kind="verzuim",
            signal_description="Veel afwezig.",
            opened_on=today - timedelta(days=40),
        )
        if n % 2 == 0:
            member = CircleMember.objects.get(case=case, user=lpa, active=True)
            services.appoint_regievoerder(
                actor=lpa, case=case, member=member, note="Kent het gezin.", on=today - timedelta(days=30)
            )
            services.add_circle_member(
                actor=lpa,
                case=case,
                kind=MemberKind.SWV,
                user=world.user("consulent"),
                joined_on=today - timedelta(days=30),
            )
        if n % 3 == 0:
            Case.objects.filter(pk=case.pk).update(escalated=True)
        compute_assessment(child, today=today)


def count_queries(fn: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def case_list_urls(world: World) -> list[str]:
    lpa = world.user("lpa")
    return [
        "",
        "?status=signaal",
        "?status=alle",
        "?thuiszitter=absoluut_verzuim",
        "?thuiszitter=langdurig_relatief_verzuim",
        "?thuiszitter=verborgen",
        "?overdue=ja",
        "?overdue=nee",
        "?escalated=ja",
        "?escalated=nee",
        f"?school={world.school.pk}",
        f"?gemeente={world.gemeente.pk}",
        f"?regievoerder={lpa.pk}",
        "?q=Kind",
        "?overdue=ja&escalated=nee&q=Kind",
    ]


def counts_of(fetches: dict[str, Callable[[], int]]) -> dict[str, int]:
    """The query count of each fetch (each returns its number of rows), after a first call that
    warms what a session reads once."""
    counts = {}
    for name, fetch in fetches.items():
        fetch()
        counts[name] = count_queries(fetch)
    return counts


def rows_of(fetches: dict[str, Callable[[], int]]) -> dict[str, int]:
    return {name: fetch() for name, fetch in fetches.items()}


def assert_fixed(world: World, fetches: dict[str, Callable[[], int]], *, must_have_rows: set[str]) -> None:
    add_cases(world, 3)
    few = counts_of(fetches)
    add_cases(world, 27)
    many_rows = rows_of(fetches)
    many = counts_of(fetches)
    grown = {name: (few[name], many[name]) for name in fetches if few[name] != many[name]}
    assert grown == {}, f"query counts (3 rows, 30 rows) that grow with the rows: {grown}"
    empty = sorted(name for name in must_have_rows if many_rows[name] < 4)
    assert empty == [], f"these lists showed too few rows to tell: {empty}"


def page(client: Client, url: str) -> Callable[[], int]:
    def fetch() -> int:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return len(response.context["rows"])

    return fetch


def api(client: APIClient, url: str) -> Callable[[], int]:
    def fetch() -> int:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        body = response.json()
        return len(body["results"] if isinstance(body, dict) and "results" in body else body)

    return fetch


def web_client(user: User) -> Client:
    client = Client()
    login_verified(client, user)
    return client


def api_client(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


# Filters that find rows among the cases of add_cases (the others may be empty for some roles).
FILLED = {"", "?status=signaal", "?status=alle", "?overdue=ja", "?escalated=ja", "?escalated=nee", "?q=Kind"}


@pytest.mark.parametrize("role", ["lpa", "consulent", "ib"])
def test_the_case_list_reads_each_filter_in_a_fixed_number_of_queries(world: World, role: str) -> None:
    client = web_client(world.user(role))
    urls = case_list_urls(world)
    if role != "lpa":  # the other roles see the same cases through other paths: the main filters
        urls = ["", "?overdue=ja", "?thuiszitter=absoluut_verzuim", f"?school={world.school.pk}", "?q=Kind"]
    fetches = {url: page(client, f"/casussen/{url}") for url in urls}
    fetches["page 2"] = page(client, "/casussen/?page=2")
    assert_fixed(world, fetches, must_have_rows=FILLED & set(urls))


def test_the_case_export_reads_its_rows_in_a_fixed_number_of_queries(world: World) -> None:
    client = web_client(world.user("lpa"))

    def export(url: str) -> Callable[[], int]:
        def fetch() -> int:
            response = client.get(f"/casussen/export.csv{url}")
            assert response.status_code == 200
            return response.content.decode("utf-8-sig").count("\n") - 1

        return fetch

    fetches = {url: export(url) for url in ["", "?overdue=ja", "?thuiszitter=absoluut_verzuim"]}
    assert_fixed(world, fetches, must_have_rows={"", "?overdue=ja"})


@pytest.mark.parametrize("role", ["lpa", "consulent"])
def test_the_api_case_list_reads_each_filter_in_a_fixed_number_of_queries(world: World, role: str) -> None:
    client = api_client(world.user(role))
    lpa = world.user("lpa")
    urls = [
        "",
        "?open=true",
        "?status=signaal",
        "?thuiszitter=absoluut_verzuim",
        "?thuiszitter=verborgen",
        "?overdue=true",
        "?overdue=false",
        "?escalated=true",
        f"?school={world.school.pk}",
        f"?gemeente={world.gemeente.pk}",
        f"?regievoerder={lpa.pk}",
        "?q=Kind",
    ]
    fetches = {url: api(client, f"/api/v1/cases/{url}") for url in urls}
    assert_fixed(world, fetches, must_have_rows={"", "?open=true", "?overdue=true", "?q=Kind"})


@pytest.mark.parametrize("role", ["lpa", "ib"])
def test_the_children_lists_read_a_page_in_a_fixed_number_of_queries(world: World, role: str) -> None:
    user = world.user(role)
    client = web_client(user)
    rest = api_client(user)
    fetches = {
        "/casussen/kinderen/": page(client, "/casussen/kinderen/"),
        "/casussen/kinderen/?q=Kind": page(client, "/casussen/kinderen/?q=Kind"),
        "/api/v1/children/": api(rest, "/api/v1/children/"),
        "/api/v1/children/?q=Kind": api(rest, "/api/v1/children/?q=Kind"),
    }
    assert_fixed(world, fetches, must_have_rows=set(fetches))


@pytest.mark.parametrize("role", ["lpa", "consulent", "ib"])
def test_the_agenda_page_and_api_read_in_a_fixed_number_of_queries(world: World, role: str) -> None:
    user = world.user(role)
    client = web_client(user)
    rest = api_client(user)

    def home() -> int:
        response = client.get("/")
        assert response.status_code == 200
        return len(response.context["agenda_items"])

    fetches = {"/": home, "/api/v1/agenda/": api(rest, "/api/v1/agenda/")}
    must = set(fetches) if role == "lpa" else set()
    assert_fixed(world, fetches, must_have_rows=must)


def test_the_api_lists_of_one_case_read_in_a_fixed_number_of_queries(world: World) -> None:
    """The events of a child, the meetings and the agreements of a case: one case, more rows."""
    lpa = world.user("lpa")
    today = timezone.localdate()
    add_cases(world, 1)
    case = Case.objects.order_by("pk").last()
    assert case is not None
    member = CircleMember.objects.get(case=case, user=lpa, active=True)
    rest = api_client(lpa)

    def add(count: int) -> None:
        for n in range(count):
            meeting = services.record_meeting(
                actor=lpa,
                case=case,
                held_on=today - timedelta(days=20 - n % 10),
                parents_present=True,
                child_present=False,
                child_absent_reason="Op school.",
                attendees=[member],
                notes="Overleg.",
            )
            services.add_agreement(
                actor=lpa, case=case, text=f"Afspraak {n}", owner=member, due_on=today, meeting=meeting
            )
            record_event(
                actor=lpa,
                child=case.child,
                type="verzuimmelding",
                date=today - timedelta(days=n % 20),
                data={},
            )

    fetches = {
        "events": api(rest, f"/api/v1/children/{case.child_id}/events/"),
        "meetings": api(rest, f"/api/v1/cases/{case.pk}/meetings/"),
        "agreements": api(rest, f"/api/v1/cases/{case.pk}/agreements/"),
        "case page": page_ok(web_client(lpa), f"/casussen/{case.pk}/"),
    }
    add(3)
    few = counts_of(fetches)
    add(27)
    many = counts_of(fetches)
    assert {k: (few[k], many[k]) for k in fetches if few[k] != many[k]} == {}
    assert rows_of(fetches)["agreements"] == 30


def page_ok(client: Client, url: str) -> Callable[[], int]:
    def fetch() -> int:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return 1

    return fetch


@pytest.mark.parametrize("url", ["", "?overdue=ja", "?overdue=nee", "?escalated=ja", "?school=", "?q=Kind"])
def test_the_case_list_walks_the_whole_visibility_predicate_once(
    world: World, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its count, its rows and every choice of its filter form read the set of visible cases the
    page read once (`policy.visible_cases_read_once`): at national scale each full walk of the
    predicate cost about a second (benchmarks/plans.py)."""
    from kring.access import policy

    add_cases(world, 3)
    full_walks: list[str] = []
    original = policy._professional_child_ids

    def counting(user: User, *, among: Any = None) -> Any:
        if among is None:
            full_walks.append(user.username)
        return original(user, among=among)

    monkeypatch.setattr(policy, "_professional_child_ids", counting)
    client = web_client(world.user("lpa"))
    if url == "?school=":
        url = f"?school={world.school.pk}"
    response = client.get(f"/casussen/{url}")
    assert response.status_code == 200 and len(response.context["rows"]) >= 1
    assert len(full_walks) == 1, full_walks
