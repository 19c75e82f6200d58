"""The family's home page offers "Koppel je DigiD" to a parent or child who logs in with a
password, only when OIDC is configured (a page promises only what exists); once linked it says so."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kring.access import ages
from kring.accounts.oidc.models import ExternalIdentity
from kring.accounts.testing import login_verified
from kring.cases.testing import make_world

from .helpers import link, log_in_through

LINK = "?koppelen=1"
ENTRY = "Koppel je DigiD"


@pytest.fixture
def world(db: Any) -> Any:
    return make_world()


def _family_page(client: Client) -> str:
    return client.get(reverse("portal:family")).content.decode()


def test_without_oidc_the_family_page_promises_no_digid(world: Any, settings: Any) -> None:
    settings.KRING_OIDC_ISSUER = ""
    client = Client()
    login_verified(client, world.user("ouder"))
    page = _family_page(client)
    assert ENTRY not in page and "DigiD" not in page


def test_a_parent_links_their_digid_from_the_family_page(world: Any, idp: Any) -> None:
    parent = world.user("ouder")
    client = Client()
    login_verified(client, parent)
    page = _family_page(client)
    start = reverse("oidc:start") + LINK
    assert ENTRY in page and f'href="{start}"' in page
    response = log_in_through(client, koppelen="1")  # what the link starts: to the provider and back
    assert response.status_code == 302
    assert ExternalIdentity.objects.get(user=parent).linked_via == "account"
    page = _family_page(client)
    assert ENTRY not in page
    assert "Je account is gekoppeld aan DigiD." in page


def test_a_child_of_13_sees_the_entry_on_their_own_page(world: Any, idp: Any) -> None:
    child = world.child
    child.birth_date = ages.born_on_or_before(13, timezone.localdate()) - timedelta(days=40)
    child.account = world.user("leerling")
    child.save(update_fields=["birth_date", "account"])
    client = Client()
    login_verified(client, world.user("leerling"))
    page = client.get(reverse("portal:own")).content.decode()
    assert ENTRY in page and reverse("oidc:start") + LINK in page


def test_a_linked_account_is_not_asked_again(world: Any, idp: Any) -> None:
    parent = world.user("ouder")
    link(parent, idp)
    client = Client()
    login_verified(client, parent)
    page = _family_page(client)
    assert ENTRY not in page and "Je account is gekoppeld aan DigiD." in page
