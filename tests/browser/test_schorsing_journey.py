"""Browser journey of a suspension (issue 10, item 8).

Given a child enrolled at a school, when the intern begeleider records a suspension of three days
without the day she told the inspectie, then Kring refuses it, naming ZP-10 and its source, and
keeps what she typed. With that day it is recorded; the child's page shows it with the
schorsingsbrief for the parents and the melding for the inspectie, and the letter downloads as a
PDF with the reason, the period and the right to object. The parent sees the suspension and the
letter in the family's view and downloads it. Axe on every page.
"""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from pytest_django.fixtures import Settings

from kring.cases.testing import make_world
from kring.children import services as child_services
from kring.core.testing import DEFAULT_PASSWORD
from kring.enrolment.documents import day_words
from kring.enrolment.models import Suspension
from kring.privacy.models import AuditEvent

from .helpers import assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser

REASON = "Noor heeft een klasgenoot geslagen en daarna de juf bedreigd."


@pytest.fixture
def no_two_factor(settings: Settings) -> Settings:
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    return settings


def _pdf_text(page: Page, href: str) -> str:
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages).split())


def test_a_three_day_suspension_is_refused_without_the_inspecties_report_then_the_parent_sees_the_letter(
    page: Page, no_two_factor: Settings
) -> None:
    world = make_world()
    today = timezone.localdate()
    ib = world.user("ib")
    child = world.child
    child_services.record_event(
        actor=ib,
        child=child,
        type="inschrijving",
        date=today - timedelta(days=200),
        data={"sector": "po"},
        school=world.school,
    )

    # The intern begeleider finds the child from the school's list of suspensions.
    log_in(page, username=ib.username, password=DEFAULT_PASSWORD)
    page.goto("/schorsingen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Schorsingen en verwijderingen")
    assert_no_axe_violations(page)
    page.get_by_label("Kind", exact=True).select_option(str(child.pk))
    page.get_by_role("button", name="Naar het kind").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Schorsing en verwijdering van Noor")
    assert_no_axe_violations(page)

    # A suspension of three days, without the day the inspectie was told: refused with ZP-10.
    page.get_by_role("link", name="Schorsing vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Schorsing vastleggen voor Noor")
    assert_no_axe_violations(page)
    page.get_by_label("Geschorst vanaf").fill(today.isoformat())
    page.get_by_label("Geschorst tot en met").fill((today + timedelta(days=2)).isoformat())
    page.get_by_label("Reden van de schorsing").fill(REASON)
    page.get_by_label("Ouders gehoord op").fill(today.isoformat())
    page.get_by_label("Hoe de ouders zijn gehoord").select_option("gesprek")
    page.get_by_role("button", name="Schorsing vastleggen").click()
    expect(page.locator("form.kring-form")).to_contain_text("ZP-10")
    expect(page.locator("form.kring-form")).to_contain_text("WPO art. 40c")
    expect(page.get_by_label("Reden van de schorsing")).to_have_value(REASON)
    assert not Suspension.objects.exists()
    assert_no_axe_violations(page)

    # With the day of the report it is recorded, with its letters.
    page.get_by_label("Gemeld aan de inspectie op").fill(today.isoformat())
    page.get_by_role("button", name="Schorsing vastleggen").click()
    expect(page.get_by_text("De schorsing is vastgelegd.")).to_be_visible()
    s = Suspension.objects.get()
    article = page.locator(f"#schorsing-{s.pk}")
    expect(article).to_contain_text(REASON)
    expect(article).to_contain_text(f"Gemeld aan de inspectie op {today.day}")
    expect(
        article.get_by_role("link", name="Melding van de schorsing aan de inspectie (PDF)")
    ).to_be_visible()
    assert_no_axe_violations(page)
    href = article.get_by_role("link", name="Schorsingsbrief aan de ouders (PDF)").get_attribute("href")
    assert href is not None
    text = _pdf_text(page, href)
    assert REASON in text and day_words(today + timedelta(days=2)) in text
    assert "bezwaar" in text and "6 weken" in text and "Basisschool De Regenboog" in text
    assert AuditEvent.objects.filter(code="suspension.letter", actor=ib).count() == 1

    # The parent sees the suspension and the letter in the family's view.
    parent = world.user("ouder")
    page.context.clear_cookies()
    log_in(page, username=parent.username, password=DEFAULT_PASSWORD)
    page.goto(f"/casussen/gezin/{child.pk}/")
    panel = page.locator("#schorsing")
    expect(panel).to_contain_text(REASON)
    expect(panel).to_contain_text("bezwaar")
    assert_no_axe_violations(page)
    link = panel.get_by_role("link", name="Schorsingsbrief aan de ouders (PDF)")
    parent_href = link.get_attribute("href")
    assert parent_href == href
    assert REASON in _pdf_text(page, parent_href)
    assert AuditEvent.objects.filter(code="suspension.letter", actor=parent, purpose="family_access").exists()
