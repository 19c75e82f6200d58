"""From a question to a case, only with consent, in the browser (issue 13); and the functioneel
beheerder changes an answer term in /beheer/ without code.

Given a steunpunt worker with a parent's question and a case whose circle has the steunpunt, when
she records the parent's consent and links the question, then the case page shows the link (without
the question's text), and the parent sees it in the portal with how to take it back. When she asks
the samenwerkingsverband to open a case, the SWV's consulent sees the request in the inbox.
Given the functioneel beheerder with a second factor, when she changes the term of 'Thuiszitten',
then the new term is saved and in Kring's logbook. axe finds nothing on any of these pages.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.accounts.models import User
from kring.accounts.roles import Role
from kring.accounts.testing import make_totp_device
from kring.core.testing import DEFAULT_PASSWORD, make_user
from kring.demo.services import beheer_permissions
from kring.desk.models import QuestionCategory, QuestionLink
from kring.desk.tests.link_world import LinkWorld, make_link_world
from kring.privacy.models import AuditEvent

from .helpers import assert_no_axe_violations, log_in, screenshot

pytestmark = pytest.mark.browser


def _categories() -> None:
    # The browser tests' database is emptied between tests: the default tree is put back here.
    QuestionCategory.objects.get_or_create(
        code="thuiszitten", defaults={"name": "Thuiszitten", "answer_term_days": 3}
    )
    QuestionCategory.objects.get_or_create(code="opp", defaults={"name": "OPP", "answer_term_days": 10})


@pytest.fixture
def lw(transactional_db: None, settings: Settings) -> LinkWorld:
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    _categories()
    return make_link_world()


def as_user(page: Page, user: User) -> None:
    page.context.clear_cookies()
    log_in(page, username=user.username, password=DEFAULT_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")


def checked(page: Page, name: str) -> None:
    screenshot(page, name)
    assert_no_axe_violations(page)


def test_the_worker_links_a_question_with_consent_and_the_parent_sees_it(page: Page, lw: LinkWorld) -> None:
    # Given the steunpunt worker on the question's link page
    as_user(page, lw.worker)
    page.goto(f"/steunpunt/vragen/{lw.question.pk}/koppelen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vraag koppelen aan een casus")
    checked(page, "desk-link-form")

    # When she links without saying who consented, the page says what is missing
    page.get_by_label("Casus van het kind").select_option(str(lw.case.pk))
    page.get_by_role("button", name="Koppelen met toestemming").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul in wie toestemming gaf")
    checked(page, "desk-link-form-error")

    # And with the consent recorded, the question is linked
    page.get_by_label("Wie gaf toestemming?").fill("moeder, Sanne Ouder")
    page.get_by_label("Hoe gaf de ouder toestemming?").select_option("telefonisch")
    page.get_by_role("button", name="Koppelen met toestemming").click()
    expect(page.get_by_role("status")).to_contain_text("De vraag is gekoppeld aan de casus")
    expect(page.get_by_role("link", name="Toestemming intrekken")).to_be_visible()
    checked(page, "desk-link-done")
    assert QuestionLink.objects.filter(case=lw.case, consent_by="moeder, Sanne Ouder").exists()

    # Then the case page shows the link, not the question's text
    as_user(page, lw.user("lpa"))
    page.goto(f"/casussen/{lw.case.pk}/")
    panel = page.locator("section#steunpunt")
    expect(panel.get_by_role("heading", level=2)).to_have_text("Via het ouder- en jeugdsteunpunt")
    expect(panel).to_contain_text(lw.question.reference)
    expect(panel).not_to_contain_text("Mijn zoon zit al weken thuis")
    checked(page, "desk-case-panel")

    # And the parent sees it in the portal, with how to take it back
    as_user(page, lw.user("ouder"))
    page.goto("/casussen/gezin/")
    expect(page.get_by_role("heading", name="Via het ouder- en jeugdsteunpunt")).to_be_visible()
    expect(page.get_by_text("Bel of mail het steunpunt")).to_be_visible()
    expect(page.get_by_role("link", name=lw.steunpunt.email)).to_be_visible()
    checked(page, "desk-portal")


def test_the_worker_asks_the_swv_and_the_consulent_sees_the_request(page: Page, lw: LinkWorld) -> None:
    as_user(page, lw.worker)
    page.goto(f"/steunpunt/vragen/{lw.question.pk}/verzoek/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Samenwerkingsverband vragen een casus te openen"
    )
    checked(page, "desk-request-form")
    page.get_by_label("Naam van het kind").fill("Daan de Boer")
    page.get_by_label("De situatie, kort").fill("Daan zit thuis sinds de herfstvakantie.")
    page.get_by_label("Wie gaf toestemming?").fill("vader, Joost de Boer")
    page.get_by_label("Hoe gaf de ouder toestemming?").select_option("schriftelijk")
    page.get_by_role("button", name="Verzoek versturen").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Het verzoek is naar het samenwerkingsverband gestuurd"
    )
    checked(page, "desk-request-sent")

    as_user(page, lw.user("consulent"))
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Verzoeken van het steunpunt"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verzoeken van het steunpunt")
    expect(page.get_by_role("heading", name="Verzoek voor Daan de Boer")).to_be_visible()
    checked(page, "desk-requests-inbox")


def test_the_beheerder_changes_an_answer_term_in_beheer(
    page: Page, transactional_db: None, settings: Settings
) -> None:
    settings.KRING_REQUIRE_2FA = True
    _categories()
    beheerder = make_user(role=Role.FUNCTIONEEL_BEHEERDER, username="fbeheer", last_name="Beheerder")
    beheerder.is_staff = True
    beheerder.save(update_fields=["is_staff"])
    beheerder.user_permissions.set(beheer_permissions())
    device = make_totp_device(beheerder)

    log_in(page, username="fbeheer", password=DEFAULT_PASSWORD, device=device)
    page.goto("/beheer/desk/questioncategory/")
    row = page.locator("#result_list").get_by_role("link", name="Thuiszitten")
    expect(row).to_be_visible()
    checked(page, "beheer-desk-categories")
    row.click()
    term = page.get_by_label("termijn om te antwoorden (werkdagen)")
    expect(term).to_have_value("3")
    checked(page, "beheer-desk-category")
    term.fill("5")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Thuiszitten")
    checked(page, "beheer-desk-category-saved")

    assert QuestionCategory.objects.get(code="thuiszitten").answer_term_days == 5
    assert AuditEvent.objects.filter(object_type="beheer:desk.questioncategory", actor=beheerder).exists()
