"""The issue's acceptance journeys, each one continuous browser test in given/when/then steps.

1. From a school signal to a met three-month norm: an intern begeleider registers a child, opens a
   case, records rising absence until the child is a thuiszitter, sets up the circle, the regie, a
   kernoverleg with the child's voice, three agreements and the plan, until KR-3M is met; the parent
   sees the regievoerder and the agreements.
2. Nothing happens for three months: the nightly tick escalates the case, the leerplichtambtenaar
   sees the escalation, the SWV directeur (level 1 of the ladder) finds it on the agenda and decides;
   the parent sees the escalation and the decision.

Dates are relative to today (school days from the same calendar the app uses), so the journeys work
on any day. Every page visited passes axe. The steps use the Dutch labels of fields, headings and
buttons, as a person would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect
from pytest_django.fixtures import Settings

from kring.accounts.models import User
from kring.accounts.roles import Role
from kring.cases import services
from kring.cases.models import Case
from kring.cases.testing import World, make_world
from kring.children.assessment import calendar_for_assessment
from kring.children.models import Child, LegalRepresentative
from kring.children.services import record_event
from kring.core.testing import DEFAULT_PASSWORD, make_user
from kring.regions import services as region_services
from kring.rules.kalender import format_date_nl

from .helpers import assert_no_axe_violations, log_in, screenshot

pytestmark = pytest.mark.browser

REGIO = "midden"
CHILD_FIRST, CHILD_LAST = "Mila", "de Wit"
PARENT_NAME, PARENT_EMAIL = "Ilse de Wit", "ilse.dewit@example.org"
CHILD_VOICE = "Ik wil wel naar school, maar eerst alleen de ochtenden. In de grote klas is het te druk."


@dataclass
class Region:
    """The fictional region of kring.cases.testing.make_world, with people who have real names."""

    world: World
    ib: User
    consulent: User
    directeur: User
    lpa: User

    @property
    def school_name(self) -> str:
        return self.world.school.organisation.name


def named(user: User, first: str, last: str) -> User:
    user.first_name, user.last_name = first, last
    user.save(update_fields=["first_name", "last_name"])
    return user


@pytest.fixture
def region(transactional_db: None, settings: Settings) -> Region:
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    world = make_world()
    return Region(
        world=world,
        ib=named(world.user("ib"), "Anne", "de Vries"),
        consulent=named(world.user("consulent"), "Karim", "Bakker"),
        directeur=named(world.user("directeur"), "Petra", "Jansen"),
        lpa=named(world.user("lpa"), "Joost", "Visser"),
    )


# ---------------------------------------------------------------- dates


def school_day_on_or_before(day: date) -> date:
    calendar = calendar_for_assessment()
    while not calendar.is_school_day(day, REGIO):
        day -= timedelta(days=1)
    return day


def school_days_later(day: date, n: int) -> date:
    """The n-th school day after `day` (n may be negative: before)."""
    calendar = calendar_for_assessment()
    step = timedelta(days=1 if n > 0 else -1)
    for _ in range(abs(n)):
        day += step
        while not calendar.is_school_day(day, REGIO):
            day += step
    return day


def thuiszitter_start(today: date, *, weeks: int) -> date:
    """A school day about `weeks` weeks ago from which, absent without end, the child is a
    thuiszitter today: more than 28 days not counting school holidays (TZ-01)."""
    calendar = calendar_for_assessment()
    since = school_day_on_or_before(today - timedelta(weeks=weeks))
    while calendar.days_excluding_holidays(since, today, REGIO) <= 28:
        since = school_days_later(since, -1)
    return since


# ---------------------------------------------------------------- steps: general


def checked(page: Page, name: str) -> None:
    """After every navigation or submit: a screenshot (with KRING_SCREENSHOT_DIR) and axe."""
    screenshot(page, f"main-{name}")
    assert_no_axe_violations(page)


def choose(select: Locator, option_text: str) -> None:
    """Pick the option of `select` whose text contains `option_text`."""
    text = select.locator("option", has_text=option_text).first.text_content() or ""
    select.select_option(label=text.strip())


def expect_message(page: Page, text: str) -> None:
    expect(page.get_by_role("status").filter(has_text=text)).to_be_visible()


def open_disclosure(panel: Locator, summary: str) -> None:
    panel.locator("summary", has_text=summary).click()


def main_menu(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Hoofdmenu")


def given_logged_in_as(page: Page, user: User) -> None:
    if page.get_by_role("heading", name="Inloggen bij Kring").count() == 0:
        page.goto("/account/inloggen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen bij Kring")
    checked(page, "login")
    log_in(page, username=user.username, password=DEFAULT_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welkom, {user.display_name}")
    checked(page, f"home-{user.role}")


def when_they_log_out(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen bij Kring")


def when_they_open_the_case_list(page: Page) -> None:
    main_menu(page).get_by_role("link", name="Casussen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Casussen")
    checked(page, "case-list")


def when_they_open_the_case_from_the_list(page: Page, child_name: str) -> Locator:
    row = page.get_by_role("row", name=re.compile(child_name))
    expect(row).to_be_visible()
    row.get_by_role("link", name=child_name).click()
    then_they_see_the_case_page(page, child_name)
    return row


def then_they_see_the_case_page(page: Page, child_name: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(child_name)
    expect(page.get_by_role("heading", name="Kring", exact=True)).to_be_visible()
    checked(page, "case-page")


def kr3m(page: Page) -> Locator:
    return page.locator('#beoordeling [data-rule="KR-3M"]')


# ---------------------------------------------------------------- steps: journey 1


def when_she_registers_a_child(page: Page, region: Region, *, born: date, enrolled_on: date) -> None:
    page.get_by_role("link", name="Nieuw kind registreren").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuw kind registreren")
    checked(page, "child-new")
    page.get_by_label("Voornaam").fill(CHILD_FIRST)
    page.get_by_label("Achternaam").fill(CHILD_LAST)
    page.get_by_label("Geboortedatum").fill(born.isoformat())
    page.get_by_label("Postcode").fill("3511 AB")
    page.get_by_label("Vakantieregio").select_option(label="Midden")
    school = page.get_by_role("group", name="School", exact=True)
    choose(school.get_by_label("Ingeschreven op"), region.school_name)
    school.get_by_label("Ingeschreven sinds").fill(enrolled_on.isoformat())
    parent = page.get_by_role("group", name="Ouder of wettelijk vertegenwoordiger", exact=True)
    parent.get_by_label("Naam").fill(PARENT_NAME)
    parent.get_by_label("Relatie tot het kind").fill("moeder")
    parent.get_by_label("E-mailadres").fill(PARENT_EMAIL)
    page.get_by_role("button", name="Registreren en casus openen").click()


def then_she_is_asked_to_open_a_case(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Casus openen voor {CHILD_FIRST} {CHILD_LAST}")
    expect_message(page, f"{CHILD_FIRST} {CHILD_LAST} is geregistreerd")
    checked(page, "case-open")


def given_the_parent_has_an_account_for_her_child() -> User:
    """Kring has no page yet to give a parent access: link the parent's account to the
    representative the school just registered, as an administrator would."""
    parent = make_user(role=Role.OUDER, username="ilse", first_name="Ilse", last_name="de Wit")
    representative = LegalRepresentative.objects.get(
        child__first_name=CHILD_FIRST, child__last_name=CHILD_LAST, email=PARENT_EMAIL
    )
    representative.user = parent
    representative.save(update_fields=["user"])
    return parent


def when_she_opens_a_case_on_the_signal(page: Page, *, on: date) -> None:
    page.get_by_label("Soort signaal").select_option(label="Afwezigheid of verzuim")
    page.get_by_label("Wat is er aan de hand?").fill(
        "Mila is steeds vaker afwezig zonder reden; de laatste weken komt ze helemaal niet meer."
    )
    page.get_by_label("Datum van het signaal").fill(on.isoformat())
    page.get_by_role("button", name="Casus openen").click()
    expect_message(page, f"De casus voor {CHILD_FIRST} is geopend.")
    then_they_see_the_case_page(page, f"{CHILD_FIRST} {CHILD_LAST}")


def then_the_circle_has_the_parent_and_the_child(page: Page, region: Region) -> None:
    circle = page.locator("#kring")
    expect(circle.get_by_role("row", name=re.compile(PARENT_NAME))).to_contain_text(
        "Ouder of wettelijk vertegenwoordiger"
    )
    expect(circle.get_by_role("row", name=re.compile(rf"^{CHILD_FIRST}\b"))).to_contain_text("Kind")
    expect(circle.get_by_role("row", name=re.compile(region.ib.display_name))).to_be_visible()
    expect(circle).to_contain_text("Er is nog geen regievoerder.")


def when_she_records_an_absence(page: Page, *, on: date, until: date | None = None) -> None:
    page.get_by_label("Gebeurtenis toevoegen").select_option(label="Afwezig")
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gebeurtenis toevoegen")
    expect(page.get_by_role("heading", level=2)).to_have_text("Afwezig")
    checked(page, "event-form")
    page.get_by_label("Datum", exact=True).fill(on.isoformat())
    choose(page.get_by_label("Reden van afwezigheid"), "Ongeoorloofd")
    if until is not None:
        page.get_by_label("Tot en met").fill(until.isoformat())
    page.get_by_role("button", name="Vastleggen").click()
    expect_message(page, "Afwezig is vastgelegd op de tijdlijn.")
    checked(page, "case-page-after-event")


def then_the_child_is_a_thuiszitter_without_the_norm_met(page: Page, *, since: date) -> None:
    thuiszitter = page.locator("#beoordeling [data-category]")
    expect(thuiszitter).to_have_attribute("data-category", "langdurig_relatief_verzuim")
    expect(thuiszitter).to_contain_text("Langdurig relatief verzuim")
    expect(thuiszitter.locator("time")).to_have_attribute("datetime", since.isoformat())
    assert int(thuiszitter.get_attribute("data-days") or 0) > 28
    expect(kr3m(page)).to_have_attribute("data-status", "open")
    expect(kr3m(page)).to_contain_text("Regionale afspraak (geen wet)")
    expect(page.locator('#tijdlijn [data-type="afwezig"]')).to_have_count(2)


def then_the_case_is_on_the_list_as_a_thuiszitter(page: Page) -> None:
    row = page.get_by_role("row", name=re.compile(f"{CHILD_FIRST} {CHILD_LAST}"))
    expect(row).to_contain_text("Langdurig relatief verzuim")
    expect(row).to_contain_text("Nog niemand")


def when_she_adds_to_the_circle(page: Page, user: User, *, kind: str, role: str) -> None:
    circle = page.locator("#kring")
    open_disclosure(circle, "Toevoegen aan de kring")
    circle.get_by_label("Soort lid").select_option(label=kind)
    choose(circle.get_by_label("Persoon met een account in Kring"), user.display_name)
    circle.get_by_label("Rol in de kring").fill(role)
    circle.get_by_role("button", name="Toevoegen aan de kring").click()
    expect_message(page, f"{user.display_name} is toegevoegd aan de kring.")
    checked(page, "circle-added")
    expect(page.locator("#kring").get_by_role("row", name=re.compile(user.display_name))).to_contain_text(
        role
    )


def when_she_names_the_regievoerder(page: Page, user: User, *, note: str) -> None:
    circle = page.locator("#kring")
    open_disclosure(circle, "Regievoerder aanwijzen")
    choose(circle.get_by_label("Regievoerder"), user.display_name)
    circle.get_by_label("Toelichting").fill(note)
    circle.get_by_role("button", name="Regievoerder aanwijzen").click()
    expect_message(page, f"{user.display_name} is de regievoerder")
    checked(page, "regie-appointed")
    expect(page.locator("#kring")).to_contain_text(f"Regievoerder: {user.display_name}")


def when_she_records_a_kernoverleg(page: Page, *, present: list[str], voice: str, notes: str) -> None:
    meetings = page.locator("#overleg")
    open_disclosure(meetings, "Kernoverleg vastleggen")
    for name in present:
        meetings.get_by_role("checkbox", name=re.compile(f"^{name} ")).check()
    meetings.get_by_label("De ouders waren erbij").check()
    meetings.get_by_label("Het kind was erbij").check()
    meetings.get_by_label("Wat zegt of wil het kind?").fill(voice)
    meetings.get_by_label("Dit zijn de eigen woorden van het kind").check()
    meetings.get_by_label("Verslag").fill(notes)
    meetings.get_by_role("button", name="Overleg vastleggen").click()
    expect_message(page, "Het overleg is vastgelegd.")
    checked(page, "meeting-recorded")


def then_the_meeting_shows_the_family_and_the_childs_own_words(page: Page, *, voice: str) -> None:
    meeting = page.locator("#overleg article").first
    expect(meeting).to_contain_text("Waren erbij")
    expect(meeting).to_contain_text("Was erbij")
    expect(meeting.locator("blockquote")).to_have_text(voice)
    expect(meeting).to_contain_text("in eigen woorden")


def when_she_makes_an_agreement(page: Page, text: str, *, owner: str, due: date) -> None:
    meetings = page.locator("#overleg")
    open_disclosure(meetings, "Afspraak maken")
    meetings.get_by_label("Afspraak", exact=True).fill(text)
    choose(meetings.get_by_label("Wie doet het?"), owner)
    meetings.get_by_label("Klaar uiterlijk").fill(due.isoformat())
    meetings.get_by_role("button", name="Afspraak vastleggen").click()
    expect_message(page, "De afspraak is vastgelegd.")
    checked(page, "agreement-made")
    agreement = page.locator("#overleg li", has_text=text)
    expect(agreement).to_contain_text(f"Door {owner}")


def when_she_sets_the_perspective(page: Page, needs: dict[str, str], *, goals: str) -> None:
    plan = page.locator("#plan")
    open_disclosure(plan, "Ontwikkelperspectief vastleggen")
    for dimension, text in needs.items():
        plan.get_by_label(f"Wat het kind nodig heeft: {dimension}").fill(text)
    plan.get_by_label("Doelen").fill(goals)
    plan.get_by_label("Samen met de ouders vastgesteld").check()
    plan.get_by_label("Samen met het kind vastgesteld").check()
    plan.get_by_role("button", name="Ontwikkelperspectief opslaan").click()
    expect_message(page, "Het ontwikkelperspectief is opgeslagen.")
    checked(page, "perspective-set")
    plan = page.locator("#plan")
    expect(plan).to_contain_text("samen met ouders en kind")
    for dimension, text in needs.items():
        expect(plan).to_contain_text(f"Nodig: {dimension}")
        expect(plan).to_contain_text(text)


def when_she_sets_the_route(page: Page, *, provider: str, start: date) -> None:
    plan = page.locator("#plan")
    open_disclosure(plan, "Route vastleggen")
    plan.get_by_label("Soort route die het kind nodig heeft").select_option(label="Onderwijs-zorgarrangement")
    plan.get_by_label("Uren per week die het kind nodig heeft").fill("12")
    plan.get_by_label("Wat is er nodig?").fill("Onderwijs in een kleine groep met zorg erbij.")
    plan.get_by_label("Soort route die is aangeboden").select_option(label="Geleidelijke terugkeer")
    plan.get_by_label("Aanbieder").fill(provider)
    plan.get_by_label("Start").fill(start.isoformat())
    plan.get_by_label("Uren per week", exact=True).fill("6")
    plan.get_by_role("button", name="Route vastleggen").click()
    expect_message(page, "De route is vastgelegd.")
    checked(page, "route-set")


def then_the_route_shows_needed_and_offered_apart(page: Page, *, provider: str) -> None:
    route = page.locator("#plan .kring-route")
    expect(route).to_contain_text("Wat het kind nodig heeft")
    expect(route).to_contain_text("Onderwijs-zorgarrangement, 12")
    expect(route).to_contain_text("Wat is aangeboden")
    expect(route).to_contain_text(f"Geleidelijke terugkeer bij {provider}, 6")


def when_she_sets_the_evaluation_rhythm(page: Page, *, weeks: int) -> None:
    plan = page.locator("#plan")
    open_disclosure(plan, "Evaluatieritme afspreken")
    plan.get_by_label("Evalueren elke … weken").fill(str(weeks))
    plan.get_by_role("button", name="Evaluatieritme opslaan").click()
    expect_message(page, f"evalueren elke {weeks} weken")
    checked(page, "rhythm-set")
    expect(page.locator("#plan")).to_contain_text(f"Elke {weeks} weken evalueren")


def then_the_three_month_norm_is_met(page: Page) -> None:
    expect(kr3m(page)).to_have_attribute("data-status", "met")
    expect(kr3m(page).locator(".kring-rule__missing")).to_have_count(0)


def when_the_parent_opens_the_family_view(page: Page) -> None:
    main_menu(page).get_by_role("link", name="De kring rond je kind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("De kring rond je kind")
    checked(page, "family")


def family_section(page: Page, child_first_name: str) -> Locator:
    return page.get_by_role("region", name=child_first_name)


def then_the_family_sees_the_regievoerder_and_the_agreements(
    page: Page, regievoerder: User, agreements: dict[str, str]
) -> None:
    section = family_section(page, CHILD_FIRST)
    regie = section.locator(".kring-regie")
    expect(regie).to_contain_text(regievoerder.display_name)
    expect(regie).to_contain_text(regievoerder.email)
    for text, owner in agreements.items():
        expect(section.locator("li", has_text=text)).to_contain_text(f"Wie: {owner}")
    expect(section.locator("blockquote")).to_have_text(CHILD_VOICE)


# ---------------------------------------------------------------- steps: journey 2


def given_a_ladder_with_the_directeur_on_level_one(region: Region) -> None:
    region_services.configure_escalation_ladder(
        actor=region.directeur,
        swv=region.world.swv,
        levels=[
            region_services.LevelSpec(name="Directeur SWV", term_amount=5, mandate_user=region.directeur),
            region_services.LevelSpec(
                name="Bestuur SWV", term_amount=2, term_unit="weken", mandate_role=Role.SWV_DIRECTEUR
            ),
        ],
    )


def given_a_thuiszitter_case_with_nothing_arranged(region: Region, *, since: date, opened_on: date) -> Case:
    """Enrolled at the region's school, absent without permission since `since` (still going on),
    reported to DUO on time (the day 16 hours were reached, LPW-21: no statutory term is overdue);
    a case opened by the leerplichtambtenaar, and then nothing."""
    child: Child = region.world.child
    record_event(
        actor=None,
        child=child,
        type="inschrijving",
        date=date(since.year - 2, 9, 1),
        data={"sector": "po"},
        school=region.world.school,
    )
    record_event(actor=None, child=child, type="afwezig", date=since, data={"reden": "ongeoorloofd"})
    record_event(actor=None, child=child, type="verzuimmelding", date=school_days_later(since, 3), data={})
    return services.open_case(
        actor=region.lpa,
        child=child,
        signal_kind="thuiszitten",
        signal_description=f"{child.first_name} zit sinds een paar weken thuis.",
        opened_on=opened_on,
    )


def when_the_nightly_tick_runs() -> str:
    out = StringIO()
    call_command("tick", stdout=out)
    return out.getvalue()


def then_the_escalation_waits_for_the_directeur(page: Page, region: Region) -> Locator:
    panel = page.locator("#escalaties")
    escalation = panel.locator("article", has_text="Automatisch, regel KR-3M")
    expect(escalation).to_have_count(1)
    expect(escalation.get_by_role("heading", level=3)).to_contain_text("wacht op besluit")
    expect(escalation).to_contain_text("Trede 1: Directeur SWV")
    expect(escalation).to_contain_text("De driemaandennorm is niet gehaald")
    return escalation


def when_the_directeur_follows_the_agenda_to_the_case(page: Page, child_name: str) -> None:
    agenda = page.get_by_role("region", name="Agenda")
    row = agenda.get_by_role("row", name=re.compile(f"Besluit nodig over escalatie.*{child_name}"))
    expect(row).to_contain_text("Besluit")
    expect(row).to_contain_text("De driemaandennorm is niet gehaald")
    row.get_by_role("link").click()
    then_they_see_the_case_page(page, child_name)


def when_the_directeur_decides(page: Page, *, decision: str, owner: User, due: date) -> None:
    escalation = page.locator("#escalaties article", has_text="Automatisch, regel KR-3M")
    form = escalation.locator("form")
    expect(escalation.locator("summary", has_text="Besluit vastleggen")).to_be_visible()
    form.get_by_label("Besluit", exact=True).fill(decision)
    choose(form.get_by_label("Wie voert het uit?"), owner.display_name)
    form.get_by_label("Uitgevoerd uiterlijk").fill(due.isoformat())
    form.get_by_role("button", name="Besluit vastleggen").click()
    expect_message(page, f"Het besluit is vastgelegd. {owner.display_name} voert het uit.")
    checked(page, "decision-recorded")


def then_the_case_page_shows_the_decision(
    page: Page, *, decided_by: User, decision: str, owner: User, due: date
) -> None:
    escalation = page.locator("#escalaties article", has_text="Automatisch, regel KR-3M")
    expect(escalation.get_by_role("heading", level=3)).to_contain_text("besloten")
    result = escalation.locator(".kring-decision")
    expect(result).to_contain_text(f"Besluit van {decided_by.display_name}")
    expect(result).to_contain_text(decision)
    expect(result).to_contain_text(f"Uitvoering door {owner.display_name}, uiterlijk {format_date_nl(due)}.")
    expect(escalation.locator("form")).to_have_count(0)
    # The decision is now an agreement of whoever carries it out.
    expect(page.locator("#overleg li", has_text=decision)).to_contain_text(f"Door {owner.display_name}")


def then_the_family_sees_the_escalation_and_the_decision(
    page: Page, child_first_name: str, *, decided_by: User, decision: str, owner: User
) -> None:
    section = family_section(page, child_first_name)
    escalation = section.locator(".kring-escalation")
    expect(escalation).to_have_count(1)
    expect(escalation).to_contain_text("De driemaandennorm is niet gehaald")
    expect(escalation).to_contain_text(f"Besluit van {decided_by.display_name}: {decision}")
    expect(escalation).to_contain_text(f"{owner.display_name} zorgt dat dit gebeurt")


# ---------------------------------------------------------------- journeys


def test_from_a_school_signal_to_a_met_three_month_norm(page: Page, region: Region) -> None:
    today = timezone.localdate()
    since = thuiszitter_start(today, weeks=5)
    first_absence = school_days_later(since, -10)  # school days in between: two separate runs
    child_name = f"{CHILD_FIRST} {CHILD_LAST}"

    # Given the intern begeleider of Basisschool De Regenboog is logged in,
    given_logged_in_as(page, region.ib)
    # when she registers a pupil of her school from the case list, and opens a case on the signal,
    when_they_open_the_case_list(page)
    when_she_registers_a_child(
        page, region, born=date(today.year - 9, 4, 12), enrolled_on=date(today.year - 3, 9, 1)
    )
    then_she_is_asked_to_open_a_case(page)
    parent = given_the_parent_has_an_account_for_her_child()
    when_she_opens_a_case_on_the_signal(page, on=today)
    # then the parents and the child are in the circle without anyone adding them.
    then_the_circle_has_the_parent_and_the_child(page, region)

    # When she records rising absence without permission: a day, then every day for five weeks,
    when_she_records_an_absence(page, on=first_absence, until=first_absence)
    when_she_records_an_absence(page, on=since)
    # then the child is a thuiszitter and the three-month norm runs,
    then_the_child_is_a_thuiszitter_without_the_norm_met(page, since=since)
    # and the case list shows it; from there she goes back to the case.
    when_they_open_the_case_list(page)
    then_the_case_is_on_the_list_as_a_thuiszitter(page)
    when_they_open_the_case_from_the_list(page, child_name)

    # When she adds the SWV consulent to the circle and names him regievoerder,
    when_she_adds_to_the_circle(
        page, region.consulent, kind="Samenwerkingsverband", role="Consulent passend onderwijs"
    )
    when_she_names_the_regievoerder(
        page, region.consulent, note="Het SWV kent de scholen in de regio en het gezin al."
    )
    # records a kernoverleg with the parents and the child, in the child's own words,
    when_she_records_a_kernoverleg(
        page,
        present=[region.ib.display_name, region.consulent.display_name, PARENT_NAME, CHILD_FIRST],
        voice=CHILD_VOICE,
        notes="Samen gekeken naar een rustige start in een kleine groep.",
    )
    then_the_meeting_shows_the_family_and_the_childs_own_words(page, voice=CHILD_VOICE)
    # makes three agreements, each with an owner and a date,
    agreements = {
        "Rooster maken voor twee ochtenden per week.": region.ib.display_name,
        "Gesprek met de jeugdarts plannen.": region.consulent.display_name,
        "Ouders bellen na de eerste week.": region.consulent.display_name,
    }
    for n, (text, owner) in enumerate(agreements.items()):
        when_she_makes_an_agreement(page, text, owner=owner, due=today + timedelta(days=7 * (n + 1)))
    # and sets the perspective (two needs), the route (needed and offered) and the rhythm,
    when_she_sets_the_perspective(
        page,
        {
            "leren": "Een kleine groep en korte instructies.",
            "gedrag en welzijn": "Een vaste plek om tot rust te komen.",
        },
        goals="Na zes weken vier ochtenden per week op school.",
    )
    when_she_sets_the_route(page, provider=region.school_name, start=today)
    then_the_route_shows_needed_and_offered_apart(page, provider=region.school_name)
    when_she_sets_the_evaluation_rhythm(page, weeks=6)
    # then the assessment shows the three-month norm as met.
    then_the_three_month_norm_is_met(page)

    # And the parent sees the regievoerder and the three agreements on the family page.
    when_they_log_out(page)
    given_logged_in_as(page, parent)
    when_the_parent_opens_the_family_view(page)
    then_the_family_sees_the_regievoerder_and_the_agreements(page, region.consulent, agreements)


def test_nothing_happens_for_three_months_then_tick_escalates_and_the_mandate_holder_decides(
    page: Page, region: Region
) -> None:
    today = timezone.localdate()
    since = school_day_on_or_before(today - timedelta(days=130))
    child = region.world.child
    child_name = f"{child.first_name} {child.last_name}"
    decision = "De consulent wordt regievoerder en plant binnen een week een kernoverleg met het gezin."
    due = today + timedelta(days=7)

    # Given a ladder whose first level is the SWV directeur, and a thuiszitter's case opened more
    # than three months ago on which nothing was arranged,
    given_a_ladder_with_the_directeur_on_level_one(region)
    given_a_thuiszitter_case_with_nothing_arranged(region, since=since, opened_on=since + timedelta(days=5))

    # when the nightly job runs today,
    output = when_the_nightly_tick_runs()
    # then it escalates the case (once: a second run the same night changes nothing),
    assert f"Nachtelijke taken voor {today.isoformat()}:" in output
    assert "1 kinderen beoordeeld" in output, output  # the children job assesses; the case job reads it
    assert "1 met te late punten bekeken, 1 nieuwe escalaties" in output, output
    assert "0 nieuwe escalaties" in when_the_nightly_tick_runs()

    # and the leerplichtambtenaar sees the escalation on the case page.
    given_logged_in_as(page, region.lpa)
    when_they_open_the_case_list(page)
    expect(page.get_by_role("row", name=re.compile(child_name))).to_contain_text("Geëscaleerd")
    when_they_open_the_case_from_the_list(page, child_name)
    escalation = then_the_escalation_waits_for_the_directeur(page, region)
    expect(escalation).to_contain_text(region.directeur.display_name)
    expect(escalation.locator("form")).to_have_count(0)  # only the mandate holder decides
    when_they_log_out(page)

    # When the directeur logs in, finds the decision on her agenda and follows it to the case,
    given_logged_in_as(page, region.directeur)
    when_the_directeur_follows_the_agenda_to_the_case(page, child_name)
    then_the_escalation_waits_for_the_directeur(page, region)
    # and records a decision: what, who carries it out, by when,
    when_the_directeur_decides(page, decision=decision, owner=region.consulent, due=due)
    # then the case page shows the decision.
    then_the_case_page_shows_the_decision(
        page, decided_by=region.directeur, decision=decision, owner=region.consulent, due=due
    )
    when_they_log_out(page)

    # And the parent sees the escalation and the decision on the family page.
    given_logged_in_as(page, region.world.user("ouder"))
    when_the_parent_opens_the_family_view(page)
    then_the_family_sees_the_escalation_and_the_decision(
        page, child.first_name, decided_by=region.directeur, decision=decision, owner=region.consulent
    )
