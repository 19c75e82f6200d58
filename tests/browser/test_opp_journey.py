"""Browser journey of the OPP (issue 10, item 4).

Given a child enrolled at an sbo school, when the intern begeleider draws up the OPP with the child's
own words and a handelingsdeel that says who pays, then the parent, logging in separately, reads the
version on the family's page and consents to the handelingsdeel; and the school then records the
yearly evaluation with the parents and the pupil. Axe on every page.
"""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.core.testing import DEFAULT_PASSWORD
from kring.opp.models import OppConsent, OppEvaluation
from kring.opp.testing import enrolled_world

from .helpers import assert_no_axe_violations, log_in, screenshot

pytestmark = pytest.mark.browser

CHILD_WORDS = "Ik wil rekenen in een klein groepje, niet voor de hele klas."


@pytest.fixture
def no_two_factor(settings: Settings) -> Settings:
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    return settings


def test_an_opp_is_drawn_up_consented_to_and_evaluated(page: Page, no_two_factor: Settings) -> None:
    world = enrolled_world()
    child = world.child
    today = timezone.localdate().isoformat()

    # The school draws up the OPP, with the child's input.
    log_in(page, username=world.user("ib").username, password=DEFAULT_PASSWORD)
    page.goto(f"/opp/kind/{child.pk}/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="OPP opstellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("OPP opstellen")
    page.get_by_label("School").select_option(str(world.school.pk))
    page.get_by_label("Vastgesteld op").fill(today)
    page.get_by_label("Wat heeft het kind nodig?").fill("Korte instructies en rust in de pauzes.")
    page.get_by_label("Uitstroomperspectief", exact=True).fill("vmbo kaderberoepsgericht")
    page.get_by_label("Onderbouwing van het uitstroomperspectief").fill(
        "Rekenen loopt achter; lezen gaat goed."
    )
    page.get_by_label("Doelen").fill("Eind groep 7 rekent ze op niveau M6.")
    page.locator('[name="actions[0].what"]').fill("Twee keer per week rekenen in een klein groepje")
    page.locator('[name="actions[0].who"]').fill("Remedial teacher")
    page.locator('[name="actions[0].how_often"]').fill("2 keer per week")
    page.locator('[name="actions[0].payer"]').select_option("school")
    page.get_by_label("Wat zegt het kind zelf?").fill(CHILD_WORDS)
    page.get_by_label("Ja, het plan is aangepast").check()
    page.get_by_label("Hoe is het plan veranderd?").fill("Het rekenen gebeurt nu in een groepje.")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="OPP vaststellen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ontwikkelingsperspectiefplan (OPP) van")
    expect(page.locator("[data-table=versies]")).to_contain_text("Nog geen besluit")
    assert_no_axe_violations(page)

    # The parent, in a session of their own, consents to the handelingsdeel.
    page.context.clear_cookies()
    log_in(page, username=world.user("ouder").username, password=DEFAULT_PASSWORD)
    page.goto(f"/casussen/gezin/{child.pk}/")
    expect(page.locator("#opp")).to_contain_text("De school wacht op jullie besluit over het handelingsdeel.")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Bekijk het plan en geef je besluit").click()
    expect(page.locator("blockquote")).to_contain_text(CHILD_WORDS)
    expect(page.locator("[data-table=handelingsdeel]")).to_contain_text("De school")
    assert_no_axe_violations(page)
    page.get_by_label("Instemming met het handelingsdeel").check()
    page.get_by_role("button", name="Besluit doorgeven").click()
    expect(page.get_by_text("Je besluit is vastgelegd.")).to_be_visible()
    screenshot(page, "opp-family-consent")
    assert_no_axe_violations(page)
    assert OppConsent.objects.get().channel == "kring"

    # The school records the yearly evaluation with the parents and the pupil.
    page.context.clear_cookies()
    log_in(page, username=world.user("ib").username, password=DEFAULT_PASSWORD)
    page.goto(f"/opp/kind/{child.pk}/")
    expect(page.locator("[data-table=versies]")).to_contain_text("Instemming met het handelingsdeel")
    page.get_by_role("link", name="Versie 1").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Evaluatie vastleggen").click()
    page.get_by_label("Voor een deel uitgevoerd").check()
    page.get_by_label("Wat is er gedaan van het handelingsdeel?").fill("Het groepje liep vanaf oktober.")
    page.get_by_label("Wat werkte en wat niet?").fill("Het groepje werkt; ze vraagt vaker om hulp.")
    page.get_by_label("Wat zei de leerling zelf?").fill("Het groepje is fijn.")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Evaluatie vastleggen").click()
    expect(page.get_by_text("is vastgelegd.")).to_be_visible()
    expect(page.locator("[data-step=evaluated]")).to_contain_text("Het OPP is geëvalueerd")
    assert_no_axe_violations(page)
    evaluation = OppEvaluation.objects.get()
    assert (evaluation.with_parents, evaluation.with_child) == (True, True)
