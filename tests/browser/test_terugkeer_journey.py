"""Browser journey of the terugkeerplan (issue 10, item 11: the words that end support ask for a plan).

Given a child out of school with an open case, when the leerplichtambtenaar records a kernoverleg
whose report says 'rust is voorliggend', then the case page asks, in plain words, who does what and
by when to get the child back to school, with a link to the form (the case itself does not change).
A plan without a step cannot be saved: the form says so, names its source and keeps what was typed.
With a step (who, what, by when, who pays) it is saved; the step is on the agenda of whoever sees the
child, and the parent, logging in separately, reads the plan and its step in the family's view.
Axe on every page.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.cases.models import Case
from kring.cases.tests.helpers import open_case
from kring.core.testing import DEFAULT_PASSWORD
from kring.opp.models import ReturnPlan
from kring.opp.testing import enrolled_world

from .helpers import assert_no_axe_violations, log_in, screenshot

pytestmark = pytest.mark.browser

STEP = "Gesprek met ouders, GGZ en school over twee ochtenden school per week"


@pytest.fixture
def no_two_factor(settings: Settings) -> Settings:
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    return settings


def test_rust_is_voorliggend_in_a_meeting_note_leads_to_a_plan_the_family_sees(
    page: Page, no_two_factor: Settings
) -> None:
    world = enrolled_world()
    child = world.child
    today = timezone.localdate()
    case = open_case(world, on=today - timedelta(days=30))
    status = case.status
    lpa = world.user("lpa")

    # The leerplichtambtenaar records a kernoverleg: the report says 'rust is voorliggend'.
    log_in(page, username=lpa.username, password=DEFAULT_PASSWORD)
    page.goto(f"/casussen/{case.pk}/")
    assert_no_axe_violations(page)
    overleg = page.locator("#overleg")
    overleg.locator("summary", has_text="Kernoverleg vastleggen").click()
    overleg.get_by_label("De ouders waren erbij").check()
    overleg.get_by_label("Waarom was het kind er niet bij?").fill("Ze was te moe om te komen.")
    overleg.get_by_label("Verslag").fill(
        "Moeder en de GGZ vinden dat rust is voorliggend. School kan even niet."
    )
    assert_no_axe_violations(page)
    overleg.get_by_role("button", name="Overleg vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="Het overleg is vastgelegd.")).to_be_visible()

    # The page asks who does what, by when: the words do not close the question.
    prompt = page.locator('[data-prompt="terugkeerplan"]')
    expect(prompt).to_contain_text("Je schreef 'rust is voorliggend'. Dat sluit geen vraag af.")
    expect(prompt).to_contain_text(
        f"Wie doet wat, en wanneer, om {child.first_name} weer naar school te laten gaan?"
    )
    screenshot(page, "terugkeer-prompt")
    assert_no_axe_violations(page)
    assert Case.objects.get(pk=case.pk).status == status  # the prompt changes nothing by itself
    prompt.get_by_role("link", name="Maak een terugkeerplan").click()

    # The form: the reason is already chosen; without a step it is refused, keeping what was typed.
    expect(page.get_by_role("heading", level=1)).to_have_text("Onderwijs staat (tijdelijk) stil")
    expect(page.get_by_label("Rust is voorliggend")).to_be_checked()
    assert_no_axe_violations(page)
    page.get_by_label("Wie zegt dat?").fill("De GGZ-behandelaar")
    page.get_by_role("button", name="Terugkeerplan vastleggen").click()
    expect(page.locator("body")).to_contain_text("Vul minstens één stap in")
    expect(page.locator("body")).to_contain_text("Leerplichtwet 1969 art. 2")
    expect(page.get_by_label("Wie zegt dat?")).to_have_value("De GGZ-behandelaar")
    assert_no_axe_violations(page)
    assert not ReturnPlan.objects.exists()

    # With a step (who, what, by when, who pays) the plan is saved.
    due = today + timedelta(days=5)
    page.get_by_label("Stap 1: wie zet de stap?").fill("Leerplichtambtenaar")
    page.get_by_label("Stap 1: wat gebeurt er?").fill(STEP)
    page.get_by_label("Stap 1: uiterlijk op").fill(due.isoformat())
    page.get_by_label("Stap 1: wie betaalt?").select_option("gemeente")
    page.get_by_role("button", name="Terugkeerplan vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="Het terugkeerplan is vastgelegd.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Terugkeerplan van")
    steps = page.locator('[data-table="stappen"]')
    expect(steps).to_contain_text(STEP)
    expect(steps).to_contain_text("De gemeente (Jeugdwet)")
    screenshot(page, "terugkeer-plan")
    assert_no_axe_violations(page)

    # The step is on the agenda, and the case page shows the plan (no more prompt).
    page.goto("/")
    expect(page.locator("body")).to_contain_text("Stap naar school")
    assert_no_axe_violations(page)
    page.goto(f"/casussen/{case.pk}/")
    expect(page.locator("#terugkeerplan")).to_contain_text(STEP)
    expect(page.locator('[data-prompt="terugkeerplan"]')).to_have_count(0)
    assert_no_axe_violations(page)

    # The parent sees the plan and its step in the family's view, in plain words.
    page.context.clear_cookies()
    log_in(page, username=world.user("ouder").username, password=DEFAULT_PASSWORD)
    page.goto(reverse("portal:child", args=[child.pk]))
    family = page.locator("#terugkeerplan")
    expect(family).to_contain_text("Terug naar school")
    expect(family).to_contain_text(f"Leerplichtambtenaar: {STEP}")
    expect(family).to_contain_text("Betaald door: De gemeente (Jeugdwet).")
    screenshot(page, "terugkeer-gezin")
    assert_no_axe_violations(page)
