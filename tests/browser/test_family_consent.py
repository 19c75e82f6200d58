"""Browser journey of consent (issue 11, item 5).

Given a child with a case and a youth-care worker in its circle with the whole file, when a parent
gives consent for youth care for three months (a form, then a confirmation page), the youth-care
worker sees the shared part (the plan) on the case page; when the parent revokes it (a confirmation
page), the youth-care worker is denied at once; and the family's logbook shows the youth-care
worker's views with the purpose "Met toestemming van het gezin". Axe on every page.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.accounts.roles import Role
from kring.cases import services
from kring.cases.models import MemberKind, Visibility
from kring.core.testing import DEFAULT_PASSWORD, make_user
from kring.portal.tests.world import GOALS, make_family_world

from .helpers import assert_no_axe_violations, log_in, screenshot

pytestmark = pytest.mark.browser

PURPOSE = "Gezinsbegeleiding thuis, zodat Noor weer naar school kan."


@pytest.fixture
def no_two_factor(settings: Settings) -> Settings:
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    return settings


def _three_months_on(day):  # the same day three months later (the 28th at most: every month has it)
    month = day.month + 3
    return day.replace(year=day.year + (month - 1) // 12, month=(month - 1) % 12 + 1, day=min(day.day, 28))


def test_a_parent_gives_consent_to_youth_care_and_revokes_it(page: Page, no_two_factor: Settings) -> None:
    fw = make_family_world()
    child = fw.world.child
    jeugdhulp = make_user(role=Role.JEUGDHULPVERLENER, first_name="Jesse", last_name="Jeugdhulp")
    services.add_circle_member(
        actor=fw.world.user("lpa"),
        case=fw.case,
        kind=MemberKind.JEUGDHULP,
        user=jeugdhulp,
        joined_on=fw.today,
        visibility=Visibility.VOLLEDIG,
    )
    parent = fw.world.user("ouder")
    case_url = f"/casussen/{fw.case.pk}/"

    # Before: youth care sees the circle, not the plan.
    log_in(page, username=jeugdhulp.username, password=DEFAULT_PASSWORD)
    page.goto(case_url)
    expect(page.locator('[data-refusal="plan"]')).to_contain_text("niet met jou gedeeld")
    expect(page.locator("#plan")).not_to_contain_text(GOALS)
    expect(page.locator("#toestemming")).to_contain_text("alleen met toestemming van het gezin")
    assert_no_axe_violations(page)

    # The parent gives consent for three months: the form, then the confirmation page.
    page.context.clear_cookies()
    log_in(page, username=parent.username, password=DEFAULT_PASSWORD)
    page.goto(f"/casussen/gezin/{child.pk}/")
    page.get_by_role("link", name=f"Naar de toestemmingen voor {child.first_name}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Toestemming")
    expect(page.locator("#geen-toestemming-nodig")).to_contain_text("Hiervoor is geen toestemming nodig")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Toestemming geven").click()
    page.get_by_label("Met wie deel je?").select_option(
        label=f"{jeugdhulp.display_name} ({jeugdhulp.organisation.name})"
    )
    page.get_by_label("Waarvoor mag de ontvanger de gegevens gebruiken?").fill(PURPOSE)
    page.get_by_label("Het plan: het ontwikkelperspectief en de route").check()
    page.get_by_label("Tot en met").fill(_three_months_on(fw.today).isoformat())
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Klopt dit?")
    expect(page.locator("main")).to_contain_text(PURPOSE)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Ja, ik geef toestemming").click()
    expect(page.locator("#toestemming-running")).to_contain_text(jeugdhulp.display_name)
    screenshot(page, "family-consent-given")
    assert_no_axe_violations(page)

    # Youth care now sees the plan.
    page.context.clear_cookies()
    log_in(page, username=jeugdhulp.username, password=DEFAULT_PASSWORD)
    page.goto(case_url)
    expect(page.locator("#plan")).to_contain_text(GOALS)
    expect(page.locator("#toestemming")).to_contain_text("Met toestemming van het gezin")
    assert_no_axe_violations(page)

    # The parent revokes it (a confirmation page): at once, youth care is denied.
    page.context.clear_cookies()
    log_in(page, username=parent.username, password=DEFAULT_PASSWORD)
    page.goto(f"/casussen/gezin/{child.pk}/toestemming/")
    page.get_by_role("link", name=f"Toestemming voor {jeugdhulp.display_name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Toestemming intrekken")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Ja, trek de toestemming in").click()
    expect(page.locator("#toestemming-revoked")).to_contain_text(jeugdhulp.display_name)
    assert_no_axe_violations(page)

    page.context.clear_cookies()
    log_in(page, username=jeugdhulp.username, password=DEFAULT_PASSWORD)
    page.goto(case_url)
    expect(page.locator('[data-refusal="plan"]')).to_contain_text("niet met jou gedeeld")
    expect(page.locator("#plan")).not_to_contain_text(GOALS)
    assert_no_axe_violations(page)

    # The family's logbook shows the youth-care worker's views under the consent.
    page.context.clear_cookies()
    log_in(page, username=parent.username, password=DEFAULT_PASSWORD)
    page.goto(f"/casussen/gezin/{child.pk}/logboek/")
    log = page.locator("main")
    expect(log).to_contain_text(jeugdhulp.display_name)
    expect(log).to_contain_text("Met toestemming van het gezin")
    expect(log).to_contain_text("De toestemming om te delen is ingetrokken")
    screenshot(page, "family-consent-logbook")
    assert_no_axe_violations(page)
