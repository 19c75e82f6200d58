"""Browser journeys: log in (with and without two-factor), the home page, English, accessibility."""

from __future__ import annotations

import re
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.accounts.models import User
from kring.accounts.roles import Role
from kring.accounts.testing import make_totp_device
from kring.core.testing import DEFAULT_PASSWORD, make_organisation, make_user
from kring.organisations.models import OrganisationKind

from .helpers import assert_no_axe_violations, log_in, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def anne(transactional_db: None) -> User:
    school = make_organisation(kind=OrganisationKind.SCHOOL, name="Basisschool De Vlinder")
    return make_user(
        role=Role.INTERN_BEGELEIDER,
        organisation=school,
        username="anne",
        first_name="Anne",
        last_name="de Vries",
    )


@pytest.fixture
def demo_settings(settings: Settings) -> Settings:
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    return settings


def test_login_page_is_accessible(page: Page, demo_settings: Settings) -> None:
    page.goto("/account/inloggen/")
    expect(page).to_have_title(re.compile("Inloggen"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_text("Tweestapsverificatie staat uit.", exact=True)).to_be_visible()
    screenshot(page, "login")
    assert_no_axe_violations(page)


def test_login_errors_are_accessible_and_keep_the_username(
    page: Page, anne: User, demo_settings: Settings
) -> None:
    page.goto("/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("anne")
    page.get_by_label("Wachtwoord").fill("niet-goed")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("De gebruikersnaam of het wachtwoord klopt niet.")
    expect(page.get_by_label("Gebruikersnaam")).to_have_value("anne")
    expect(page.get_by_label("Wachtwoord")).to_have_value("")
    screenshot(page, "login-error")
    assert_no_axe_violations(page)


def test_intern_begeleider_logs_in_and_sees_home(page: Page, anne: User, demo_settings: Settings) -> None:
    # Given the demo (two-factor off), when Anne logs in with her password,
    log_in(page, username="anne", password=DEFAULT_PASSWORD)
    # then she sees her name, role and school, and an empty agenda.
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom, Anne de Vries")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Intern begeleider / zorgcoördinator · Basisschool De Vlinder")
    expect(page.get_by_role("heading", name="Agenda")).to_be_visible()
    expect(main).to_contain_text("Er staat niets op je agenda.")
    expect(
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Home")
    ).to_have_attribute("aria-current", "page")
    expect(page.get_by_text("Demo-omgeving:")).to_be_visible()
    screenshot(page, "home")
    assert_no_axe_violations(page)

    # And she can log out.
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("status")).to_contain_text("Je bent uitgelogd.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen bij Kring")


def test_login_with_two_factor(page: Page, anne: User, settings: Settings) -> None:
    settings.KRING_REQUIRE_2FA = True
    device = make_totp_device(anne)
    page.goto("/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("anne")
    page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vul je code in")
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_have_count(0)
    assert_no_axe_violations(page)
    # A wrong code first: a clear error, still on the code step.
    page.get_by_label("Code uit je app").fill("12ab56")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul precies 6 cijfers in")
    screenshot(page, "otp-error")
    assert_no_axe_violations(page)
    from kring.accounts.testing import totp_code

    page.get_by_label("Code uit je app").fill(totp_code(device))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom, Anne de Vries")
    assert_no_axe_violations(page)


def test_first_login_sets_up_two_factor_with_the_shown_key(
    page: Page, anne: User, settings: Settings
) -> None:
    settings.KRING_REQUIRE_2FA = True
    # The password alone does not let anyone connect an app to the account ...
    page.goto("/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("anne")
    page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Je hebt een inschrijflink nodig")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Uitloggen").click()
    # ... the one-time link the functioneel beheerder sends does.
    from urllib.parse import urlsplit

    from kring.accounts.services import issue_enrolment_link

    page.goto(urlsplit(issue_enrolment_link(actor=None, user=anne)).path)
    page.get_by_label("Gebruikersnaam").fill("anne")
    page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie instellen")
    qr = page.get_by_role("img", name="QR-code om Kring toe te voegen aan je authenticator-app")
    expect(qr).to_be_visible()
    # Visible is not loaded: wait until the browser has decoded the image (fails after the timeout).
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
    screenshot(page, "otp-setup")
    assert_no_axe_violations(page)
    # Like an authenticator app: take the key as shown on the page, compute the code from it.
    secret = page.locator("#otp-secret").inner_text().replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key)
    page.get_by_label("Code uit je app").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="Instellen en inloggen").click()
    expect(page.get_by_role("status")).to_contain_text("Tweestapsverificatie is ingesteld.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom, Anne de Vries")


def test_switch_to_english_and_back(page: Page, anne: User, demo_settings: Settings) -> None:
    log_in(page, username="anne", password=DEFAULT_PASSWORD)
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Anne de Vries")
    expect(page.get_by_role("main")).to_contain_text("There is nothing on your agenda.")
    screenshot(page, "home-en")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Nederlands").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom, Anne de Vries")


def test_keyboard_skip_link_goes_to_the_content(page: Page, anne: User, demo_settings: Settings) -> None:
    log_in(page, username="anne", password=DEFAULT_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom, Anne de Vries")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_lockout_page_is_accessible(page: Page, anne: User, demo_settings: Settings) -> None:
    page.goto("/account/inloggen/")
    for attempt in range(5):
        page.get_by_label("Gebruikersnaam").fill("anne")
        page.get_by_label("Wachtwoord").fill(f"fout-{attempt}")
        page.get_by_role("button", name="Inloggen").click()
        if attempt < 4:
            expect(page.get_by_role("alert")).to_contain_text("klopt niet")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen is tijdelijk geblokkeerd")
    screenshot(page, "locked-out")
    assert_no_axe_violations(page)


def test_kring_own_csp_blocks_nothing_on_its_pages(
    strict_page: Page, csp_errors: list[str], anne: User, demo_settings: Settings
) -> None:
    log_in(strict_page, username="anne", password=DEFAULT_PASSWORD)
    expect(strict_page.get_by_role("heading", level=1)).to_have_text("Welkom, Anne de Vries")
    strict_page.goto("/bestaat-niet/")
    expect(strict_page.get_by_role("heading", level=1)).to_have_text("Deze pagina bestaat niet")
    assert csp_errors == []


def test_the_home_agenda_says_up_to_which_day_it_looks(
    page: Page, anne: User, demo_settings: Settings
) -> None:
    log_in(page, username="anne", password=DEFAULT_PASSWORD)
    page.goto("/")
    horizon = page.locator(".kring-agenda__horizon")
    expect(horizon).to_contain_text("De agenda toont wat de komende 7 dagen moet gebeuren, tot en met ")
    assert_no_axe_violations(page)
