"""Registering a child is ONE service (`register_child`) with the page's rules, for page and API:
only the roles with a task for children they do not know yet, the gemeente derived, no child the
registrar could not see afterwards, and a refusal that says nothing about a BSN and is audited."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from rest_framework.test import APIClient

from kring.cases.testing import World, make_world
from kring.children.models import Child, TimelineEvent
from kring.children.services import create_child
from kring.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db

KNOWN_BSN = "111222333"  # registered below, by the lpa
NEW_BSN = "123456782"  # in nobody's file


@pytest.fixture
def world() -> World:
    world = make_world()
    create_child(
        actor=world.user("lpa"),
        first_name="Bram",
        last_name="Bakker",
        birth_date=date(2014, 3, 1),
        bsn=KNOWN_BSN,
        postcode="3511AB",
        gemeente=world.gemeente,
        vakantieregio="midden",
    )
    return world


def api(world: World, key: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(world.user(key))
    return client


def payload(**extra: Any) -> dict[str, Any]:
    return {
        "first_name": "Sem",
        "last_name": "de Vries",
        "birth_date": "2014-03-02",
        "postcode": "3511 AB",
        "vakantieregio": "midden",
        "representatives": [{"name": "Eva de Vries"}],
        **extra,
    }


def refusals() -> int:
    return AuditEvent.objects.filter(object_type="registratie geweigerd").count()


@pytest.mark.parametrize("key", ["jeugdhulp", "steunpunt"])
def test_api_registers_no_child_for_a_role_that_only_sees_through_the_circle(world: World, key: str) -> None:
    # Before: any professional role with an organisation could register through the API.
    before = refusals()
    response = api(world, key).post("/api/v1/children/", payload(), format="json")
    assert response.status_code == 403
    assert "Kinderen registreren kan de school" in response.json()["detail"]
    assert not Child.objects.filter(first_name="Sem").exists()
    assert refusals() == before + 1


def test_api_derives_the_gemeente_from_the_postcode(world: World) -> None:
    response = api(world, "lpa").post("/api/v1/children/", payload(), format="json")
    assert response.status_code == 201, response.json()
    child = Child.objects.get(pk=response.json()["id"])
    assert child.gemeente == world.gemeente


def test_api_refuses_an_orphan_that_the_real_school_could_then_not_register(world: World) -> None:
    # The other gemeente's lpa registers a child living in this gemeente: it would be invisible to them.
    refused = api(world, "other_lpa").post("/api/v1/children/", payload(bsn=NEW_BSN), format="json")
    assert refused.status_code == 400
    assert "Dit kind is niet opgeslagen" in refused.json()["errors"]["non_field_errors"][0]
    assert not Child.objects.filter(first_name="Sem").exists()
    # So the real school can register its pupil with that BSN.
    school = api(world, "ib").post(
        "/api/v1/children/",
        payload(bsn=NEW_BSN, school=world.school.pk, enrolled_on="2024-09-01"),
        format="json",
    )
    assert school.status_code == 201, school.json()
    child = Child.objects.get(pk=school.json()["id"])
    assert TimelineEvent.objects.filter(child=child, type="inschrijving", school=world.school).exists()


def test_api_school_registers_at_its_own_school_only(world: World) -> None:
    client = api(world, "ib")
    missing = client.post("/api/v1/children/", payload(), format="json")
    assert missing.status_code == 400 and {"school", "enrolled_on"} <= set(missing.json()["errors"])
    other = client.post(
        "/api/v1/children/",
        payload(school=world.other_school.pk, enrolled_on="2024-09-01"),
        format="json",
    )
    assert other.status_code == 400 and "school" in other.json()["errors"]
    assert not Child.objects.filter(first_name="Sem").exists()


@pytest.mark.parametrize("key", ["jeugdhulp", "beheerder", "other_lpa", "other_consulent"])
def test_a_refused_registration_says_the_same_whether_or_not_the_bsn_exists(world: World, key: str) -> None:
    # Before: "Er is al een kind met dit BSN" told any professional that Kring knows this BSN.
    client = api(world, key)
    before = refusals()
    known = client.post("/api/v1/children/", payload(bsn=KNOWN_BSN), format="json")
    unknown = client.post("/api/v1/children/", payload(bsn=NEW_BSN), format="json")
    assert known.status_code in (400, 403)
    assert (known.status_code, known.json()) == (unknown.status_code, unknown.json())
    assert "al een kind" not in known.content.decode()
    assert refusals() == before + 2
    assert Child.objects.filter(first_name="Sem").count() == 0


def test_a_school_is_not_told_that_a_child_it_cannot_see_has_this_bsn(world: World) -> None:
    # The lpa registered Bram; the school cannot see him. Registering "its" pupil with his BSN is
    # refused without saying the BSN is known, and audited; the lpa, who sees Bram, is told.
    before = refusals()
    school = api(world, "ib").post(
        "/api/v1/children/",
        payload(bsn=KNOWN_BSN, school=world.school.pk, enrolled_on="2024-09-01"),
        format="json",
    )
    assert school.status_code == 400
    assert "al een kind" not in school.content.decode()
    assert refusals() == before + 1
    lpa = api(world, "lpa").post("/api/v1/children/", payload(bsn=KNOWN_BSN), format="json")
    assert lpa.status_code == 400 and "Er is al een kind met dit BSN" in lpa.json()["errors"]["bsn"][0]
    assert Child.objects.filter(first_name="Sem").count() == 0


def test_a_child_with_the_same_name_and_birth_date_warns_first_on_page_and_api(world: World) -> None:
    # Before: registering Bram Bakker born 2014-03-01 a second time made a second file without a word.
    twin = payload(first_name="bram", last_name="Bakker", birth_date="2014-03-01")
    client = api(world, "lpa")
    warned = client.post("/api/v1/children/", twin, format="json")
    assert warned.status_code == 400
    message = warned.json()["errors"]["confirm_duplicate"][0]
    assert "Er is al een kind met deze naam en geboortedatum" in message
    assert Child.objects.filter(last_name="Bakker").count() == 1
    confirmed = client.post("/api/v1/children/", {**twin, "confirm_duplicate": True}, format="json")
    assert confirmed.status_code == 201, confirmed.json()
    assert Child.objects.filter(last_name="Bakker").count() == 2


def test_the_registration_page_shows_the_warning_and_a_box_to_register_all_the_same(world: World) -> None:
    from django.test import Client

    from kring.accounts.testing import login_verified

    client = Client()
    login_verified(client, world.user("lpa"))
    form = {
        "first_name": "Bram",
        "last_name": "Bakker",
        "birth_date": "2014-03-01",
        "postcode": "3511AB",
        "vakantieregio": "midden",
        "representatives[0].name": "Eva Bakker",
        "representatives[0].relation": "moeder",
    }
    warned = client.post("/casussen/kind/nieuw/", form)
    page = warned.content.decode()
    assert warned.status_code == 400
    assert "Er is al een kind met deze naam en geboortedatum" in page
    assert 'name="confirm_duplicate"' in page and 'value="Eva Bakker"' in page  # what was typed stays
    done = client.post("/casussen/kind/nieuw/", {**form, "confirm_duplicate": "on"})
    assert done.status_code == 302
    assert Child.objects.filter(last_name="Bakker").count() == 2


def test_a_child_the_registrar_may_not_see_is_not_mentioned(world: World) -> None:
    # The school cannot see the lpa's Bram: no warning that would say Kring knows him.
    response = api(world, "ib").post(
        "/api/v1/children/",
        payload(
            first_name="Bram",
            last_name="Bakker",
            birth_date="2014-03-01",
            school=world.school.pk,
            enrolled_on="2024-09-01",
        ),
        format="json",
    )
    assert response.status_code == 201, response.json()
