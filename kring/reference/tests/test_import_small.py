"""The import on small copies of the real files: counts, fields, re-import, audit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kring.organisations.models import (
    Gemeente,
    Organisation,
    OrganisationKind,
    Samenwerkingsverband,
    SchoolLocation,
)
from kring.privacy.models import AuditAction, AuditEvent
from kring.reference.models import PostcodeArea, SchoolHoliday
from kring.reference.services import import_reference

from .conftest import KNOWN_PC4, KNOWN_SCHOOL, database_state

pytestmark = pytest.mark.django_db


def test_counts_match_report_and_tables(small_dir: Path) -> None:
    messages: list[str] = []
    report = import_reference(directory=small_dir, progress=messages.append)

    assert report.counts["scholen"].created == SchoolLocation.objects.count()
    assert report.counts["gemeenten"].created == Gemeente.objects.count()
    assert report.counts["samenwerkingsverbanden"].created == Samenwerkingsverband.objects.count()
    assert (
        report.counts["besturen"].created
        == Organisation.objects.filter(kind=OrganisationKind.BESTUUR).count()
    )
    assert report.counts["postcodegebieden"].created == PostcodeArea.objects.count()
    assert SchoolHoliday.objects.count() == 66
    assert all(c.updated == 0 and c.unchanged == 0 for c in report.counts.values())
    assert "Scholen (DUO basisonderwijs): 40 regels gelezen" in messages
    assert any(
        m.startswith("Scholen met coördinaten (GeoJSON):") and "features gelezen" in m for m in messages
    )


def test_known_school_lands_right(small_dir: Path) -> None:
    import_reference(directory=small_dir)

    school = SchoolLocation.objects.select_related("organisation", "gemeente", "board").get(
        vestigingscode=KNOWN_SCHOOL
    )
    assert school.brin == "03WU"
    assert school.organisation.kind == OrganisationKind.SCHOOL
    assert school.organisation.code == KNOWN_SCHOOL
    assert school.organisation.name == "Kindcentrum De Wegwijzer"
    assert school.organisation.website == "www.ckcdewegwijzer.nl"
    assert school.sector == "po"
    assert school.school_type == "basisschool"
    assert school.vakantieregio == "noord"
    assert school.postcode == "9571AZ"
    assert school.street == "Harm Tiesingstraat 74"
    assert school.gemeente is not None and school.gemeente.name == "Borger-Odoorn"
    assert school.gemeente.cbs_code == "1681"
    assert school.lat == pytest.approx(52.901860, abs=1e-6)
    assert school.lon == pytest.approx(6.921835, abs=1e-6)
    assert school.board is not None
    assert (school.board.kind, school.board.code, school.board.name) == (
        "bestuur",
        "32073",
        "Bevoegd gezag 32073",
    )
    # DUO's 2025 count wins over the GeoJSON's older number.
    assert school.leerlingen == 101


def test_known_postcode_and_gemeente(small_dir: Path) -> None:
    import_reference(directory=small_dir)

    area = PostcodeArea.objects.select_related("swv_po", "swv_vo", "gemeente").get(pc4=KNOWN_PC4)
    assert area.swv_po is not None and area.swv_po.code == "PO2202"
    assert area.swv_vo is not None and area.swv_vo.code == "VO2202"
    assert area.swv_po.organisation.name == "Samenwerkingsverband PO 22-02"
    assert area.swv_po.sector == "po"
    assert area.gemeente is not None and area.gemeente.name == "Borger-Odoorn"
    assert area.plaats == "2e Exloërmond"
    assert area.inwoners == 2280
    assert (area.lat, area.lon) == (52.916752, 6.958702)

    gemeente = Gemeente.objects.get(name="Borger-Odoorn")
    assert gemeente.inwoners == 25600
    assert gemeente.provincie == "Drenthe"
    assert gemeente.organisation.active is True

    # Europoort: a known peculiarity, not an error: the PC4 exists, without SWV.
    europoort = PostcodeArea.objects.get(pc4="3198")
    assert europoort.swv_po is None and europoort.swv_vo is None


def test_reimport_changes_nothing(small_dir: Path) -> None:
    import_reference(directory=small_dir)
    before = database_state()

    report = import_reference(directory=small_dir)

    assert report.created == 0
    assert report.updated == 0
    assert report.counts["scholen"].unchanged == SchoolLocation.objects.count()
    after = database_state()
    audit_before, audit_after = before.pop("AuditEvent"), after.pop("AuditEvent")
    assert after == before
    assert audit_after[0] == audit_before[0] + 1  # every run is logged


def test_reimport_updates_only_changed_rows(small_dir: Path) -> None:
    import_reference(directory=small_dir)
    duo = small_dir / "duo_po_schoolvestigingen_basisonderwijs.csv"
    duo.write_text(
        duo.read_text().replace(";03WU00;Kindcentrum De Wegwijzer;", ";03WU00;De Nieuwe Wegwijzer;")
    )
    holidays = small_dir / "schoolvakanties_2024-2030.csv"
    holidays.write_text(holidays.read_text().replace("2024-10-26,2024-11-03", "2024-10-26,2024-11-02", 1))

    report = import_reference(directory=small_dir)

    assert report.counts["scholen"].updated == 1
    assert report.counts["schoolvakanties"].updated == 1
    assert report.created == 0 and report.updated == 2
    assert Organisation.objects.get(code=KNOWN_SCHOOL).name == "De Nieuwe Wegwijzer"


def test_existing_organisation_is_matched_not_duplicated(
    small_dir: Path, make_organisation: Callable[..., Organisation]
) -> None:
    # A gemeente made by hand (different case) and a board with a real name keep their rows.
    org = make_organisation(
        kind=OrganisationKind.GEMEENTE, name="Gemeente Borger-Odoorn", code="borger-odoorn"
    )
    Gemeente.objects.create(organisation=org, name="BORGER-ODOORN")
    board = make_organisation(kind=OrganisationKind.BESTUUR, name="Stichting Primenius", code="32073")

    import_reference(directory=small_dir)

    assert Gemeente.objects.filter(name__iexact="borger-odoorn").count() == 1
    assert Gemeente.objects.get(pk=org.pk).name == "Borger-Odoorn"
    board.refresh_from_db()
    assert board.name == "Stichting Primenius"
    assert SchoolLocation.objects.get(vestigingscode=KNOWN_SCHOOL).board_id == board.pk


def test_audit_event_written(small_dir: Path, make_user: Callable[..., Any]) -> None:
    user = make_user(role="functioneel_beheerder")
    import_reference(directory=small_dir, actor=user)

    event = AuditEvent.objects.get(action=AuditAction.IMPORT)
    assert event.actor == user
    assert event.object_type == "referentiegegevens"
    assert event.message.startswith("Referentiegegevens geïmporteerd: gemeenten ")
