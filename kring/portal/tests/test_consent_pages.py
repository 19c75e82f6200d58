"""Toestemming (consent) on the family's pages, the case page and the API, with ONE table for both
surfaces (parity): who reads the consents, who gives and revokes one.

| person            | list: page     | list: API | give: page, API | revoke: page, API | because       |
| ----------------- | -------------- | --------- | --------------- | ----------------- | ------------- |
| ouder (gezag)     | 200 own page   | 200       | done            | done              | acts (< 16)   |
| ouder_geen_gezag  | 200 own page   | 200       | 403             | 403               | informed only |
| jeugdhulp (circle)| 200 case panel | 200       | 403             | 403               | who sees what |
| lpa               | 200 case panel | 200       | 403             | 403               | idem (by law) |
| other_ouder       | 404            | 404       | 404             | 404               | no leak       |
| anonymous         | login          | refused   | login / refused | login / refused   | deny          |
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from kring.accounts.roles import Role
from kring.accounts.testing import login_verified
from kring.cases import services
from kring.cases.models import MemberKind, Visibility
from kring.children.models import Gezag, LegalRepresentative
from kring.core.testing import make_user
from kring.privacy.consents import give_consent, request_consent
from kring.privacy.models import AuditEvent, Consent, ConsentStatus
from kring.privacy.purposes import Purpose

from .world import FamilyWorld, make_family_world

pytestmark = pytest.mark.django_db

DONE, LOGIN, REFUSED = "done", "login", "refused"

TABLE: list[tuple[str, Any, Any, Any, Any]] = [
    # person, list page, list API, give, revoke
    ("ouder", 200, 200, DONE, DONE),
    ("ouder_geen_gezag", 200, 200, 403, 403),
    ("jeugdhulp", 200, 200, 403, 403),
    ("lpa", 200, 200, 403, 403),
    ("other_ouder", 404, 404, 404, 404),
    ("anonymous", LOGIN, REFUSED, LOGIN, LOGIN),
]


@pytest.fixture
def fw() -> FamilyWorld:
    fw = make_family_world()
    world = fw.world
    jeugdhulp = world.user("jeugdhulp")
    services.add_circle_member(
        actor=world.user("lpa"),
        case=fw.case,
        kind=MemberKind.JEUGDHULP,
        user=jeugdhulp,
        joined_on=fw.today,
        visibility=Visibility.VOLLEDIG,
    )
    other = make_user(role=Role.OUDER, last_name="Vader")
    LegalRepresentative.objects.create(
        child=world.child, name="Vader", relation="vader", user=other, gezag=Gezag.GEEN_GEZAG
    )
    world.users["ouder_geen_gezag"] = other
    return fw


def _consent(fw: FamilyWorld) -> Consent:
    return give_consent(
        actor=fw.world.user("ouder"),
        child=fw.world.child,
        recipient_user=fw.world.user("jeugdhulp"),
        stated_purpose="Gezinsbegeleiding thuis.",
        categories=["plan", "timeline"],
        valid_from=fw.today,
        valid_until=fw.today + timedelta(days=91),
    )


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


def _page_outcome(response: Any, *, done_to: str = "") -> Any:
    if response.status_code == 302:
        if reverse("accounts:login") in response["Location"]:
            return LOGIN
        return DONE if done_to and response["Location"].startswith(done_to) else response["Location"]
    return response.status_code


def _give_post(fw: FamilyWorld) -> dict[str, Any]:
    return {
        "recipient": str(fw.world.user("jeugdhulp").pk),
        "stated_purpose": "Hulp thuis bij het naar school gaan.",
        "categories": ["plan"],
        "valid_from": fw.today.isoformat(),
        "valid_until": (fw.today + timedelta(days=91)).isoformat(),
        "confirm": "1",
    }


@pytest.mark.parametrize(
    ("person", "list_page", "list_api", "give", "revoke"), TABLE, ids=[r[0] for r in TABLE]
)
def test_pages_and_api_agree_on_consent(fw, person, list_page, list_api, give, revoke):
    child = fw.world.child
    consent = _consent(fw)
    # the list: the family's page for the family, the case page's panel for the professionals
    professional = person in ("jeugdhulp", "lpa")
    if professional:
        response = _client(fw, person).get(reverse("cases:detail", args=[fw.case.pk]))
        assert response.status_code == 200 and 'id="toestemming"' in response.content.decode()
        assert _client(fw, person).get(reverse("portal:consents", args=[child.pk])).status_code == 403
        got_page = 200
    else:
        got_page = _page_outcome(_client(fw, person).get(reverse("portal:consents", args=[child.pk])))
    assert got_page == list_page
    api_list = _api(fw, person).get(f"/api/v1/children/{child.pk}/consents/")
    got_api = (
        REFUSED if person == "anonymous" and api_list.status_code in (401, 403) else api_list.status_code
    )
    assert got_api == list_api
    # give, on the page (the confirmed post) and in the API
    page_give = _client(fw, person).post(reverse("portal:consent_give", args=[child.pk]), _give_post(fw))
    assert _page_outcome(page_give, done_to=reverse("portal:consents", args=[child.pk])) == give
    body = {
        "recipient_user_id": fw.world.user("jeugdhulp").pk,
        "stated_purpose": "Hulp thuis.",
        "categories": ["meetings"],
        "valid_from": fw.today.isoformat(),
        "valid_until": (fw.today + timedelta(days=30)).isoformat(),
    }
    api_give = _api(fw, person).post(f"/api/v1/children/{child.pk}/consents/", body, format="json")
    expected_api_give = {DONE: 201, LOGIN: None}.get(give, give)
    if person == "anonymous":
        assert api_give.status_code in (401, 403)
    else:
        assert api_give.status_code == expected_api_give, api_give.content
    # revoke, on the page (a confirmation page, then the post) and in the API
    page_revoke = _client(fw, person).post(reverse("portal:consent_revoke", args=[child.pk, consent.pk]), {})
    assert _page_outcome(page_revoke, done_to=reverse("portal:consents", args=[child.pk])) == revoke
    second = _consent(fw)
    api_revoke = _api(fw, person).post(f"/api/v1/children/{child.pk}/consents/{second.pk}/revoke/")
    if person == "anonymous":
        assert api_revoke.status_code in (401, 403)
    else:
        assert api_revoke.status_code == {DONE: 200}.get(revoke, revoke), api_revoke.content


def test_the_parent_gives_consent_with_a_confirmation_page_and_revokes_it(fw):
    child = fw.world.child
    client = _client(fw, "ouder")
    url = reverse("portal:consent_give", args=[child.pk])
    form = client.get(url)
    assert form.status_code == 200 and "Met wie deel je?" in form.content.decode()
    data = _give_post(fw)
    data.pop("confirm")
    confirm = client.post(url, data)
    text = confirm.content.decode()
    assert confirm.status_code == 200 and "Klopt dit?" in text and "Ja, ik geef toestemming" in text
    assert not Consent.objects.exists()  # nothing is given before the confirmation
    done = client.post(url, {**data, "confirm": "1"})
    consent = Consent.objects.get()
    assert (
        done.status_code == 302
        and consent.is_running()
        and consent.recipient_user == fw.world.user("jeugdhulp")
    )
    listing = client.get(reverse("portal:consents", args=[child.pk])).content.decode()
    assert "Toestemming die nu geldt" in listing and "Hiervoor is geen toestemming nodig" in listing
    assert "Leerplichtwet 1969, art. 21a" in listing
    revoke_url = reverse("portal:consent_revoke", args=[child.pk, consent.pk])
    assert "Ja, trek de toestemming in" in client.get(revoke_url).content.decode()
    assert client.post(revoke_url, {}).status_code == 302
    consent.refresh_from_db()
    assert consent.revoked_at is not None
    assert "Ingetrokken" in client.get(reverse("portal:consents", args=[child.pk])).content.decode()
    codes = set(AuditEvent.objects.filter(child_id=child.pk).values_list("code", flat=True))
    assert {"consent.given", "consent.revoked", "consent.listed"} <= codes


def test_a_refused_input_stays_on_the_form(fw):
    data = _give_post(fw)
    data["categories"] = []
    response = _client(fw, "ouder").post(reverse("portal:consent_give", args=[fw.world.child.pk]), data)
    assert response.status_code == 400
    assert "minstens één deel" in response.content.decode()
    assert not Consent.objects.exists()


def test_youth_care_asks_and_the_family_answers(fw):
    child = fw.world.child
    jeugdhulp = _client(fw, "jeugdhulp")
    case_page = jeugdhulp.get(reverse("cases:detail", args=[fw.case.pk])).content.decode()
    assert reverse("portal:consent_request", args=[child.pk]) in case_page
    assert "alleen met toestemming van het gezin" in case_page
    response = jeugdhulp.post(
        reverse("portal:consent_request", args=[child.pk]),
        {
            "stated_purpose": "Gezinsbegeleiding.",
            "categories": ["plan", "meetings"],
            "valid_from": fw.today.isoformat(),
            "valid_until": (fw.today + timedelta(days=60)).isoformat(),
        },
    )
    assert response.status_code == 302
    asked = Consent.objects.get(status=ConsentStatus.REQUESTED)
    parent = _client(fw, "ouder")
    assert "Vragen om toestemming" in parent.get(reverse("portal:consents", args=[child.pk])).content.decode()
    answer_url = reverse("portal:consent_answer", args=[child.pk, asked.pk])
    assert "Nee, geen toestemming" in parent.get(answer_url).content.decode()
    assert parent.post(answer_url, {"answer": "yes"}).status_code == 302
    asked.refresh_from_db()
    assert asked.is_running()
    case_page = jeugdhulp.get(reverse("cases:detail", args=[fw.case.pk])).content.decode()
    assert "Met toestemming van het gezin" in case_page
    # the read on the case page is in the family's logbook with the consent as purpose
    line = AuditEvent.objects.filter(
        child_id=child.pk, actor=fw.world.user("jeugdhulp"), code="case.viewed"
    ).first()
    assert line is not None and line.purpose == Purpose.CONSENT
    # the leerplichtambtenaar has a task by law and asks nothing
    assert _client(fw, "lpa").get(reverse("portal:consent_request", args=[child.pk])).status_code == 403


def test_a_request_by_someone_else_is_not_answered_for_another_family(fw):
    other_child_consent = request_consent(
        actor=fw.world.user("jeugdhulp"),
        child=fw.world.child,
        stated_purpose="Gezinsbegeleiding.",
        categories=["plan"],
        valid_from=fw.today,
        valid_until=fw.today + timedelta(days=10),
    )
    url = reverse("portal:consent_answer", args=[fw.world.child.pk, other_child_consent.pk])
    assert _client(fw, "other_ouder").post(url, {"answer": "yes"}).status_code == 404
    assert timezone.now()  # nothing changed
    other_child_consent.refresh_from_db()
    assert other_child_consent.status == ConsentStatus.REQUESTED
