"""The family's rows of the policy (`policy.family_destination`, `require_family_child`) as one
table, run through the pages and the API: who is taken from the case page to the family's view,
who reads that view, and what the API answers the same person for the same case.

| person      | case page                  | family view | API (case) | because                        |
| ----------- | -------------------------- | ----------- | ---------- | ------------------------------ |
| ouder       | to the family's view       | 200         | 200        | co-owns the file               |
| other_ouder | 404 (as for no case)       | 404         | 404        | another family: nothing leaks  |
| leerling    | 404 (as for no case)       | 404         | 404        | a pupil's account is not linked|
| lpa         | 200 (with the duties panel)| 403         | 200        | professionals use the case page|
| ib          | 200 (no duties panel)      | 403         | 200        | the panel is the leerplicht's  |
| anonymous   | login                      | login       | refused    | deny by default                |
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from kring.accounts.testing import login_verified

from .world import FamilyWorld, make_family_world

pytestmark = pytest.mark.django_db

FAMILY = "family view"
LOGIN = "login"
PANEL = "page with the duties panel"
PAGE = "page"

TABLE: list[tuple[str, Any, Any, Any]] = [
    ("ouder", FAMILY, 200, 200),
    ("other_ouder", 404, 404, 404),
    ("leerling", 404, 404, 404),
    ("lpa", PANEL, 403, 200),
    ("ib", PAGE, 403, 200),
    ("anonymous", LOGIN, LOGIN, "refused"),
]


@pytest.fixture
def fw() -> FamilyWorld:
    return make_family_world()


def _case_page(fw: FamilyWorld, client: Client) -> Any:
    response = client.get(reverse("cases:detail", args=[fw.case.pk]))
    if response.status_code == 302:
        location = response["Location"]
        if location == reverse("portal:child", args=[fw.world.child.pk]):
            return FAMILY
        return LOGIN if reverse("accounts:login") in location else location
    if response.status_code == 200:
        return PANEL if 'id="instanties"' in response.content.decode() else PAGE
    return response.status_code


def _family_view(fw: FamilyWorld, client: Client) -> Any:
    response = client.get(reverse("portal:child", args=[fw.world.child.pk]))
    if response.status_code == 302 and reverse("accounts:login") in response["Location"]:
        return LOGIN
    return response.status_code


def _api(fw: FamilyWorld, person: str) -> Any:
    client = APIClient()
    if person != "anonymous":
        client.force_authenticate(fw.world.user(person))
    status = client.get(f"/api/v1/cases/{fw.case.pk}/").status_code
    return "refused" if person == "anonymous" and status in (401, 403) else status


@pytest.mark.parametrize(("person", "page", "view", "api"), TABLE, ids=[row[0] for row in TABLE])
def test_page_and_api_agree_with_the_family_rows(
    fw: FamilyWorld, person: str, page: Any, view: Any, api: Any
) -> None:
    client = Client()
    if person != "anonymous":
        login_verified(client, fw.world.user(person))
    assert (_case_page(fw, client), _family_view(fw, client), _api(fw, person)) == (page, view, api)
