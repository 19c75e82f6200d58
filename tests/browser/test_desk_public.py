"""Browser journey: a parent asks the steunpunt a question through the public web form, without an
account, and gets a reference and the date they will hear back. Axe on every page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from kring.desk.models import Question
from kring.desk.tests.helpers_public import category, make_steunpunt

from .helpers import assert_no_axe_violations, screenshot

pytestmark = pytest.mark.browser


def test_a_parent_sends_a_question_and_gets_a_reference(page: Page) -> None:
    for code in ("thuiszitten", "onderwijstijd", "autisme"):
        category(code)
    make_steunpunt(name="Steunpunt Lek en IJssel (test)")

    page.goto("/steunpunt/vraag-stellen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Een vraag stellen aan een steunpunt")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Steunpunt Lek en IJssel (test)").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Stel je vraag aan Steunpunt Lek en IJssel (test)"
    )
    assert_no_axe_violations(page)
    page.get_by_label("Ik ben ouder of verzorger").check()
    page.get_by_label("Je vraag").fill("Mijn zoon mag maar twee ochtenden naar school. Mag de school dat?")
    page.get_by_role("group", name="Hoe oud is het kind?").get_by_label("4 tot 12 jaar").check()
    page.get_by_role("group", name="Naar wat voor school gaat het kind?").get_by_label("Basisschool").check()
    page.get_by_label("Onderwijstijd en afstandsonderwijs").check()

    # Without a way to answer, the form says so and keeps the question.
    page.wait_for_timeout(3200)  # a person takes a few seconds; a form sent back at once is refused
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("Anders kunnen we je geen antwoord geven")
    expect(page.get_by_label("Je vraag")).to_have_value(re.compile("twee ochtenden"))
    assert_no_axe_violations(page)

    page.get_by_label("Je e-mailadres").fill("ouder@example.invalid")
    page.wait_for_timeout(3200)
    page.get_by_role("button", name="Vraag versturen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt, je vraag is verstuurd")
    question = Question.objects.get()
    assert [c.code for c in question.categories.all()] == ["onderwijstijd"]
    expect(page.locator("main")).to_contain_text(question.reference)
    expect(page.locator(f'time[datetime="{question.answer_due.isoformat()}"]')).to_be_visible()
    screenshot(page, "desk-public-thanks")
    assert_no_axe_violations(page)
