"""Browser journey: "Inloggen met DigiD" against the fake OpenID Connect provider on 127.0.0.1, with
Kring's own Content-Security-Policy in force: a linked parent lands logged in (no code from an app),
logs out at the provider too, and an unknown person sees that Kring does not know them yet. Axe on
every page."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.accounts.models import User
from kring.accounts.oidc import provider, services
from kring.accounts.oidc.linking import ExternalLogin
from kring.accounts.oidc.models import LinkedVia
from kring.accounts.oidc.testing import FakeIdentityProvider, configure
from kring.accounts.roles import Role
from kring.core.testing import make_user
from kring.privacy.crypto import subject_lookup_hash
from kring.privacy.models import AuditEvent
from kring.settings.base import oidc_form_action

from .helpers import assert_no_axe_violations, screenshot

pytestmark = pytest.mark.browser

BUTTON = "Inloggen met DigiD (via Testmakelaar)"


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


@pytest.fixture
def parent(idp: FakeIdentityProvider) -> User:
    user = make_user(role=Role.OUDER, username="fatima", first_name="Fatima", last_name="El Amrani")
    login = ExternalLogin(
        issuer=idp.issuer, subject_hash=subject_lookup_hash(idp.issuer, idp.subject), level=None
    )
    services.link_identity(user=user, login=login, via=LinkedVia.BEHEER)
    return user


def test_a_parent_logs_in_with_digid_and_out_again(
    page: Page, idp: FakeIdentityProvider, parent: User
) -> None:
    page.goto("/account/inloggen/")
    button = page.get_by_role("link", name=BUTTON)
    expect(button).to_be_visible()
    assert_no_axe_violations(page)
    screenshot(page, "oidc-login")

    with page.expect_navigation(url=re.compile(r"/$")):
        button.click()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom, Fatima El Amrani")
    assert "/tweede-stap/" not in page.url  # DigiD at level midden: no code from Kring's app
    assert_no_axe_violations(page)
    assert AuditEvent.objects.filter(code="account.oidc_logged_in", actor=parent).exists()

    with page.expect_navigation(url=re.compile(r"/account/inloggen/$")):
        page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_text("Je bent uitgelogd.")).to_be_visible()
    assert idp.logouts and idp.logouts[0]["client_id"] == idp.client_id
    assert AuditEvent.objects.filter(code="account.oidc_logged_out", data__at_provider=True).exists()
    assert_no_axe_violations(page)


def test_kring_s_own_csp_lets_the_login_and_the_logout_go_to_the_provider(
    strict_page: Page, idp: FakeIdentityProvider, parent: User, csp_errors: list[str]
) -> None:
    page = strict_page
    page.goto("/account/inloggen/")
    with page.expect_navigation(url=re.compile(r"/$")):
        page.get_by_role("link", name=BUTTON).click()
    with page.expect_navigation(url=re.compile(r"/account/inloggen/$")):
        page.get_by_role("button", name="Uitloggen").click()  # a form whose answer redirects to the provider
    expect(page.get_by_text("Je bent uitgelogd.")).to_be_visible()
    assert len(idp.logouts) == 1
    assert csp_errors == []


def test_an_unknown_person_and_a_cancelled_login_get_plain_pages(
    page: Page, idp: FakeIdentityProvider
) -> None:
    idp.subject = "iemand-die-kring-niet-kent"
    page.goto("/account/inloggen/")
    page.get_by_role("link", name=BUTTON).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Je bent nog niet bekend in Kring")
    expect(page.get_by_text("Vraag een uitnodiging aan", exact=False)).to_be_visible()
    assert_no_axe_violations(page)
    screenshot(page, "oidc-unknown")

    idp.deny = True
    page.goto("/account/inloggen/")
    page.get_by_role("link", name=BUTTON).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen is niet gelukt")
    expect(page.get_by_role("alert")).to_contain_text("Het inloggen is afgebroken.")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Terug naar inloggen").click()
    expect(page.get_by_role("link", name=BUTTON)).to_be_visible()
