"""The steunpunt worker's journey (issue 13): log in, register a phone call with two categories, see
the answer term, answer within it, and keep the question's text for signals only once the phone
number is out of it (the save is blocked until then). Every page visited passes axe."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.core.testing import DEFAULT_PASSWORD
from kring.desk.models import Question, QuestionStatus
from kring.desk.tests.questions_world import DeskWorld, make_desk_world

from .helpers import assert_no_axe_violations, log_in, screenshot

pytestmark = pytest.mark.browser

QUESTION = "Mijn dochter zit al drie weken thuis. Er is geen OPP. Bel me terug op 06-12345678."
ANONYMISED = "Het kind zit al drie weken thuis. Er is geen OPP."


@pytest.fixture
def desk(transactional_db: None, settings: Settings) -> DeskWorld:
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    return make_desk_world(username="sevda")


def test_a_worker_registers_answers_and_anonymises_a_phone_call(page: Page, desk: DeskWorld) -> None:
    # Given the steunpunt worker logs in, she finds the steunpunt's questions in the menu.
    log_in(page, username="sevda", password=DEFAULT_PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Steunpunt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vragen aan het steunpunt")
    expect(page.get_by_text("Er staan geen vragen open")).to_be_visible()
    assert_no_axe_violations(page)

    # When she registers a phone call about two categories,
    page.get_by_role("link", name="Nieuwe vraag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe vraag vastleggen")
    assert_no_axe_violations(page)
    page.get_by_role("radio", name="Telefoon").check()
    page.get_by_label("De vraag, in de woorden van de vrager").fill(QUESTION)
    page.get_by_label("Thuiszitten", exact=True).check()
    page.get_by_label("OPP", exact=True).check()
    page.get_by_label("Leeftijd van het kind").select_option(label="12 tot 16 jaar")
    page.get_by_role("textbox", name=re.compile("^Naam")).fill("Ilse de Wit")
    page.get_by_label("Telefoonnummer").fill("06-12345678")
    page.get_by_role("button", name="Vraag vastleggen").click()

    # then she sees the question with its answer term: three working days, for thuiszitten.
    question = Question.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Vraag {question.reference}")
    expect(page.locator("#termijn")).to_contain_text(
        re.compile(r"Antwoord uiterlijk op .+ \(3 werkdagen voor de categorie Thuiszitten; ")
    )
    screenshot(page, "desk-question")
    assert_no_axe_violations(page)

    # When she answers it today (within the term),
    page.get_by_label("Wat heb je geantwoord?").fill("Uitgelegd wat de zorgplicht van de school is.")
    page.get_by_role("button", name="Antwoord vastleggen").click()
    expect(page.get_by_text("Het antwoord is vastgelegd.")).to_be_visible()
    expect(page.locator("#antwoord")).to_contain_text("Op tijd.")
    assert_no_axe_violations(page)
    question.refresh_from_db()
    assert question.status == QuestionStatus.BEANTWOORD and question.answered_on == timezone.localdate()

    # and tries to keep the text for signals with the phone number still in it, the save is blocked.
    anonymise = page.locator("#anoniem")
    expect(anonymise.get_by_label("De vraag zonder herkenbare gegevens")).to_have_value(QUESTION)
    expect(anonymise.get_by_text("Dit is een telefoonnummer", exact=False)).to_be_visible()
    text = "Het kind zit al drie weken thuis. Er is geen OPP. Bel 06-12345678."
    anonymise.get_by_label("De vraag zonder herkenbare gegevens").fill(text)
    for label in ("namen weggehaald", "contactgegevens weggehaald", "school of het kind herkent"):
        anonymise.get_by_label(re.compile(label)).check()
    anonymise.get_by_role("button", name="Opslaan zonder herkenbare gegevens").click()
    expect(page.get_by_role("alert")).to_contain_text("Er staan nog gegevens in de tekst")
    expect(page.get_by_role("alert")).to_contain_text("06-12345678")
    assert_no_axe_violations(page)
    question.refresh_from_db()
    assert question.anonymised_on is None

    # When she removes the number and saves again, the text is kept.
    anonymise = page.locator("#anoniem")
    anonymise.get_by_label("De vraag zonder herkenbare gegevens").fill(ANONYMISED)
    for label in ("namen weggehaald", "contactgegevens weggehaald", "school of het kind herkent"):
        anonymise.get_by_label(re.compile(label)).check()
    anonymise.get_by_role("button", name="Opslaan zonder herkenbare gegevens").click()
    expect(page.get_by_text("De tekst zonder herkenbare gegevens is opgeslagen.")).to_be_visible()
    expect(page.locator("#anoniem blockquote")).to_have_text(ANONYMISED)
    assert_no_axe_violations(page)
    question.refresh_from_db()
    assert question.anonymised_text == ANONYMISED

    # The queue shows the answered question.
    page.get_by_role("link", name="Terug naar de vragen").click()
    expect(page.get_by_role("link", name=question.reference)).to_be_visible()
    assert_no_axe_violations(page)
