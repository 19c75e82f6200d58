"""Browser journey of issue 11's invitation: a professional invites a parent from the case, the
parent opens the link from the mail, sets a password, logs in and lands on the family page seeing
their child. Axe on every page.

Given a case of Noor opened by the leerplichtambtenaar (fictional region, kring.cases.testing) with
her father Karim recorded as a representative without an account, when the leerplichtambtenaar
invites him with the Dutch labels and Karim follows the link, then Karim sees Noor's circle.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from kring.accounts.testing import make_totp_device
from kring.cases import services
from kring.cases.testing import make_world
from kring.children.services import add_representative
from kring.core.testing import DEFAULT_PASSWORD

from .helpers import assert_no_axe_violations, log_in, screenshot

pytestmark = pytest.mark.browser

PASSWORD = "Karim-zijn-eigen-wachtwoord-2026"


def test_a_parent_is_invited_from_the_case_and_sees_the_child(page: Page) -> None:
    world = make_world()
    add_representative(actor=None, child=world.child, name="Karim Vader", relation="vader")
    lpa = world.user("lpa")
    case = services.open_case(
        actor=lpa,
        child=world.child,
        signal_kind="verzuim",
        signal_description="Noor is al weken niet op school.",
        opened_on=timezone.localdate() - timedelta(days=7),
    )
    device = make_totp_device(lpa)

    # Given the leerplichtambtenaar on the case page
    log_in(page, username=lpa.username, password=DEFAULT_PASSWORD, device=device)
    page.goto(f"/casussen/{case.pk}/")
    assert_no_axe_violations(page)
    # When they open the invitation page from the circle
    page.get_by_role("link", name="Ouders en Noor uitnodigen voor Kring, en gezag vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gezin van Noor")
    assert_no_axe_violations(page)
    # and invite Karim
    page.get_by_role("combobox", name="Ouder of verzorger").select_option(label="Karim Vader")
    page.get_by_label("E-mailadres", exact=True).fill("karim@example.org")
    with page.expect_navigation():
        page.get_by_role("button", name="Uitnodiging sturen").first.click()
    expect(page.get_by_text("De uitnodiging is gestuurd naar karim@example.org.")).to_be_visible()
    expect(page.get_by_role("cell", name="Verstuurd, nog niet gebruikt")).to_be_visible()
    assert_no_axe_violations(page)
    screenshot(page, "family-invitations")

    # Then Karim gets a mail with a link (no BSN, no last name)
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert world.child.last_name not in body
    found = re.search(r"/account/uitnodiging/[^\s/]+/", body)
    assert found is not None
    page.context.clear_cookies()

    # When Karim opens it, he sees whom it is about and who invited him
    page.goto(found.group(0))
    expect(page.get_by_role("heading", level=1)).to_have_text("Uitnodiging voor Kring")
    expect(page.get_by_text("Het gaat over Noor.")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Je telefoonnummer").fill("06 12345678")
    page.get_by_label("Kies een wachtwoord").fill(PASSWORD)
    page.get_by_label("Typ het wachtwoord nog een keer").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Account maken").click()
    # Then he lands on the family page and sees Noor
    expect(page.get_by_role("heading", level=1)).to_have_text("De kring rond je kind")
    expect(page.get_by_role("heading", name="Noor", level=2)).to_be_visible()
    assert_no_axe_violations(page)
    screenshot(page, "family-after-invitation")

    # And the next time he logs in with his password alone (no app chosen)
    page.context.clear_cookies()
    log_in(page, username="karim@example.org", password=PASSWORD)
    page.goto("/casussen/gezin/")
    expect(page.get_by_role("heading", name="Noor", level=2)).to_be_visible()
    assert_no_axe_violations(page)
    # and the link from the mail no longer works
    page.goto(found.group(0))
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze uitnodiging werkt niet (meer)")
    assert_no_axe_violations(page)
