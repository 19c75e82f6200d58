"""The home page shows the agenda: what is overdue or due soon in the cases this person may see."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kring.accounts.roles import Role
from kring.accounts.testing import login_verified
from kring.cases import services
from kring.cases.testing import make_world
from kring.cases.tests.helpers import add_consulent, member_of, open_case, thuiszitter_timeline
from kring.core.testing import make_user

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


def test_the_organisation_agenda_shows_a_colleagues_agreement(client):
    world = make_world()
    case = open_case(world)
    due = timezone.localdate() + timedelta(days=3)
    services.add_agreement(
        actor=world.user("lpa"),
        case=case,
        text="Huisbezoek bij de familie plannen.",
        owner=member_of(case, "lpa", world),
        due_on=due,
    )
    colleague = make_user(role=Role.LEERPLICHTAMBTENAAR, organisation=world.gemeente.organisation)
    login_verified(client, colleague)

    mine = client.get("/").content.decode()
    assert "Huisbezoek bij de familie plannen." not in mine  # not their own agreement

    organisation = client.get("/?agenda=organisatie").content.decode()
    assert "Huisbezoek bij de familie plannen." in organisation
    assert 'aria-current="page">Agenda van ' in organisation


def test_the_organisation_agenda_never_shows_more_than_the_policy_allows(client):
    world = make_world()
    case = open_case(world)
    consulent = add_consulent(world, case)
    services.add_agreement(
        actor=world.user("lpa"),
        case=case,
        text="Plek zoeken in het speciaal onderwijs.",
        owner=consulent,
        due_on=timezone.localdate() + timedelta(days=2),
    )
    # Functioneel beheer of the same samenwerkingsverband configures, but sees no children.
    beheerder = make_user(role=Role.FUNCTIONEEL_BEHEERDER, organisation=world.swv.organisation)
    login_verified(client, beheerder)
    html = client.get("/?agenda=organisatie").content.decode()
    assert "Plek zoeken in het speciaal onderwijs." not in html
    assert world.child.first_name not in html
