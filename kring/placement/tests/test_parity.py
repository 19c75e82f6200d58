"""Placement's acts as ONE table, run through the pages AND the API (parity, like
kring/access/tests/test_parity.py). The child is enrolled at the world's school with an evaluated OPP;
one TLV request (by the school, undecided) exists. Each row is a person and the acts they may do;
every other act must be refused on both surfaces:

- request_tlv: a new request is accepted (the page redirects | 201);
- read_tlv: the request's page answers 200 (a parent: the family's view shows it) | GET 200;
- decide_tlv: the decision is accepted (redirect | 201);
- add_waiting: the child is put on the special school's waiting list (redirect | 201);
- add_offer: the school's support profile takes an offer (redirect | 201).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from kring.accounts.testing import login_verified
from kring.placement import services
from kring.placement.models import TlvRequest
from kring.placement.testing import (
    PlacementWorld,
    draw_up_opp,
    evaluate_opp,
    make_placement_world,
    two_advices,
)

pytestmark = pytest.mark.django_db

ACTS = ("request_tlv", "read_tlv", "decide_tlv", "add_waiting", "add_offer")
NOTHING: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Row:
    person: str
    relation: str
    allowed: frozenset[str]


TABLE: list[Row] = [
    # The school asks (zorgplicht) and keeps its own profile; it reads its own request.
    Row("ib", "intern begeleider of the child's school", frozenset({"request_tlv", "read_tlv", "add_offer"})),
    Row(
        "schoolleider",
        "schoolleider of the child's school",
        frozenset({"request_tlv", "read_tlv", "add_offer"}),
    ),
    # The SWV that received the request decides; it keeps the region's special schools' waiting lists.
    Row("consulent", "SWV consulent of the region", frozenset({"read_tlv", "decide_tlv", "add_waiting"})),
    Row("directeur", "SWV director of the region", frozenset({"read_tlv", "decide_tlv", "add_waiting"})),
    Row("other_consulent", "SWV consulent of another region", NOTHING),
    Row("other_ib", "intern begeleider of another school (not the child's, not this profile)", NOTHING),
    # The request holds health data: not for the leerplichtambtenaar or the circle.
    Row("lpa", "leerplichtambtenaar of the gemeente", NOTHING),
    Row("jeugdhulp", "jeugdhulpverlener", NOTHING),
    # The family reads the whole request in its own view, and does nothing here.
    Row("ouder", "parent with gezag", frozenset({"read_tlv"})),
    Row("other_ouder", "parent of another child", NOTHING),
    Row("beheerder", "functioneel beheerder", NOTHING),
    Row("anonymous", "nobody", NOTHING),
]


@pytest.fixture
def pw() -> PlacementWorld:
    pw = make_placement_world()
    draw_up_opp(pw, on=pw.today - timedelta(days=100))
    evaluate_opp(pw, on=pw.today - timedelta(days=5))
    services.request_tlv(
        actor=pw.world.user("ib"),
        child=pw.child,
        school=pw.world.school,
        soort="sbo",
        received_on=pw.today - timedelta(days=3),
        advices=two_advices(pw.today - timedelta(days=4)),
        parents_view="Ja.",
        child_view="Ja.",
        target_school=pw.sbo,
        waiting_position=1,
    )
    return pw


def _request_data(pw: PlacementWorld) -> dict[str, Any]:
    day = pw.today.isoformat()
    return {
        "school": pw.world.school.pk,
        "soort": "sbo",
        "cluster": "",
        "received_on": day,
        "parents_view": "Ja.",
        "child_view": "Ja.",
        "target_school": pw.sbo.pk,
        "place_confirmed": False,
        "waiting_position": 2,
        "advices": [
            {"name": "A", "functie": "psycholoog", "given_on": day, "advice": "x"},
            {"name": "B", "functie": "arts", "given_on": day, "advice": "y"},
        ],
    }


def _decision(pw: PlacementWorld) -> dict[str, Any]:
    return {
        "outcome": "toegekend",
        "decided_on": pw.today.isoformat(),
        "schooljaren": 2,
        "volgnummer": "TLV-1",
        "motivation": "Eens.",
        "advice_copy_to_parents": True,
    }


def page_allows(pw: PlacementWorld, person: str, act: str) -> bool:
    client = Client()
    if person != "anonymous":
        login_verified(client, pw.world.user(person))
    tlv = TlvRequest.objects.get()
    child = pw.child
    if act == "read_tlv":
        if person in ("ouder", "other_ouder"):
            response = client.get(reverse("portal:child", args=[child.pk]))
            return response.status_code == 200 and "TLV voor" in response.content.decode()
        return client.get(reverse("placement:tlv", args=[tlv.pk])).status_code == 200
    if act == "request_tlv":
        tlv.delete()  # one open request per child and SWV: the new one replaces it
        data = _request_data(pw)
        form = {k: v for k, v in data.items() if k != "advices" and v not in (None, False, "")}
        for i, advice in enumerate(data["advices"], start=1):
            form.update({f"advice_{i}_{k}": v for k, v in advice.items()})
        response = client.post(reverse("placement:tlv_new", args=[child.pk]), form)
    elif act == "decide_tlv":
        form = {k: ("on" if v is True else v) for k, v in _decision(pw).items()}
        response = client.post(reverse("placement:tlv_decide", args=[tlv.pk]), form)
    elif act == "add_waiting":
        response = client.post(
            reverse("placement:waiting_add", args=[child.pk]),
            {"school": pw.sbo.pk, "since": pw.today.isoformat()},
        )
    else:
        response = client.post(
            reverse("placement:support_profile"),
            {"school": pw.world.school.pk, "level": "extra", "category": "gedrag", "description": "Rustplek"},
        )
    return response.status_code == 302 and reverse("accounts:login") not in response["Location"]


def api_allows(pw: PlacementWorld, person: str, act: str) -> bool:
    client = APIClient()
    if person != "anonymous":
        client.force_authenticate(pw.world.user(person))
    tlv = TlvRequest.objects.get()
    child = pw.child
    if act == "read_tlv":
        return client.get(f"/api/v1/tlv-requests/{tlv.pk}/").status_code == 200
    if act == "request_tlv":
        tlv.delete()
        response = client.post(f"/api/v1/children/{child.pk}/tlv-requests/", _request_data(pw), format="json")
    elif act == "decide_tlv":
        response = client.post(f"/api/v1/tlv-requests/{tlv.pk}/decision/", _decision(pw), format="json")
    elif act == "add_waiting":
        response = client.post(
            f"/api/v1/children/{child.pk}/waiting-list/",
            {"school": pw.sbo.pk, "since": pw.today.isoformat()},
            format="json",
        )
    else:
        response = client.post(
            f"/api/v1/schools/{pw.world.school.pk}/support-offers/",
            {"level": "extra", "category": "gedrag", "description": "Rustplek"},
            format="json",
        )
    assert response.status_code < 500, response.content
    return response.status_code == 201


def _isolated(check: Any) -> bool:
    with transaction.atomic():
        result = check()
        transaction.set_rollback(True)
    return bool(result)


@pytest.mark.parametrize("row", TABLE, ids=[row.person for row in TABLE])
def test_page_and_api_agree_with_the_placement_table(pw: PlacementWorld, row: Row) -> None:
    wrong: list[str] = []
    for act in ACTS:
        expected = act in row.allowed
        for surface, check in (("page", page_allows), ("api", api_allows)):
            got = _isolated(lambda check=check, act=act: check(pw, row.person, act))
            if got != expected:
                wrong.append(f"{surface}:{act} {'allowed' if got else 'refused'}, expected the opposite")
    assert not wrong, f"{row.person} ({row.relation}): {wrong}"
