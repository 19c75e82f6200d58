"""A child of 12 to 15 writes what they want to say before the next overleg (hoorrecht, WPO 40a;
ADR 0018): on their own page, stored as a zienswijze `voor_overleg` of the open case, shown beside
that overleg to the circle and the parents (under "the next overleg" until it is held), in the
family's download; the same table of who may on the page and in the API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from kring.access import ages
from kring.accounts.testing import login_verified
from kring.cases import services
from kring.cases.models import Case, Meeting, Zienswijze

from .world import FamilyWorld, make_family_world

pytestmark = pytest.mark.django_db

SAID = "Ik wil graag eerst een paar ochtenden proberen, niet meteen hele dagen."
NEXT = "Wat iemand wil zeggen voor het volgende overleg"
BEFORE = "Wat iemand vooraf wilde zeggen"


@pytest.fixture
def fw() -> FamilyWorld:
    fw = make_family_world()
    child = fw.world.child
    child.birth_date = ages.born_on_or_before(13, timezone.localdate()) - timedelta(days=40)
    child.account = fw.world.user("leerling")
    child.save(update_fields=["birth_date", "account"])
    return fw


def _client(fw: FamilyWorld, person: str) -> Client:
    client = Client()
    login_verified(client, fw.world.user(person))
    return client


def _url(fw: FamilyWorld, part: str = "voor_overleg", part_id: int | None = None) -> str:
    return reverse("portal:zienswijze", args=[fw.world.child.pk, part, part_id or fw.case.pk])


def test_the_child_says_it_on_their_own_page_and_everyone_in_the_circle_reads_it(fw: FamilyWorld) -> None:
    kid = _client(fw, "leerling")
    own = kid.get(reverse("portal:own")).content.decode()
    assert "Wat wil jij zeggen voor het volgende overleg?" in own and _url(fw) in own
    response = kid.post(_url(fw), {"text": SAID})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:own") + f"#zienswijze-voor_overleg-{fw.case.pk}"
    row = Zienswijze.objects.get()
    assert (row.part, row.case_id, row.author_role) == ("voor_overleg", fw.case.pk, "leerling")
    own = kid.get(reverse("portal:own")).content.decode()
    assert SAID in own and NEXT in own
    # the parents and the circle read it under the next overleg
    parent_page = _client(fw, "ouder").get(reverse("portal:child", args=[fw.world.child.pk])).content.decode()
    assert SAID in parent_page and NEXT in parent_page
    case_page = _client(fw, "lpa").get(reverse("cases:detail", args=[fw.case.pk])).content.decode()
    assert SAID in case_page and NEXT in case_page
    # once the overleg is held, it stands beside that overleg
    meeting = services.record_meeting(
        actor=fw.world.user("lpa"),
        case=fw.case,
        held_on=fw.today,
        parents_present=True,
        child_present=True,
        notes="Besproken wat Noor zei.",
    )
    case_page = _client(fw, "lpa").get(reverse("cases:detail", args=[fw.case.pk])).content.decode()
    assert SAID in case_page and BEFORE in case_page and NEXT not in case_page
    assert case_page.index(f'id="overleg-{meeting.pk}"') < case_page.index(SAID)
    # and in the family's download
    document = _client(fw, "ouder").get(reverse("portal:download_json", args=[fw.world.child.pk])).json()
    [item] = document["sections"]["cases"]["zienswijzen"]
    assert (item["part"], item["part_id"], item["text"]) == ("voor_overleg", fw.case.pk, SAID)


PARITY = [
    # person, part, page, api
    ("leerling", "voor_overleg", 302, 201),
    ("leerling", "overleg", 403, 403),  # only before the next overleg: the rest is the parents' voice
    ("ouder", "voor_overleg", 302, 201),
    ("lpa", "voor_overleg", 403, 403),  # a professional writes in the verslag
    ("other_ouder", "voor_overleg", 404, 404),
]


@pytest.mark.parametrize(("person", "part", "page", "api"), PARITY, ids=[f"{r[0]}-{r[1]}" for r in PARITY])
def test_page_and_api_agree(fw: FamilyWorld, person: str, part: str, page: int, api: int) -> None:
    part_id = fw.case.pk
    if part == "overleg":
        part_id = services.record_meeting(
            actor=fw.world.user("lpa"),
            case=fw.case,
            held_on=fw.today,
            parents_present=True,
            child_present=True,
        ).pk
    got_page = _client(fw, person).post(_url(fw, part, part_id), {"text": SAID}).status_code
    client = APIClient()
    client.force_authenticate(fw.world.user(person))
    got_api = client.post(
        f"/api/v1/children/{fw.world.child.pk}/zienswijzen/",
        {"part": part, "part_id": part_id, "text": SAID},
        format="json",
    ).status_code
    assert (got_page, got_api) == (page, api)
    assert Zienswijze.objects.count() == (2 if page == 302 else 0)


def test_a_closed_case_has_no_next_overleg(fw: FamilyWorld) -> None:
    Case.objects.filter(pk=fw.case.pk).update(
        status="afgesloten", closed_on=fw.today, closing_reason="Noor gaat weer naar school."
    )
    kid = _client(fw, "leerling")
    own = kid.get(reverse("portal:own")).content.decode()
    assert "Wat wil jij zeggen voor het volgende overleg?" not in own
    assert kid.post(_url(fw), {"text": SAID}).status_code == 404
    assert not Zienswijze.objects.exists() and not Meeting.objects.exists()
