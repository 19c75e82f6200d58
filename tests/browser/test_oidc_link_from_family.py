"""Browser journey: a parent who logs in with a password links their DigiD from the family's home
page (against the fake OpenID Connect provider on 127.0.0.1) and can then log in with it. Axe on
every page."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.accounts.oidc import provider
from kring.accounts.oidc.models import ExternalIdentity
from kring.accounts.oidc.testing import FakeIdentityProvider, configure
from kring.core.testing import DEFAULT_PASSWORD
from kring.portal.tests.world import make_family_world
from kring.settings.base import oidc_form_action

from .helpers import assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def idp(settings: Settings, live_server: Any, transactional_db: None) -> Iterator[FakeIdentityProvider]:
    with FakeIdentityProvider() as server:
        provider.reset_caches()
        configure(settings, server)
        settings.KRING_BASE_URL = live_server.url
        settings.KRING_REQUIRE_2FA = True
        policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
        policy["DIRECTIVES"]["form-action"] += oidc_form_action(server.issuer, [])  # as base.py does
        settings.CONTENT_SECURITY_POLICY = policy
        yield server
        provider.reset_caches()


def test_a_parent_links_their_digid_from_the_family_page(page: Page, idp: FakeIdentityProvider) -> None:
    fw = make_family_world()
    parent = fw.world.user("ouder")
    log_in(page, username=parent.username, password=DEFAULT_PASSWORD)
    page.goto("/casussen/gezin/")
    link = page.get_by_role("link", name="Koppel je DigiD")
    expect(link).to_be_visible()
    assert_no_axe_violations(page)
    with page.expect_navigation(url=re.compile(r"/$")):
        link.click()
    expect(page.get_by_text("Je account is gekoppeld.", exact=False)).to_be_visible()
    assert ExternalIdentity.objects.filter(user=parent).exists()
    page.goto("/casussen/gezin/")
    expect(page.get_by_text("Je account is gekoppeld aan DigiD.", exact=False)).to_be_visible()
    expect(page.get_by_role("link", name="Koppel je DigiD")).to_have_count(0)
    assert_no_axe_violations(page)
