"""Browser journey of a child of 13 (hoorrecht, issue 11): the child logs in, sees their own page in
words for children, writes what they want to say before the next overleg and sends it; it stands on
their page under the next overleg, and the leerplichtambtenaar reads it on the case page. Axe on
every page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.access import ages
from kring.core.testing import DEFAULT_PASSWORD
from kring.portal.tests.world import make_family_world

from .helpers import assert_no_axe_violations, log_in, screenshot

pytestmark = pytest.mark.browser

SAID = "Ik wil eerst een paar ochtenden proberen, niet meteen hele dagen."


@pytest.fixture
def no_two_factor(settings: Settings) -> Settings:
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    return settings


def test_a_child_of_13_says_what_they_want_before_the_next_overleg(
    page: Page, no_two_factor: Settings
) -> None:
    fw = make_family_world()
    child = fw.world.child
    child.birth_date = ages.born_on_or_before(13, timezone.localdate()) - timedelta(days=40)
    child.account = fw.world.user("leerling")
    child.save(update_fields=["birth_date", "account"])

    log_in(page, username=fw.world.user("leerling").username, password=DEFAULT_PASSWORD)
    page.goto("/casussen/gezin/")
    expect(page).to_have_url("/casussen/gezin/ik/")
    assert_no_axe_violations(page)
    page.get_by_label("Wat wil jij zeggen voor het volgende overleg?").fill(SAID)
    page.get_by_role("button", name="Versturen").click()
    expect(page).to_have_url(f"/casussen/gezin/ik/#zienswijze-voor_overleg-{fw.case.pk}")
    said = page.locator("[data-said-before]")
    expect(said).to_contain_text("Wat iemand wil zeggen voor het volgende overleg")
    expect(said).to_contain_text(SAID)
    screenshot(page, "child-before-meeting")
    assert_no_axe_violations(page)

    page.context.clear_cookies()
    log_in(page, username=fw.world.user("lpa").username, password=DEFAULT_PASSWORD)
    page.goto(f"/casussen/{fw.case.pk}/")
    expect(page.locator("#overleg [data-said-before]")).to_contain_text(SAID)
    assert_no_axe_violations(page)
