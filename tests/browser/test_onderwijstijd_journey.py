"""Browser journey of a reduced timetable (issue 10, item 10; item 9's inspectorate consent).

Given a child enrolled in the basisonderwijs, when the intern begeleider records on the page about
the child that the child gets 12 hours a week from a date 5 weeks ago, first without the legal
ground (refused, naming OT-02 and its source, keeping what was typed) and then on psychological
grounds, without the inspectorate's consent, then the list /onderwijstijd/ shows the missing consent
(OT-02, with its source) and the verborgen thuiszitter (TZ-06), also under its filters. When she
records the inspectorate's consent, the obligation is met (too late: the consent came after the
first day) and the list no longer shows it missing. The parent reads it all in plain words in the
family's view. Axe on every page.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.cases.testing import make_world
from kring.core.testing import DEFAULT_PASSWORD
from kring.rules.kalender import format_date_nl
from kring.timetable.models import ReducedTimetable
from kring.timetable.testing import enrol

from .helpers import assert_no_axe_violations, log_in, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def no_two_factor(settings: Settings) -> Settings:
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    return settings


def test_a_reduced_timetable_without_consent_shows_and_the_consent_makes_it_good(
    page: Page, no_two_factor: Settings
) -> None:
    world = make_world()
    today = timezone.localdate()
    child = world.child
    name = f"{child.first_name} {child.last_name}"
    enrol(world, child, on=today - timedelta(days=400))
    start = today - timedelta(weeks=5)

    # The intern begeleider: nobody has a reduced timetable yet.
    log_in(page, username=world.user("ib").username, password=DEFAULT_PASSWORD)
    page.get_by_role("link", name="Minder onderwijstijd", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Minder onderwijstijd")
    expect(page.get_by_text("Geen kinderen met minder onderwijstijd")).to_be_visible()
    assert_no_axe_violations(page)

    # On the page about the child, the panel: record 12 hours a week from 5 weeks ago.
    page.goto(f"/casussen/kind/{child.pk}/casus-openen/")
    panel = page.locator("#onderwijstijd")
    expect(panel).to_contain_text("Er is geen minder onderwijstijd vastgelegd")
    assert_no_axe_violations(page)
    panel.get_by_role("link", name="Minder onderwijstijd vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Minder onderwijstijd vastleggen")
    assert_no_axe_violations(page)
    page.get_by_label("Uren onderwijs per week").fill("12")
    page.get_by_label("Normale uren per week").fill("25")
    page.get_by_label("Vanaf").fill(start.isoformat())
    reason = "Noor is erg angstig in de klas. Zij bouwt de uren op met hulp van de jeugdhulp."
    page.get_by_label("Waarom krijgt het kind minder onderwijs?").fill(reason)
    page.get_by_role("button", name="Vastleggen").click()
    ground = page.locator(".utrecht-form-field--invalid").filter(
        has=page.get_by_label("Reden volgens de wet")
    )
    expect(ground).to_contain_text("lichamelijke of psychische redenen")
    expect(ground).to_contain_text("OT-02")
    expect(ground).to_contain_text("WPO art. 8 lid 10")
    expect(page.get_by_label("Waarom krijgt het kind minder onderwijs?")).to_have_value(reason)
    expect(page.get_by_label("Uren onderwijs per week")).to_have_value("12")
    assert not ReducedTimetable.objects.exists()
    assert_no_axe_violations(page)
    page.get_by_label("Reden volgens de wet").select_option("psychisch")
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_text("De minder onderwijstijd is vastgelegd.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Minder onderwijstijd van {name}")
    expect(page.get_by_text("Toestemming inspectie ontbreekt").first).to_be_visible()
    assert_no_axe_violations(page)

    # The list: the consent is missing (OT-02) and the child is a verborgen thuiszitter (TZ-06).
    page.goto("/onderwijstijd/")
    row = page.get_by_role("row").filter(has_text=name)
    expect(row).to_contain_text("12")
    expect(row).to_contain_text(format_date_nl(start))
    expect(row).to_contain_text("Toestemming inspectie ontbreekt")
    expect(row).to_contain_text("Verborgen thuiszitter")
    expect(row).to_contain_text("TZ-06")
    row.get_by_text("Regel OT-02: waarom?").click()
    expect(row).to_contain_text("WPO art. 8 lid 10; WEC art. 12 lid 2")
    assert_no_axe_violations(page)
    screenshot(page, "onderwijstijd-list")
    page.get_by_label("Alleen zonder instemming van de inspectie").check()
    page.get_by_label("Alleen langer dan 28 dagen").check()
    page.get_by_role("button", name="Toon kinderen").click()
    expect(page.get_by_role("row").filter(has_text=name)).to_be_visible()
    assert_no_axe_violations(page)

    # The inspectorate consents: recorded on the child's page, the obligation is met.
    page.get_by_role("link", name=name).click()
    page.get_by_text("Aanvraag of instemming van de inspectie vastleggen").click()
    screenshot(page, "onderwijstijd-child")
    page.get_by_label("De inspectie stemde in op").fill(today.isoformat())
    page.get_by_role("button", name="Instemming vastleggen").click()
    expect(page.get_by_text("De instemming van de inspectie is vastgelegd.")).to_be_visible()
    expect(page.get_by_text("Instemming inspectie: te laat").first).to_be_visible()
    expect(page.get_by_text("Toestemming inspectie ontbreekt")).to_have_count(0)
    assert_no_axe_violations(page)
    page.goto("/onderwijstijd/")
    row = page.get_by_role("row").filter(has_text=name)
    expect(row).to_contain_text("Instemming inspectie: te laat")
    expect(row).not_to_contain_text("Toestemming inspectie ontbreekt")
    assert_no_axe_violations(page)
    page.get_by_label("Alleen zonder instemming van de inspectie").check()
    page.get_by_role("button", name="Toon kinderen").click()
    expect(page.get_by_text("Geen kinderen gevonden")).to_be_visible()
    assert_no_axe_violations(page)

    # The parent reads it in plain words.
    page.context.clear_cookies()
    log_in(page, username=world.user("ouder").username, password=DEFAULT_PASSWORD)
    page.goto(f"/casussen/gezin/{child.pk}/")
    family = page.locator("#onderwijstijd")
    expect(family).to_contain_text("12 uur les per week. Normaal is dat 25 uur.")
    expect(family).to_contain_text(reason)
    expect(family).to_contain_text(f"De inspectie vond het goed op {format_date_nl(today)}.")
    expect(family).to_contain_text("verborgen thuiszitter")
    expect(family).to_contain_text("WPO art. 8 lid 10")
    expect(family.get_by_role("button")).to_have_count(0)
    assert_no_axe_violations(page)
    screenshot(page, "onderwijstijd-family")
