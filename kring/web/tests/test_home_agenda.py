"""The home page shows the agenda: what is overdue or due soon in the cases this person may see."""

import pytest

from kring.accounts.testing import login_verified
from kring.cases.testing import make_world
from kring.cases.tests.helpers import open_case, thuiszitter_timeline

pytestmark = pytest.mark.django_db


def test_an_overdue_three_month_norm_is_on_the_agenda_of_the_leerplichtambtenaar(client):
    world = make_world()
    thuiszitter_timeline(world)  # absent since October 2025: today the three-month norm is long overdue
    open_case(world)
    login_verified(client, world.user("lpa"))
    html = client.get("/").content.decode()
    assert world.child.first_name in html
    assert "Bron: Regionale afspraak (geen wet)" in html
    assert "dagen te laat" in html
    assert "Er staat niets op je agenda." not in html


def test_someone_outside_the_circle_and_region_sees_an_empty_agenda(client):
    world = make_world()
    thuiszitter_timeline(world)
    open_case(world)
    login_verified(client, world.user("other_lpa"))
    html = client.get("/").content.decode()
    assert world.child.first_name not in html
    assert "Er staat niets op je agenda." in html
