"""Browser: a date on the timeline that cannot be (issue 8, the "Dates" fix).

Given a case, when the leerplichtambtenaar enters an enrolment dated tomorrow on the child's
timeline, then the page says why next to the date field and keeps what she typed; with the day it
really happened the enrolment is recorded and the child is no longer "absoluut verzuim" since 2021.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.cases import services
from kring.cases.testing import World, make_world
from kring.core.testing import DEFAULT_PASSWORD

from .helpers import assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db: None, settings: Settings) -> World:
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    return make_world()


def test_a_future_enrolment_is_refused_next_to_the_date_and_what_was_typed_stays(
    page: Page, world: World
) -> None:
    case = services.open_case(
        actor=world.user("lpa"),
        child=world.child,
        signal_kind="verzuim",
        signal_description="Het kind is niet op school gezien.",
        opened_on=timezone.localdate() - timedelta(days=7),
    )
    tomorrow = timezone.localdate() + timedelta(days=1)
    log_in(page, username=world.user("lpa").username, password=DEFAULT_PASSWORD)
    page.goto(f"/casussen/{case.pk}/")
    page.get_by_label("Gebeurtenis toevoegen").select_option(label="Inschrijving")
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", level=2)).to_have_text("Inschrijving")

    page.get_by_label("Datum", exact=True).fill(tomorrow.isoformat())
    page.get_by_label("School", exact=True).select_option(label="Een school die niet in de lijst staat")
    page.get_by_label("Naam van de school als die niet in de lijst staat").fill("De Linde")
    page.get_by_label("Soort onderwijs").select_option(label="Basisonderwijs (po)")
    page.get_by_role("button", name="Vastleggen").click()

    # The message is next to the date field, tied to it for assistive technology.
    error = page.locator("#id_date_error")
    expect(error).to_contain_text("Deze datum ligt in de toekomst. Dit is al gebeurd")
    date_input = page.get_by_label("Datum", exact=True)
    expect(date_input).to_have_attribute("aria-describedby", "id_date_error")
    # What was typed is still there.
    expect(date_input).to_have_value(tomorrow.isoformat())
    expect(page.get_by_label("Naam van de school als die niet in de lijst staat")).to_have_value("De Linde")
    expect(page.get_by_label("Soort onderwijs")).to_have_value("po")
    assert_no_axe_violations(page)

    # With the day it really happened, it is recorded; the engine sees the enrolment.
    date_input.fill(date(2021, 9, 1).isoformat())
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_role("status").first).to_contain_text("Inschrijving is vastgelegd op de tijdlijn")
    expect(page.locator("#tijdlijn [data-type='inschrijving']")).to_contain_text("De Linde")
    expect(page.locator("#beoordeling")).not_to_contain_text("Absoluut verzuim")
    assert_no_axe_violations(page)
