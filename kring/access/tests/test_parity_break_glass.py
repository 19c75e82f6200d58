"""Toegang in een noodgeval through the parity table's two surfaces (page and API): a leerplicht-
ambtenaar of another gemeente is refused everything before, reads the whole file (and changes
nothing) while the period lasts, and is refused everything again after it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kring.access import policy
from kring.cases.models import Visibility
from kring.children.models import Child
from kring.privacy.crypto import bsn_lookup_hash, encrypt_bsn
from kring.privacy.models import BreakGlassAccess
from kring.privacy.services import open_break_glass

from .test_parity import ACTS, FAMILY_ONLY, NOTHING, READS, Setup, _isolated, api_allows, page_allows
from .test_parity import setup as setup

pytestmark = pytest.mark.django_db

BSN = "111222333"
PROFESSIONAL_READS = frozenset(READS) - FAMILY_ONLY

# (moment, the scope the policy gives, what is allowed): the rows of the break-glass policy.
TABLE = [
    ("before", "-", NOTHING),  # not in the circle, no statutory task for this child: invisible
    ("during", Visibility.VOLLEDIG, PROFESSIONAL_READS),  # reads the whole file, changes nothing
    ("after", "-", NOTHING),  # the period has ended: invisible again
]


def _check(setup: Setup, person: str, expected: frozenset[str]) -> list[str]:
    wrong = []
    for act in ACTS:
        for surface, check in (("page", page_allows), ("api", api_allows)):
            got = _isolated(lambda check=check, act=act: check(setup, person, act))  # type: ignore[misc]
            if got != (act in expected):
                wrong.append(f"{surface} {act}: {'allowed' if got else 'refused'}")
    setup.pages.clear()
    return wrong


def test_break_glass_before_during_and_after(setup: Setup) -> None:
    person = "other_lpa"
    user = setup.people[person]
    Child.objects.filter(pk=setup.world.child.pk).update(
        bsn_encrypted=encrypt_bsn(BSN), bsn_hash=bsn_lookup_hash(BSN)
    )
    wrong: list[str] = []
    for moment, scope, allowed in TABLE:
        if moment == "during":
            grant = open_break_glass(
                actor=user, bsn=BSN, reason="Melding over de veiligheid van het kind vannacht."
            )
        if moment == "after":
            BreakGlassAccess.objects.filter(pk=grant.pk).update(
                starts_at=timezone.now() - timedelta(hours=25), ends_at=timezone.now() - timedelta(hours=1)
            )
        got_scope = policy.case_view_scope(user, setup.case) or "-"
        if got_scope != scope:
            wrong.append(f"{moment}: scope {got_scope}, the table says {scope}")
        wrong += [f"{moment}: {line}" for line in _check(setup, person, allowed)]
    assert not wrong, "\n".join(wrong)
