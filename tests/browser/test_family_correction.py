"""Browser journey of a correction request (issue 11, item 4).

Given a child with a case and an overleg written by the leerplichtambtenaar, when the parent chooses
"Klopt er iets niet?" under the overleg, writes what is wrong and what it should say and sends it,
then their list of requests shows it with the day the gemeente must answer by (the rules engine's
AVG-12); when the leerplichtambtenaar opens the requests to their organisation, answers "verbeterd"
with the corrected text and confirms, then the parent reads the answer, with the old and the new
text. Axe on every page.
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

NOTES = "Moeder wil niet dat Noor naar school gaat."
WRONG = "Er staat dat ik niet wil dat Noor naar school gaat."
RIGHT = "Moeder wil graag dat Noor weer naar school gaat, met hulp."


@pytest.fixture
def no_two_factor(settings: Settings) -> Settings:
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    return settings


def test_a_parent_requests_a_correction_that_the_professional_answers(
    page: Page, no_two_factor: Settings
) -> None:
    fw = make_family_world()
    child = fw.world.child
    lpa = fw.world.user("lpa")
    meeting = services.record_meeting(
        actor=lpa, case=fw.case, held_on=fw.today, parents_present=True, child_present=True, notes=NOTES
    )
    gemeente = lpa.organisation.name

    log_in(page, username=fw.world.user("ouder").username, password=DEFAULT_PASSWORD)
    page.goto(f"/casussen/gezin/{child.pk}/")
    page.locator(f"#zienswijze-overleg-{meeting.pk}").locator("..").get_by_role(
        "link", name="Klopt er iets niet? Vraag om een correctie"
    ).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Klopt er iets niet?")
    expect(page.locator("main")).to_contain_text(NOTES)
    assert_no_axe_violations(page)
    page.get_by_label("Wat klopt er niet?").fill(WRONG)
    page.get_by_label("Wat zou er moeten staan?").fill(RIGHT)
    page.get_by_role("button", name="Verzoek versturen").click()

    expect(page).to_have_url(f"/casussen/gezin/{child.pk}/verzoeken/")
    request = page.locator(".kring-request").first
    expect(request).to_contain_text(f"Correctie: {gemeente}")
    expect(request.locator(".kring-request__term")).to_contain_text(f"{gemeente} moet uiterlijk")
    screenshot(page, "family-correction-requested")
    assert_no_axe_violations(page)

    # The leerplichtambtenaar answers for the gemeente.
    page.context.clear_cookies()
    log_in(page, username=lpa.username, password=DEFAULT_PASSWORD)
    page.goto("/casussen/avg-verzoeken/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Verzoeken om inzage of correctie")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Beantwoorden").first.click()
    expect(page.locator("main")).to_contain_text(WRONG)
    assert_no_axe_violations(page)
    page.get_by_label("Wat heeft u gedaan?").select_option("gecorrigeerd")
    page.get_by_label("Wat er nu staat (bij verbeterd)").fill(RIGHT)
    page.get_by_label("Ik weet dat het gezin dit leest").check()
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page).to_have_url("/casussen/avg-verzoeken/")
    expect(page.locator("main")).to_contain_text("Er zijn geen verzoeken die nog beantwoord moeten worden.")
    assert_no_axe_violations(page)

    # The parent reads the answer beside what was there.
    page.context.clear_cookies()
    log_in(page, username=fw.world.user("ouder").username, password=DEFAULT_PASSWORD)
    page.goto(f"/casussen/gezin/{child.pk}/verzoeken/")
    answered = page.locator(".kring-request").first
    expect(answered).to_contain_text(f"{gemeente} antwoordde op")
    expect(answered.locator(".kring-request__answer")).to_contain_text(RIGHT)
    expect(answered).to_contain_text(NOTES)
    screenshot(page, "family-correction-answered")
    assert_no_axe_violations(page)
