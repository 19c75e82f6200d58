"""The family downloads the child's whole file in the browser (issue 11, item 8).

Given a parent whose child has a case, when she opens 'De kring rond je kind', then the page offers
the child's file as a PDF and as JSON (axe finds nothing on it); when she clicks each, the browser
saves a file (not a page): a PDF with her child's name and a JSON document of the kring-dossier
format with her child's case, and each download is in the child's logbook.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.cases.testing import World, make_world
from kring.cases.tests.helpers import open_case, with_regievoerder
from kring.core.testing import DEFAULT_PASSWORD
from kring.privacy.models import AuditEvent

from .helpers import assert_no_axe_violations, log_in, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db: None, settings: Settings) -> World:
    settings.KRING_REQUIRE_2FA = False
    return make_world()


def test_the_parent_downloads_the_whole_file_as_pdf_and_json(
    page: Page, world: World, tmp_path: Path
) -> None:
    case = open_case(world)
    with_regievoerder(world, case)
    child = world.child
    parent = world.user("ouder")

    # Given the parent on the family's page
    log_in(page, username=parent.username, password=DEFAULT_PASSWORD)
    page.goto("/casussen/gezin/")
    section = page.get_by_role("region", name="Het hele dossier downloaden")
    expect(section).to_be_visible()
    screenshot(page, "family-download")
    assert_no_axe_violations(page)

    # When she downloads the PDF, the browser saves a PDF named after her child, not her child's BSN
    with page.expect_download() as pdf_download:
        section.get_by_role("link", name=f"Dossier van {child.first_name} om te lezen (PDF)").click()
    pdf = pdf_download.value
    assert pdf.suggested_filename.startswith("dossier-noor-") and pdf.suggested_filename.endswith(".pdf")
    pdf_path = tmp_path / "dossier.pdf"
    pdf.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF-")

    # And the JSON: the kring-dossier format with her child's case
    with page.expect_download() as json_download:
        section.get_by_role("link", name=f"Dossier van {child.first_name} voor de computer (JSON)").click()
    json_path = tmp_path / "dossier.json"
    json_download.value.save_as(json_path)
    document = json.loads(json_path.read_text(encoding="utf-8"))
    assert document["format"] == "kring-dossier" and document["child_id"] == child.pk
    assert [c["id"] for c in document["sections"]["cases"]["cases"]] == [case.pk]

    # Then both downloads are in the child's logbook
    lines = AuditEvent.objects.filter(child_id=child.pk, code="dossier.exported", actor=parent)
    assert sorted(lines.values_list("data__format", flat=True)) == ["json", "pdf"]
