"""The family's view of one child: what a parent reads, and what they never see of another family."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kring.accounts.testing import login_verified
from kring.children.duties import days_without_education
from kring.children.selectors import child_timeline
from kring.privacy.models import AuditEvent

from .world import AGREEMENT, GOALS, NEED, NOTE, SIGNAL, FamilyWorld, make_family_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def fw() -> FamilyWorld:
    return make_family_world()


def _page(client: Client, fw: FamilyWorld, person: str = "ouder") -> Any:
    login_verified(client, fw.world.user(person))
    return client.get(reverse("portal:child", args=[fw.world.child.pk]))


def test_the_parent_reads_the_whole_file_in_plain_words(fw: FamilyWorld, client: Client) -> None:
    response = _page(client, fw)
    assert response.status_code == 200
    html = response.content.decode()
    for text in (SIGNAL, GOALS, NEED, AGREEMENT, NOTE, fw.world.parent_rep.name):
        assert text in html, text
    assert "moet uiterlijk" in html and "beslissen over de aanmelding van je kind" in html
    assert "WPO art. 40 lid 6" in html  # the deadline's legal source
    assert 'data-holder="school"' in html and 'data-rule="ZP-05"' in html
    assert "Wat is zorgplicht?" in html  # the legal term explained on the spot
    assert "Wat er met het plan is gebeurd" in html
    assert "Het ontwikkelperspectief" in html and "is vastgesteld" in html


def test_the_school_days_are_the_engines_count(fw: FamilyWorld, client: Client) -> None:
    html = _page(client, fw).content.decode()
    child = fw.world.child
    days = days_without_education(child, list(child_timeline(child)), as_of=fw.today)
    assert days.total > 0
    assert f'data-total-days="{days.total}"' in html


def test_a_parent_of_another_child_gets_the_answer_for_no_child(fw: FamilyWorld, client: Client) -> None:
    other = _page(client, fw, "other_ouder")
    login_verified(client, fw.world.user("other_ouder"))
    missing = client.get(reverse("portal:child", args=[fw.world.child.pk + 1000]))
    assert other.status_code == missing.status_code == 404
    assert _stable(other.content) == _stable(missing.content)
    assert SIGNAL not in other.content.decode()


def test_a_professional_is_sent_to_their_own_pages(fw: FamilyWorld, client: Client) -> None:
    assert _page(client, fw, "lpa").status_code == 403


def test_the_read_is_in_the_logbook(fw: FamilyWorld, client: Client) -> None:
    before = AuditEvent.objects.count()
    _page(client, fw)
    lines = AuditEvent.objects.filter(pk__gt=0).order_by("-pk")[: AuditEvent.objects.count() - before]
    codes = {(e.code, e.purpose, e.child_id) for e in lines}
    child_id = fw.world.child.pk
    assert ("child.viewed", "family_access", child_id) in codes
    assert ("case.viewed", "family_access", child_id) in codes


def test_the_family_overview_links_to_the_childs_view(fw: FamilyWorld, client: Client) -> None:
    login_verified(client, fw.world.user("ouder"))
    html = client.get(reverse("portal:family")).content.decode()
    assert reverse("portal:child", args=[fw.world.child.pk]) in html


def test_a_parent_opening_the_case_page_is_taken_to_the_family_view(fw: FamilyWorld, client: Client) -> None:
    login_verified(client, fw.world.user("ouder"))
    for url in (
        reverse("cases:detail", args=[fw.case.pk]),
        reverse("cases:scenario", args=[fw.case.pk]),
        reverse("cases:open", args=[fw.world.child.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("portal:child", args=[fw.world.child.pk])
    for url in (reverse("cases:list"), reverse("children:list")):
        assert client.get(url)["Location"] == reverse("portal:family")


def test_a_parent_of_another_child_opening_the_case_page_gets_404_as_for_no_case(
    fw: FamilyWorld, client: Client
) -> None:
    login_verified(client, fw.world.user("other_ouder"))
    theirs = client.get(reverse("cases:detail", args=[fw.case.pk]))
    missing = client.get(reverse("cases:detail", args=[fw.case.pk + 1000]))
    assert theirs.status_code == missing.status_code == 404
    assert _stable(theirs.content) == _stable(missing.content)


def test_the_leerplichtambtenaar_sees_what_the_institutions_owe_on_the_case_page(
    fw: FamilyWorld, client: Client
) -> None:
    login_verified(client, fw.world.user("lpa"))
    html = client.get(reverse("cases:detail", args=[fw.case.pk])).content.decode()
    assert 'id="instanties"' in html and 'data-rule="ZP-05"' in html and "data-total-days" in html
    client.logout()
    login_verified(client, fw.world.user("ib"))
    assert 'id="instanties"' not in client.get(reverse("cases:detail", args=[fw.case.pk])).content.decode()


def _stable(html: bytes) -> str:
    """The page without what differs per request (the CSP nonce, the CSRF token)."""
    import re

    text = re.sub(r'(nonce|value|content)="[^"]{16,}"', r'\1="…"', html.decode())
    return re.sub(r"/casussen/(gezin/)?[0-9]+/", "/casussen/…/", text)  # the address asked for
