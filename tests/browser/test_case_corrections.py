"""Browser journeys of correcting case work (issue 8): a wrong appointment of the regievoerder is
corrected or undone, a new member of the circle starts with the narrowest view, and the handover
note and the next evaluation reach the people who need them.

Given a case opened through the services (fictional region from kring.cases.testing), when people
work in the browser with the Dutch labels, then the case page shows it, and every page passes axe.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.cases import services
from kring.cases.models import Case
from kring.cases.testing import World, make_world
from kring.children.models import TimelineEvent
from kring.core.testing import DEFAULT_PASSWORD

from .helpers import assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def no_two_factor(settings: Settings) -> Settings:
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    return settings


def open_case(world: World) -> Case:
    return services.open_case(
        actor=world.user("lpa"),
        child=world.child,
        signal_kind="verzuim",
        signal_description="Noor is sinds begin oktober niet meer op school geweest.",
        opened_on=timezone.localdate() - timedelta(days=10),
    )


def appoint_lpa(world: World, case: Case) -> None:
    services.appoint_regievoerder(
        actor=world.user("lpa"),
        case=case,
        member=case.circle.get(user=world.user("lpa"), active=True),
        note="Kent het gezin al jaren.",
        on=case.opened_on,
    )


def test_a_wrong_appointment_is_corrected_and_a_new_member_sees_little(
    page: Page, no_two_factor: Settings
) -> None:
    world = make_world()
    case = open_case(world)
    appoint_lpa(world, case)
    lpa, jeugdhulp = world.user("lpa"), world.user("jeugdhulp")

    # Given the leerplichtambtenaar adds a care worker to the circle without choosing what they see,
    log_in(page, username=lpa.username, password=DEFAULT_PASSWORD)
    page.goto(f"/casussen/{case.pk}/")
    kring = page.locator("#kring")
    kring.locator("summary", has_text="Toevoegen aan de kring").click()
    expect(kring.get_by_label("Mag zien")).to_have_value("alleen_afspraken")
    kring.get_by_label("Soort lid").select_option(value="jeugdhulp")
    kring.get_by_label("Persoon met een account in Kring").select_option(value=str(jeugdhulp.pk))
    kring.get_by_role("button", name="Toevoegen aan de kring").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"{jeugdhulp.display_name} is toegevoegd aan de kring."
    )
    # then the new member sees only their own agreements,
    row = page.locator("#kring tr", has_text=jeugdhulp.display_name)
    expect(row).to_contain_text("Alleen de eigen afspraken")
    assert_no_axe_violations(page)

    # When she corrects the appointment (she was appointed by mistake; it should have been him),
    kring = page.locator("#kring")
    kring.locator("summary", has_text="Aanwijzing verbeteren").click()
    member = case.circle.get(user=jeugdhulp, active=True)
    kring.get_by_label("Juiste regievoerder").select_option(value=str(member.pk))
    kring.get_by_label("Waarom klopte de aanwijzing niet?").fill("Per ongeluk mezelf gekozen.")
    assert_no_axe_violations(page)
    kring.get_by_role("button", name="Aanwijzing verbeteren").click()
    # then he is the regievoerder, and sees the whole file; no handover took place.
    expect(page.get_by_role("status")).to_contain_text(
        f"De aanwijzing is verbeterd: {jeugdhulp.display_name} is de regievoerder."
    )
    kring = page.locator("#kring")
    expect(kring).to_contain_text(f"Regievoerder: {jeugdhulp.display_name}")
    expect(kring.locator("tr", has_text=jeugdhulp.display_name)).to_contain_text("Het hele dossier")
    assert case.regievoerders.count() == 1
    assert_no_axe_violations(page)


def test_deleting_the_appointment_from_the_timeline_undoes_it(page: Page, no_two_factor: Settings) -> None:
    world = make_world()
    case = open_case(world)
    appoint_lpa(world, case)
    event = TimelineEvent.objects.get(child=world.child, type="regievoerder_aangewezen")

    # Given the regievoerder was appointed by mistake, when the event is deleted from the timeline,
    log_in(page, username=world.user("lpa").username, password=DEFAULT_PASSWORD)
    page.goto(f"/casussen/{case.pk}/gebeurtenis/{event.pk}/verwijderen/")
    assert_no_axe_violations(page)
    page.get_by_label("Waarom verwijder je deze gebeurtenis?").fill("Nog niemand aangewezen; vergissing.")
    page.get_by_role("button", name="Ja, verwijderen").click()
    # then the case has no regievoerder again, and a new one can be appointed.
    kring = page.locator("#kring")
    expect(kring).to_contain_text("Er is nog geen regievoerder.")
    expect(kring.locator("summary", has_text="Regievoerder aanwijzen")).to_be_visible()
    assert_no_axe_violations(page)
