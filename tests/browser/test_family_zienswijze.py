"""Browser journey of the family's own voice (issue 11, item 3).

Given a child with a case and an overleg, when the parent opens "Jouw kijk hierop" under the overleg
on the family's view, writes their view and saves it, then it stands beside the overleg, marked as
the family's view with their name; and the leerplichtambtenaar sees it beside the same overleg on
the case page. Axe on every page.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.cases import services
from kring.core.testing import DEFAULT_PASSWORD
from kring.portal.tests.world import make_family_world

from .helpers import assert_no_axe_violations, log_in, screenshot

pytestmark = pytest.mark.browser

VIEW = "Wij willen dat Noor eerst twee ochtenden gaat, niet drie."


@pytest.fixture
def no_two_factor(settings: Settings) -> Settings:
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    return settings


def test_a_parent_adds_a_view_to_an_overleg_and_the_professional_sees_it(
    page: Page, no_two_factor: Settings
) -> None:
    fw = make_family_world()
    child = fw.world.child
    meeting = services.record_meeting(
        actor=fw.world.user("lpa"),
        case=fw.case,
        held_on=fw.today,
        parents_present=True,
        child_present=True,
        notes="Besproken hoe Noor weer naar school kan.",
    )
    log_in(page, username=fw.world.user("ouder").username, password=DEFAULT_PASSWORD)
    page.goto(f"/casussen/gezin/{child.pk}/")
    form = page.locator(f"#zienswijze-overleg-{meeting.pk}")
    form.get_by_text("Jouw kijk hierop").first.click()
    form.get_by_label("Jouw kijk hierop").fill(VIEW)
    assert_no_axe_violations(page)
    form.get_by_role("button", name="Opslaan in het dossier").click()

    expect(page).to_have_url(f"/casussen/gezin/{child.pk}/#zienswijze-overleg-{meeting.pk}")
    voices = page.locator(".kring-meeting [data-zienswijzen]")
    expect(voices).to_contain_text("De kijk van het gezin (zienswijze)")
    expect(voices).to_contain_text(VIEW)
    expect(voices).to_contain_text("Sanne Ouder")
    screenshot(page, "family-zienswijze")
    assert_no_axe_violations(page)

    # The professional sees it beside the overleg on the case page.
    page.context.clear_cookies()
    log_in(page, username=fw.world.user("lpa").username, password=DEFAULT_PASSWORD)
    page.goto(f"/casussen/{fw.case.pk}/")
    beside = page.locator(f'#overleg article[aria-labelledby="overleg-{meeting.pk}"] [data-zienswijzen]')
    expect(beside).to_contain_text(VIEW)
    expect(beside).to_contain_text("De kijk van het gezin (zienswijze)")
    assert_no_axe_violations(page)
