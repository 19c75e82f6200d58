"""The case API (/api/v1/cases/...): every endpoint's happy path, the shape of its validation
errors, 403 without rights, 404 outside the user's visibility, 409 on a stale version."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from kring.accounts.roles import Role
from kring.cases import services
from kring.cases.models import (
    Agreement,
    AgreementStatus,
    Case,
    CaseStatus,
    CircleMember,
    Escalation,
    MemberKind,
    RegievoerderAssignment,
    Visibility,
)
from kring.cases.testing import World
from kring.cases.tests.helpers import OPENED, add_consulent, member_of, open_case, with_regievoerder
from kring.privacy.models import AuditAction, AuditEvent
from kring.regions import services as region_services
from kring.regions.services import LevelSpec

pytestmark = pytest.mark.django_db

FUTURE = timezone.localdate() + timedelta(days=30)


def url(case: Case, tail: str = "") -> str:
    return f"/api/v1/cases/{case.pk}/{tail}"


def errors(response: Any) -> dict[str, list[str]]:
    body = response.json()
    assert "errors" in body, body
    found: dict[str, list[str]] = body["errors"]
    return found


@pytest.fixture
def case(world: World) -> Case:
    return open_case(world)


@pytest.fixture
def lpa(as_user: Any) -> APIClient:
    client: APIClient = as_user("lpa")
    return client


# ---------------------------------------------------------------- access in general


def test_anonymous_gets_nothing(world: World, case: Case) -> None:
    client = APIClient()
    for path in ("/api/v1/cases/", url(case), url(case, "circle/"), "/api/v1/agenda/"):
        assert client.get(path).status_code in (401, 403), path


@pytest.mark.parametrize(
    "key", ["other_lpa", "other_ib", "other_consulent", "beheerder", "inspecteur", "other_ouder"]
)
def test_a_case_outside_the_users_visibility_is_not_found(
    world: World, case: Case, as_user: Any, key: str
) -> None:
    client = as_user(key)
    missing = client.get("/api/v1/cases/999999/")
    for path in (
        "",
        "circle/",
        "regievoerder/",
        "meetings/",
        "agreements/",
        "perspective/",
        "routes/",
        "escalations/",
    ):
        response = client.get(url(case, path))
        assert response.status_code == 404, (key, path)
        assert response.json() == missing.json()  # the same answer as for a case that does not exist
    assert client.post(url(case, "transition/"), {}, format="json").status_code == 404
    assert client.post(url(case, "circle/"), {}, format="json").status_code == 404
    assert client.get("/api/v1/cases/").json()["results"] == []


@pytest.mark.parametrize("key", ["lpa", "consulent", "directeur", "ouder"])
def test_the_users_who_see_the_child_see_the_case(world: World, case: Case, as_user: Any, key: str) -> None:
    response = as_user(key).get(url(case))
    assert response.status_code == 200
    assert response.json()["id"] == case.pk


def test_token_authentication_follows_the_same_rules(world: World, case: Case) -> None:
    from kring.api.models import ApiToken

    own = APIClient()
    own.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(world.user('lpa'))}")
    assert own.get(url(case)).status_code == 200
    assert [c["id"] for c in own.get("/api/v1/cases/").json()["results"]] == [case.pk]

    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(world.user('other_lpa'))}")
    assert other.get(url(case)).status_code == 404
    assert other.get("/api/v1/cases/").json()["results"] == []
    parent = APIClient()
    parent.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(world.user('ouder'))}")
    payload = {"to_status": "afgesloten", "reason": "x", "expected_version": case.version}
    assert parent.post(url(case, "transition/"), payload, format="json").status_code == 403


# ---------------------------------------------------------------- the case list and the case


def test_case_list_filters_and_audits_each_row(world: World, case: Case, lpa: APIClient) -> None:
    body = lpa.get("/api/v1/cases/").json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["child"]["first_name"] == "Noor" and row["status"] == "signaal" and row["version"] == 1
    assert AuditEvent.objects.filter(
        actor=world.user("lpa"), child_id=world.child.pk, action=AuditAction.VIEW, object_type="casus"
    ).exists()
    assert lpa.get("/api/v1/cases/?status=plan").json()["count"] == 0
    assert lpa.get("/api/v1/cases/?status=signaal&escalated=false&open=true").json()["count"] == 1
    assert lpa.get(f"/api/v1/cases/?gemeente={world.gemeente.pk}").json()["count"] == 1
    assert lpa.get(f"/api/v1/cases/?gemeente={world.other_gemeente.pk}").json()["count"] == 0
    assert lpa.get(f"/api/v1/cases/?regievoerder={world.user('lpa').pk}").json()["count"] == 0
    assert lpa.get("/api/v1/cases/?q=noor").json()["count"] == 1
    assert lpa.get("/api/v1/cases/?q=iemand").json()["count"] == 0
    assert lpa.get("/api/v1/cases/?overdue=false").json()["count"] == 1


def test_case_list_rejects_unknown_filter_values(lpa: APIClient, case: Case) -> None:
    response = lpa.get("/api/v1/cases/?status=weg&escalated=misschien")
    assert response.status_code == 400
    assert "status" in errors(response)
    assert "escalated" in errors(lpa.get("/api/v1/cases/?escalated=misschien"))
    assert "school" in errors(lpa.get("/api/v1/cases/?school=abc"))


def test_case_detail_is_audited_as_a_read(world: World, case: Case, lpa: APIClient) -> None:
    before = AuditEvent.objects.filter(action=AuditAction.VIEW, object_type="casus").count()
    body = lpa.get(url(case)).json()
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, object_type="casus").count() == before + 1
    event = AuditEvent.objects.filter(action=AuditAction.VIEW, object_type="casus").latest("id")
    assert event.actor == world.user("lpa") and event.child_id == world.child.pk
    assert body["can_edit"] is True and body["scope"] == "volledig"
    assert body["allowed_transitions"] == ["verkenning", "afgesloten"]
    assert body["signal_description"].startswith("Noor")


def test_open_a_case(world: World, lpa: APIClient) -> None:
    payload = {"child": world.child.pk, "signal_kind": "verzuim", "signal_description": "Zit thuis."}
    response = lpa.post("/api/v1/cases/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "signaal"
    assert Case.objects.filter(child=world.child).count() == 1
    # A second open case for the same child is refused, on the field it is about.
    again = lpa.post("/api/v1/cases/", payload, format="json")
    assert again.status_code == 400 and "child" in errors(again)


def test_open_a_case_validation(world: World, lpa: APIClient, as_user: Any) -> None:
    response = lpa.post("/api/v1/cases/", {"child": world.child.pk, "signal_description": " "}, format="json")
    assert response.status_code == 400
    assert set(errors(response)) == {"signal_kind"}
    blank = lpa.post(
        "/api/v1/cases/",
        {"child": world.child.pk, "signal_kind": "verzuim", "signal_description": "  "},
        format="json",
    )
    assert "signal_description" in errors(blank)
    # A child the user may not see is 'unknown', exactly like one that does not exist.
    hidden = as_user("other_lpa").post(
        "/api/v1/cases/",
        {"child": world.child.pk, "signal_kind": "verzuim", "signal_description": "x"},
        format="json",
    )
    missing = as_user("other_lpa").post(
        "/api/v1/cases/",
        {"child": 999999, "signal_kind": "verzuim", "signal_description": "x"},
        format="json",
    )
    assert hidden.status_code == missing.status_code == 400
    assert errors(hidden) == errors(missing)


def test_family_cannot_open_a_case(world: World, as_user: Any) -> None:
    payload = {"child": world.child.pk, "signal_kind": "verzuim", "signal_description": "Zit thuis."}
    response = as_user("ouder").post("/api/v1/cases/", payload, format="json")
    assert response.status_code == 403 and "detail" in response.json()


# ---------------------------------------------------------------- transitions


def test_transition(world: World, case: Case, lpa: APIClient) -> None:
    with_regievoerder(world, case)
    payload = {"to_status": "verkenning", "reason": "Opgepakt.", "on": "2025-10-14", "expected_version": 1}
    response = lpa.post(url(case, "transition/"), payload, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "verkenning" and response.json()["version"] == 2
    assert response.json()["status_changes"][0]["reason"] == "Opgepakt."
    # The same request again is based on version 1: someone else saved in between.
    stale = lpa.post(url(case, "transition/"), {**payload, "to_status": "plan"}, format="json")
    assert stale.status_code == 409
    assert stale.json()["code"] == "concurrent_edit" and "expected_version" in errors(stale)


def test_transition_validation(world: World, case: Case, lpa: APIClient, as_user: Any) -> None:
    missing = lpa.post(url(case, "transition/"), {"to_status": "verkenning"}, format="json")
    assert missing.status_code == 400 and {"reason", "expected_version"} <= set(errors(missing))
    no_regie = lpa.post(
        url(case, "transition/"),
        {"to_status": "verkenning", "reason": "x", "expected_version": 1},
        format="json",
    )
    assert no_regie.status_code == 400
    assert "regievoerder" in errors(no_regie)["to_status"][0]
    assert no_regie.json()["code"] == "requires_regievoerder"
    not_allowed = lpa.post(
        url(case, "transition/"),
        {"to_status": "evaluatie", "reason": "x", "expected_version": 1},
        format="json",
    )
    assert "to_status" in errors(not_allowed)
    blank = lpa.post(
        url(case, "transition/"),
        {"to_status": "afgesloten", "reason": " ", "expected_version": 1},
        format="json",
    )
    assert "reason" in errors(blank)
    # The parent sees the case but cannot change it.
    parent = as_user("ouder").post(
        url(case, "transition/"),
        {"to_status": "afgesloten", "reason": "x", "expected_version": 1},
        format="json",
    )
    assert parent.status_code == 403


# ---------------------------------------------------------------- circle and regievoerder


def test_circle_list_add_and_remove(world: World, case: Case, lpa: APIClient) -> None:
    members = lpa.get(url(case, "circle/")).json()
    assert {m["kind"] for m in members} == {"ouder", "kind", "leerplicht"}
    added = lpa.post(
        url(case, "circle/"),
        {
            "kind": "swv",
            "user": world.user("consulent").pk,
            "joined_on": "2025-10-14",
            "visibility": "volledig",
        },
        format="json",
    )
    assert added.status_code == 201, added.json()
    member_id = added.json()["id"]
    assert added.json()["organisation"] == world.swv.organisation.pk
    removed = lpa.delete(
        url(case, f"circle/{member_id}/"),
        {"reason": "Niet meer nodig.", "left_on": "2025-10-20"},
        format="json",
    )
    assert removed.status_code == 200 and removed.json()["active"] is False
    assert len(lpa.get(url(case, "circle/")).json()) == 3
    assert len(lpa.get(url(case, "circle/?include_former=true")).json()) == 4


def test_a_new_member_sees_only_their_own_agreements_unless_told_otherwise(
    world: World, case: Case, lpa: APIClient
) -> None:
    added = lpa.post(
        url(case, "circle/"),
        {"kind": "jeugdhulp", "user": world.user("jeugdhulp").pk, "joined_on": "2025-10-14"},
        format="json",
    )
    assert added.status_code == 201, added.json()
    assert added.json()["visibility"] == Visibility.ALLEEN_AFSPRAKEN


def test_circle_validation_and_rights(world: World, case: Case, lpa: APIClient, as_user: Any) -> None:
    missing = lpa.post(url(case, "circle/"), {"user": world.user("consulent").pk}, format="json")
    assert missing.status_code == 400 and "kind" in errors(missing)
    child_again = lpa.post(url(case, "circle/"), {"kind": "kind", "name": "Noor"}, format="json")
    assert "kind" in errors(child_again)
    twice = lpa.post(
        url(case, "circle/"), {"kind": "leerplicht", "user": world.user("lpa").pk}, format="json"
    )
    assert "user" in errors(twice)
    parent_member = CircleMember.objects.get(case=case, kind=MemberKind.OUDER)
    family = lpa.delete(url(case, f"circle/{parent_member.pk}/"), {"reason": "weg"}, format="json")
    assert family.status_code == 400 and family.json()["code"] == "family_member"
    other = member_of(case, "lpa", world)
    blank = lpa.delete(url(case, f"circle/{other.pk}/"), {"reason": ""}, format="json")
    assert "reason" in errors(blank)
    assert lpa.delete(url(case, "circle/999999/"), {"reason": "x"}, format="json").status_code == 404
    denied = as_user("ouder").post(url(case, "circle/"), {"kind": "overig", "name": "Buurman"}, format="json")
    assert denied.status_code == 403


def test_regievoerder_appoint_and_hand_over(world: World, case: Case, lpa: APIClient, as_user: Any) -> None:
    lpa_member = member_of(case, "lpa", world)
    consulent = add_consulent(world, case)
    appointed = lpa.post(
        url(case, "regievoerder/"),
        {"member": lpa_member.pk, "note": "Kent het gezin.", "on": "2025-10-13"},
        format="json",
    )
    assert appointed.status_code == 201, appointed.json()
    assert appointed.json()["user"] == world.user("lpa").pk
    again = lpa.post(url(case, "regievoerder/"), {"member": consulent.pk, "note": "x"}, format="json")
    assert again.status_code == 400 and again.json()["code"] == "regievoerder_exists"
    handed = lpa.post(
        url(case, "regievoerder/handover/"),
        {"member": consulent.pk, "note": "Zij neemt het over.", "on": "2025-10-20"},
        format="json",
    )
    assert handed.status_code == 201
    assert RegievoerderAssignment.objects.get(case=case, ended_on__isnull=True).user == world.user(
        "consulent"
    )
    assert len(lpa.get(url(case, "regievoerder/")).json()) == 2
    assert lpa.get(url(case)).json()["regievoerder"]["user"] == world.user("consulent").pk
    # Validation: a member of another case's circle, a blank note; rights.
    unknown = lpa.post(url(case, "regievoerder/handover/"), {"member": 999999, "note": "x"}, format="json")
    assert "member" in errors(unknown)
    blank = lpa.post(
        url(case, "regievoerder/handover/"), {"member": lpa_member.pk, "note": " "}, format="json"
    )
    assert "note" in errors(blank)
    family = CircleMember.objects.get(case=case, kind=MemberKind.OUDER)
    parent = lpa.post(url(case, "regievoerder/handover/"), {"member": family.pk, "note": "x"}, format="json")
    assert "member" in errors(parent)
    denied = as_user("ouder").post(
        url(case, "regievoerder/handover/"), {"member": lpa_member.pk, "note": "x"}, format="json"
    )
    assert denied.status_code == 403


def test_regievoerder_correct(world: World, case: Case, lpa: APIClient, as_user: Any) -> None:
    with_regievoerder(world, case)
    consulent = add_consulent(world, case)
    blank = lpa.post(
        url(case, "regievoerder/correct/"), {"member": consulent.pk, "reason": " "}, format="json"
    )
    assert blank.status_code == 400 and "reason" in errors(blank)
    fixed = lpa.post(
        url(case, "regievoerder/correct/"),
        {"member": consulent.pk, "reason": "Verkeerde persoon."},
        format="json",
    )
    assert fixed.status_code == 200, fixed.json()
    assert fixed.json()["user"] == world.user("consulent").pk
    assert len(lpa.get(url(case, "regievoerder/")).json()) == 1  # a correction, not a handover
    denied = as_user("ouder").post(
        url(case, "regievoerder/correct/"), {"member": consulent.pk, "reason": "x"}, format="json"
    )
    assert denied.status_code == 403


# ---------------------------------------------------------------- meetings and agreements


def test_meetings(world: World, case: Case, lpa: APIClient, as_user: Any) -> None:
    member = member_of(case, "lpa", world)
    payload = {
        "held_on": "2025-10-15",
        "parents_present": True,
        "child_present": False,
        "child_absent_reason": "Te spannend.",
        "child_voice": "Ik wil wel weer naar school, maar niet de hele dag.",
        "child_voice_in_own_words": True,
        "attendees": [member.pk],
    }
    response = lpa.post(url(case, "meetings/"), payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["attendees"] == [member.pk]
    assert [m["held_on"] for m in lpa.get(url(case, "meetings/")).json()] == ["2025-10-15"]
    no_reason = lpa.post(url(case, "meetings/"), {**payload, "child_absent_reason": ""}, format="json")
    assert no_reason.status_code == 400 and "child_absent_reason" in errors(no_reason)
    missing = lpa.post(url(case, "meetings/"), {"held_on": "2025-10-15"}, format="json")
    assert {"parents_present", "child_present"} <= set(errors(missing))
    stranger = lpa.post(url(case, "meetings/"), {**payload, "attendees": [999999]}, format="json")
    assert "attendees" in errors(stranger)
    assert as_user("ouder").post(url(case, "meetings/"), payload, format="json").status_code == 403


def test_a_meeting_recorded_as_the_evaluation_moves_the_next_evaluation(
    world: World, case: Case, lpa: APIClient
) -> None:
    services.set_perspective(
        actor=world.user("lpa"),
        case=case,
        set_on=OPENED,
        set_with_parents=True,
        set_with_child=True,
        goals="x",
        needs={"leren": "y"},
    )
    services.set_evaluation_rhythm(
        actor=world.user("lpa"), case=case, weeks=6, set_on=OPENED, expected_version=1
    )
    before = lpa.get(url(case, "perspective/")).json()
    assert (
        before["next_evaluation_on"] == (OPENED + timedelta(weeks=6)).isoformat()
        and before["evaluation_late"]
    )
    held = timezone.localdate() - timedelta(days=1)
    response = lpa.post(
        url(case, "meetings/"),
        {"held_on": held.isoformat(), "parents_present": True, "child_present": True, "is_evaluation": True},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["is_evaluation"] is True
    after = lpa.get(url(case, "perspective/")).json()
    assert (
        after["next_evaluation_on"] == (held + timedelta(weeks=6)).isoformat()
        and not after["evaluation_late"]
    )


def test_agreements(world: World, case: Case, lpa: APIClient, as_user: Any) -> None:
    owner = member_of(case, "lpa", world)
    created = lpa.post(
        url(case, "agreements/"),
        {"text": "Gesprek met school plannen.", "owner": owner.pk, "due_on": FUTURE.isoformat()},
        format="json",
    )
    assert created.status_code == 201, created.json()
    agreement_id = created.json()["id"]
    done = lpa.post(
        url(case, f"agreements/{agreement_id}/complete/"), {"done_on": "2025-10-20"}, format="json"
    )
    assert done.status_code == 200 and done.json()["status"] == "done"
    # Completing it again is idempotent: the same agreement, its first date, no second audit line.
    lines = AuditEvent.objects.filter(object_type="afspraak").count()
    twice = lpa.post(url(case, f"agreements/{agreement_id}/complete/"), {}, format="json")
    assert twice.status_code == 200, twice.json()
    assert (twice.json()["status"], twice.json()["done_on"]) == ("done", "2025-10-20")
    assert AuditEvent.objects.filter(object_type="afspraak").count() == lines
    second = lpa.post(
        url(case, "agreements/"),
        {"text": "Huisbezoek.", "owner": owner.pk, "due_on": FUTURE.isoformat()},
        format="json",
    ).json()["id"]
    blank = lpa.post(url(case, f"agreements/{second}/cancel/"), {"reason": " "}, format="json")
    assert blank.status_code == 400 and "reason" in errors(blank)
    cancelled = lpa.post(
        url(case, f"agreements/{second}/cancel/"), {"reason": "Niet meer nodig."}, format="json"
    )
    assert cancelled.json()["status"] == "cancelled"
    assert {a["status"] for a in lpa.get(url(case, "agreements/")).json()} == {"done", "cancelled"}
    # Validation and rights.
    past = lpa.post(
        url(case, "agreements/"), {"text": "x", "owner": owner.pk, "due_on": "2020-01-01"}, format="json"
    )
    assert "due_on" in errors(past)
    no_owner = lpa.post(
        url(case, "agreements/"), {"text": "x", "owner": 999999, "due_on": FUTURE.isoformat()}, format="json"
    )
    assert "owner" in errors(no_owner)
    empty = lpa.post(
        url(case, "agreements/"),
        {"text": " ", "owner": owner.pk, "due_on": FUTURE.isoformat()},
        format="json",
    )
    assert "text" in errors(empty)
    assert lpa.post(url(case, "agreements/999999/cancel/"), {"reason": "x"}, format="json").status_code == 404
    denied = as_user("ouder").post(
        url(case, "agreements/"),
        {"text": "x", "owner": owner.pk, "due_on": FUTURE.isoformat()},
        format="json",
    )
    assert denied.status_code == 403


def test_a_member_who_may_only_see_own_agreements(
    world: World, case: Case, lpa: APIClient, as_user: Any
) -> None:
    jeugdhulp = services.add_circle_member(
        actor=world.user("lpa"),
        case=case,
        kind=MemberKind.JEUGDHULP,
        user=world.user("jeugdhulp"),
        joined_on=OPENED,
        visibility=Visibility.ALLEEN_AFSPRAKEN,
    )
    lpa_member = member_of(case, "lpa", world)
    for owner, text in ((jeugdhulp, "Intake jeugdhulp."), (lpa_member, "Gesprek met school.")):
        services.add_agreement(actor=world.user("lpa"), case=case, text=text, owner=owner, due_on=FUTURE)
    client = as_user("jeugdhulp")
    assert client.get(url(case)).json()["scope"] == "alleen_afspraken"
    assert client.get(url(case)).json()["signal_description"] == ""
    assert [a["text"] for a in client.get(url(case, "agreements/")).json()] == ["Intake jeugdhulp."]
    for path in ("circle/", "meetings/", "perspective/", "routes/", "escalations/", "regievoerder/"):
        assert client.get(url(case, path)).status_code == 403, path
    assert client.get(f"/api/v1/children/{world.child.pk}/events/").status_code == 403
    assert len(lpa.get(url(case, "agreements/")).json()) == 2


# ---------------------------------------------------------------- plan


NEEDS = {"leren": "Kleine groep, korte dagen.", "gedrag_en_welzijn": "Rust en voorspelbaarheid."}


def test_perspective_and_rhythm(world: World, case: Case, lpa: APIClient, as_user: Any) -> None:
    assert lpa.get(url(case, "perspective/")).status_code == 404
    payload = {
        "set_on": "2025-10-20",
        "set_with_parents": True,
        "set_with_child": True,
        "goals": "Binnen drie maanden weer naar school.",
        "needs": NEEDS,
        "expected_version": None,
    }
    first = lpa.put(url(case, "perspective/"), payload, format="json")
    assert first.status_code == 200, first.json()
    assert first.json()["version"] == 1 and first.json()["needs"] == NEEDS and first.json()["jointly_set"]
    stale = lpa.put(url(case, "perspective/"), payload, format="json")  # still 'first time'
    assert stale.status_code == 409 and "expected_version" in errors(stale)
    changed = lpa.put(
        url(case, "perspective/"), {**payload, "goals": "Nieuw doel.", "expected_version": 1}, format="json"
    )
    assert changed.status_code == 200 and changed.json()["version"] == 2
    assert lpa.get(url(case, "perspective/")).json()["goals"] == "Nieuw doel."
    no_needs = lpa.put(
        url(case, "perspective/"), {**payload, "needs": {}, "expected_version": 2}, format="json"
    )
    assert no_needs.status_code == 400 and "needs" in errors(no_needs)
    wrong_dimension = lpa.put(
        url(case, "perspective/"),
        {**payload, "needs": {"sterrenkunde": "x"}, "expected_version": 2},
        format="json",
    )
    assert "needs" in errors(wrong_dimension)

    rhythm = lpa.put(
        url(case, "rhythm/"), {"weeks": 6, "set_on": "2025-10-20", "expected_version": 2}, format="json"
    )
    assert rhythm.status_code == 200, rhythm.json()
    assert rhythm.json()["evaluation_every_weeks"] == 6 and rhythm.json()["version"] == 3
    stale_rhythm = lpa.put(url(case, "rhythm/"), {"weeks": 4, "expected_version": 2}, format="json")
    assert stale_rhythm.status_code == 409
    bad_weeks = lpa.put(url(case, "rhythm/"), {"weeks": 0, "expected_version": 3}, format="json")
    assert bad_weeks.status_code == 400 and "weeks" in errors(bad_weeks)
    assert (
        as_user("ouder")
        .put(url(case, "rhythm/"), {"weeks": 4, "expected_version": 3}, format="json")
        .status_code
        == 403
    )
    assert as_user("ouder").put(url(case, "perspective/"), payload, format="json").status_code == 403


def test_routes_and_outcome(world: World, case: Case, lpa: APIClient, as_user: Any) -> None:
    payload = {
        "needed_kind": "geleidelijke_terugkeer",
        "needed_hours_per_week": "12.0",
        "kind": "hybride",
        "provider": "De Brug",
        "start_on": "2025-11-03",
        "hours_per_week": "10.0",
    }
    created = lpa.post(url(case, "routes/"), payload, format="json")
    assert created.status_code == 201, created.json()
    route_id = created.json()["id"]
    assert created.json()["needed_kind"] == "geleidelijke_terugkeer" and created.json()["kind"] == "hybride"
    assert [r["id"] for r in lpa.get(url(case, "routes/")).json()] == [route_id]
    outcome = lpa.post(
        url(case, f"routes/{route_id}/outcome/"),
        {"outcome": "eigen_school", "on": "2026-01-12"},
        format="json",
    )
    assert outcome.status_code == 200 and outcome.json()["outcome"] == "eigen_school"
    # Validation.
    assert "provider" in errors(lpa.post(url(case, "routes/"), {**payload, "provider": " "}, format="json"))
    assert "hours_per_week" in errors(
        lpa.post(url(case, "routes/"), {**payload, "hours_per_week": "50"}, format="json")
    )
    assert "kind" in errors(lpa.post(url(case, "routes/"), {**payload, "kind": "raket"}, format="json"))
    lopend = lpa.post(url(case, f"routes/{route_id}/outcome/"), {"outcome": "lopend"}, format="json")
    assert "outcome" in errors(lopend)
    early = lpa.post(
        url(case, f"routes/{route_id}/outcome/"), {"outcome": "overig", "on": "2025-01-01"}, format="json"
    )
    assert "on" in errors(early)
    assert (
        lpa.post(url(case, "routes/999999/outcome/"), {"outcome": "overig"}, format="json").status_code == 404
    )
    assert as_user("ouder").post(url(case, "routes/"), payload, format="json").status_code == 403


# ---------------------------------------------------------------- escalations


def test_escalate_and_decide(world: World, case: Case, lpa: APIClient, as_user: Any) -> None:
    region_services.configure_escalation_ladder(
        actor=world.user("directeur"),
        swv=world.swv,
        levels=[LevelSpec(name="Directeur SWV", term_amount=10, mandate_role=Role.SWV_DIRECTEUR)],
    )
    raised = lpa.post(
        url(case, "escalations/"), {"reason": "Geen plek gevonden.", "on": "2025-11-03"}, format="json"
    )
    assert raised.status_code == 201, raised.json()
    escalation_id = raised.json()["id"]
    assert raised.json()["level_order"] == 1 and raised.json()["is_active"]
    assert lpa.get(url(case)).json()["escalated"] is True
    decision = {
        "decision": "Plaats op De Brug.",
        "owner": world.user("consulent").pk,
        "due_on": "2025-11-20",
        "decided_on": "2025-11-05",
    }
    # Only the mandate holder decides.
    denied = lpa.post(url(case, f"escalations/{escalation_id}/decisions/"), decision, format="json")
    assert denied.status_code == 403
    blank = as_user("directeur").post(
        url(case, f"escalations/{escalation_id}/decisions/"), {**decision, "decision": " "}, format="json"
    )
    assert blank.status_code == 400 and "decision" in errors(blank)
    late = as_user("directeur").post(
        url(case, f"escalations/{escalation_id}/decisions/"),
        {**decision, "due_on": "2025-11-01"},
        format="json",
    )
    assert "due_on" in errors(late)
    decided = as_user("directeur").post(
        url(case, f"escalations/{escalation_id}/decisions/"), decision, format="json"
    )
    assert decided.status_code == 201, decided.json()
    assert Agreement.objects.filter(
        case=case, status=AgreementStatus.OPEN, owner__user=world.user("consulent")
    ).exists()
    listed = lpa.get(url(case, "escalations/")).json()
    assert (
        listed[0]["resolved_on"] == "2025-11-05"
        and listed[0]["decisions"][0]["decision"] == "Plaats op De Brug."
    )
    resolved = as_user("directeur").post(
        url(case, f"escalations/{escalation_id}/decisions/"), decision, format="json"
    )
    assert resolved.status_code == 400 and resolved.json()["code"] == "resolved"
    # Validation, rights, visibility.
    assert "reason" in errors(lpa.post(url(case, "escalations/"), {"reason": ""}, format="json"))
    assert as_user("ouder").post(url(case, "escalations/"), {"reason": "x"}, format="json").status_code == 403
    assert (
        as_user("other_lpa")
        .post(url(case, f"escalations/{escalation_id}/decisions/"), decision, format="json")
        .status_code
        == 404
    )
    assert lpa.post(url(case, "escalations/999999/decisions/"), decision, format="json").status_code == 404
    assert Escalation.objects.filter(case=case).count() == 1


def test_closed_case_refuses_changes(world: World, case: Case, lpa: APIClient) -> None:
    services.transition_case(
        actor=world.user("lpa"),
        case=case,
        to_status=CaseStatus.AFGESLOTEN,
        reason="Geen regie nodig.",
        on=OPENED,
        expected_version=1,
    )
    response = lpa.post(url(case, "escalations/"), {"reason": "x"}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "closed"
    assert lpa.get(url(case)).json()["allowed_transitions"] == []


# ---------------------------------------------------------------- agenda


def test_agenda(world: World, case: Case, lpa: APIClient) -> None:
    owner = member_of(case, "lpa", world)
    soon = timezone.localdate() + timedelta(days=3)
    services.add_agreement(
        actor=world.user("lpa"), case=case, text="Bel de school.", owner=owner, due_on=soon
    )
    body = lpa.get("/api/v1/agenda/").json()
    entry = next(e for e in body if e["kind"] == "afspraak")
    assert (
        entry["title"] == "Bel de school."
        and entry["case_id"] == case.pk
        and entry["due"] == soon.isoformat()
    )
    assert lpa.get("/api/v1/agenda/?as_of=gisteren").status_code == 400
    later = lpa.get(f"/api/v1/agenda/?as_of={(soon + timedelta(days=2)).isoformat()}").json()
    assert next(e for e in later if e["kind"] == "afspraak")["urgent"] is True


def test_root_links_to_the_new_collections(lpa: APIClient) -> None:
    body = lpa.get("/api/v1/").json()
    assert body["cases"].endswith("/api/v1/cases/")
    assert body["children"].endswith("/api/v1/children/")
    assert body["agenda"].endswith("/api/v1/agenda/")
