"""The OPP's API: a refusal lands on the same field name as on the page (`onderbouwing`,
`actions[0].payer`), with the rule's source; the file holds the progress, the versions and their
consent; the family consents through it like on its page."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from kring.opp.testing import draw_up, enrolled_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: Any) -> Any:
    return enrolled_world()


def _client(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_refused_version_names_the_field_and_the_law(world: Any) -> None:
    response = _client(world.user("ib")).post(
        f"/api/v1/children/{world.child.pk}/opp/versions/",
        {
            "school": world.school.pk,
            "vastgesteld_on": timezone.localdate().isoformat(),
            "needs": "Rust.",
            "uitstroomperspectief": "vmbo kader",
            "goals": "Rekenen.",
            "actions": [{"what": "Rekenen in een groepje", "who": "RT", "how_often": "2x"}],
            "child_not_heard_reason": "Ze wilde niet praten.",
        },
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "WPO art. 40a" in errors["onderbouwing"][0]
    assert "Kies wie het betaalt" in errors["actions[0].payer"][0]


def test_the_file_and_the_familys_consent(world: Any) -> None:
    version = draw_up(world)
    base = f"/api/v1/children/{world.child.pk}/opp/"
    body = _client(world.user("consulent")).get(base).json()
    assert body["current_version"] == version.pk
    assert body["progress"]["drawn_up"] is True and body["progress"]["parents_consented"] is False
    assert [a["payer"] for a in body["versions"][0]["actions"]] == ["school", "swv"]
    response = _client(world.user("ouder")).post(
        base + f"versions/{version.pk}/consent/", {"decision": "instemming"}, format="json"
    )
    assert response.status_code == 201 and response.json()["channel"] == "kring"
    assert _client(world.user("ib")).get(base).json()["progress"]["parents_consented"] is True
