"""Browser: a child registered without a case can be found (issue 8).

Given a child the leerplichtambtenaar registered without opening a case, when she opens "Kinderen"
in the menu and searches for part of the name, then the child is listed with a link to open a case;
registering the same child again warns first, and keeps what she typed.
"""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.cases.testing import World, make_world
from kring.children.services import create_child
from kring.core.testing import DEFAULT_PASSWORD

from .helpers import assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db: None, settings: Settings) -> World:
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    world = make_world()
    create_child(
        actor=world.user("lpa"),
        first_name="Mila",
        last_name="Zonder-Casus",
        birth_date=date(2013, 6, 1),
        postcode="3511AB",
        gemeente=world.gemeente,
        vakantieregio="midden",
    )
    return world


def test_a_child_without_a_case_is_found_and_a_second_registration_warns(page: Page, world: World) -> None:
    log_in(page, username=world.user("lpa").username, password=DEFAULT_PASSWORD)
    page.get_by_role("navigation").get_by_role("link", name="Kinderen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kinderen")
    assert_no_axe_violations(page)

    page.get_by_label("Zoek op naam of BSN").fill("zonder")
    page.get_by_role("button", name="Zoek").click()
    expect(page.get_by_role("heading", name="1 kind")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Mila Zonder-Casus")
    expect(row.get_by_role("link", name="Casus openen voor Mila")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Nieuw kind registreren").click()
    page.get_by_label("Voornaam").fill("Mila")
    page.get_by_label("Achternaam").fill("Zonder-Casus")
    page.get_by_label("Geboortedatum").fill("2013-06-01")
    page.get_by_label("Postcode").fill("3511 AB")
    page.get_by_label("Vakantieregio").select_option(label="Midden")
    page.get_by_label("Naam", exact=True).first.fill("Joke Zonder-Casus")
    page.get_by_role("button", name="Registreren en casus openen").click()
    expect(page.locator("#id_confirm_duplicate_error")).to_contain_text(
        "Er is al een kind met deze naam en geboortedatum"
    )
    expect(page.get_by_label("Naam", exact=True).first).to_have_value("Joke Zonder-Casus")
    assert_no_axe_violations(page)

    page.get_by_label("Toch registreren").check()
    page.get_by_role("button", name="Registreren en casus openen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Casus openen")
    assert_no_axe_violations(page)
