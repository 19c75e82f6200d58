"""Browser journey of the family's view of one child (issue 11, items 2 and 7).

Given a child with a case, a plan, an aanmelding at another school and days without education
(kring/portal/tests/world.py), when the parent opens the case page from a link, then they are taken
to the family's view, read the plan, a deadline as a sentence with its legal source, and what the
institutions owe; the legal term opens on the spot. And the leerplichtambtenaar sees the same view
of the institutions' duties on the case page. Axe on every page.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.core.testing import DEFAULT_PASSWORD
from kring.portal.tests.world import AGREEMENT, GOALS, make_family_world

from .helpers import assert_no_axe_violations, log_in, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def no_two_factor(settings: Settings) -> Settings:
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    return settings


def test_a_parent_opens_the_case_page_and_reads_the_family_view(page: Page, no_two_factor: Settings) -> None:
    fw = make_family_world()
    child = fw.world.child
    log_in(page, username=fw.world.user("ouder").username, password=DEFAULT_PASSWORD)

    # When the parent follows a link to the professionals' case page,
    page.goto(f"/casussen/{fw.case.pk}/")
    # then they are on the family's view of their child.
    expect(page).to_have_url(f"/casussen/gezin/{child.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Alles over {child.first_name}")
    main = page.get_by_role("main")

    # The plan in plain words,
    plan = page.locator("#plan")
    expect(plan).to_contain_text(GOALS)
    expect(plan).to_contain_text("Dat is samen met jou en je kind gedaan.")
    expect(plan).to_contain_text("Wat er met het plan is gebeurd")
    # a deadline that protects the child, as a sentence with where it is written,
    deadline = page.locator('#termijnen li[data-rule="ZP-05"]')
    expect(deadline).to_contain_text("moet uiterlijk")
    expect(deadline).to_contain_text("beslissen over de aanmelding van je kind.")
    expect(deadline).to_contain_text("WPO art. 40 lid 6")
    # and what the institutions owe, grouped by who owes it, with the school days without education.
    owed = page.locator("#instanties")
    expect(owed.locator('li[data-holder="school"][data-rule="ZP-05"]')).to_contain_text(
        "Nog niet gedaan, er is nog tijd"
    )
    expect(owed).to_contain_text("Het samenwerkingsverband")
    expect(owed).to_contain_text("De gemeente")
    expect(owed).to_contain_text("schooldagen")
    expect(main).to_contain_text(AGREEMENT)

    # A legal term is explained on the spot.
    term = page.locator('details[data-term="zorgplicht"]').first
    term.locator("summary").click()
    expect(term).to_contain_text("Dat heet zorgplicht.")
    screenshot(page, "family-child-view")
    assert_no_axe_violations(page)

    # The family's overview links to the view.
    page.goto("/casussen/gezin/")
    page.get_by_role(
        "link", name=f"Alles over {child.first_name}: het plan, de termijnen en de tijdlijn"
    ).click()
    expect(page).to_have_url(f"/casussen/gezin/{child.pk}/")
    assert_no_axe_violations(page)


def test_the_leerplichtambtenaar_sees_what_the_institutions_owe(page: Page, no_two_factor: Settings) -> None:
    fw = make_family_world()
    log_in(page, username=fw.world.user("lpa").username, password=DEFAULT_PASSWORD)
    page.goto(f"/casussen/{fw.case.pk}/")
    owed = page.locator("#instanties")
    expect(owed.get_by_role("heading", level=2)).to_have_text("Wat de instanties moeten doen")
    expect(owed.locator('li[data-rule="ZP-05"]')).to_contain_text("Nog niet gedaan, er is nog tijd")
    expect(owed).to_contain_text("schooldagen")
    screenshot(page, "family-lpa-panel")
    assert_no_axe_violations(page)
