"""The child API (/api/v1/children/...): registering, the timeline with the rules engine's
refusals, the assessment and its scenario (equal to `python -m kring.rules assess`), and the BSN
that never leaves Kring through the API."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone
from rest_framework.test import APIClient

from kring.cases.testing import World
from kring.cases.tests.helpers import open_case, thuiszitter_timeline
from kring.children.assessment import assess_child
from kring.children.models import Child, TimelineEvent
from kring.privacy.models import AuditAction, AuditEvent
from kring.privacy.purposes import Purpose
from kring.regions.norms import norms_for_child

pytestmark = pytest.mark.django_db

BSN = "111222333"
AS_OF = "2025-12-01"


def errors(response: Any) -> dict[str, list[str]]:
    body = response.json()
    assert "errors" in body, body
    found: dict[str, list[str]] = body["errors"]
    return found


def new_child(world: World, **extra: Any) -> dict[str, Any]:
    return {
        "first_name": "Sem",
        "last_name": "de Vries",
        "birth_date": "2014-03-02",
        "postcode": "3511 ab",
        "gemeente": world.gemeente.pk,
        "vakantieregio": "midden",
        **extra,
    }


@pytest.fixture
def lpa(as_user: Any) -> APIClient:
    client: APIClient = as_user("lpa")
    return client


# ---------------------------------------------------------------- registering and finding


def test_register_a_child_with_a_bsn_that_is_never_returned(world: World, lpa: APIClient) -> None:
    payload = new_child(world, bsn=BSN, representatives=[{"name": "Eva de Vries", "relation": "moeder"}])
    response = lpa.post("/api/v1/children/", payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["postcode"] == "3511AB" and body["has_bsn"] is True
    assert body["representatives"][0]["name"] == "Eva de Vries"
    assert "bsn" not in body and BSN not in response.content.decode()
    child_id = body["id"]
    # Found by BSN through the keyed hash, audited; the BSN is in no response.
    found = lpa.post("/api/v1/children/search/", {"bsn": BSN}, format="json")
    assert [c["id"] for c in found.json()] == [child_id]
    assert BSN not in found.content.decode()
    found_by_bsn = AuditEvent.objects.filter(child_id=child_id, code="child.found_by_bsn")
    assert found_by_bsn.filter(purpose=Purpose.LEERPLICHT).exists()
    spaced = lpa.post("/api/v1/children/search/", {"bsn": f"{BSN[:4]} {BSN[4:6]} {BSN[6:]}"}, format="json")
    assert [c["id"] for c in spaced.json()] == [child_id]
    detail = lpa.get(f"/api/v1/children/{child_id}/")
    assert detail.status_code == 200 and BSN not in detail.content.decode()
    # Every other endpoint that shows the child: never the BSN either.
    case_id = lpa.post(
        "/api/v1/cases/",
        {"child": child_id, "signal_kind": "verzuim", "signal_description": "Thuis."},
        format="json",
    ).json()["id"]
    for path in (
        "/api/v1/children/",
        f"/api/v1/children/{child_id}/events/",
        f"/api/v1/children/{child_id}/assessment/",
        f"/api/v1/children/{child_id}/scenario/",
        "/api/v1/cases/",
        f"/api/v1/cases/{case_id}/",
        f"/api/v1/cases/{case_id}/circle/",
        "/api/v1/agenda/",
    ):
        response = lpa.get(path)
        assert response.status_code == 200, path
        assert BSN not in response.content.decode(), path


def test_register_validation_names_the_fields(world: World, lpa: APIClient) -> None:
    response = lpa.post(
        "/api/v1/children/",
        new_child(world, first_name=" ", postcode="12", bsn="123456789", representatives=[{"name": ""}]),
        format="json",
    )
    assert response.status_code == 400
    assert {"first_name", "postcode", "bsn", "representatives[0].name"} <= set(errors(response))
    missing = lpa.post("/api/v1/children/", {"first_name": "Sem"}, format="json")
    assert {"last_name", "birth_date"} <= set(errors(missing))
    no_region = lpa.post("/api/v1/children/", new_child(world, postcode="", vakantieregio=""), format="json")
    assert "vakantieregio" in errors(no_region)
    lpa.post("/api/v1/children/", new_child(world, bsn=BSN), format="json")
    duplicate = lpa.post("/api/v1/children/", new_child(world, bsn=BSN), format="json")
    assert "bsn" in errors(duplicate) and BSN not in duplicate.content.decode()


@pytest.mark.parametrize("key", ["ouder", "other_ouder", "beheerder", "inspecteur", "leerling"])
def test_only_professionals_with_an_organisation_register_children(
    world: World, as_user: Any, key: str
) -> None:
    response = as_user(key).post("/api/v1/children/", new_child(world), format="json")
    assert response.status_code == 403


def test_children_list_is_the_policy_and_rejects_a_malformed_bsn(
    world: World, lpa: APIClient, as_user: Any
) -> None:
    assert [c["id"] for c in lpa.get("/api/v1/children/").json()["results"]] == [world.child.pk]
    assert lpa.get("/api/v1/children/?q=noor").json()["count"] == 1
    assert lpa.get("/api/v1/children/?q=sem").json()["count"] == 0
    assert as_user("other_lpa").get("/api/v1/children/").json()["results"] == []
    bad = lpa.get("/api/v1/children/?bsn=12345")
    assert bad.status_code == 400 and "bsn" in errors(bad)


@pytest.mark.parametrize(
    "key", ["other_lpa", "other_ib", "beheerder", "inspecteur", "other_ouder", "jeugdhulp"]
)
def test_a_child_outside_the_users_visibility_is_not_found(world: World, as_user: Any, key: str) -> None:
    client = as_user(key)
    child = world.child.pk
    for path in ("", "events/", "assessment/", "scenario/"):
        assert client.get(f"/api/v1/children/{child}/{path}").status_code == 404, (key, path)
    event = {"type": "afwezig", "date": "2025-10-06", "data": {"reden": "ziek"}}
    assert client.post(f"/api/v1/children/{child}/events/", event, format="json").status_code == 404


def test_child_detail_is_audited(world: World, lpa: APIClient) -> None:
    lpa.get(f"/api/v1/children/{world.child.pk}/")
    assert AuditEvent.objects.filter(
        actor=world.user("lpa"), child_id=world.child.pk, action=AuditAction.VIEW, object_type="kind"
    ).exists()


# ---------------------------------------------------------------- the timeline


def test_record_list_and_delete_events(world: World, lpa: APIClient) -> None:
    url = f"/api/v1/children/{world.child.pk}/events/"
    created = lpa.post(
        url,
        {"type": "inschrijving", "date": "2025-09-01", "data": {"sector": "po"}, "school": world.school.pk},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["data"] == {"sector": "po", "school": "Basisschool De Regenboog"}
    events = lpa.get(url).json()
    assert [e["type"] for e in events] == ["inschrijving"]
    event_id = events[0]["id"]
    blank = lpa.delete(f"{url}{event_id}/", {"reason": " "}, format="json")
    assert blank.status_code == 400 and "reason" in errors(blank)
    assert lpa.delete(f"{url}{event_id}/", {"reason": "Verkeerde school."}, format="json").status_code == 204
    assert not TimelineEvent.objects.filter(pk=event_id).exists()
    assert lpa.delete(f"{url}{event_id}/", {"reason": "x"}, format="json").status_code == 404


def test_event_validation_names_the_fields(world: World, lpa: APIClient) -> None:
    url = f"/api/v1/children/{world.child.pk}/events/"
    missing = lpa.post(url, {"data": {}}, format="json")
    assert {"type", "date"} <= set(errors(missing))
    wrong = lpa.post(
        url, {"type": "afwezig", "date": "2025-10-06", "data": {"reden": "vakantie"}}, format="json"
    )
    assert wrong.status_code == 400 and "reden" in errors(wrong)
    before_birth = lpa.post(
        url, {"type": "afwezig", "date": "2000-01-01", "data": {"reden": "ziek"}}, format="json"
    )
    assert "date" in errors(before_birth)


def test_a_forbidden_act_is_refused_with_its_rule_and_can_be_recorded_as_a_violation(
    world: World, lpa: APIClient
) -> None:
    url = f"/api/v1/children/{world.child.pk}/events/"
    lpa.post(
        url,
        {"type": "inschrijving", "date": "2025-09-01", "data": {"sector": "po"}, "school": world.school.pk},
        format="json",
    )
    exit_ = {
        "type": "uitschrijving",
        "date": "2025-10-01",
        "data": {"grond": "overig"},
        "school": world.school.pk,
    }
    refused = lpa.post(url, exit_, format="json")
    assert refused.status_code == 400
    body = refused.json()
    assert body["code"] == "refused" and body["rule"] == "LPW-47" and body["source"]
    assert body["errors"]["non_field_errors"][0].startswith("Kring kan dit niet zomaar vastleggen")
    recorded = lpa.post(
        url, {**exit_, "violation_reason": "School heeft het kind toch uitgeschreven."}, format="json"
    )
    assert recorded.status_code == 201, recorded.json()
    assert recorded.json()["recorded_as_violation"] is True
    no_violation = lpa.post(
        url,
        {"type": "afwezig", "date": "2025-10-06", "data": {"reden": "ziek"}, "violation_reason": "x"},
        format="json",
    )
    assert "violation_reason" in errors(no_violation)


def test_timeline_writes_follow_the_case_rules(world: World, as_user: Any) -> None:
    url = f"/api/v1/children/{world.child.pk}/events/"
    event = {"type": "afwezig", "date": "2025-10-06", "data": {"reden": "ziek"}}
    # Without a case: whoever has a statutory task for the child; the parent only reads.
    assert as_user("ib").post(url, event, format="json").status_code == 404  # not enrolled: not visible
    assert as_user("consulent").post(url, event, format="json").status_code == 201
    assert as_user("ouder").post(url, event, format="json").status_code == 403
    assert as_user("ouder").get(url).status_code == 200
    # With an open case: whoever may change that case.
    open_case(world)
    assert as_user("lpa").post(url, {**event, "date": "2025-10-07"}, format="json").status_code == 201
    assert as_user("ouder").post(url, event, format="json").status_code == 403


# ---------------------------------------------------------------- assessment and scenario


def test_assessment_equals_the_engine_and_the_command(world: World, lpa: APIClient) -> None:
    thuiszitter_timeline(world)
    child = Child.objects.get(pk=world.child.pk)
    assessment = lpa.get(f"/api/v1/children/{child.pk}/assessment/?as_of={AS_OF}")
    assert assessment.status_code == 200
    norms = norms_for_child(child, today=date.fromisoformat(AS_OF))
    expected = assess_child(child, as_of=date.fromisoformat(AS_OF), norms=norms).to_dict()
    assert assessment.json() == json.loads(json.dumps(expected))
    assert assessment.json()["thuiszitter"]["category"] == "langdurig_relatief_verzuim"

    scenario = lpa.get(f"/api/v1/children/{child.pk}/scenario/?as_of={AS_OF}")
    assert scenario.status_code == 200
    assert scenario.json()["as_of"] == AS_OF and "first_name" not in scenario.content.decode()
    assert AuditEvent.objects.filter(child_id=child.pk, action=AuditAction.EXPORT).exists()
    cli = subprocess.run(
        [sys.executable, "-m", "kring.rules", "assess", "-", "--norms", json.dumps(norms.to_dict())],
        input=json.dumps(scenario.json()),
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(settings.PROJECT_DIR),
    )
    assert json.loads(cli.stdout) == assessment.json()


def test_assessment_defaults_to_today_and_rejects_a_bad_date(world: World, lpa: APIClient) -> None:
    today = lpa.get(f"/api/v1/children/{world.child.pk}/scenario/").json()["as_of"]
    from django.utils import timezone

    assert today == timezone.localdate().isoformat()
    bad = lpa.get(f"/api/v1/children/{world.child.pk}/assessment/?as_of=1-2-2025")
    assert bad.status_code == 400 and "as_of" in errors(bad)


def test_todays_assessment_is_the_contract_output_without_the_stored_params(
    world: World, lpa: APIClient
) -> None:
    thuiszitter_timeline(world)
    child = Child.objects.get(pk=world.child.pk)
    today = timezone.localdate()
    assessment = lpa.get(f"/api/v1/children/{child.pk}/assessment/")
    assert assessment.status_code == 200
    expected = assess_child(child, as_of=today, norms=norms_for_child(child, today=today)).to_dict()
    assert assessment.json() == json.loads(json.dumps(expected))
    assert "params" not in assessment.content.decode()
