"""The family's acts as ONE table, run through the pages AND the API (like test_parity.py).

The child is 13, enrolled at the world's school, with an open case of the leerplichtambtenaar. Each
row is a person; the set says which of the family's acts they may perform, every other act must be
refused on both surfaces:

- family_page: the page of the child's invitations and gezag | GET .../invitations/ answers 200;
- invite_parent, invite_child, record_gezag: the form is accepted (a redirect) | 201/200;
- act_for_child: the family's page says they may decide for the child | family-rights says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from kring.access import ages
from kring.accounts.models import User
from kring.accounts.roles import Role
from kring.accounts.testing import login_verified
from kring.cases import services
from kring.cases.models import Case, MemberKind, Visibility
from kring.cases.testing import World, make_world
from kring.children.models import Child, Gezag, LegalRepresentative
from kring.children.services import record_event
from kring.core.testing import make_user

pytestmark = pytest.mark.django_db

ACTS = ("family_page", "invite_parent", "invite_child", "record_gezag", "act_for_child")
PROFESSIONAL = frozenset({"family_page", "invite_parent", "invite_child", "record_gezag"})
NOTHING: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Row:
    person: str
    relation: str
    allowed: frozenset[str]


TABLE: list[Row] = [
    # The school (zorgplicht), the SWV of the region and the leerplichtambtenaar invite and record gezag.
    Row("ib", "intern begeleider of the child's school", PROFESSIONAL),
    Row("consulent", "SWV consulent of the region", PROFESSIONAL),
    Row("lpa", "leerplichtambtenaar of the gemeente, opened the case", PROFESSIONAL),
    # Youth care sees the whole file through the circle, but has no statutory task: no invitations.
    Row("jeugdhulp", "jeugdhulpverlener, circle member 'volledig'", NOTHING),
    # A parent with gezag acts for the child under 16 and may invite the child (from 12); they see
    # the invitations they sent (the page), but invite no other parent and record no gezag.
    Row("ouder", "parent with gezag", frozenset({"family_page", "invite_child", "act_for_child"})),
    # A parent without gezag reads the file (art. 1:377c BW) and does nothing for the child.
    Row("ouder_zonder_gezag", "parent without gezag", NOTHING),
    # The child of 13 with their own account: the child-friendly view, no acts.
    Row("kind", "the child's own account (13)", NOTHING),
    Row("other_ouder", "parent of another child", NOTHING),
    Row("other_lpa", "leerplichtambtenaar of another gemeente", NOTHING),
    Row("beheerder", "functioneel beheerder", NOTHING),
    Row("anonymous", "nobody", NOTHING),
]


@dataclass
class Setup:
    world: World
    case: Case
    people: dict[str, User]
    second: LegalRepresentative


def make_setup() -> Setup:
    world = make_world()
    child: Child = world.child
    today = timezone.localdate()
    child.birth_date = ages.born_on_or_before(13, today) - timedelta(days=40)
    kind = make_user(role=Role.LEERLING, first_name=child.first_name, last_name="Kind")
    child.account = kind
    child.save(update_fields=["birth_date", "account"])
    record_event(
        actor=None,
        child=child,
        type="inschrijving",
        date=today - timedelta(days=200),
        data={"sector": "po"},
        school=world.school,
    )
    second_user = make_user(role=Role.OUDER, last_name="Zonder gezag")
    second = LegalRepresentative.objects.create(
        child=child, name="Tom Zonder Gezag", relation="vader", user=second_user, gezag=Gezag.GEEN_GEZAG
    )
    case = services.open_case(
        actor=world.user("lpa"),
        child=child,
        signal_kind="verzuim",
        signal_description="Al weken niet op school.",
        opened_on=today - timedelta(days=20),
    )
    services.add_circle_member(
        actor=world.user("lpa"),
        case=case,
        kind=MemberKind.JEUGDHULP,
        user=world.user("jeugdhulp"),
        joined_on=today - timedelta(days=20),
        visibility=Visibility.VOLLEDIG,
    )
    people = dict(world.users)
    people["kind"] = kind
    people["ouder_zonder_gezag"] = second_user
    return Setup(world, case, people, second)


@pytest.fixture
def setup(db: Any) -> Setup:
    return make_setup()


def _refused(response: Any) -> bool:
    assert response.status_code < 500, response
    if response.status_code in (401, 403, 404):
        return True
    return response.status_code == 302 and reverse("accounts:login") in response["Location"]


def page_allows(s: Setup, person: str, act: str) -> bool:
    client = Client()
    if person != "anonymous":
        login_verified(client, s.people[person])
    child = s.world.child
    if act == "family_page":
        return client.get(reverse("children:family", args=[child.pk])).status_code == 200
    if act == "act_for_child":
        response = client.get(reverse("portal:family"))
        return response.status_code == 200 and "Jij mag beslissen voor" in response.content.decode()
    posts = {
        "invite_parent": (
            reverse("children:invite_parent", args=[child.pk]),
            {"name": "Oma", "email": "o@ex.org"},
        ),
        "invite_child": (reverse("children:invite_child", args=[child.pk]), {"email": "kind@example.org"}),
        "record_gezag": (
            reverse("children:gezag", args=[child.pk, s.second.pk]),
            {f"rep{s.second.pk}-gezag": "gezag"},
        ),
    }
    path, data = posts[act]
    response = client.post(path, data)
    return not _refused(response) and response.status_code == 302


def api_allows(s: Setup, person: str, act: str) -> bool:
    client = APIClient()
    if person != "anonymous":
        client.force_authenticate(s.people[person])
    base = f"/api/v1/children/{s.world.child.pk}/"
    if act == "family_page":
        return client.get(base + "invitations/").status_code == 200
    if act == "act_for_child":
        response = client.get(base + "family-rights/")
        return response.status_code == 200 and response.json()["act_for_child"] is True
    if act == "invite_parent":
        response = client.post(base + "invitations/", {"kind": "ouder", "name": "Oma", "email": "o@ex.org"})
        return response.status_code == 201
    if act == "invite_child":
        response = client.post(base + "invitations/", {"kind": "kind", "email": "kind@example.org"})
        return response.status_code == 201
    response = client.put(base + f"representatives/{s.second.pk}/gezag/", {"gezag": "gezag"}, format="json")
    return response.status_code == 200


def _isolated(check: Callable[[], bool], *, without_child_account: bool = False) -> bool:
    """One request in a savepoint that is rolled back. Inviting the child is tried on a child without
    an account yet (the child of the table has one: a second account is refused to everyone)."""
    with transaction.atomic():
        if without_child_account:
            Child.objects.update(account=None)
        result = check()
        transaction.set_rollback(True)
    return result


def test_the_table_covers_the_family_roles() -> None:
    assert {r.person for r in TABLE} >= {"ouder", "ouder_zonder_gezag", "kind", "lpa", "ib", "consulent"}


@pytest.mark.parametrize("row", TABLE, ids=[row.person for row in TABLE])
def test_page_and_api_agree_with_the_family_table(setup: Setup, row: Row) -> None:
    wrong: list[str] = []
    for act in ACTS:
        expected = act in row.allowed
        for surface, check in (("page", page_allows), ("api", api_allows)):
            got = _isolated(
                lambda check=check, act=act: check(setup, row.person, act),  # type: ignore[misc]
                without_child_account=act == "invite_child" and row.person != "kind",
            )
            if got != expected:
                wrong.append(f"{surface} {act}: {'allowed' if got else 'refused'}, expected {expected}")
    assert not wrong, f"{row.person} ({row.relation}):\n" + "\n".join(wrong)


def test_a_child_of_sixteen_acts_for_themselves_on_both_surfaces(setup: Setup) -> None:
    child = setup.world.child
    child.birth_date = ages.born_on_or_before(16, timezone.localdate()) - timedelta(days=3)
    child.save(update_fields=["birth_date"])
    assert page_allows(setup, "kind", "act_for_child") and api_allows(setup, "kind", "act_for_child")
    assert not page_allows(setup, "ouder", "act_for_child")
    assert not api_allows(setup, "ouder", "act_for_child")
