"""Selectors over the imported reference data (kring.organisations.selectors)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kring.organisations import selectors
from kring.organisations.models import Samenwerkingsverband
from kring.reference.services import import_reference

from .conftest import KNOWN_PC4, KNOWN_SCHOOL

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(small_dir: Path) -> None:
    import_reference(directory=small_dir)


@pytest.mark.usefixtures("imported")
def test_swv_for_postcode() -> None:
    po = selectors.swv_for_postcode(KNOWN_PC4, "po")
    vo = selectors.swv_for_postcode("9571 AZ", "vo")
    assert po is not None and po.code == "PO2202"
    assert vo is not None and vo.code == "VO2202"
    so = selectors.swv_for_postcode(KNOWN_PC4, "so")
    assert so == po  # special education for primary ages falls under the PO SWV
    assert selectors.swv_for_postcode("3198", "po") is None  # Europoort
    assert selectors.swv_for_postcode("9999", "po") is None
    with pytest.raises(ValueError, match="onbekende sector"):
        selectors.swv_for_postcode(KNOWN_PC4, "mbo")


@pytest.mark.usefixtures("imported")
def test_gemeente_for_postcode() -> None:
    gemeente = selectors.gemeente_for_postcode(KNOWN_PC4)
    assert gemeente is not None and gemeente.name == "Borger-Odoorn"
    assert selectors.gemeente_for_postcode("9999") is None


@pytest.mark.usefixtures("imported")
def test_schools_in_swv() -> None:
    swv = Samenwerkingsverband.objects.get(code="PO2202")
    codes = list(selectors.schools_in_swv(swv).values_list("vestigingscode", flat=True))
    assert KNOWN_SCHOOL in codes
    assert all(s.postcode.startswith(KNOWN_PC4) for s in selectors.schools_in_swv(swv))
    assert not selectors.schools_in_swv(Samenwerkingsverband.objects.get(code="PO2707")).filter(
        vestigingscode=KNOWN_SCHOOL
    )


@pytest.mark.usefixtures("imported")
def test_search_schools() -> None:
    assert [s.vestigingscode for s in selectors.search_schools("wegwijzer exloërmond")] == [KNOWN_SCHOOL]
    assert KNOWN_SCHOOL in [s.vestigingscode for s in selectors.search_schools("03WU")]
    assert KNOWN_SCHOOL in [s.vestigingscode for s in selectors.search_schools("9571")]
    assert KNOWN_SCHOOL in [s.vestigingscode for s in selectors.search_schools("borger-odoorn")]
    assert not selectors.search_schools("   ")
