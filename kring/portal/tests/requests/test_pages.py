"""The family's pages and the professional's pages of a rights request, and the same access table
on the pages and in the API (parity).

| person      | ask (page / API) | the family's list | answer (page / API) | because                       |
| ----------- | ---------------- | ----------------- | ------------------- | ----------------------------- |
| ouder       | 302 / 201        | 200               | 404 / 404           | acts for the child (gezag)    |
| other_ouder | 404 / 404        | 404               | 404 / 404           | another family                |
| leerling    | 404 / 404        | 404               | 404 / 404           | not their file                |
| lpa         | 403 / 403        | 403               | 302 / 200           | the gemeente wrote the part   |
| ib          | 403 / 403        | 403               | 403 / 403           | sees the child, not addressed |
| other_lpa   | 404 / 404        | 404               | 404 / 404           | does not see the child        |
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from kring.accounts.testing import login_verified
from kring.cases.models import Meeting
from kring.portal.tests.world import FamilyWorld
from kring.privacy.models import AuditEvent
from kring.privacy.rights import services
from kring.privacy.rights.models import RightsRequest

from .test_services import RIGHT, WRONG, _gemeente

pytestmark = pytest.mark.django_db


def _client(fw: FamilyWorld, person: str) -> Client:
    client = Client()
    if person != "anonymous":
        login_verified(client, fw.world.user(person))
    return client


def _api(fw: FamilyWorld, person: str) -> APIClient:
    client = APIClient()
    if person != "anonymous":
        client.force_authenticate(fw.world.user(person))
    return client


def _correction_url(fw: FamilyWorld, meeting: Meeting) -> str:
    return reverse("portal:request_correction", args=[fw.world.child.pk, "overleg", meeting.pk])


def _make(fw: FamilyWorld, meeting: Meeting) -> RightsRequest:
    return services.request_correction(
        actor=fw.world.user("ouder"),
        child=fw.world.child,
        part="overleg",
        part_id=meeting.pk,
        incorrect=WRONG,
        proposal=RIGHT,
    )


def test_a_parent_asks_for_a_correction_from_the_part_and_sees_it_with_its_term(
    fw: FamilyWorld, meeting: Meeting
) -> None:
    parent = _client(fw, "ouder")
    child_page = parent.get(reverse("portal:child", args=[fw.world.child.pk])).content.decode()
    assert _correction_url(fw, meeting) in child_page and "Klopt er iets niet?" in child_page
    form = parent.get(_correction_url(fw, meeting)).content.decode()
    assert meeting.notes in form and "Je verzoek gaat naar" in form
    response = parent.post(_correction_url(fw, meeting), {"incorrect": WRONG, "proposal": RIGHT})
    assert response.status_code == 302 and response["Location"] == reverse(
        "portal:requests", args=[fw.world.child.pk]
    )
    listing = parent.get(response["Location"]).content.decode()
    org = _gemeente(fw).name
    assert RIGHT in listing and org in listing and "moet" in listing and "antwoorden" in listing
    assert AuditEvent.objects.filter(code="rights.viewed", child_id=fw.world.child.pk).exists()


def test_the_form_keeps_what_was_typed_on_an_error(fw: FamilyWorld, meeting: Meeting) -> None:
    response = _client(fw, "ouder").post(_correction_url(fw, meeting), {"incorrect": WRONG, "proposal": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert WRONG in html and "Schrijf op wat er volgens jou zou moeten staan" in html
    assert not RightsRequest.objects.exists()


def test_a_parent_asks_for_access_from_the_list(fw: FamilyWorld) -> None:
    parent = _client(fw, "ouder")
    url = reverse("portal:request_access", args=[fw.world.child.pk])
    page = parent.get(url).content.decode()
    gemeente = _gemeente(fw)
    assert gemeente.name in page
    response = parent.post(url, {"organisation": gemeente.pk, "question": ""})
    assert response.status_code == 302
    assert RightsRequest.objects.get().kind == "inzage"


def test_the_professional_list_has_filters_and_an_empty_state(fw: FamilyWorld, meeting: Meeting) -> None:
    lpa = _client(fw, "lpa")
    url = reverse("children:rights_requests")
    empty = lpa.get(url).content.decode()
    assert "Er zijn geen verzoeken die nog beantwoord moeten worden." in empty
    request = _make(fw, meeting)
    listing = lpa.get(url).content.decode()
    assert reverse("children:rights_answer", args=[request.pk]) in listing
    assert reverse("children:rights_extend", args=[request.pk]) in listing
    assert "Noor" in listing or fw.world.child.first_name in listing
    answered = lpa.get(url, {"status": "answered"}).content.decode()
    assert "Er zijn geen verzoeken die bij deze filters passen." in answered
    # the school sees the child, but the request is not addressed to it
    assert (
        reverse("children:rights_answer", args=[request.pk])
        not in _client(fw, "ib").get(url).content.decode()
    )


def test_the_professional_answers_with_confirmation_and_the_family_reads_it(
    fw: FamilyWorld, meeting: Meeting
) -> None:
    request = _make(fw, meeting)
    lpa = _client(fw, "lpa")
    url = reverse("children:rights_answer", args=[request.pk])
    page = lpa.get(url).content.decode()
    assert WRONG in page and RIGHT in page
    unconfirmed = lpa.post(url, {"outcome": "gecorrigeerd", "corrected_text": RIGHT})
    assert unconfirmed.status_code == 400 and "Vink aan" in unconfirmed.content.decode()
    done = lpa.post(url, {"outcome": "gecorrigeerd", "corrected_text": RIGHT, "confirm": "on"})
    assert done.status_code == 302
    family = _client(fw, "ouder").get(reverse("portal:requests", args=[fw.world.child.pk])).content.decode()
    assert "verbeterd" in family and "antwoordde op" in family and meeting.notes in family


def test_the_extend_page_refuses_a_second_extension_with_the_law(fw: FamilyWorld, meeting: Meeting) -> None:
    request = _make(fw, meeting)
    lpa = _client(fw, "lpa")
    url = reverse("children:rights_extend", args=[request.pk])
    first = lpa.post(url, {"reason": "We lezen het verslag na met de school.", "confirm": "on"})
    assert first.status_code == 302
    second = lpa.post(url, {"reason": "Nog meer tijd.", "confirm": "on"})
    assert second.status_code == 400 and "AVG artikel 12 lid 3" in second.content.decode()


ASK = [
    ("ouder", 302, 201),
    ("other_ouder", 404, 404),
    ("leerling", 404, 404),
    ("lpa", 403, 403),
    ("ib", 403, 403),
    ("other_lpa", 404, 404),
]


@pytest.mark.parametrize(("person", "page", "api"), ASK, ids=[r[0] for r in ASK])
def test_page_and_api_agree_on_who_may_ask(
    fw: FamilyWorld, meeting: Meeting, person: str, page: int, api: int
) -> None:
    got_page = _client(fw, person).post(_correction_url(fw, meeting), {"incorrect": WRONG, "proposal": RIGHT})
    got_api = _api(fw, person).post(
        f"/api/v1/children/{fw.world.child.pk}/requests/",
        {
            "kind": "rectificatie",
            "part": "overleg",
            "part_id": meeting.pk,
            "incorrect": WRONG,
            "proposal": RIGHT,
        },
        format="json",
    )
    assert (got_page.status_code, got_api.status_code) == (page, api)
    assert RightsRequest.objects.count() == (2 if person == "ouder" else 0)


ANSWER = [
    ("ouder", 404, 404),
    ("other_ouder", 404, 404),
    ("lpa", 302, 200),
    ("ib", 403, 403),
    ("other_lpa", 404, 404),
]


@pytest.mark.parametrize(("person", "page", "api"), ANSWER, ids=[r[0] for r in ANSWER])
def test_page_and_api_agree_on_who_may_answer(
    fw: FamilyWorld, meeting: Meeting, person: str, page: int, api: int
) -> None:
    request = _make(fw, meeting)
    body = {"outcome": "niet_gecorrigeerd", "answer": "Zo is het gezegd.", "confirm": "on"}
    got_page: Any = _client(fw, person).post(reverse("children:rights_answer", args=[request.pk]), body)
    request.refresh_from_db()
    answered_on_page = request.answered_on is not None
    if answered_on_page:  # undo for the API's turn
        RightsRequest.objects.filter(pk=request.pk).update(answered_on=None, outcome="", answer="")
    got_api = _api(fw, person).post(
        f"/api/v1/children/{fw.world.child.pk}/requests/{request.pk}/answer/", body, format="json"
    )
    assert (got_page.status_code, got_api.status_code) == (page, api)
    assert answered_on_page == (person == "lpa")


def test_the_api_lists_the_requests_with_the_term(fw: FamilyWorld, meeting: Meeting) -> None:
    request = _make(fw, meeting)
    family = _api(fw, "ouder").get(f"/api/v1/children/{fw.world.child.pk}/requests/").json()
    assert [r["id"] for r in family] == [request.pk]
    assert family[0]["incorrect"] == WRONG and "antwoorden" in family[0]["term"]
    professional = _api(fw, "lpa").get(f"/api/v1/children/{fw.world.child.pk}/requests/").json()
    assert [r["id"] for r in professional] == [request.pk]
    assert _api(fw, "ib").get(f"/api/v1/children/{fw.world.child.pk}/requests/").json() == []
    assert _api(fw, "other_ouder").get(f"/api/v1/children/{fw.world.child.pk}/requests/").status_code == 404
