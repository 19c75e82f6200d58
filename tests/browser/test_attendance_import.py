"""The attendance import's journey: the school's intern begeleider uploads a month of attendance,
watches its progress, and sees the summary with a link to the signals; a file with a problem shows
the problem by line and column and keeps the choices. Every page visited passes axe.

The worker is replaced by a queue the test runs itself, so the page is seen while the import waits
and while htmx polls it; the data is fictional (BSNs passing the elfproef).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.attendance.services.imports import run_stored_import
from kring.attendance.tests.helpers_import import csv_text, make_import_world, month_rows, school_days
from kring.core.testing import DEFAULT_PASSWORD

from .helpers import assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser
NOVEMBER = school_days(date(2026, 11, 2), 20)


class Queue:
    def __init__(self) -> None:
        self.ids: list[int] = []

    def enqueue(self, import_id: int) -> None:
        self.ids.append(import_id)


@pytest.fixture
def queue(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> Queue:
    settings.KRING_REQUIRE_2FA = False
    make_import_world()
    q = Queue()
    monkeypatch.setattr("kring.attendance.tasks.run_attendance_import", q)
    return q


def _ib() -> Any:
    from kring.accounts.models import User

    return User.objects.get(last_name="IB", role="intern_begeleider")


def test_upload_a_month_watch_the_progress_and_see_the_summary(
    page: Page, queue: Queue, tmp_path: Path
) -> None:
    ib = _ib()
    month = tmp_path / "november.csv"
    month.write_text(csv_text(month_rows(NOVEMBER)))

    log_in(page, username=ib.username, password=DEFAULT_PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Aanwezigheid inlezen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanwezigheid inlezen")
    assert_no_axe_violations(page)
    page.get_by_label("Kolomindeling").select_option(label="Kring-standaard")
    page.get_by_label("Bestand (CSV)").set_input_files(str(month))
    page.get_by_role("button", name="Inlezen").click()

    # The import waits in the queue: the page shows its progress and polls.
    expect(page.get_by_role("heading", name="In de wachtrij")).to_be_visible()
    expect(page.get_by_role("progressbar")).to_be_visible()
    assert_no_axe_violations(page)
    assert len(queue.ids) == 1
    run_stored_import(queue.ids[0])  # the worker runs it; htmx sees it is done and reloads the page

    expect(page.get_by_role("heading", name="Het bestand is ingelezen")).to_be_visible(timeout=15_000)
    summary = page.get_by_role("main")
    expect(summary).to_contain_text("Regels in het bestand60")
    expect(summary).to_contain_text("Leerlingen3")
    expect(summary).to_contain_text("Schooldagen20")
    expect(summary).to_contain_text("16 uur ongeoorloofd verzuim in 4 lesweken")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Naar de signalen").click()
    expect(page).to_have_url(re.compile(r"/aanwezigheid/signalen/$"))


def test_a_problem_is_shown_by_line_and_column(page: Page, queue: Queue, tmp_path: Path) -> None:
    rows = month_rows(NOVEMBER)
    rows[3] = (rows[3][0], "Sam", "", "2026-11-31", 5, "ongeoorloofd")
    bad = tmp_path / "november.csv"
    bad.write_text(csv_text(rows))

    log_in(page, username=_ib().username, password=DEFAULT_PASSWORD)
    page.goto("/aanwezigheid/imports/")
    page.get_by_label("Bestand (CSV)").set_input_files(str(bad))
    page.get_by_role("button", name="Inlezen").click()
    expect(page.get_by_role("heading", name="In de wachtrij")).to_be_visible()
    run_stored_import(queue.ids[0])
    page.get_by_role("link", name="Nu verversen").click()  # without waiting for the poll

    expect(page.get_by_role("heading", name="Het bestand is niet ingelezen")).to_be_visible()
    problems = page.get_by_role("table", name="Problemen in het bestand")
    cells = problems.get_by_role("row").nth(1).get_by_role("cell")
    expect(cells.nth(0)).to_have_text("5")
    expect(cells.nth(1)).to_have_text("datum")
    expect(cells.nth(2)).to_have_text("Deze datum klopt niet. Schrijf de datum zo: 2026-11-03.")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Opnieuw inlezen, met dezelfde school en kolomindeling").click()
    expect(page).to_have_url(re.compile(r"/aanwezigheid/imports/\?school=\d+&mapping=\d+$"))
    assert_no_axe_violations(page)
