"""The family in control, one continuous story (issue 11, "Done when"), in chromium with axe on
every page visited.

Given Noor (13) with a case, a plan and an overleg written by the leerplichtambtenaar, a
youth-care worker in the circle who may see the whole file only with the family's consent, and
her father Karim recorded without an account:
1. the leerplichtambtenaar invites Karim and Noor from the case page;
2. Karim accepts the invitation (he is logged in), and later logs in with his password;
3. the professionals' case page takes him to the family's view, where he reads the plan in plain words;
4. he adds his view (zienswijze) to the overleg;
5. he asks for a correction of the overleg, the leerplichtambtenaar answers it, Karim reads the answer;
6. he gives youth care consent for three months, the worker sees the plan; he revokes it and the
   worker is denied at once;
7. he reads in the logbook that the youth-care worker viewed the case, with the consent as purpose;
8. he downloads the whole file (PDF and JSON), which holds his view, the correction and the consent;
9. Noor accepts her invitation, sees her plan in words for children and writes what she wants to
   say before the next overleg.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.access import ages
from kring.accounts.models import User
from kring.accounts.roles import Role
from kring.cases import services
from kring.cases.models import MemberKind, Visibility
from kring.children.services import add_representative
from kring.core.testing import DEFAULT_PASSWORD, make_user
from kring.portal.tests.world import GOALS, make_family_world

from .helpers import assert_no_axe_violations, log_in, screenshot

pytestmark = pytest.mark.browser

KARIM_PASSWORD = "Karim-zijn-eigen-wachtwoord-2026"
NOOR_PASSWORD = "Noor-haar-eigen-wachtwoord-2026"
NOTES = "Vader wil niet dat Noor naar school gaat."
VIEW = "Wij willen dat Noor eerst twee ochtenden gaat, niet drie."
WRONG = "Er staat dat ik niet wil dat Noor naar school gaat."
RIGHT = "Vader wil graag dat Noor weer naar school gaat, met hulp."
PURPOSE = "Gezinsbegeleiding thuis, zodat Noor weer naar school kan."
SAID = "Ik wil eerst een paar ochtenden proberen, niet meteen hele dagen."


@pytest.fixture
def no_two_factor(settings: Settings) -> Settings:
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    return settings


def _three_months_on(day: date) -> date:  # the same day three months later (the 28th at most)
    month = day.month + 3
    return day.replace(year=day.year + (month - 1) // 12, month=(month - 1) % 12 + 1, day=min(day.day, 28))


def _checked(page: Page, name: str) -> None:
    screenshot(page, f"journey-{name}")
    assert_no_axe_violations(page)


def _as(page: Page, username: str, password: str = DEFAULT_PASSWORD) -> None:
    page.context.clear_cookies()
    log_in(page, username=username, password=password)


def _link_to(address: str) -> str:
    (message,) = [m for m in mail.outbox if m.to == [address]]
    found = re.search(r"/account/uitnodiging/[^\s/]+/", message.body)
    assert found is not None
    return found.group(0)


def _accept(page: Page, link: str, password: str) -> None:
    page.context.clear_cookies()
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Uitnodiging voor Kring")
    _checked(page, "invitation")
    page.get_by_label("Kies een wachtwoord").fill(password)
    page.get_by_label("Typ het wachtwoord nog een keer").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Account maken").click()


def test_the_family_in_control_from_invitation_to_the_childs_own_voice(
    page: Page, no_two_factor: Settings, tmp_path: Path
) -> None:
    fw = make_family_world()
    child = fw.world.child
    child.birth_date = ages.born_on_or_before(13, timezone.localdate()) - timedelta(days=40)
    child.save(update_fields=["birth_date"])
    add_representative(actor=None, child=child, name="Karim Vader", relation="vader")
    lpa = fw.world.user("lpa")
    meeting = services.record_meeting(  # yesterday's overleg: what Noor writes today is for the next one
        actor=lpa,
        case=fw.case,
        held_on=fw.today - timedelta(days=1),
        parents_present=True,
        child_present=True,
        notes=NOTES,
    )
    jeugdhulp = make_user(role=Role.JEUGDHULPVERLENER, first_name="Jesse", last_name="Jeugdhulp")
    services.add_circle_member(
        actor=lpa,
        case=fw.case,
        kind=MemberKind.JEUGDHULP,
        user=jeugdhulp,
        joined_on=fw.today,
        visibility=Visibility.VOLLEDIG,
    )
    case_url = f"/casussen/{fw.case.pk}/"
    family_url = f"/casussen/gezin/{child.pk}/"

    # 1. The leerplichtambtenaar invites Karim and Noor from the case page.
    _as(page, lpa.username)
    page.goto(case_url)
    _checked(page, "case")
    page.get_by_role("link", name="Ouders en Noor uitnodigen voor Kring, en gezag vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gezin van Noor")
    _checked(page, "family-invitations")
    page.get_by_role("combobox", name="Ouder of verzorger").select_option(label="Karim Vader")
    page.get_by_label("E-mailadres", exact=True).fill("karim@example.org")
    with page.expect_navigation():
        page.get_by_role("button", name="Uitnodiging sturen").first.click()
    expect(page.get_by_text("De uitnodiging is gestuurd naar karim@example.org.")).to_be_visible()
    _checked(page, "karim-invited")
    own = page.get_by_role("region", name="Noor zelf uitnodigen")
    own.get_by_label("E-mailadres van het kind").fill("noor@example.org")
    with page.expect_navigation():
        own.get_by_role("button", name="Uitnodiging sturen").click()
    expect(page.get_by_text("De uitnodiging is gestuurd naar noor@example.org.")).to_be_visible()
    _checked(page, "noor-invited")

    # 2. Karim accepts his invitation and is in; the next time he logs in with his password.
    _accept(page, _link_to("karim@example.org"), KARIM_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("De kring rond je kind")
    expect(page.get_by_role("heading", name="Noor", level=2)).to_be_visible()
    _checked(page, "karim-family")
    _as(page, "karim@example.org", KARIM_PASSWORD)

    # 3. A link to the professionals' case page takes him to the family's view: the plan in plain words.
    page.goto(case_url)
    expect(page).to_have_url(family_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Alles over Noor")
    plan = page.locator("#plan")
    expect(plan).to_contain_text(GOALS)
    expect(plan).to_contain_text("Dat is samen met jou en je kind gedaan.")
    _checked(page, "karim-child-view")

    # 4. He adds his view to the overleg; it stands beside it, with his name.
    form = page.locator(f"#zienswijze-overleg-{meeting.pk}")
    form.get_by_text("Jouw kijk hierop").first.click()
    form.get_by_label("Jouw kijk hierop").fill(VIEW)
    _checked(page, "zienswijze-form")
    form.get_by_role("button", name="Opslaan in het dossier").click()
    expect(page).to_have_url(f"{family_url}#zienswijze-overleg-{meeting.pk}")
    voices = page.locator(".kring-meeting [data-zienswijzen]")
    expect(voices).to_contain_text(VIEW)
    expect(voices).to_contain_text("Karim Vader")
    _checked(page, "zienswijze-saved")

    # 5. He asks for a correction of the overleg's notes ...
    page.locator(f"#zienswijze-overleg-{meeting.pk}").locator("..").get_by_role(
        "link", name="Klopt er iets niet? Vraag om een correctie"
    ).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Klopt er iets niet?")
    expect(page.locator("main")).to_contain_text(NOTES)
    _checked(page, "correction-form")
    page.get_by_label("Wat klopt er niet?").fill(WRONG)
    page.get_by_label("Wat zou er moeten staan?").fill(RIGHT)
    page.get_by_role("button", name="Verzoek versturen").click()
    expect(page).to_have_url(f"{family_url}verzoeken/")
    gemeente = lpa.organisation.name
    expect(page.locator(".kring-request").first.locator(".kring-request__term")).to_contain_text(
        f"{gemeente} moet uiterlijk"
    )
    _checked(page, "correction-requested")
    # ... the leerplichtambtenaar answers it ...
    _as(page, lpa.username)
    page.goto("/casussen/avg-verzoeken/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Verzoeken om inzage of correctie")
    _checked(page, "requests-to-answer")
    page.get_by_role("link", name="Beantwoorden").first.click()
    expect(page.locator("main")).to_contain_text(WRONG)
    _checked(page, "request-answer-form")
    page.get_by_label("Wat heeft u gedaan?").select_option("gecorrigeerd")
    page.get_by_label("Wat er nu staat (bij verbeterd)").fill(RIGHT)
    page.get_by_label("Ik weet dat het gezin dit leest").check()
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.locator("main")).to_contain_text("Er zijn geen verzoeken die nog beantwoord moeten worden.")
    _checked(page, "requests-answered")
    # ... and Karim reads the answer beside what was there.
    _as(page, "karim@example.org", KARIM_PASSWORD)
    page.goto(f"{family_url}verzoeken/")
    answered = page.locator(".kring-request").first
    expect(answered).to_contain_text(f"{gemeente} antwoordde op")
    expect(answered.locator(".kring-request__answer")).to_contain_text(RIGHT)
    _checked(page, "correction-answered")

    # 6. Before consent, youth care sees the circle, not the plan.
    _as(page, jeugdhulp.username)
    page.goto(case_url)
    expect(page.locator('[data-refusal="plan"]')).to_contain_text("niet met jou gedeeld")
    _checked(page, "youth-care-before")
    # Karim gives consent for three months: the form, then the confirmation page.
    _as(page, "karim@example.org", KARIM_PASSWORD)
    page.goto(family_url)
    page.get_by_role("link", name="Naar de toestemmingen voor Noor").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Toestemming")
    _checked(page, "consents")
    page.get_by_role("link", name="Toestemming geven").click()
    page.get_by_label("Met wie deel je?").select_option(
        label=f"{jeugdhulp.display_name} ({jeugdhulp.organisation.name})"
    )
    page.get_by_label("Waarvoor mag de ontvanger de gegevens gebruiken?").fill(PURPOSE)
    page.get_by_label("Het plan: het ontwikkelperspectief en de route").check()
    page.get_by_label("Tot en met").fill(_three_months_on(fw.today).isoformat())
    _checked(page, "consent-form")
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Klopt dit?")
    expect(page.locator("main")).to_contain_text(PURPOSE)
    _checked(page, "consent-confirm")
    page.get_by_role("button", name="Ja, ik geef toestemming").click()
    expect(page.locator("#toestemming-running")).to_contain_text(jeugdhulp.display_name)
    _checked(page, "consent-given")
    # Youth care now sees the plan.
    _as(page, jeugdhulp.username)
    page.goto(case_url)
    expect(page.locator("#plan")).to_contain_text(GOALS)
    _checked(page, "youth-care-with-consent")
    # Karim revokes it (a confirmation page) and youth care is denied at once.
    _as(page, "karim@example.org", KARIM_PASSWORD)
    page.goto(f"{family_url}toestemming/")
    page.get_by_role("link", name=f"Toestemming voor {jeugdhulp.display_name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Toestemming intrekken")
    _checked(page, "consent-revoke")
    page.get_by_role("button", name="Ja, trek de toestemming in").click()
    expect(page.locator("#toestemming-revoked")).to_contain_text(jeugdhulp.display_name)
    _checked(page, "consent-revoked")
    _as(page, jeugdhulp.username)
    page.goto(case_url)
    expect(page.locator('[data-refusal="plan"]')).to_contain_text("niet met jou gedeeld")
    expect(page.locator("#plan")).not_to_contain_text(GOALS)
    _checked(page, "youth-care-after")

    # 7. Karim reads in the logbook that the youth-care worker viewed the case under his consent.
    _as(page, "karim@example.org", KARIM_PASSWORD)
    page.goto("/casussen/gezin/")
    page.get_by_role("link", name="Naar het logboek van Noor").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logboek van Noor")
    worker_views = page.locator(".kring-logbook__line", has_text=jeugdhulp.display_name).filter(
        has_text="De casus is bekeken."
    )
    expect(worker_views.filter(has_text="Doel: Met toestemming van het gezin.").first).to_be_visible()
    expect(page.locator("main")).to_contain_text("De toestemming om te delen is ingetrokken")
    _checked(page, "logbook")

    # 8. He downloads the whole file: a PDF to read and a JSON document for the computer.
    page.goto("/casussen/gezin/")
    section = page.get_by_role("region", name="Het hele dossier downloaden")
    _checked(page, "download")
    with page.expect_download() as pdf_download:
        section.get_by_role("link", name="Dossier van Noor om te lezen (PDF)").click()
    pdf_path = tmp_path / "dossier.pdf"
    pdf_download.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF-")
    with page.expect_download() as json_download:
        section.get_by_role("link", name="Dossier van Noor voor de computer (JSON)").click()
    json_path = tmp_path / "dossier.json"
    json_download.value.save_as(json_path)
    text = json_path.read_text(encoding="utf-8")
    document = json.loads(text)
    assert document["format"] == "kring-dossier" and document["child_id"] == child.pk
    for written in (VIEW, WRONG, RIGHT, PURPOSE):  # his view, the correction and the consent
        assert written in text

    # 9. Noor accepts her invitation: her own page, her plan in words for children, her voice.
    _accept(page, _link_to("noor@example.org"), NOOR_PASSWORD)
    expect(page).to_have_url("/casussen/gezin/ik/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Jouw kring, Noor")
    own_plan = page.get_by_role("region", name="Jouw plan")
    expect(own_plan).to_contain_text(GOALS)
    expect(own_plan).to_contain_text("Dit plan is samen met jou gemaakt.")
    _checked(page, "noor-own")
    _as(page, "noor@example.org", NOOR_PASSWORD)
    page.goto("/casussen/gezin/")
    expect(page).to_have_url("/casussen/gezin/ik/")
    page.get_by_label("Wat wil jij zeggen voor het volgende overleg?").fill(SAID)
    page.get_by_role("button", name="Versturen").click()
    expect(page).to_have_url(f"/casussen/gezin/ik/#zienswijze-voor_overleg-{fw.case.pk}")
    said = page.locator("[data-said-before]").last  # under the next overleg, after yesterday's
    expect(said).to_contain_text("Wat iemand wil zeggen voor het volgende overleg")
    expect(said).to_contain_text(SAID)
    _checked(page, "noor-said")
    assert User.objects.get(username="noor@example.org").role == Role.LEERLING
