"""Browser journey of an aanmelding with a support question (issue 10, items 1 and 2).

Given a school in a region with a special school that has room, when the intern begeleider records
a written aanmelding with a support question, then Kring issues a dated receipt (a PDF, and a mail
to the parent with the PDF attached) that states the decision term and the temporary placement.
She extends the term once (ZP-05) and the page shows the new due day the rules engine computes;
the parents see that day in their own view. She records the investigation steps and concludes that
the school cannot offer the support. A decision that offers a place at the special school without
its confirmation is refused, naming ZP-03 and its source and keeping what was typed; with the
confirmation it is recorded, and the parents see the decision and the school with a place in their
view. Axe on every page.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader
from pytest_django.fixtures import Settings

from kring.cases.testing import make_school, make_world
from kring.children.models import LegalRepresentative
from kring.children.readmodel import current_assessment
from kring.core.testing import DEFAULT_PASSWORD
from kring.enrolment.models import Aanmelding
from kring.rules import statutory_term_end
from kring.rules.kalender import MONTHS_NL, format_date_nl

from .helpers import assert_no_axe_violations, log_in, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def no_two_factor(settings: Settings) -> Settings:
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    return settings


def _day_month(d: date) -> str:
    return f"{d.day} {MONTHS_NL[d.month - 1]}"


def _form(page: Page, button: str) -> Locator:
    """The form on the aanmelding's page that has this submit button (each part has its own)."""
    return page.locator("form").filter(has=page.get_by_role("button", name=button, exact=True))


def _zp05_due(child: Any, today: date) -> date:
    """The ZP-05 due day in the rules engine's assessment of the child's timeline."""
    obligations = current_assessment(child, today=today).data.get("obligations", [])
    dues = [date.fromisoformat(o["due"]) for o in obligations if o.get("rule") == "ZP-05" and o.get("due")]
    assert len(dues) == 1, obligations
    return dues[0]


def test_an_aanmelding_with_a_support_question_ends_in_a_place_at_another_named_school(
    page: Page, no_two_factor: Settings
) -> None:
    world = make_world()
    wegwijzer = make_school(postcode="3511AA", name="SBO De Wegwijzer", sector="sbo")
    today = timezone.localdate()
    received = today - timedelta(days=20)
    ib = world.user("ib")

    # The intern begeleider records the written aanmelding, registering the child.
    log_in(page, username=ib.username, password=DEFAULT_PASSWORD)
    page.goto("/aanmeldingen/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Een aanmelding vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Een aanmelding vastleggen")
    assert_no_axe_violations(page)
    page.get_by_label("Ontvangen op").fill(received.isoformat())
    page.get_by_label("Voornaam van het kind").fill("Mees")
    page.get_by_label("Achternaam van het kind").fill("de Boer")
    page.get_by_label("Geboortedatum").fill("2019-02-03")
    page.get_by_label("Postcode").fill("3511AB")
    page.get_by_label("Vakantieregio").select_option("midden")
    page.get_by_label("Naam van een ouder of verzorger").fill("Ilse de Boer")
    page.get_by_label("E-mailadres van die ouder").fill("ilse@example.org")
    page.get_by_label("De ouders vragen om extra ondersteuning").check()
    page.get_by_label("Wat de ouders over de ondersteuning vertellen").fill(
        "Mees is doof en heeft een tolk gebarentaal nodig."
    )
    page.get_by_role("button", name="Aanmelding vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelding van Mees de Boer")
    a = Aanmelding.objects.get(child__first_name="Mees")
    child = a.child
    assert child is not None
    six_weeks = statutory_term_end(received, 6)
    termijn = page.locator("#termijn")
    expect(termijn).to_contain_text(f"De school moet uiterlijk {_day_month(six_weeks)} beslissen.")
    expect(termijn).to_contain_text("ZP-05")
    assert_no_axe_violations(page)

    # The receipt: made and mailed to the parent, and downloadable as a PDF.
    page.get_by_role("button", name="Ontvangstbevestiging maken en mailen").click()
    expect(
        page.get_by_text("De ontvangstbevestiging is gemaakt en gemaild naar ilse@example.org.")
    ).to_be_visible()
    expect(page.locator("#ontvangst")).to_contain_text(f"Gemaakt op {format_date_nl(today)}.")
    assert_no_axe_violations(page)
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["ilse@example.org"]
    assert a.reference in sent.body
    assert format_date_nl(six_weeks) in sent.body  # 6 weeks, and 10 with the one extension
    assert format_date_nl(statutory_term_end(received, 10)) in sent.body
    assert "ZP-05" in sent.body and "ZP-06" in sent.body
    assert [name for name, _content, _type in sent.attachments] == [f"ontvangstbevestiging-{a.reference}.pdf"]
    href = page.get_by_role("link", name="Download de ontvangstbevestiging (PDF)").get_attribute("href")
    assert href is not None
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert a.reference in " ".join(text.split())

    # The one extension of 4 weeks: the page shows the due day of the engine's assessment.
    extend = _form(page, "Termijn verlengen")
    extend.get_by_label("De ouders gehoord op").fill((today - timedelta(days=1)).isoformat())
    extend.get_by_label("Waarom de school meer tijd nodig heeft").fill(
        "Wij wachten op het verslag van de audioloog."
    )
    extend.get_by_role("button", name="Termijn verlengen").click()
    expect(page.get_by_text("De beslistermijn is verlengd met 4 weken.")).to_be_visible()
    ten_weeks = _zp05_due(child, today)
    assert ten_weeks == statutory_term_end(received, 10) and ten_weeks > six_weeks
    expect(termijn).to_contain_text(f"De school moet uiterlijk {_day_month(ten_weeks)} beslissen.")
    expect(termijn).to_contain_text("6 weken en de ene verlenging van 4 weken")
    expect(page.locator("#verlenging")).to_contain_text("Wij wachten op het verslag van de audioloog.")
    assert_no_axe_violations(page)

    # The parents (linked to the child's file, as after an invitation) see the new deadline.
    LegalRepresentative.objects.filter(child=child, name="Ilse de Boer").update(user=world.user("ouder"))
    page.context.clear_cookies()
    log_in(page, username=world.user("ouder").username, password=DEFAULT_PASSWORD)
    page.goto(f"/casussen/gezin/{child.pk}/")
    family = page.locator("#aanmeldingen")
    expect(family).to_contain_text(a.reference)
    expect(family).to_contain_text(f"De school moet uiterlijk {_day_month(ten_weeks)} beslissen.")
    expect(family).to_contain_text("Wij wachten op het verslag van de audioloog.")
    assert_no_axe_violations(page)

    # Back at school: the investigation steps and the conclusion.
    page.context.clear_cookies()
    log_in(page, username=ib.username, password=DEFAULT_PASSWORD)
    page.goto("/aanmeldingen/")
    expect(page.get_by_role("table")).to_contain_text("Verlengd")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Mees de Boer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelding van Mees de Boer")
    steps = (
        ("Informatie gevraagd aan de ouders", 18, "Verslag van de audioloog en de KNO-arts gevraagd."),
        ("Observatie van het kind", 10, "Mees volgt de les niet zonder tolk."),
        ("Overleg met het samenwerkingsverband", 5, "Geen tolk beschikbaar voor onze school."),
    )
    for kind, days_ago, description in steps:
        form = _form(page, "Stap vastleggen")
        form.get_by_label(kind).check()
        form.get_by_label("Datum").fill((today - timedelta(days=days_ago)).isoformat())
        form.get_by_label("Wat er is gedaan en wat eruit kwam").fill(description)
        form.get_by_role("button", name="Stap vastleggen").click()
        expect(page.get_by_text("De stap in het onderzoek is vastgelegd.")).to_be_visible()
        expect(page.locator("#onderzoek ol")).to_contain_text(description)
    assert_no_axe_violations(page)
    conclusion = _form(page, "Conclusie vastleggen")
    conclusion.get_by_label("Wat het kind nodig heeft").fill(
        "Onderwijs in gebarentaal, de hele dag een tolk."
    )
    conclusion.get_by_label("De school kan de ondersteuning niet bieden").check()
    conclusion.get_by_label("Onderbouwing").fill(
        "Wij hebben geen tolk en geen leerkracht die gebarentaal kent."
    )
    conclusion.get_by_label("Datum").fill((today - timedelta(days=2)).isoformat())
    conclusion.get_by_role("button", name="Conclusie vastleggen").click()
    expect(page.get_by_text("De conclusie van het onderzoek is vastgelegd.")).to_be_visible()
    onderzoek = page.locator("#onderzoek")
    expect(onderzoek).to_contain_text("De school kan de ondersteuning niet bieden")
    expect(onderzoek).to_contain_text("Wij hebben geen tolk en geen leerkracht die gebarentaal kent.")
    expect(page.locator("#besluit")).to_contain_text("alleen 'Plaats op een andere school' is dan mogelijk")
    assert_no_axe_violations(page)

    # The decision, first without the other school's confirmation: refused, what was typed kept.
    reasons = "Op SBO De Wegwijzer krijgt Mees les in gebarentaal."
    decision = _form(page, "Besluit vastleggen")
    decision.get_by_label("Plaats op een andere school die het kind toelaat").check()
    decision.get_by_label("Besloten op").fill(today.isoformat())
    decision.get_by_label("Andere school die het kind een plaats biedt").select_option(
        label="SBO De Wegwijzer"
    )
    decision.get_by_label("Uitleg aan de ouders").fill(reasons)
    decision.get_by_role("button", name="Besluit vastleggen").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Zonder die bevestiging is de zorgplicht niet vervuld")
    expect(summary).to_contain_text("ZP-03")
    expect(summary).to_contain_text("WPO art. 40 lid 4")
    decision = _form(page, "Besluit vastleggen")
    expect(decision.get_by_label("Plaats op een andere school die het kind toelaat")).to_be_checked()
    expect(decision.get_by_label("Besloten op")).to_have_value(today.isoformat())
    expect(decision.get_by_label("Andere school die het kind een plaats biedt")).to_have_value(
        str(wegwijzer.pk)
    )
    expect(decision.get_by_label("Uitleg aan de ouders")).to_have_value(reasons)
    screenshot(page, "aanmelding-decision-refused")
    assert_no_axe_violations(page)
    a.refresh_from_db()
    assert a.outcome == ""

    # With the confirmation the decision is recorded.
    decision.get_by_label("Die school bevestigde de plaats op").fill((today - timedelta(days=1)).isoformat())
    decision.get_by_label("Wie van die school bevestigde de plaats").fill("J. Bakker, directeur")
    decision.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Het besluit is vastgelegd.")).to_be_visible()
    besluit = page.locator("#besluit")
    expect(besluit).to_contain_text("Plaats op een andere school die het kind toelaat")
    expect(besluit).to_contain_text(
        f"SBO De Wegwijzer heeft op {format_date_nl(today - timedelta(days=1))} bevestigd dat er plaats is "
        "(J. Bakker, directeur)."
    )
    assert_no_axe_violations(page)

    # The parents see the decision, the school with a place and the school's investigation.
    page.context.clear_cookies()
    log_in(page, username=world.user("ouder").username, password=DEFAULT_PASSWORD)
    page.goto(f"/casussen/gezin/{child.pk}/")
    family = page.locator("#aanmeldingen")
    expect(family).to_contain_text(
        f"De school besloot op {format_date_nl(today)}: plaats op een andere school die het kind toelaat."
    )
    expect(family).to_contain_text(
        f"SBO De Wegwijzer heeft op {format_date_nl(today - timedelta(days=1))} bevestigd dat er plaats is "
        "voor je kind."
    )
    expect(family).to_contain_text(reasons)
    expect(family).to_contain_text("Geen tolk beschikbaar voor onze school.")
    screenshot(page, "aanmelding-family-decision")
    assert_no_axe_violations(page)
