"""The case page and the case list as a new user meets them (issue 8): the long case page has a
table of contents ("Op deze pagina") that the keyboard reaches, with "Naar boven" after every part;
the case page prints as a file (no forms, buttons or menus; when, by whom, confidential); the case
list fits a phone 375 px wide. Every state checked passes axe.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.cases import services
from kring.cases.models import Case, CircleMember
from kring.cases.testing import World, make_child, make_world
from kring.children.models import Child
from kring.children.services import record_event
from kring.core.testing import DEFAULT_PASSWORD

from .helpers import assert_no_axe_violations, log_in, screenshot

pytestmark = pytest.mark.browser

PARTS = [
    "Signaal",
    "Beoordeling",
    "Tijdlijn",
    "Kring",
    "Overleg en afspraken",
    "Plan",
    "Escalaties",
    "Wat de instanties moeten doen",  # the leerplichtambtenaar's panel
    "Wie mag wat zien, en waarom",  # the circle's basis and the family's consents (issue 11)
]


@pytest.fixture
def world(transactional_db: None, settings: Settings) -> World:
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    return make_world()


def open_case(world: World, child=None) -> Case:  # type: ignore[no-untyped-def]
    return services.open_case(
        actor=world.user("lpa"),
        child=child or world.child,
        signal_kind="verzuim",
        signal_description="Noor is sinds begin oktober niet meer op school geweest.",
        opened_on=date.today() - timedelta(days=20),
    )


def given_the_case_page(page: Page, world: World) -> Case:
    case = open_case(world)
    log_in(page, username=world.user("lpa").username, password=DEFAULT_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")
    page.goto(f"/casussen/{case.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"{world.child.first_name} {world.child.last_name}"
    )
    return case


def test_the_case_page_has_a_table_of_contents_the_keyboard_reaches(page: Page, world: World) -> None:
    given_the_case_page(page, world)
    toc = page.get_by_role("navigation", name="Op deze pagina")
    expect(toc).to_be_visible()
    links = toc.get_by_role("link")
    expect(links).to_have_text(PARTS)
    assert_no_axe_violations(page)

    # From the breadcrumbs onward, Tab reaches the table of contents before the page's forms.
    page.get_by_role("link", name="Casussen", exact=True).last.focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.closest('nav.kring-toc') !== null"):
            break
    else:
        pytest.fail("Tab never reached the table of contents")
    while page.evaluate("() => document.activeElement.textContent.trim()") != "Plan":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#plan$"))
    plan = page.locator("#plan")
    expect(plan).to_be_in_viewport()
    assert page.evaluate("() => window.scrollY") > 0

    # "Naar boven" after the plan goes back to the table of contents.
    plan.locator("xpath=following-sibling::p[1]").get_by_role("link", name="Naar boven").click()
    expect(page.locator("#op-deze-pagina")).to_be_in_viewport()
    expect(page.get_by_role("link", name="Naar boven")).to_have_count(len(PARTS))


def test_the_case_page_prints_as_a_file(page: Page, world: World) -> None:
    case = open_case(world)
    lpa = CircleMember.objects.get(case=case, user=world.user("lpa"), active=True)
    services.add_agreement(
        actor=world.user("lpa"), case=case, text="Gesprek met school plannen", owner=lpa, due_on=date.today()
    )
    record_event(
        actor=world.user("lpa"), child=world.child, type="afwezig", date=date.today(), data={"reden": "ziek"}
    )
    log_in(page, username=world.user("lpa").username, password=DEFAULT_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")
    page.goto(f"/casussen/{case.pk}/")
    expect(page.get_by_role("link", name="Laten vervallen")).to_be_visible()  # on screen: the actions
    expect(page.get_by_role("link", name=re.compile("Verwijderen"))).to_be_visible()
    printer = page.get_by_role("button", name="Afdrukken")
    expect(printer).to_be_visible()
    expect(page.get_by_text("Vertrouwelijk:")).to_be_hidden()  # on screen: not there
    page.evaluate("() => { window.__printed = false; window.print = () => { window.__printed = true; }; }")
    printer.click()
    assert page.evaluate("() => window.__printed")

    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    screenshot(page, "case-print")
    header = page.locator(".kring-print-header")
    expect(header).to_be_visible()
    expect(header).to_contain_text("Vertrouwelijk:")
    expect(header).to_contain_text(f"Afgedrukt uit Kring door {world.user('lpa').display_name}")
    expect(header.locator("time")).to_contain_text(str(date.today().year))
    visible = page.evaluate(
        """() => [...document.querySelectorAll(
              'form, button, input, select, textarea, summary, nav a, .utrecht-button-link')]
            .filter((element) => element.checkVisibility())
            .map((element) => element.outerHTML.slice(0, 120))"""
    )
    assert visible == [], visible
    links = page.evaluate(
        "() => [...document.querySelectorAll('main a')].filter((a) => a.checkVisibility()).map((a) => a.href)"
    )
    assert links == [], links  # no actions ("Uit de kring halen", "Verwijderen") on paper
    for part in ["Signaal", "Tijdlijn", "Overleg en afspraken", "Escalaties"]:
        expect(page.get_by_role("heading", level=2, name=part)).to_be_visible()
    assert_no_axe_violations(page)
    page.emulate_media(media="screen")
    expect(header).to_be_hidden()


def test_the_case_list_fits_a_phone(browser, live_server, world: World) -> None:  # type: ignore[no-untyped-def]
    for n in range(3):
        child = make_child(first_name=f"Annemarie-Josephine{n}", gemeente=world.gemeente)
        Child.objects.filter(pk=child.pk).update(last_name="van den Heuvel-Vermeulen de Groot")
        open_case(world, Child.objects.get(pk=child.pk))
    open_case(world)
    context = browser.new_context(
        base_url=live_server.url, bypass_csp=True, locale="nl-NL", viewport={"width": 375, "height": 800}
    )
    page = context.new_page()
    try:
        log_in(page, username=world.user("lpa").username, password=DEFAULT_PASSWORD)
        expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")
        page.goto("/casussen/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Casussen")
        screenshot(page, "case-list-375")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 375, f"the page scrolls sideways: {width} px wide"
        # The key facts of each case can be read without scrolling sideways.
        # Every value of every case (name, school, phase, thuiszitter, regievoerder, next term) is
        # on the screen without scrolling sideways.
        rows = page.locator(".kring-cases-table tbody tr")
        expect(rows).to_have_count(4)
        for cell in rows.locator("th, td").all():
            expect(cell).to_be_visible()
            box = cell.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375, (
                cell.inner_text(),
                box,
            )
        expect(rows.first.get_by_role("link")).to_be_visible()
        assert_no_axe_violations(page)
    finally:
        context.close()
