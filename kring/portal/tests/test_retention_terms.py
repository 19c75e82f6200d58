"""'Hoe lang bewaren we dit?' on the family's page of one child: the case file's term from the
region, and the engine's bewaartermijnen from the stored assessment, each with its source."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from kring.accounts.testing import login_verified
from kring.cases.models import Case
from kring.portal.retention import engine_lines
from kring.regions.models import RegionSettings

from .world import FamilyWorld, make_family_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def fw() -> FamilyWorld:
    return make_family_world()


def _page(fw: FamilyWorld) -> str:
    client = Client()
    login_verified(client, fw.world.user("ouder"))
    return client.get(reverse("portal:child", args=[fw.world.child.pk])).content.decode()


def test_an_open_case_is_kept_while_it_is_open_and_the_page_says_for_how_long_after(fw: FamilyWorld) -> None:
    RegionSettings.objects.create(swv=fw.world.swv, case_retention_years=3)
    page = _page(fw)
    assert "Hoe lang bewaren we dit?" in page and 'href="#bewaren"' in page
    assert "Bewaard zolang de kring er is." in page
    assert "Na het afsluiten blijft het dossier nog 3 jaar bewaard." in page
    assert "Beleid van het samenwerkingsverband." in page


def test_a_closed_case_shows_its_last_day(fw: FamilyWorld) -> None:
    Case.objects.filter(pk=fw.case.pk).update(
        status="afgesloten", opened_on=date(2024, 1, 8), closed_on=date(2024, 3, 1), closing_reason="Klaar."
    )
    page = _page(fw)
    assert "Het dossier van de kring die is afgesloten op 1 maart 2024" in page
    assert "Bewaard tot en met 1 maart 2026." in page  # the default: 2 years


def test_the_engines_terms_are_shown_with_their_source() -> None:
    data = {
        "bewaartermijnen": [
            {
                "rule": "PRV-04",
                "subject": "SWV Rijnstreek PO",
                "soort": "gezondheidsgegevens",
                "date": "2025-10-27",
                "until": "2028-10-27",
                "source": "WPO art. 18a lid 13",
                "explanation": "Het samenwerkingsverband bewaart deze gegevens tot 3 jaar na het besluit.",
            }
        ]
    }
    [line] = engine_lines(data)
    assert line.until == date(2028, 10, 27) and line.keeper == "SWV Rijnstreek PO"
    assert line.source == "WPO art. 18a lid 13" and "gezondheid" in line.what
    assert engine_lines({}) == []  # an assessment of catalog v1 has no list
