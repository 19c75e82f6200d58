"""Browser journey of a TLV request (issue 10, item 6 and 7).

Given a child enrolled at a regular school with an open case and an OPP that was drawn up but not
yet evaluated, when the intern begeleider asks the samenwerkingsverband for a TLV, then Kring
refuses it and says the OPP has not been carried out and evaluated, keeping what was typed; once the
OPP has been evaluated the same form is accepted. The SWV consulent grants it and puts the child on
the special school's waiting list; the case page then shows that the current school stays
responsible, and the parents see the whole request in their own view. Axe on every page.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.cases import services as case_services
from kring.core.testing import DEFAULT_PASSWORD
from kring.placement.testing import draw_up_opp, evaluate_opp, make_placement_world

from .helpers import assert_no_axe_violations, log_in, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def no_two_factor(settings: Settings) -> Settings:
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    return settings


def test_a_tlv_is_refused_until_the_opp_is_evaluated_then_granted_and_the_child_waits(
    page: Page, no_two_factor: Settings
) -> None:
    pw = make_placement_world()
    child, today = pw.child, pw.today
    school = pw.world.school.organisation.name
    case = case_services.open_case(
        actor=pw.world.user("lpa"),
        child=child,
        signal_kind="verzuim",
        signal_description="Noor zit thuis.",
        opened_on=today - timedelta(days=30),
    )
    draw_up_opp(pw, on=today - timedelta(days=120))

    # The school asks; the OPP has not been evaluated: refused, with what was typed kept.
    log_in(page, username=pw.world.user("ib").username, password=DEFAULT_PASSWORD)
    page.goto(f"/plaatsing/kind/{child.pk}/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="TLV aanvragen").click()
    page.get_by_label("Soort onderwijs").select_option("sbo")
    page.get_by_label("Ontvangen door het samenwerkingsverband op").fill(today.isoformat())
    page.get_by_label("Zienswijze van de ouders").fill("Wij willen dat Noor naar De Brug gaat.")
    page.get_by_label("Mening van het kind").fill("Ik wil een kleine klas.")
    advice_day = (today - timedelta(days=2)).isoformat()
    for i, (name, functie) in enumerate(
        (("Drs. A. de Vries", "orthopedagoog"), ("M. Jansen", "maatschappelijk_werker")), start=1
    ):
        page.get_by_label(f"Naam van deskundige {i}").fill(name)
        page.get_by_label(f"Functie van deskundige {i}").select_option(functie)
        page.get_by_label(f"Datum van het advies van deskundige {i}").fill(advice_day)
        page.get_by_label(f"Advies van deskundige {i}", exact=True).fill("Sbo past bij wat Noor nodig heeft.")
    page.get_by_label("School voor speciaal (basis)onderwijs").select_option(label="SBO De Brug")
    page.get_by_label("Of: plaats op de wachtlijst").fill("2")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Aanvraag indienen").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("nog niet uitgevoerd en geëvalueerd")
    expect(summary).to_contain_text("WPO artikel 40a")
    expect(page.get_by_label("Zienswijze van de ouders")).to_have_value(
        "Wij willen dat Noor naar De Brug gaat."
    )
    screenshot(page, "tlv-refused")
    assert_no_axe_violations(page)

    # The OPP is evaluated with the parents and Noor; the same form is accepted.
    evaluate_opp(pw, on=today - timedelta(days=1))
    page.get_by_role("button", name="Aanvraag indienen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("TLV-aanvraag voor Noor")
    expect(page.get_by_text("Het samenwerkingsverband heeft nog niet besloten.")).to_be_visible()
    assert_no_axe_violations(page)

    # The samenwerkingsverband grants it and puts Noor on the waiting list of De Brug.
    page.context.clear_cookies()
    log_in(page, username=pw.world.user("consulent").username, password=DEFAULT_PASSWORD)
    page.goto("/plaatsing/tlv/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=f"Noor {child.last_name}").click()
    page.get_by_role("link", name="Besluit vastleggen").click()
    assert_no_axe_violations(page)
    page.get_by_label("Besluit", exact=True).select_option("toegekend")
    page.get_by_label("Bekendgemaakt aan de ouders op").fill(today.isoformat())
    page.get_by_label("Geldig voor (schooljaren)").fill("2")
    page.get_by_label("TLV-nummer").fill("TLV-2026-0042")
    page.get_by_label("Motivering").fill("De deskundigen adviseren eensluidend sbo.")
    page.get_by_label("De ouders krijgen een kopie van de adviezen van de deskundigen").check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("TLV-2026-0042")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Op de wachtlijst van SBO De Brug zetten").click()
    page.get_by_label("Op de wachtlijst sinds").fill(today.isoformat())
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Op de wachtlijst zetten").click()
    expect(page.get_by_text(f"Zolang het kind wacht, blijft {school} verantwoordelijk.")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto("/plaatsing/wachtlijsten/")
    expect(page.get_by_role("table")).to_contain_text(child.last_name)
    assert_no_axe_violations(page)

    # The case shows the current school as responsible.
    page.context.clear_cookies()
    log_in(page, username=pw.world.user("lpa").username, password=DEFAULT_PASSWORD)
    page.goto(f"/casussen/{case.pk}/")
    panel = page.locator("#plaatsing")
    expect(panel).to_contain_text(f"Zolang het kind wacht, blijft {school} verantwoordelijk.")
    screenshot(page, "tlv-case-panel")
    assert_no_axe_violations(page)

    # The parents read the whole request in their own view.
    page.context.clear_cookies()
    log_in(page, username=pw.world.user("ouder").username, password=DEFAULT_PASSWORD)
    page.goto(f"/casussen/gezin/{child.pk}/")
    family = page.locator("#plaatsing")
    expect(family).to_contain_text("Wij willen dat Noor naar De Brug gaat.")
    expect(family).to_contain_text("Drs. A. de Vries")
    expect(family).to_contain_text("TLV-2026-0042")
    expect(family).to_contain_text(f"blijft {school} verantwoordelijk")
    assert_no_axe_violations(page)
