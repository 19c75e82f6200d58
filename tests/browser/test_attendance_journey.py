"""Issue 12's whole journey in one go, from a file to a case: the school's intern begeleider uploads
a school's attendance, watches the progress, sees the summary, opens a signal that the import found
and that shows its days and hours, prepares the verzuimmelding and marks it submitted, and opens a
case from the LRV signal the same import found. axe finds nothing on any page visited.

The other browser tests look at each part closer (`test_attendance_import.py`,
`test_attendance_signals.py`); here nothing is made by hand: every signal comes from the file.
The worker is a queue the test runs itself, so the progress page is seen while the import waits.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.attendance.models import AttendanceSignal, SignalStatus, VerzuimMelding
from kring.attendance.services.imports import run_stored_import
from kring.attendance.tests.helpers_import import BSN_B, csv_text, make_import_world, month_rows, school_days
from kring.core.testing import DEFAULT_PASSWORD

from .helpers import assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser
# Five weeks of school days without a holiday in region midden (7 September – 9 October 2026).
WEEKS = school_days(date(2026, 9, 7), 25)


class Queue:
    def __init__(self) -> None:
        self.ids: list[int] = []

    def enqueue(self, import_id: int) -> None:
        self.ids.append(import_id)


@pytest.fixture
def queue(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> Queue:
    settings.KRING_REQUIRE_2FA = False
    settings.KRING_DEMO = True
    make_import_world()
    q = Queue()
    monkeypatch.setattr("kring.attendance.tasks.run_attendance_import", q)
    return q


def _ib() -> Any:
    from kring.accounts.models import User

    return User.objects.get(last_name="IB", role="intern_begeleider")


def test_from_a_file_to_a_submitted_melding_and_a_case(page: Page, queue: Queue, tmp_path: Path) -> None:
    # Lot de Vries (BSN_B, not a child in Kring) is absent without a reason every school day.
    export = tmp_path / "september.csv"
    export.write_text(csv_text(month_rows(WEEKS, absent={BSN_B: (5, "ongeoorloofd")})))

    log_in(page, username=_ib().username, password=DEFAULT_PASSWORD)
    page.goto("/aanwezigheid/imports/")
    page.get_by_label("Kolomindeling").select_option(label="Kring-standaard")
    page.get_by_label("Bestand (CSV)").set_input_files(str(export))
    page.get_by_role("button", name="Inlezen").click()
    expect(page.get_by_role("progressbar")).to_be_visible()
    assert_no_axe_violations(page)
    run_stored_import(queue.ids[0])

    expect(page.get_by_role("heading", name="Het bestand is ingelezen")).to_be_visible(timeout=15_000)
    expect(page.get_by_role("main")).to_contain_text("Leerlingen met een signaal1")
    expect(page.get_by_role("main")).to_contain_text("Langdurig relatief verzuim: 1")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Naar de signalen").click()
    assert_no_axe_violations(page)

    # The first threshold: 16 hours in the first four school days (5 hours a day).
    first = AttendanceSignal.objects.filter(kind="lpw20").order_by("found_on").first()
    assert first is not None and first.found_on == WEEKS[3]
    page.get_by_role("row").filter(has_text="10 september 2026").filter(
        has_text="16 uur ongeoorloofd verzuim"
    ).get_by_role("link", name="Lot de Vries").click()
    table = page.get_by_role("table", name="De dagen en uren van dit signaal")
    for day in WEEKS[:4]:
        expect(table.locator(f'time[datetime="{day.isoformat()}"]')).to_have_count(1)
    expect(table).to_contain_text("20")  # the total: 4 days of 5 hours
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Verzuimmelding voorbereiden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verzuimmelding voor DUO")
    page.get_by_label("Wat de school al heeft gedaan").fill("De ouders gebeld en uitgenodigd.")
    page.get_by_role("button", name="Melding opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De verzuimmelding is opgeslagen")
    page.get_by_role("button", name="Ingediend bij DUO vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("de verzuimmelding is ingediend bij DUO")
    assert_no_axe_violations(page)
    melding = VerzuimMelding.objects.get(signal=first)
    assert melding.submitted_on is not None and melding.school_actions == "De ouders gebeld en uitgenodigd."

    # The LRV signal of the same import: open a case, the BSN confirming whom it is about.
    page.goto("/aanwezigheid/signalen/?kind=lrv")
    page.get_by_role("link", name="Lot de Vries").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Langdurig relatief verzuim")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Casus openen").click()
    page.get_by_label("BSN van de leerling").fill(BSN_B)
    page.get_by_role("button", name="Ja, casus openen").click()
    expect(page.get_by_role("status")).to_contain_text("De casus is geopend")
    assert_no_axe_violations(page)
    lrv = AttendanceSignal.objects.get(kind="lrv")
    assert lrv.status == SignalStatus.GEKOPPELD and lrv.case is not None
    assert lrv.found_on == WEEKS[0]
    expect(page).to_have_url(re.compile(rf"/casussen/{lrv.case.pk}/$"))
