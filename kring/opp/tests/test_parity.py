"""The OPP's acts as ONE table, run through the pages AND the API (like kring/access/tests/test_parity.py).

The child is enrolled at the world's school (sbo) and has a version drawn up by the school. Each row is
a person; the set says which acts they may perform, every other act must be refused on both surfaces:

- view: the OPP page answers 200 | GET /api/v1/children/<id>/opp/ answers 200;
- draw_up: a new version is accepted (a redirect) | 201;
- consent: the parent's own decision (the family's page) | POST .../consent/ 201;
- paper_consent: the school records a signed form | POST .../consent/ with on_paper 201;
- evaluate: an evaluation is accepted | 201;
- handelingsverlegen: the declaration is accepted | 201.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from kring.accounts.roles import Role
from kring.accounts.testing import login_verified
from kring.children.models import Gezag, LegalRepresentative
from kring.core.testing import make_user
from kring.opp.testing import draw_up, enrolled_world

pytestmark = pytest.mark.django_db

ACTS = ("view", "draw_up", "consent", "paper_consent", "evaluate", "handelingsverlegen")
SCHOOL = frozenset({"view", "draw_up", "paper_consent", "evaluate", "handelingsverlegen"})
READ = frozenset({"view"})
NOTHING: frozenset[str] = frozenset()

TABLE: dict[str, frozenset[str]] = {
    "ib": SCHOOL,  # the school draws up the OPP (WPO art. 40a)
    "schoolleider": SCHOOL,
    "consulent": READ,  # the SWV of the region reads
    "lpa": READ,
    "ouder": frozenset({"view", "consent"}),  # a parent with gezag consents (OPP-04)
    "ouder_zonder_gezag": READ,  # reads (BW 1:377c), does not consent (BW 1:245)
    "other_ib": NOTHING,
    "other_ouder": NOTHING,
    "jeugdhulp": NOTHING,
    "beheerder": NOTHING,
    "anonymous": NOTHING,
}


@pytest.fixture
def setup(db: Any) -> Any:
    world = enrolled_world()
    people = dict(world.users)
    people["ouder_zonder_gezag"] = make_user(role=Role.OUDER, last_name="Zonder")
    LegalRepresentative.objects.create(
        child=world.child, name="Tom", user=people["ouder_zonder_gezag"], gezag=Gezag.GEEN_GEZAG
    )
    version = draw_up(world)
    return world, people, version


def _day(days: int = 0) -> str:
    return (timezone.localdate() - timedelta(days=days)).isoformat()


def _version_post(world: Any) -> dict[str, Any]:
    return {
        "school": world.school.pk,
        "vastgesteld_on": _day(),
        "change_reason": "Een doel erbij.",
        "needs": "Rust en korte instructies.",
        "uitstroomperspectief": "vmbo kader",
        "onderbouwing": "Rekenen loopt achter.",
        "goals": "Rekenen op M6.",
        "child_words": "Ik wil in een groepje.",
        "child_input": "niet_veranderd",
    }


EVALUATION = {
    "held_on": _day(),
    "with_parents": True,
    "with_child": True,
    "carried_out": "deels",
    "done": "Het groepje liep.",
    "worked": "Het groepje werkte.",
    "child_words": "Fijn.",
}


def _hv(world: Any) -> dict[str, Any]:
    return {
        "school": world.school.pk,
        "declared_on": _day(),
        "unmet_needs": "Een kleine klas.",
        "opp_explanation": "Het OPP is pas net opgesteld.",
        "parents_involved": "Gesprek met beide ouders.",
        "child_involved": "Ze zegt dat het te druk is.",
        "school_development": "Scholing in een prikkelarme aanpak.",
        "swv_offered": "Een ambulant begeleider.",
        "next_step": "Overleg over een plek in het sbo.",
        "next_step_who": "Consulent van het SWV",
        "next_step_by": (timezone.localdate() + timedelta(days=10)).isoformat(),
    }


def _refused(response: Any) -> bool:
    assert response.status_code < 500, response
    return response.status_code in (401, 403, 404) or (
        response.status_code == 302 and reverse("accounts:login") in response["Location"]
    )


def page_allows(s: Any, person: str, act: str) -> bool:
    world, people, version = s
    client = Client()
    if person != "anonymous":
        login_verified(client, people[person])
    child = world.child
    if act == "view":
        return client.get(reverse("opp:child", args=[child.pk])).status_code == 200
    if act == "draw_up":
        data = _version_post(world) | {
            "actions[0].what": "Rekenen in een groepje",
            "actions[0].who": "RT",
            "actions[0].how_often": "2x per week",
            "actions[0].payer": "school",
        }
        path = reverse("opp:new", args=[child.pk])
    elif act == "consent":
        path, data = reverse("portal:opp", args=[child.pk, version.pk]), {"decision": "instemming"}
    elif act == "paper_consent":
        path = reverse("opp:paper_consent", args=[child.pk, version.pk])
        data = {"representative": world.parent_rep.pk, "decision": "instemming", "given_on": _day()}
    elif act == "evaluate":
        path, data = reverse("opp:evaluation", args=[child.pk, version.pk]), EVALUATION
    else:
        path, data = reverse("opp:handelingsverlegen", args=[child.pk]), _hv(world)
    response = client.post(path, {k: ("on" if v is True else v) for k, v in data.items()})
    return not _refused(response) and response.status_code == 302


def api_allows(s: Any, person: str, act: str) -> bool:
    world, people, version = s
    client = APIClient()
    if person != "anonymous":
        client.force_authenticate(people[person])
    base = f"/api/v1/children/{world.child.pk}/opp/"
    if act == "view":
        return client.get(base).status_code == 200
    if act == "draw_up":
        data = _version_post(world) | {
            "actions": [{"what": "Rekenen in een groepje", "who": "RT", "how_often": "2x", "payer": "school"}]
        }
        return client.post(base + "versions/", data, format="json").status_code == 201
    if act == "consent":
        response = client.post(
            base + f"versions/{version.pk}/consent/", {"decision": "instemming"}, format="json"
        )
        return response.status_code == 201
    if act == "paper_consent":
        data = {
            "decision": "instemming",
            "on_paper": True,
            "given_on": _day(),
            "representative": world.parent_rep.pk,
        }
        return client.post(base + f"versions/{version.pk}/consent/", data, format="json").status_code == 201
    if act == "evaluate":
        return (
            client.post(base + f"versions/{version.pk}/evaluations/", EVALUATION, format="json").status_code
            == 201
        )
    return client.post(base + "handelingsverlegen/", _hv(world), format="json").status_code == 201


def _isolated(check: Callable[[], bool]) -> bool:
    with transaction.atomic():
        result = check()
        transaction.set_rollback(True)
    return result


@pytest.mark.parametrize("person", sorted(TABLE))
def test_page_and_api_agree_with_the_opp_table(setup: Any, person: str) -> None:
    wrong: list[str] = []
    for act in ACTS:
        expected = act in TABLE[person]
        for surface, check in (("page", page_allows), ("api", api_allows)):
            got = _isolated(lambda check=check, act=act: check(setup, person, act))  # type: ignore[misc]
            if got != expected:
                wrong.append(f"{surface} {act}: {'allowed' if got else 'refused'}, expected {expected}")
    assert not wrong, f"{person}:\n" + "\n".join(wrong)
