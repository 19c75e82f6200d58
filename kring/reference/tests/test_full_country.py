"""The whole country from the real files in KRING_REFERENCE_DIR, twice (runs on SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from kring.organisations.models import (
    Gemeente,
    Organisation,
    OrganisationKind,
    Samenwerkingsverband,
    SchoolLocation,
)
from kring.reference.models import PostcodeArea, SchoolHoliday
from kring.reference.services import import_reference

from .conftest import database_state

pytestmark = pytest.mark.django_db


def test_full_country_import_and_rerun() -> None:
    directory = Path(settings.KRING_REFERENCE_DIR)
    first = import_reference(directory=directory)

    assert SchoolLocation.objects.count() == first.counts["scholen"].created == 8709
    assert Samenwerkingsverband.objects.filter(sector="po").count() == 76
    assert Samenwerkingsverband.objects.filter(sector="vo").count() == 74
    assert PostcodeArea.objects.count() == 4077  # 4,076 CBS PC4s plus 6236 (only in the SWV file)
    assert SchoolHoliday.objects.count() == 66
    boards = Organisation.objects.filter(kind=OrganisationKind.BESTUUR)
    assert boards.count() == first.counts["besturen"].created
    # 342 current gemeenten (in the DUO school files), the rest are older names kept for the PC4 links.
    assert Gemeente.objects.filter(organisation__active=True).count() == 342
    assert Gemeente.objects.filter(name="Bussum", organisation__active=False).exists()

    amsterdam = PostcodeArea.objects.select_related("swv_po", "swv_vo", "gemeente").get(pc4="1011")
    assert amsterdam.swv_po is not None and amsterdam.swv_po.code == "PO2707"
    assert amsterdam.swv_vo is not None and amsterdam.swv_vo.code == "VO2708"
    assert amsterdam.gemeente is not None and amsterdam.gemeente.name == "Amsterdam"
    assert PostcodeArea.objects.filter(pc4__in=["3197", "3198", "3199"], swv_po__isnull=True).count() == 3

    # A VO school known only from the GeoJSON: sector from its type, vakantieregio from its gemeente.
    gymnasium = SchoolLocation.objects.select_related("gemeente").get(vestigingscode="20QU05")
    assert (gymnasium.sector, gymnasium.school_type) == ("vo", "VWO")
    assert gymnasium.vakantieregio == "midden"
    assert gymnasium.gemeente is not None and gymnasium.gemeente.name == "Apeldoorn"
    assert SchoolLocation.objects.filter(sector="so_vso").count() > 400
    # The DUO gemeente without a name (Meierijstad, code 1948) is found through its CBS code.
    assert str(SchoolLocation.objects.get(vestigingscode="32LY00").gemeente) == "Meierijstad"
    assert SchoolLocation.objects.filter(gemeente__isnull=True).count() == 0
    assert str(SchoolLocation.objects.get(vestigingscode="32DD00").gemeente) == "'s-Gravenhage"

    before = database_state()
    second = import_reference(directory=directory)

    assert (second.created, second.updated) == (0, 0)
    after = database_state()
    after.pop("AuditEvent"), before.pop("AuditEvent")
    assert after == before
