"""The aanmelding register's acts as ONE table, run through the pages AND the API (like
kring/access/tests/test_parity.py). Each row is a person; the set says which acts they may do, every
other act must be refused on both surfaces:

- view: the aanmelding's page answers 200 | GET /api/v1/aanmeldingen/<id>/ answers 200;
- register: the register form is accepted (a redirect) | POST /api/v1/aanmeldingen/ answers 201;
- extend: the extension is recorded (a redirect) | POST .../extension/ answers 200;
- decide: the decision is recorded (a redirect) | POST .../decision/ answers 200.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from kring.accounts.testing import login_verified
from kring.cases.testing import make_world
from kring.children.models import LegalRepresentative
from kring.enrolment import services

pytestmark = pytest.mark.django_db

ACTS = ("view", "register", "extend", "decide")
SCHOOL = frozenset(ACTS)
READ = frozenset({"view"})
NOTHING: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Row:
    person: str
    relation: str
    allowed: frozenset[str]


TABLE = [
    # The zorgplicht is the school board's: its intern begeleider and schoolleider do everything.
    Row("ib", "intern begeleider of the school", SCHOOL),
    Row("schoolleider", "schoolleider of the school", SCHOOL),
    # Another school has no part in this aanmelding (it registers at its own school only).
    Row("other_ib", "intern begeleider of another school", NOTHING),
    # The SWV of the region and the leerplichtambtenaar read it on the child's timeline; no acts.
    Row("consulent", "SWV consulent of the region", READ),
    Row("lpa", "leerplichtambtenaar of the child's gemeente", READ),
    # The parent reads everything about their child; acting is the school's.
    Row("ouder", "parent of the child", READ),
    Row("other_ouder", "parent of another child", NOTHING),
    Row("jeugdhulp", "jeugdhulpverlener outside any circle", NOTHING),
    Row("beheerder", "functioneel beheerder", NOTHING),
    Row("anonymous", "nobody", NOTHING),
]


def _setup(world: Any, first_name: str) -> Any:
    today = timezone.localdate()
    a = services.register_aanmelding(
        actor=world.user("ib"),
        school=world.school,
        child=None,
        new_child={
            "first_name": first_name,
            "last_name": "Visser",
            "birth_date": date(2019, 3, 4),
            "postcode": "3511AB",
            "gemeente": world.gemeente,
            "vakantieregio": "midden",
        },
        received_on=today - timedelta(days=5),
    )
    assert a.child is not None
    LegalRepresentative.objects.create(
        child=a.child, name="Sanne", relation="moeder", user=world.user("ouder")
    )
    return a


def _refused(status: int, location: str = "") -> bool:
    assert status < 500
    return status in (400, 401, 403, 404) or (status == 302 and reverse("accounts:login") in location)


def page_allows(world: Any, a: Any, person: str, act: str) -> bool:
    client = Client()
    if person != "anonymous":
        login_verified(client, world.user(person))
    today = timezone.localdate().isoformat()
    url = reverse("enrolment:detail", args=[a.pk])
    if act == "view":
        response = client.get(url)
        return response.status_code == 200
    if act == "register":
        response = client.post(
            reverse("enrolment:new"),
            {
                "school": world.school.pk,
                "received_on": today,
                "first_name": "Mila",
                "last_name": "Page",
                "birth_date": "2019-05-06",
                "vakantieregio": "midden",
            },
        )
    elif act == "extend":
        response = client.post(
            url,
            {
                "part": "verlengen",
                "verlengen-extended_on": today,
                "verlengen-extension_reason": "Observatie.",
            },
        )
    else:
        response = client.post(
            url, {"part": "besluit", "besluit-outcome": "toegelaten", "besluit-decided_on": today}
        )
    if response.status_code == 302 and reverse("accounts:login") not in response["Location"]:
        return True
    assert _refused(response.status_code, response.get("Location", ""))
    return False


def api_allows(world: Any, a: Any, person: str, act: str) -> bool:
    client = APIClient()
    if person != "anonymous":
        client.force_authenticate(world.user(person))
    today = timezone.localdate().isoformat()
    base = f"/api/v1/aanmeldingen/{a.pk}/"
    if act == "view":
        response = client.get(base)
        ok = 200
    elif act == "register":
        response = client.post(
            "/api/v1/aanmeldingen/",
            {
                "school": world.school.pk,
                "received_on": today,
                "new_child": {
                    "first_name": "Mila",
                    "last_name": "Api",
                    "birth_date": "2019-05-06",
                    "vakantieregio": "midden",
                },
            },
            format="json",
        )
        ok = 201
    elif act == "extend":
        response = client.post(
            base + "extension/", {"extended_on": today, "extension_reason": "Observatie."}, format="json"
        )
        ok = 200
    else:
        response = client.post(
            base + "decision/", {"outcome": "toegelaten", "decided_on": today}, format="json"
        )
        ok = 200
    if response.status_code == ok:
        return True
    assert _refused(response.status_code), response.content
    return False


@pytest.mark.parametrize("row", TABLE, ids=lambda r: r.person)
@pytest.mark.parametrize("act", ACTS)
def test_page_and_api_allow_the_same(row: Row, act: str) -> None:
    world = make_world()
    a = _setup(world, "Lotte")
    page = page_allows(world, a, row.person, act)
    a2 = _setup(world, "Fenna")
    api = api_allows(world, a2, row.person, act)
    expected = act in row.allowed
    assert (page, api) == (expected, expected), f"{row.person} ({row.relation}) {act}"
