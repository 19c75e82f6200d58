"""Browser journeys of the work on a case: the circle, the regievoerder, a kernoverleg with the
child's voice, agreements, the plan (perspective, route, rhythm) until the three-month norm is met;
and a case where nothing happens, the nightly job escalates it and the mandate holder decides.

Given a case opened through the services (fictional region from kring.cases.testing), when people
work in the browser with the Dutch labels, then the case page and the family page show it.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect
from pytest_django.fixtures import Settings

from kring.accounts.roles import Role
from kring.cases import services
from kring.cases.models import Case, Escalation
from kring.cases.testing import World, make_world
from kring.children.services import record_event
from kring.core.testing import DEFAULT_PASSWORD
from kring.regions import services as region_services

from .helpers import assert_no_axe_violations, log_in, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def no_two_factor(settings: Settings) -> Settings:
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    return settings


def thuiszitter_since(world: World, since: date) -> None:
    """Enrolled at the region's school, absent without permission from `since` (still going on),
    reported to leerplicht three days later."""
    child = world.child
    record_event(
        actor=None,
        child=child,
        type="inschrijving",
        date=since - timedelta(days=60),
        data={"sector": "po"},
        school=world.school,
    )
    record_event(actor=None, child=child, type="afwezig", date=since, data={"reden": "ongeoorloofd"})
    record_event(actor=None, child=child, type="verzuimmelding", date=since + timedelta(days=3), data={})


def open_case(world: World, *, by: str, on: date) -> Case:
    return services.open_case(
        actor=world.user(by),
        child=world.child,
        signal_kind="thuiszitten",
        signal_description="Noor zit sinds een paar weken thuis.",
        opened_on=on,
    )


def ladder(world: World) -> None:
    region_services.configure_escalation_ladder(
        actor=world.user("directeur"),
        swv=world.swv,
        levels=[
            region_services.LevelSpec(
                name="Directeur SWV", term_amount=5, mandate_user=world.user("directeur")
            ),
            region_services.LevelSpec(
                name="Bestuur SWV", term_amount=2, term_unit="weken", mandate_role=Role.SWV_DIRECTEUR
            ),
        ],
    )


def open_disclosure(panel: Locator, summary: str) -> None:
    panel.locator("summary", has_text=summary).click()


def checked_page(page: Page, name: str, *, panels: tuple[str, ...] = ()) -> None:
    """Screenshots (when KRING_SCREENSHOT_DIR is set) of the page and of some panels; then axe."""
    path = screenshot(page, name)
    if path is not None:
        for panel in panels:
            page.locator(f"#{panel}").screenshot(path=str(path.with_name(f"{name}-{panel}.png")))
    assert_no_axe_violations(page)


def test_the_circle_is_set_up_and_the_three_month_norm_is_met(page: Page, no_two_factor: Settings) -> None:
    today = timezone.localdate()
    world = make_world()
    thuiszitter_since(world, today - timedelta(days=40))
    case = open_case(world, by="ib", on=today - timedelta(days=30))
    ib, consulent = world.user("ib"), world.user("consulent")

    # Given the intern begeleider is logged in and opens the case page,
    log_in(page, username=ib.username, password=DEFAULT_PASSWORD)
    page.goto(f"/casussen/{case.pk}/")
    kring = page.locator("#kring")
    # the parents and the child are already in the circle, and there is no regievoerder yet.
    expect(kring).to_contain_text(world.parent_rep.name)
    expect(kring).to_contain_text("Kind")
    expect(kring).to_contain_text("Er is nog geen regievoerder.")
    checked_page(page, "work-case-start")

    # When she adds the SWV consulent to the circle,
    open_disclosure(kring, "Toevoegen aan de kring")
    kring.get_by_label("Soort lid").select_option(value="swv")
    kring.get_by_label("Persoon met een account in Kring").select_option(value=str(consulent.pk))
    kring.get_by_label("Rol in de kring").fill("Consulent passend onderwijs")
    assert_no_axe_violations(page)
    kring.get_by_role("button", name="Toevoegen aan de kring").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"{consulent.display_name} is toegevoegd aan de kring."
    )
    assert_no_axe_violations(page)

    # and names the consulent regievoerder,
    kring = page.locator("#kring")
    open_disclosure(kring, "Regievoerder aanwijzen")
    consulent_member = case.circle.get(user=consulent, active=True)
    kring.get_by_label("Regievoerder").select_option(value=str(consulent_member.pk))
    kring.get_by_label("Toelichting").fill("Het SWV kent de scholen in de regio en het gezin.")
    kring.get_by_role("button", name="Regievoerder aanwijzen").click()
    expect(page.get_by_role("status")).to_contain_text(f"{consulent.display_name} is de regievoerder")
    expect(page.locator("#kring")).to_contain_text(f"Regievoerder: {consulent.display_name}")
    assert_no_axe_violations(page)

    # records a kernoverleg with the child's own words,
    overleg = page.locator("#overleg")
    open_disclosure(overleg, "Kernoverleg vastleggen")
    overleg.get_by_role("checkbox", name=ib.display_name).check()
    overleg.get_by_role("checkbox", name=consulent.display_name).check()
    overleg.get_by_label("De ouders waren erbij").check()
    overleg.get_by_label("Het kind was erbij").check()
    overleg.get_by_label("Wat zegt of wil het kind?").fill("Ik wil wel naar school, maar eerst een paar uur.")
    overleg.get_by_label("Dit zijn de eigen woorden van het kind").check()
    overleg.get_by_label("Verslag").fill("Samen gekeken naar een rustige start.")
    assert_no_axe_violations(page)
    overleg.get_by_role("button", name="Overleg vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("Het overleg is vastgelegd.")
    overleg = page.locator("#overleg")
    expect(overleg).to_contain_text("Ik wil wel naar school, maar eerst een paar uur.")
    expect(overleg).to_contain_text("in eigen woorden")

    # and three agreements, each with an owner and a date,
    owners = {
        "Rooster maken voor twee ochtenden per week.": ib,
        "Gesprek met de jeugdarts plannen.": consulent,
        "Ouders bellen na de eerste week.": consulent,
    }
    for text, owner in owners.items():
        overleg = page.locator("#overleg")
        open_disclosure(overleg, "Afspraak maken")
        overleg.get_by_label("Afspraak").fill(text)
        overleg.get_by_label("Wie doet het?").select_option(
            value=str(case.circle.get(user=owner, active=True).pk)
        )
        overleg.get_by_label("Klaar uiterlijk").fill((today + timedelta(days=14)).isoformat())
        overleg.get_by_role("button", name="Afspraak vastleggen").click()
        expect(page.get_by_role("status")).to_contain_text("De afspraak is vastgelegd.")
    for text in owners:
        expect(page.locator("#overleg")).to_contain_text(text)
    assert_no_axe_violations(page)

    # sets the perspective with parents and child, on two dimensions,
    plan = page.locator("#plan")
    open_disclosure(plan, "Ontwikkelperspectief vastleggen")
    plan.get_by_label("Wat het kind nodig heeft: leren").fill("Een kleine groep en korte instructies.")
    plan.get_by_label("Wat het kind nodig heeft: gedrag en welzijn").fill(
        "Een vaste plek om tot rust te komen."
    )
    plan.get_by_label("Doelen").fill("Na de kerstvakantie vier ochtenden op school.")
    plan.get_by_label("Samen met de ouders vastgesteld").check()
    plan.get_by_label("Samen met het kind vastgesteld").check()
    assert_no_axe_violations(page)
    plan.get_by_role("button", name="Ontwikkelperspectief opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Het ontwikkelperspectief is opgeslagen.")
    expect(page.locator("#plan")).to_contain_text("samen met ouders en kind")

    # the route (what she needs apart from what is offered),
    plan = page.locator("#plan")
    open_disclosure(plan, "Route vastleggen")
    plan.get_by_label("Soort route die het kind nodig heeft").select_option(value="onderwijs_zorgarrangement")
    plan.get_by_label("Uren per week die het kind nodig heeft").fill("12")
    plan.get_by_label("Soort route die is aangeboden").select_option(value="geleidelijke_terugkeer")
    plan.get_by_label("Aanbieder").fill("Basisschool De Regenboog")
    plan.get_by_label("Start").fill(today.isoformat())
    plan.get_by_label("Uren per week", exact=True).fill("6")
    assert_no_axe_violations(page)
    plan.get_by_role("button", name="Route vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("De route is vastgelegd.")

    # and the evaluation rhythm,
    plan = page.locator("#plan")
    open_disclosure(plan, "Evaluatieritme afspreken")
    plan.get_by_label("Evalueren elke … weken").fill("6")
    plan.get_by_role("button", name="Evaluatieritme opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Jullie evalueren elke 6 weken.")

    # then the plan shows need, offer and outcome apart, and the three-month norm is met.
    plan = page.locator("#plan")
    expect(plan).to_contain_text("Onderwijs-zorgarrangement, 12")
    expect(plan).to_contain_text("Geleidelijke terugkeer bij Basisschool De Regenboog")
    expect(plan).to_contain_text("Elke 6 weken evalueren")
    kr3m = page.locator('#beoordeling li[data-rule="KR-3M"]')
    expect(kr3m).to_have_attribute("data-status", "met")
    expect(kr3m).to_contain_text("Op tijd gedaan")
    checked_page(page, "work-case-panels", panels=("kring", "overleg", "plan"))

    # And the parent sees the regievoerder and the agreements on the family page.
    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, username=world.user("ouder").username, password=DEFAULT_PASSWORD)
    page.goto("/casussen/gezin/")
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text("De kring rond je kind")
    expect(main).to_contain_text(consulent.display_name)
    expect(main).to_contain_text(consulent.email)
    for text in owners:
        expect(main).to_contain_text(text)
    expect(main).to_contain_text("Ik wil wel naar school, maar eerst een paar uur.")
    checked_page(page, "work-family")


def test_nothing_happens_for_three_months_and_the_mandate_holder_decides(
    page: Page, no_two_factor: Settings
) -> None:
    today = timezone.localdate()
    world = make_world()
    ladder(world)
    thuiszitter_since(world, today - timedelta(days=130))
    case = open_case(world, by="lpa", on=today - timedelta(days=125))

    # Given nothing happened on the case for three months, the nightly job escalates it.
    call_command("tick", "--date", today.isoformat())
    escalation = Escalation.objects.get(case=case, rule_id="KR-3M")
    assert escalation.level is not None and escalation.level.order == 1

    # When the SWV director (who holds level 1) logs in and opens the case page,
    directeur = world.user("directeur")
    log_in(page, username=directeur.username, password=DEFAULT_PASSWORD)
    page.goto(f"/casussen/{case.pk}/")
    panel = page.locator("#escalaties")
    expect(panel).to_contain_text("wacht op besluit")
    expect(panel).to_contain_text("Automatisch, regel KR-3M")
    expect(panel).to_contain_text("Jij: je hebt mandaat op deze trede.")
    checked_page(page, "work-escalation", panels=("escalaties",))

    # and records a decision: what, by whom, by when,
    panel.get_by_label("Besluit", exact=True).fill(
        "De consulent wordt regievoerder en plant binnen een week een kernoverleg."
    )
    panel.get_by_label("Wie voert het uit?").select_option(value=str(world.user("consulent").pk))
    panel.get_by_label("Uitgevoerd uiterlijk").fill((today + timedelta(days=7)).isoformat())
    panel.get_by_role("button", name="Besluit vastleggen").click()

    # then the escalation is decided, and the follow-up is an agreement of the consulent.
    expect(page.get_by_role("status")).to_contain_text("Het besluit is vastgelegd.")
    panel = page.locator("#escalaties")
    expect(panel).to_contain_text("besloten")
    expect(panel).to_contain_text(f"Besluit van {directeur.display_name}")
    expect(page.locator("#overleg")).to_contain_text("Besluit na escalatie: De consulent wordt regievoerder")
    checked_page(page, "work-escalation-decided", panels=("escalaties",))
    escalation.refresh_from_db()
    assert escalation.resolved_on == today


def test_confirmation_refusal_and_region_pages_are_accessible(page: Page, no_two_factor: Settings) -> None:
    today = timezone.localdate()
    world = make_world()
    thuiszitter_since(world, today - timedelta(days=40))
    case = open_case(world, by="ib", on=today - timedelta(days=30))
    consulent = services.add_circle_member(
        actor=world.user("ib"), case=case, kind="swv", user=world.user("consulent"), joined_on=today
    )
    services.appoint_regievoerder(actor=world.user("ib"), case=case, member=consulent, note="SWV.", on=today)

    # Removing the regievoerder: a confirmation page, then the service's refusal with the reason kept.
    log_in(page, username=world.user("ib").username, password=DEFAULT_PASSWORD)
    page.goto(f"/casussen/{case.pk}/kring/{consulent.pk}/verwijderen/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("uit de kring halen?")
    checked_page(page, "work-remove-confirm")
    page.get_by_label("Waarom verlaat dit lid de kring?").fill("Gaat met verlof.")
    page.get_by_role("button", name="Ja, uit de kring halen").click()
    expect(page.get_by_role("alert")).to_contain_text("Dit lid is de regievoerder.")
    expect(page.get_by_label("Waarom verlaat dit lid de kring?")).to_have_value("Gaat met verlof.")
    checked_page(page, "work-remove-refused")
    page.get_by_role("button", name="Uitloggen").click()

    # The region settings page of the SWV director.
    log_in(page, username=world.user("directeur").username, password=DEFAULT_PASSWORD)
    page.goto("/casussen/regio/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Instellingen van de regio")
    page.get_by_label("Termijn van de norm (maanden)").fill("4")
    page.get_by_role("button", name="Normen opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De normen van de regio zijn opgeslagen.")
    expect(page.get_by_label("Termijn van de norm (maanden)")).to_have_value("4")
    checked_page(page, "work-region")
