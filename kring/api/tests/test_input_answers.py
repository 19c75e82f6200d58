"""Bad input, out-of-range values and a BSN where it does not belong end in a clear answer: 400 with
a Dutch message in the documented shape, never a server error, never a BSN in an address; every
answer of the API is JSON; answers with child data are never cached; a refusal does not tell whether
something outside your view exists."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from kring import urls as root_urls
from kring.accounts.testing import login_verified
from kring.cases.models import Agreement, Case, Meeting
from kring.cases.testing import World, make_child
from kring.cases.tests.helpers import member_of, open_case
from kring.children.models import LegalRepresentative, TimelineEvent
from kring.children.services import create_child

pytestmark = pytest.mark.django_db

BSN = "111222333"  # passes the elfproef; fictional
TOO_BIG = 2**64 + 1


@pytest.fixture
def case(world: World) -> Case:
    return open_case(world)


@pytest.fixture
def lpa(as_user: Any) -> APIClient:
    client: APIClient = as_user("lpa")
    return client


def errors(response: Any) -> dict[str, list[str]]:
    body = response.json()
    assert set(body) <= {"errors", "code", "rule", "source"} and "errors" in body, body
    found: dict[str, list[str]] = body["errors"]
    return found


# ---------------------------------------------------------------- the BSN never in an address


def test_search_by_bsn_is_a_post_and_the_list_refuses_a_bsn_in_the_address(
    world: World, lpa: APIClient, as_user: Any
) -> None:
    child = create_child(
        actor=world.user("lpa"),
        first_name="Bram",
        last_name="Bakker",
        birth_date=timezone.localdate() - timedelta(days=3650),
        bsn=BSN,
        postcode="3511AB",
        gemeente=world.gemeente,
        vakantieregio="midden",
    )
    found = lpa.post("/api/v1/children/search/", {"bsn": BSN}, format="json")
    assert found.status_code == 200 and [c["id"] for c in found.json()] == [child.pk]
    # Someone who may not see the child gets the same answer as for a BSN nobody has.
    other = as_user("other_lpa")
    assert other.post("/api/v1/children/search/", {"bsn": BSN}, format="json").json() == []
    assert other.post("/api/v1/children/search/", {"bsn": "123456782"}, format="json").json() == []
    bad = lpa.post("/api/v1/children/search/", {"bsn": "12345"}, format="json")
    assert bad.status_code == 400 and "bsn" in errors(bad)
    # Before: GET /children/?q=<BSN> and ?bsn=<BSN> searched, with the BSN in the address and the log.
    for query in (f"q={BSN}", f"q={BSN[:4]}.{BSN[4:6]}.{BSN[6:]}", "q=123456789", f"bsn={BSN}"):
        response = lpa.get(f"/api/v1/children/?{query}")
        assert response.status_code == 400, query
        field = query.split("=")[0]
        assert "Zoek niet op BSN in het webadres" in errors(response)[field][0]
    assert lpa.get("/api/v1/children/?q=bram").json()["count"] == 1  # names still work
    cases = lpa.get(f"/api/v1/cases/?q={BSN}")  # the case list's search too
    assert cases.status_code == 400 and "Zoek niet op BSN in het webadres" in errors(cases)["q"][0]


@pytest.mark.parametrize(
    ("tail", "body", "field"),
    [
        (
            "meetings/",
            {
                "held_on": "2025-10-15",
                "parents_present": True,
                "child_present": True,
                "child_voice": "Ik wil naar school.",
                "notes": f"Moeder gaf BSN {BSN} door.",
            },
            "notes",
        ),
        (
            "agreements/",
            {"text": f"Vraag dossier op voor {BSN}.", "owner": "lpa", "due_on": "future"},
            "text",
        ),
        ("escalations/", {"reason": f"Kind {BSN} zit al weken thuis."}, "reason"),
        ("transition/", {"to_status": "verkenning", "reason": f"BSN {BSN}", "expected_version": 1}, "reason"),
    ],
)
def test_a_bsn_in_a_free_text_field_is_refused_with_a_message_naming_the_field(
    world: World, case: Case, lpa: APIClient, tail: str, body: dict[str, Any], field: str
) -> None:
    # Before: stored as typed (only the logbook line was redacted).
    if body.get("owner") == "lpa":
        body = {**body, "owner": member_of(case, "lpa", world).pk}
    if body.get("due_on") == "future":
        body = {**body, "due_on": (timezone.localdate() + timedelta(days=14)).isoformat()}
    response = lpa.post(f"/api/v1/cases/{case.pk}/{tail}", body, format="json")
    assert response.status_code == 400, response.json()
    message = errors(response)[field][0]
    assert message.startswith("Er staat een BSN in ") and "BSN-veld" in message
    assert BSN not in response.content.decode()
    assert not Meeting.objects.filter(case=case).exists()
    assert not Agreement.objects.filter(case=case).exists()
    case.refresh_from_db()
    assert case.status == "signaal"


def test_a_bsn_in_a_timeline_note_is_refused_on_the_page_and_in_the_api(
    world: World, case: Case, lpa: APIClient
) -> None:
    response = lpa.post(
        f"/api/v1/children/{world.child.pk}/events/",
        {"type": "verzuimmelding", "date": "2025-10-09", "note": f"Gemeld onder {BSN}."},
        format="json",
    )
    assert response.status_code == 400
    assert "Er staat een BSN in de toelichting" in errors(response)["note"][0]
    page = Client()
    login_verified(page, world.user("lpa"))
    opened = page.post(
        reverse("cases:open", args=[make_child(gemeente=world.gemeente).pk]),
        {"signal_kind": "verzuim", "signal_description": f"BSN {BSN} komt niet.", "opened_on": "2025-10-13"},
    )
    assert opened.status_code == 400
    assert "Er staat een BSN in de beschrijving van het signaal" in opened.content.decode()
    assert not TimelineEvent.objects.filter(note__contains=BSN).exists()
    assert not Case.objects.filter(signal_description__contains=BSN).exists()


# ---------------------------------------------------------------- out of range, malformed, every error JSON


@pytest.mark.parametrize("path", ["assessment/", "scenario/", "agenda"])
def test_a_date_beyond_the_calendar_is_a_400_with_a_dutch_message(
    world: World, case: Case, lpa: APIClient, path: str
) -> None:
    # Before: a ScenarioError or an OverflowError, a server error.
    url = "/api/v1/agenda/" if path == "agenda" else f"/api/v1/children/{world.child.pk}/{path}"
    for as_of in ("9999-12-31", "0001-01-01"):
        response = lpa.get(f"{url}?as_of={as_of}")
        assert response.status_code == 400, (url, as_of)
        assert errors(response)["as_of"] == ["Kies een peildatum tussen 1 januari 1900 en 31 december 2199."]


def test_ids_beyond_64_bits_are_a_400_in_the_address_and_in_the_body(
    world: World, case: Case, lpa: APIClient
) -> None:
    for path in (
        f"/api/v1/cases/{TOO_BIG}/",
        f"/api/v1/children/{TOO_BIG}/",
        f"/api/v1/cases/{case.pk}/agreements/{TOO_BIG}/complete/",
    ):
        method = lpa.post if path.endswith("complete/") else lpa.get
        response = method(path, {}, format="json")
        assert response.status_code == 400, path
        assert "Dit nummer is te groot" in str(errors(response)), path
    body = lpa.post(
        "/api/v1/cases/",
        {"child": TOO_BIG, "signal_kind": "verzuim", "signal_description": "x"},
        format="json",
    )
    assert body.status_code == 400 and "child" in errors(body)
    member = lpa.post(
        f"/api/v1/cases/{case.pk}/regievoerder/", {"member": TOO_BIG, "note": "x"}, format="json"
    )
    assert member.status_code == 400 and "member" in errors(member)


def test_malformed_json_is_a_400_in_the_documented_shape(world: World, case: Case, lpa: APIClient) -> None:
    response = lpa.post("/api/v1/cases/", data='{"child": 1,', content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "errors": {
            "non_field_errors": [
                "De inhoud van het verzoek is geen geldige JSON. Kijk de haakjes, aanhalingstekens en "
                "komma's na."
            ]
        },
        "code": "parse_error",
    }


def test_every_error_of_the_api_is_json_in_the_documented_shape(world: World, lpa: APIClient) -> None:
    not_found = lpa.get("/api/v1/no-such-endpoint/")
    assert not_found.status_code == 404 and not_found["Content-Type"] == "application/json"
    assert not_found.json() == {"detail": "Niet gevonden. Het bestaat niet, of je mag het niet zien."}
    wrong_method = lpa.delete("/api/v1/cases/")
    assert wrong_method.status_code == 405 and set(wrong_method.json()) == {"detail"}
    wrong_type = lpa.post("/api/v1/cases/", data="child=1", content_type="text/plain")
    assert wrong_type.status_code == 415 and set(wrong_type.json()) == {"detail"}
    request = RequestFactory().get("/api/v1/cases/")
    crashed = root_urls.handler500(request)
    assert crashed.status_code == 500 and crashed["Content-Type"] == "application/json"
    assert b"Er ging iets mis in Kring" in crashed.content
    page = root_urls.handler404(RequestFactory().get("/nergens/"), Exception())
    assert page.status_code == 404 and "text/html" in page["Content-Type"]  # pages stay pages


def test_anonymous_requests_get_401_with_the_token_scheme(world: World, case: Case) -> None:
    # Before: 403 without WWW-Authenticate.
    for path in ("/api/v1/cases/", f"/api/v1/cases/{case.pk}/", "/api/v1/children/", "/api/v1/me/"):
        response = APIClient().get(path)
        assert response.status_code == 401, path
        assert response["WWW-Authenticate"] == "Token", path
        assert set(response.json()) == {"detail"}
    wrong = APIClient()
    wrong.credentials(HTTP_AUTHORIZATION="Token niet-geldig")
    assert wrong.get("/api/v1/cases/").status_code == 401


# ---------------------------------------------------------------- not cached


def test_answers_with_child_data_are_never_cached(world: World, case: Case, lpa: APIClient) -> None:
    page = Client()
    login_verified(page, world.user("lpa"))
    for response in (
        page.get(reverse("cases:detail", args=[case.pk])),
        page.get(reverse("cases:list")),
        lpa.get(f"/api/v1/cases/{case.pk}/"),
        lpa.get(f"/api/v1/children/{world.child.pk}/"),
    ):
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


# ---------------------------------------------------------------- no hint of what is outside your view


def test_a_representative_of_another_child_is_refused_like_one_that_does_not_exist(
    world: World, case: Case, lpa: APIClient
) -> None:
    # Before: "Ongeldige pk - object bestaat niet" for a missing id, another text for another child's.
    other_child = make_child(gemeente=world.other_gemeente)
    other_rep = LegalRepresentative.objects.create(child=other_child, name="Piet Anders", relation="vader")
    url = f"/api/v1/cases/{case.pk}/circle/"
    theirs = lpa.post(url, {"kind": "ouder", "representative": other_rep.pk}, format="json")
    missing = lpa.post(url, {"kind": "ouder", "representative": 99999999}, format="json")
    assert theirs.status_code == missing.status_code == 400
    assert errors(theirs) == errors(missing)
    assert "Piet" not in theirs.content.decode()


@pytest.mark.parametrize("key", ["other_lpa", "jeugdhulp", "other_ouder"])
def test_a_child_or_case_outside_your_view_is_a_404_like_one_that_does_not_exist(
    world: World, case: Case, as_user: Any, key: str
) -> None:
    client = as_user(key)
    for visible, missing in (
        (f"/api/v1/children/{world.child.pk}/", "/api/v1/children/99999999/"),
        (f"/api/v1/cases/{case.pk}/", "/api/v1/cases/99999999/"),
        (f"/api/v1/cases/{case.pk}/circle/", "/api/v1/cases/99999999/circle/"),
    ):
        a, b = client.get(visible), client.get(missing)
        assert (a.status_code, a.json()) == (b.status_code, b.json()) == (404, b.json()), visible


# ---------------------------------------------------------------- CSV export


def test_csv_export_neutralises_cells_that_a_spreadsheet_would_run_as_a_formula(world: World) -> None:
    import csv
    import io

    from kring.cases import services

    names = ['=HYPERLINK("http://x")', "+31", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]
    for name in names:
        child = make_child(gemeente=world.gemeente, first_name=name)
        services.open_case(
            actor=world.user("lpa"),
            child=child,
            signal_kind="verzuim",
            signal_description="Komt niet.",
            opened_on=timezone.localdate(),
        )
    page = Client()
    login_verified(page, world.user("lpa"))
    response = page.get(reverse("cases:export"))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    exported = sorted(r["Voornaam"] for r in rows)
    assert exported == sorted("'" + name for name in names)  # before: the formulas as typed
    assert all(not value.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for value in r.values())
