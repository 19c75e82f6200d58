"""Browser journeys through casusregie, written as small given/when/then steps with the Dutch labels.

The overview journey: an intern begeleider registers a pupil, opens a case on rising absence,
records the absence and sees the assessment on the case page. Every page visited passes axe.
The circle, meeting and plan steps are added to this file by the work pages (reuse the steps).
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.cases.testing import World, make_world
from kring.core.testing import DEFAULT_PASSWORD

from .helpers import assert_no_axe_violations, log_in, screenshot

pytestmark = pytest.mark.browser

CHILD_FIRST, CHILD_LAST = "Mila", "de Wit"


@pytest.fixture
def world(transactional_db: None, settings: Settings) -> World:
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    return make_world()


# ---------------------------------------------------------------- steps


def choose(page: Page, label: str, option_text: str) -> None:
    """Pick the option of the select labelled `label` whose text contains `option_text`."""
    select = page.get_by_label(label)
    text = select.locator("option", has_text=option_text).first.text_content() or ""
    select.select_option(label=text.strip())


def given_logged_in_as(page: Page, world: World, key: str) -> None:
    log_in(page, username=world.user(key).username, password=DEFAULT_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")


def when_she_opens_the_case_list(page: Page) -> None:
    page.goto("/casussen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Casussen")
    assert_no_axe_violations(page)


def then_the_list_is_empty(page: Page) -> None:
    expect(page.get_by_text("Geen casussen gevonden")).to_be_visible()


def when_she_registers_a_child(page: Page, *, school: str) -> None:
    page.get_by_role("link", name="Nieuw kind registreren").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuw kind registreren")
    assert_no_axe_violations(page)
    page.get_by_label("Voornaam").fill(CHILD_FIRST)
    page.get_by_label("Achternaam").fill(CHILD_LAST)
    page.get_by_label("Geboortedatum").fill("2016-04-12")
    page.get_by_label("Postcode").fill("3511 AB")
    page.get_by_label("Vakantieregio").select_option(label="Midden")
    choose(page, "Ingeschreven op", school)
    page.get_by_label("Ingeschreven sinds").fill("2025-09-01")
    parent = page.get_by_role("group", name="Ouder of wettelijk vertegenwoordiger", exact=True)
    parent.get_by_label("Naam").fill("Ilse de Wit")
    parent.get_by_label("Relatie tot het kind").fill("moeder")
    parent.get_by_label("E-mailadres").fill("ilse@example.org")
    page.get_by_role("button", name="Registreren en casus openen").click()


def then_she_is_asked_to_open_a_case(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Casus openen voor {CHILD_FIRST} {CHILD_LAST}")
    expect(page.get_by_role("status").first).to_contain_text("is geregistreerd")
    assert_no_axe_violations(page)


def when_she_opens_a_case_on_rising_absence(page: Page, *, on: date) -> None:
    page.get_by_label("Soort signaal").select_option(label="Afwezigheid of verzuim")
    page.get_by_label("Wat is er aan de hand?").fill(
        "Mila is steeds vaker afwezig, sinds begin oktober helemaal niet meer op school."
    )
    page.get_by_label("Datum van het signaal").fill(on.isoformat())
    page.get_by_role("button", name="Casus openen").click()


def then_she_sees_the_case_page(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{CHILD_FIRST} {CHILD_LAST}")
    expect(page.get_by_role("heading", name=re.compile("^Beoordeling op"))).to_be_visible()
    expect(page.get_by_role("heading", name="Tijdlijn")).to_be_visible()
    assert_no_axe_violations(page)


def when_she_records_an_event(
    page: Page, kind: str, *, on: date, fields: dict[str, str] | None = None
) -> None:
    page.get_by_label("Gebeurtenis toevoegen").select_option(label=kind)
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gebeurtenis toevoegen")
    expect(page.get_by_role("heading", level=2)).to_have_text(kind)
    assert_no_axe_violations(page)
    page.get_by_label("Datum", exact=True).fill(on.isoformat())
    for label, value in (fields or {}).items():
        if page.get_by_label(label).evaluate("el => el.tagName") == "SELECT":
            choose(page, label, value)
        else:
            page.get_by_label(label).fill(value)
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_role("status").first).to_contain_text("is vastgelegd op de tijdlijn")


def then_the_assessment_shows_a_thuiszitter(page: Page) -> None:
    assessment = page.locator("#beoordeling")
    expect(assessment).to_contain_text("Langdurig relatief verzuim")
    expect(assessment).to_contain_text("dagen")
    expect(assessment.locator('[data-rule="KR-3M"]')).to_contain_text("Regionale afspraak (geen wet)")
    expect(assessment.locator('[data-rule="KR-3M"]')).to_contain_text("Nog niet geregeld")
    timeline = page.locator("#tijdlijn")
    expect(timeline.locator('[data-type="afwezig"]')).to_contain_text("Ongeoorloofd")
    expect(timeline.locator('[data-type="verzuimmelding"]')).to_be_visible()
    assert_no_axe_violations(page)


def then_the_case_is_on_her_list(page: Page) -> None:
    page.get_by_role("link", name="Casussen").first.click()
    row = page.get_by_role("row", name=re.compile(f"{CHILD_FIRST} {CHILD_LAST}"))
    expect(row).to_contain_text("Langdurig relatief verzuim")
    expect(row).to_contain_text("Signaal")
    assert_no_axe_violations(page)


# ---------------------------------------------------------------- journeys


def test_intern_begeleider_registers_a_child_opens_a_case_and_sees_the_assessment(
    page: Page, world: World
) -> None:
    given_logged_in_as(page, world, "ib")
    when_she_opens_the_case_list(page)
    then_the_list_is_empty(page)

    when_she_registers_a_child(page, school="Basisschool De Regenboog")
    then_she_is_asked_to_open_a_case(page)

    when_she_opens_a_case_on_rising_absence(page, on=date(2025, 10, 13))
    then_she_sees_the_case_page(page)

    when_she_records_an_event(
        page, "Afwezig", on=date(2025, 10, 6), fields={"Reden van afwezigheid": "Ongeoorloofd"}
    )
    when_she_records_an_event(page, "Verzuimmelding bij DUO", on=date(2025, 10, 9))
    then_the_assessment_shows_a_thuiszitter(page)
    screenshot(page, "case-page")

    then_the_case_is_on_her_list(page)
    screenshot(page, "case-list")
