"""The signals report's journey: the steunpunt's coordinator opens the quarter's report with its
charts and raises a signal to the samenwerkingsverband; the SWV's director writes the response and
what changed; the coordinator sees both in the report. Every page visited passes axe.

The questions are made in the test itself (fictional), in the last complete quarter before today.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.core.testing import DEFAULT_PASSWORD
from kring.desk.models import DeskSettings
from kring.desk.periods import last_complete_quarter
from kring.desk.tests.report_world import ask, make_report_world, many

from .helpers import assert_no_axe_violations, log_in, screenshot

pytestmark = pytest.mark.browser

QUOTE = "Mijn dochter zit al acht weken thuis. De school zegt dat er geen plek is."


@pytest.fixture
def demo_settings(settings: Settings) -> Settings:
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    return settings


def test_from_the_quarters_report_to_the_swvs_response(page: Page, demo_settings: Settings) -> None:
    # Given a steunpunt (with Sevda as its coordinator) that heard 9 questions last quarter,
    world = make_report_world(worker_username="coordinator", director_username="directeur")
    DeskSettings.objects.filter(steunpunt=world.steunpunt).update(coordinator=world.worker)
    quarter = last_complete_quarter(timezone.localdate())
    many(world, 6, on=quarter.start + timedelta(days=3), categories=("thuiszitten", "wachtlijst"))
    ask(world, on=quarter.start + timedelta(days=40), categories=("thuiszitten",), quote=QUOTE)
    many(world, 2, on=quarter.end - timedelta(days=2), categories=("leerlingenvervoer",))

    # When the coordinator opens the signals report,
    log_in(page, username="coordinator", password=DEFAULT_PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Signalen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signalenrapport")
    # then it is the last quarter's, with charts, the small counts hidden, and the quote.
    main = page.get_by_role("main")
    expect(main).to_contain_text(quarter.label())
    expect(page.get_by_role("img", name="Vragen per categorie")).to_be_visible()
    expect(page.get_by_role("img", name="Vragen per maand, naast de periode ervoor")).to_be_visible()
    categories = page.get_by_role("table", name="Vragen per categorie")
    expect(categories.get_by_role("row", name="Thuiszitten")).to_contain_text("7")
    expect(categories.get_by_role("row", name="Leerlingenvervoer")).to_contain_text("minder dan 5")
    # A hidden count is drawn hatched, not in the colour of a shown count (the page's CSS once
    # painted it like a bar of 5).
    fills = page.locator(".kring-chart__bar--hidden").evaluate_all(
        "bars => bars.map(bar => getComputedStyle(bar).fill)"
    )
    assert fills and all(fill.startswith("url(") for fill in fills), fills
    expect(main).to_contain_text(QUOTE)
    screenshot(page, "desk-report")
    assert_no_axe_violations(page)

    # When she raises a signal to the SWV,
    page.get_by_role("link", name="Een signaal melden aan het samenwerkingsverband").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Een signaal melden")
    assert_no_axe_violations(page)
    page.get_by_label("Aan welk samenwerkingsverband").select_option(label=world.swv.organisation.name)
    page.get_by_label("Titel").fill("Kinderen wachten thuis op een plek")
    page.get_by_label("Het signaal").fill(
        "Zeven ouders vertelden dat hun kind thuiszit omdat er geen plek is."
    )
    page.get_by_label("Thuiszitten").check()
    page.get_by_label("Gebaseerd op de vragen van").select_option(label=quarter.label())
    page.get_by_role("button", name="Signaal melden").click()
    # then the signal waits for a response.
    expect(page.get_by_role("status")).to_contain_text("Het signaal is gemeld")
    expect(page.get_by_role("main")).to_contain_text("Nog geen reactie.")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Uitloggen").click()

    # When the SWV's director logs in, finds the signal waiting and responds,
    log_in(page, username="directeur", password=DEFAULT_PASSWORD)
    page.goto("/steunpunt/signalen/meldingen/")
    expect(page.get_by_role("heading", name="Wachten op jouw reactie")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Kinderen wachten thuis op een plek").click()
    assert_no_axe_violations(page)
    page.get_by_label("Reactie van het samenwerkingsverband").fill(
        "We openen in januari een tussenvoorziening."
    )
    page.get_by_label("Wat er is veranderd").fill("Twaalf plekken erbij vanaf januari.")
    page.get_by_role("button", name="Reactie opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Je reactie is opgeslagen")
    expect(page.get_by_role("main")).to_contain_text("Twaalf plekken erbij vanaf januari.")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Uitloggen").click()

    # Then the coordinator sees the response and what changed in a report over the period it was raised.
    log_in(page, username="coordinator", password=DEFAULT_PASSWORD)
    today = timezone.localdate()
    page.goto(f"/steunpunt/signalen/?kwartaal=eigen&van={today.isoformat()}&tot={today.isoformat()}")
    signals = page.get_by_role("article")
    expect(signals).to_contain_text("Kinderen wachten thuis op een plek")
    expect(signals).to_contain_text("We openen in januari een tussenvoorziening.")
    expect(signals).to_contain_text("Twaalf plekken erbij vanaf januari.")
    screenshot(page, "desk-report-response")
    assert_no_axe_violations(page)
