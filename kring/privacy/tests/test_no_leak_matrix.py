"""No leak of one family's data to another, and no professional access outside the policy (issue 11,
"Security"): every page and endpoint that shows a child's data (the table of
`test_audit_completeness.CHILD_DATA`, which a new URL cannot escape) is opened by every person who
must NOT see this child, and none of them gets the child's file.

The outsiders, each for a reason of their own:

| person          | why they may not see the child                                                 |
| --------------- | ------------------------------------------------------------------------------ |
| other_ouder     | a parent of another child                                                      |
| other_child     | a pupil with their own account: another child's file is not theirs             |
| child_under_12  | the child themself at 10: their own access starts at 12 (ADR 0018)             |
| other_lpa       | the leerplichtambtenaar of another gemeente                                    |
| other_ib        | the intern begeleider of a school where the child is not enrolled nor applied  |
| other_consulent | the consulent of another samenwerkingsverband                                  |
| steunpunt       | the steunpunt sees its own questions, not the file                             |
| inspecteur      | the inspectorate sees aggregates, not a child                                  |
| beheerder       | functioneel beheer configures the region, it reads no file                     |
| anonymous       | nobody logged in                                                               |

"Not seeing" means: the answer is a refusal (401 from the API to nobody, 403, 404), a redirect (to
the login, or the family to their own pages), 405 for a write-only endpoint, or a page without the
child: neither child's name is in it.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kring.access import ages
from kring.accounts.testing import login_verified

from .test_audit_completeness import CHILD_DATA, Region, _ids

pytestmark = pytest.mark.django_db

OUTSIDERS = (
    "other_ouder",
    "other_child",
    "child_under_12",
    "other_lpa",
    "other_ib",
    "other_consulent",
    "steunpunt",
    "inspecteur",
    "beheerder",
    "anonymous",
)

NOT_SHOWN = {302, 401, 403, 404, 405}


def _client(region: Region, who: str) -> Client:
    client = Client()
    if who == "anonymous":
        return client
    if who == "child_under_12":
        child = region.world.child
        user = region.world.user("leerling")
        child.account = user
        child.birth_date = ages.born_on_or_before(10, timezone.localdate()) - timedelta(days=30)
        child.save(update_fields=["account", "birth_date"])
    elif who == "other_child":
        user = region.world.user("leerling")  # a pupil's account, linked to no child of this world
    else:
        user = region.world.user(who)
    login_verified(client, user)
    return client


@pytest.mark.parametrize("name", sorted(CHILD_DATA))
def test_nobody_outside_the_policy_gets_the_childs_data(name: str) -> None:
    region = Region()
    _, args = CHILD_DATA[name]
    ids = _ids(region)
    url = reverse(name, kwargs={("child_id" if a == "child_without_case_id" else a): ids[a] for a in args})
    names = (region.world.child.last_name, region.child_without_case.last_name)
    leaks = []
    for who in OUTSIDERS:
        response = _client(region, who).get(url)
        if response.status_code in NOT_SHOWN:
            if response.status_code == 302:
                assert names[0] not in response["Location"] and names[1] not in response["Location"]
            continue
        body = response.content.decode(errors="replace")
        if response.status_code != 200 or any(n in body for n in names):
            leaks.append(f"{who}: {response.status_code}")
    assert not leaks, f"{name} ({url}) showed the child to: {', '.join(leaks)}"
