"""The region's term for the case file after closing: set by its director or functioneel beheerder
on /casussen/regio/bewaartermijn/, audited, refused outside 1 to 20 years, default 2."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kring.accounts.testing import login_verified
from kring.cases.testing import World, make_world
from kring.privacy.models import AuditEvent
from kring.regions import services
from kring.regions.models import RegionSettings

pytestmark = pytest.mark.django_db

URL = "/casussen/regio/bewaartermijn/"


@pytest.fixture
def world() -> World:
    return make_world()


def _client(world: World, who: str) -> Client:
    client = Client()
    login_verified(client, world.user(who))
    return client


def test_the_default_is_two_years_and_the_settings_page_says_so(world: World) -> None:
    assert services.case_retention_years(world.swv) == 2
    page = _client(world, "directeur").get(reverse("regions:settings")).content.decode()
    assert "Kring verwijdert een casusdossier 2 jaar nadat de casus is afgesloten." in page
    assert URL in page


def test_the_director_sets_the_term_and_it_is_logged(world: World) -> None:
    client = _client(world, "directeur")
    assert reverse("regions:retention") == URL
    form = client.get(URL).content.decode()
    assert 'value="2"' in form
    response = client.post(URL, {"bewaren-case_retention_years": "5"})
    assert response.status_code == 302
    assert services.case_retention_years(world.swv) == 5
    line = AuditEvent.objects.get(code="region.case_retention_set")
    assert line.data == {"swv_id": world.swv.pk, "years": 5}
    # a second change needs the version the form showed
    version = RegionSettings.objects.get(swv=world.swv).version
    response = client.post(URL, {"bewaren-case_retention_years": "3", "bewaren-expected_version": version})
    assert response.status_code == 302 and services.case_retention_years(world.swv) == 3


def test_a_term_outside_one_to_twenty_years_is_refused(world: World) -> None:
    client = _client(world, "beheerder")
    response = client.post(URL, {"bewaren-case_retention_years": "0"})
    assert response.status_code == 400
    assert not AuditEvent.objects.filter(code="region.case_retention_set").exists()
    with pytest.raises(Exception, match="1 tot en met 20"):
        services.configure_case_retention(actor=world.user("beheerder"), swv=world.swv, years=21)


@pytest.mark.parametrize("who", ["consulent", "ib", "lpa", "ouder"])
def test_only_the_regions_director_and_beheerder_may(world: World, who: str) -> None:
    response = _client(world, who).post(URL, {"bewaren-case_retention_years": "5"})
    assert response.status_code == 403
    assert services.case_retention_years(world.swv) == 2
