"""The list of children: a child registered without a case can be found (issue 8: before, a child
without a case appeared nowhere), by name or BSN, only among the children one may see, audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from kring.accounts.testing import login_verified
from kring.cases.testing import World, make_child, make_world
from kring.children.services import create_child
from kring.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db

BSN = "111222333"


@pytest.fixture
def world() -> World:
    world = make_world()
    create_child(
        actor=world.user("lpa"),
        first_name="Bram",
        last_name="Zonder-Casus",
        birth_date=date(2014, 3, 1),
        bsn=BSN,
        postcode="3511AB",
        gemeente=world.gemeente,
        vakantieregio="midden",
    )
    make_child(gemeente=world.other_gemeente, postcode="9711AA", first_name="Elders")
    return world


def client_for(world: World, key: str) -> Client:
    client = Client()
    login_verified(client, world.user(key))
    return client


def test_a_child_without_a_case_is_in_the_list_with_a_link_to_open_one(world: World) -> None:
    response = client_for(world, "lpa").get("/casussen/kinderen/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bram Zonder-Casus" in page
    assert "Casus openen voor Bram" in page
    assert "Elders" not in page  # a child in another gemeente is not this lpa's
    bram = AuditEvent.objects.filter(code="child.listed", child_id__isnull=False)
    assert bram.filter(message__contains="Bram Zonder-Casus").count() == 1


def test_search_by_name_narrows_the_list(world: World) -> None:
    client = client_for(world, "lpa")
    found = client.post("/casussen/kinderen/", {"q": "zonder"}, follow=True).content.decode()
    assert "Bram Zonder-Casus" in found and "1 kind" in found
    none = client.post("/casussen/kinderen/", {"q": "Niemand"}, follow=True).content.decode()
    assert "Geen kinderen gevonden" in none and "Bram" not in none


def test_search_by_bsn_keeps_the_number_out_of_the_address_and_the_page(world: World) -> None:
    client = client_for(world, "lpa")
    response = client.post("/casussen/kinderen/", {"q": BSN})
    assert response.status_code == 302 and BSN not in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "Bram Zonder-Casus" in page and BSN not in page
    assert AuditEvent.objects.filter(code="child.found_by_bsn").count() == 1


def test_a_bsn_typed_into_the_address_is_moved_out_of_it(world: World) -> None:
    response = client_for(world, "lpa").get(f"/casussen/kinderen/?q={BSN}")
    assert response.status_code == 302 and BSN not in response["Location"]


def test_the_family_has_no_list_of_children(world: World) -> None:
    # A parent is taken to the family's own overview instead (policy.family_destination).
    assert client_for(world, "ouder").get("/casussen/kinderen/")["Location"] == "/casussen/gezin/"


def test_a_school_sees_only_its_own_pupils(world: World) -> None:
    page = client_for(world, "ib").get("/casussen/kinderen/").content.decode()
    assert "Bram" not in page
    assert "Geen kinderen gevonden" in page


def test_the_list_is_in_the_navigation(world: World) -> None:
    page = client_for(world, "lpa").get("/").content.decode()
    assert 'href="/casussen/kinderen/"' in page
