"""Downloading the child's whole file (`policy.Act.EXPORT_FILE`) as ONE table, run through the
page's two downloads (PDF and JSON) and the API (`GET /api/v1/children/<id>/export/`).

The family downloads the file themselves: AVG art. 15 and 20 are the rights of the child, exercised
by their legal representatives. A professional who may see the whole file does not export it "for"
the family (403, with the reason); whoever may not see the child gets 404, as for a child that does
not exist. A pupil's account is not linked to a child yet, so a pupil gets nothing (from 16 the child
gets this right once their account is linked). The world is the main parity table's
(`test_parity.make_setup`): one open case with a circle of every scope.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from kring.access import policy
from kring.privacy.models import AuditEvent

from .test_parity import Setup, api_client, make_setup, page_client

pytestmark = pytest.mark.django_db

ALLOW = "allowed"
FORBID = "403"  # visible, but not theirs to download
HIDE = "404"  # not visible: as if the child did not exist
LOGIN = "login"  # not logged in (page: to the login page; API: 401)


@dataclass(frozen=True)
class Row:
    person: str
    relation: str
    expected: str
    api: str = ""  # when the API's answer differs in form (not in outcome) from the page's

    def on(self, surface: str) -> str:
        return self.api if surface == "api" and self.api else self.expected


TABLE: list[Row] = [
    # The child's legal representative co-owns the file and takes it with them.
    Row("ouder", "parent (legal representative) of this child", ALLOW),
    # Professionals who see the whole file (statutory task, circle, mandate): not theirs to export.
    Row("lpa", "leerplichtambtenaar of the gemeente, circle member", FORBID),
    Row("consulent", "SWV consulent of the region", FORBID),
    Row("directeur", "SWV director of the region, mandate holder", FORBID),
    Row("ib", "intern begeleider of the child's school", FORBID),
    Row("schoolleider", "head of the child's school", FORBID),
    Row("jeugdhulp_full", "jeugdhulpverlener, circle member 'volledig'", FORBID),
    Row("jeugdhulp_consent", "jeugdhulpverlener, circle member 'volledig', with consent", FORBID),
    # Circle members with a narrower scope: they see the child, so the refusal is a 403 too.
    Row("steunpunt", "steunpunt worker, circle member 'kring en afspraken'", FORBID),
    Row("jeugdhulp", "jeugdhulpverlener, circle member 'alleen afspraken'", FORBID),
    # Everyone who may not see the child: 404.
    Row("other_ouder", "parent of another child", HIDE),
    Row("other_ib", "intern begeleider of another school", HIDE),
    Row("other_consulent", "SWV consulent of another region", HIDE),
    Row("other_lpa", "leerplichtambtenaar of another gemeente", HIDE),
    Row("beheerder", "functioneel beheerder of the child's SWV", HIDE),
    Row("inspecteur", "inspecteur", HIDE),
    Row("leerling", "a pupil (no account linked to a child yet)", HIDE),
    # A switched-off account: its session no longer logs it in (the page sends it to the login page);
    # the API test authenticates it directly, and then the policy finds nothing for it (404).
    Row("inactive", "former leerplichtambtenaar of the gemeente, circle member", LOGIN, api=HIDE),
    Row("anonymous", "nobody", LOGIN),
]


def _outcome(response: Any) -> str:
    assert response.status_code < 500, response
    if response.status_code == 200:
        return ALLOW
    if response.status_code == 404:
        return HIDE
    if response.status_code == 401 or (
        response.status_code == 302 and reverse("accounts:login") in response["Location"]
    ):
        return LOGIN
    if response.status_code == 403:
        return FORBID
    raise AssertionError(f"unexpected answer {response.status_code}")


def _rolled_back(check: Callable[[], str]) -> str:
    """One request in a savepoint that is rolled back: every surface starts from the same data."""
    with transaction.atomic():
        result = check()
        transaction.set_rollback(True)
    return result


def surfaces(s: Setup, person: str) -> dict[str, str]:
    """The outcome of the download for `person` on the page (PDF, JSON) and the API."""
    child = s.world.child
    page = page_client(s, person)
    return {
        "page pdf": _rolled_back(lambda: _outcome(page.get(reverse("portal:download_pdf", args=[child.pk])))),
        "page json": _rolled_back(
            lambda: _outcome(page.get(reverse("portal:download_json", args=[child.pk])))
        ),
        "api": _rolled_back(
            lambda: _outcome(api_client(s, person).get(f"/api/v1/children/{child.pk}/export/"))
        ),
    }


@pytest.fixture
def setup(db: Any) -> Setup:
    return make_setup()


def test_the_table_covers_every_person_of_the_main_table() -> None:
    from .test_parity import TABLE as MAIN

    assert {row.person for row in TABLE} == {row.person for row in MAIN}


@pytest.mark.parametrize("row", TABLE, ids=[row.person for row in TABLE])
def test_page_and_api_agree_with_the_table(setup: Setup, row: Row) -> None:
    if row.person not in ("anonymous", "inactive"):
        allowed = policy.can_child(setup.people[row.person], policy.Act.EXPORT_FILE, setup.world.child)
        assert allowed == (row.expected == ALLOW), row.person
    got = surfaces(setup, row.person)
    assert got == {surface: row.on(surface) for surface in got}, f"{row.person} ({row.relation}): {got}"


def test_a_refused_download_leaves_no_export_line(setup: Setup) -> None:
    page_client(setup, "lpa").get(reverse("portal:download_pdf", args=[setup.world.child.pk]))
    assert not AuditEvent.objects.filter(code="dossier.exported").exists()
