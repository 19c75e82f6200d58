"""Signals from attendance in the browser (issue 12): the school's intern begeleider opens a signal
that shows its days and hours, prepares the DUO verzuimmelding and records it as submitted, and opens
a case from an LRV signal of a pupil not yet in Kring; the parent sees the signal in the family's
view. axe finds nothing on any page visited.

The signals are made directly by the test world (`kring.attendance.tests.world`); the upload that
makes them from a file has its own browser test.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.accounts.models import User
from kring.attendance.models import AttendanceSignal, SignalStatus, VerzuimMelding
from kring.attendance.tests.world import PUPIL_BSN, SignalWorld, make_signal_world
from kring.children.models import TimelineEvent
from kring.core.testing import DEFAULT_PASSWORD

from .helpers import assert_no_axe_violations, log_in, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def sw(transactional_db: None, settings: Settings) -> SignalWorld:
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    return make_signal_world()


def as_user(page: Page, user: User) -> None:
    page.context.clear_cookies()
    log_in(page, username=user.username, password=DEFAULT_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")


def checked(page: Page, name: str) -> None:
    screenshot(page, name)
    assert_no_axe_violations(page)


def test_a_signal_its_days_and_the_verzuimmelding(page: Page, sw: SignalWorld) -> None:
    # Given the intern begeleider on the school's list of signals
    as_user(page, sw.user("ib"))
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Signalen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signalen uit de aanwezigheid")
    expect(page.get_by_role("heading", name="3 signalen")).to_be_visible()
    checked(page, "attendance-signals")

    # When she opens the LPW-20 signal, it shows the days and hours that caused it, and the rule
    row = page.get_by_role("row").filter(has_text="16 uur ongeoorloofd verzuim in 4 lesweken")
    row.get_by_role("link", name=f"{sw.child.first_name} {sw.child.last_name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("16 uur ongeoorloofd verzuim in 4 lesweken")
    table = page.get_by_role("table", name="De dagen en uren van dit signaal")
    expect(table.get_by_role("row")).to_have_count(len(sw.lpw20.days) + 2)  # header, days, total
    expect(table).to_contain_text("Ongeoorloofd")
    expect(table.get_by_role("row", name="Totaal")).to_contain_text("16")
    expect(page.get_by_text("Leerplichtwet art. 21a", exact=False).first).to_be_visible()
    checked(page, "attendance-signal-lpw20")

    # And prepares the verzuimmelding: pre-filled, copy-ready
    page.get_by_role("button", name="Verzuimmelding voorbereiden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verzuimmelding voor DUO")
    expect(page.get_by_role("status")).to_contain_text("De verzuimmelding is voorbereid")
    expect(page.get_by_text("Besluit register onderwijsdeelnemers", exact=False)).to_be_visible()
    checked(page, "attendance-melding")
    page.get_by_label("Wat de school al heeft gedaan").fill("Gesprek met de ouders op maandag.")
    page.get_by_label("De school wil dat de gemeente (leerplicht) iets doet").check()
    page.get_by_role("button", name="Melding opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De verzuimmelding is opgeslagen")

    # Then she records that it was submitted to DUO: the melding is closed and on the child's timeline
    page.get_by_role("button", name="Ingediend bij DUO vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("de verzuimmelding is ingediend bij DUO")
    expect(page.get_by_text("Ingediend bij DUO op", exact=False).first).to_be_visible()
    expect(page.get_by_role("button", name="Ingediend bij DUO vastleggen")).to_have_count(0)
    checked(page, "attendance-melding-submitted")
    melding = VerzuimMelding.objects.get(signal=sw.lpw20)
    assert melding.submitted_on is not None and melding.municipal_action_wanted
    assert TimelineEvent.objects.filter(child=sw.child, type="verzuimmelding").exists()

    # And the parent sees the signal, its days and that it was reported, in the family's view
    as_user(page, sw.user("ouder"))
    page.goto("/casussen/gezin/")
    section = page.locator("section#aanwezigheid")
    expect(section.get_by_role("heading", level=2)).to_have_text("Signalen van school over de aanwezigheid")
    expect(section).to_contain_text("gemeld bij DUO")
    expect(section.get_by_role("button")).to_have_count(0)
    checked(page, "attendance-family")


def test_open_a_case_from_an_lrv_signal(page: Page, sw: SignalWorld) -> None:
    as_user(page, sw.user("ib"))
    page.goto("/aanwezigheid/signalen/?kind=lrv")
    expect(page.get_by_role("heading", name="1 signaal")).to_be_visible()
    page.get_by_role("link", name="Daan de Boer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Langdurig relatief verzuim")
    expect(page.get_by_text("TZ-01", exact=False).first).to_be_visible()
    expect(page.get_by_role("table", name="De dagen en uren van dit signaal")).to_contain_text("5")
    checked(page, "attendance-signal-lrv")

    page.get_by_role("link", name="Casus openen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Casus openen vanuit een signaal")
    checked(page, "attendance-open-case")
    page.get_by_label("BSN van de leerling").fill("123456782")
    page.get_by_role("button", name="Ja, casus openen").click()
    expect(page.get_by_role("alert")).to_contain_text("Dit BSN hoort niet bij de leerling van dit signaal")
    checked(page, "attendance-open-case-error")
    page.get_by_label("BSN van de leerling").fill(PUPIL_BSN)
    page.get_by_role("button", name="Ja, casus openen").click()
    expect(page.get_by_role("status")).to_contain_text("De casus is geopend")
    checked(page, "attendance-case")
    signal = AttendanceSignal.objects.get(pk=sw.lrv.pk)
    assert signal.status == SignalStatus.GEKOPPELD and signal.case is not None
    assert page.url.endswith(f"/casussen/{signal.case.pk}/")
