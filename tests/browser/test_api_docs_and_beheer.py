"""The API documentation page and functioneel beheer (/beheer/, Django admin) under Kring's own
Content-Security-Policy and accessibility checks (issue 8).

Given a logged-in person, when she opens /api/v1/docs/, then the self-hosted Swagger UI shows the
operations, Kring's CSP blocks nothing, and axe finds nothing. Given a superuser, the admin's login
page, home, a list and a change form pass axe like Kring's own pages.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.accounts.models import User
from kring.cases.testing import World, make_world
from kring.core.testing import DEFAULT_PASSWORD

from .helpers import assert_no_axe_violations, log_in, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db: None, settings: Settings) -> World:
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    return make_world()


@pytest.fixture
def superuser(world: World) -> User:
    return User.objects.create_superuser(username="beheer", password=DEFAULT_PASSWORD, email="b@example.org")


def open_the_api_docs(page: Page, world: World) -> None:
    log_in(page, username=world.user("lpa").username, password=DEFAULT_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")
    page.goto("/api/v1/docs/")
    expect(page.get_by_role("heading", level=1)).to_have_text("API-documentatie")


def then_the_operations_are_listed(page: Page) -> None:
    operations = page.locator(".opblock-summary")
    expect(operations.first).to_be_visible()
    assert operations.count() > 20
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/cases/").first).to_be_visible()


def test_the_api_docs_show_the_operations_under_kring_csp(
    strict_page: Page, csp_errors: list[str], world: World
) -> None:
    open_the_api_docs(strict_page, world)
    then_the_operations_are_listed(strict_page)
    assert csp_errors == []


def test_the_api_docs_pass_axe(page: Page, world: World) -> None:
    open_the_api_docs(page, world)
    then_the_operations_are_listed(page)
    screenshot(page, "api-docs")
    assert_no_axe_violations(page)
    # An operation opened shows its parameters and answers; that passes, too.
    page.locator(".opblock-summary-control", has_text="/api/v1/cases/").first.click()
    expect(page.locator(".opblock-body").first).to_be_visible()
    assert_no_axe_violations(page)


def test_the_old_redoc_address_leads_to_the_docs(page: Page, world: World) -> None:
    open_the_api_docs(page, world)
    page.goto("/api/v1/redoc/")
    expect(page).to_have_url(f"{page.url.split('/api/')[0]}/api/v1/docs/")
    then_the_operations_are_listed(page)


def test_functioneel_beheer_pages_pass_axe(
    page: Page, strict_page: Page, csp_errors: list[str], world: World, superuser: User
) -> None:
    page.goto("/beheer/")  # login-protected: the admin's own login page
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen voor functioneel beheer")
    assert_no_axe_violations(page)

    log_in(page, username="beheer", password=DEFAULT_PASSWORD)
    page.goto("/beheer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Websitebeheer")
    assert_no_axe_violations(page)

    page.goto("/beheer/accounts/user/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("gebruiker")
    assert_no_axe_violations(page)

    page.goto("/beheer/organisations/organisation/")
    assert_no_axe_violations(page)

    lpa = world.user("lpa")
    page.goto(f"/beheer/accounts/user/{lpa.pk}/change/")
    expect(page.get_by_role("heading", level=2, name=lpa.username)).to_be_visible()
    expect(page.get_by_label("Rol")).to_be_visible()
    screenshot(page, "beheer-user-change")
    assert_no_axe_violations(page)

    page.goto(f"/beheer/accounts/user/{lpa.pk}/delete/")
    assert_no_axe_violations(page)
