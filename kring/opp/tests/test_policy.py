"""Who reads the OPP, who writes it, who consents: the table of `kring.access.policy` (the OPP
section) for a child of 9 enrolled at the world's school. Each row says why."""

from __future__ import annotations

from typing import Any

import pytest

from kring.access import policy
from kring.accounts.roles import Role
from kring.children.models import Gezag, LegalRepresentative
from kring.core.testing import make_user
from kring.opp.testing import enrolled_world

pytestmark = pytest.mark.django_db

# person: (reads, writes, consents)
TABLE: dict[str, tuple[bool, bool, bool]] = {
    "ib": (True, True, False),  # the school draws up the OPP (WPO art. 40a)
    "schoolleider": (True, True, False),
    "consulent": (True, False, False),  # the SWV of the region reads and advises
    "lpa": (True, False, False),  # the leerplichtambtenaar sees the whole file
    "ouder": (True, False, True),  # a parent with gezag consents (OPP-04)
    "ouder_zonder_gezag": (True, False, False),  # reads (BW 1:377c), does not act (BW 1:245)
    "other_ib": (False, False, False),
    "other_ouder": (False, False, False),
    "jeugdhulp": (False, False, False),  # no circle: nothing
    "beheerder": (False, False, False),
    "inspecteur": (False, False, False),
}


@pytest.fixture
def people(db: Any) -> Any:
    world = enrolled_world()
    users = dict(world.users)
    users["ouder_zonder_gezag"] = make_user(role=Role.OUDER, last_name="Zonder")
    LegalRepresentative.objects.create(
        child=world.child, name="Tom", user=users["ouder_zonder_gezag"], gezag=Gezag.GEEN_GEZAG
    )
    return world, users


@pytest.mark.parametrize("person", sorted(TABLE))
def test_the_opp_table(people: Any, person: str) -> None:
    world, users = people
    user, child = users[person], world.child
    got = (
        policy.may_view_opp(user, child),
        policy.may_write_opp(user, child),
        policy.may_consent_opp(user, child),
    )
    assert got == TABLE[person]


def test_the_pupil_consents_from_18(people: Any) -> None:
    from datetime import date

    world, _users = people
    pupil = make_user(role=Role.LEERLING, last_name="Pupil")
    child = world.child
    child.account = pupil
    child.birth_date = date(2006, 1, 1)
    child.save(update_fields=["account", "birth_date"])
    assert policy.may_consent_opp(pupil, child) is True
    child.birth_date = date(2010, 1, 1)  # 16: the parents still consent to the OPP
    child.save(update_fields=["birth_date"])
    assert policy.may_consent_opp(pupil, child) is False
