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


def test_the_new_regievoerder_finds_the_handover_note_on_the_agenda_and_the_case(
    page: Page, no_two_factor: Settings
) -> None:
    world = make_world()
    case = open_case(world)
    appoint_lpa(world, case)
    consulent = world.user("consulent")
    member = services.add_circle_member(
        actor=world.user("lpa"), case=case, kind="swv", user=consulent, joined_on=case.opened_on
    )
    services.hand_over_regievoerder(
        actor=world.user("lpa"),
        case=case,
        member=member,
        note="Moeder belt liever na drie uur. Het kind wil niet over de oude klas praten.",
        on=timezone.localdate(),
    )

    # Given the regie was handed over to the consulent, when she logs in,
    log_in(page, username=consulent.username, password=DEFAULT_PASSWORD)
    page.goto("/")
    # then her agenda says she took over the regie, with the note,
    agenda = page.locator("#agenda")
    expect(agenda).to_contain_text("Je hebt de regie overgenomen. Lees wat je moet weten.")
    expect(agenda).to_contain_text("Moeder belt liever na drie uur.")
    assert_no_axe_violations(page)
    # and on the case page she reads it first, in the circle's regievoerder box.
    agenda.get_by_role("link", name="Je hebt de regie overgenomen. Lees wat je moet weten.").click()
    note = page.get_by_role("note", name="Wat je moet weten: de overdrachtsnotitie")
    expect(note).to_contain_text("Wat je moet weten: de overdrachtsnotitie")
    expect(note).to_contain_text(f"overgenomen van {world.user('lpa').display_name}")
    expect(note).to_contain_text("Het kind wil niet over de oude klas praten.")
    assert_no_axe_violations(page)


def test_the_next_evaluation_is_shown_late_and_moved_by_an_evaluation_meeting(
    page: Page, no_two_factor: Settings
) -> None:
    world = make_world()
    case = open_case(world)
    appoint_lpa(world, case)
    lpa = world.user("lpa")
    services.set_perspective(
        actor=lpa,
        case=case,
        set_on=case.opened_on,
        set_with_parents=True,
        set_with_child=True,
        goals="Weer naar school.",
        needs={"leren": "Een kleine groep."},
    )
    services.set_evaluation_rhythm(actor=lpa, case=case, weeks=1, set_on=case.opened_on, expected_version=1)
    today = timezone.localdate()

    # Given the circle agreed to evaluate every week, and ten days passed,
    log_in(page, username=lpa.username, password=DEFAULT_PASSWORD)
    # then the case list, the agenda and the case page say the evaluation is late,
    page.goto("/casussen/")
    row = page.locator("tr", has_text=world.child.first_name)
    expect(row).to_contain_text("Te laat")
    assert_no_axe_violations(page)
    page.goto("/")
    expect(page.locator("#agenda")).to_contain_text("Evalueren met ouders en kind (elke week)")
    page.goto(f"/casussen/{case.pk}/")
    plan = page.locator("#plan")
    expect(plan).to_contain_text("Volgende evaluatie:")
    expect(plan).to_contain_text("Te laat")
    assert_no_axe_violations(page)

    # When she records today's meeting as the evaluation,
    overleg = page.locator("#overleg")
    overleg.locator("summary", has_text="Kernoverleg vastleggen").click()
    overleg.get_by_label("De ouders waren erbij").check()
    overleg.get_by_label("Het kind was erbij").check()
    overleg.get_by_label("Dit overleg was de evaluatie").check()
    assert_no_axe_violations(page)
    overleg.get_by_role("button", name="Overleg vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("Het overleg is vastgelegd.")
    # then the next evaluation is a week from today, and no longer late.
    plan = page.locator("#plan")
    expect(plan.locator("time", has_text=str((today + timedelta(weeks=1)).day))).to_have_attribute(
        "datetime", (today + timedelta(weeks=1)).isoformat()
    )
    expect(plan).not_to_contain_text("Te laat")
    assert_no_axe_violations(page)
