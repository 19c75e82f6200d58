"""The family's logbook in the browser (issue 11, item 6).

Given a case whose circle has a youth-care worker, when the worker opens the case, and a
leerplichtambtenaar of another gemeente opens the child's file in an emergency (with a reason) from
the page that explains it, then the parent finds the logbook from the family's page and reads, in
sentences, that the youth-care worker viewed the case, and the emergency line in a coloured box with
its reason; printed, the filters are left out. axe finds nothing on any of these pages.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kring.accounts.models import User
from kring.cases import services
from kring.cases.models import Case, MemberKind, Visibility
from kring.cases.testing import World, make_world
from kring.children.models import Child
from kring.core.testing import DEFAULT_PASSWORD
from kring.privacy.crypto import bsn_lookup_hash, encrypt_bsn

from .helpers import assert_no_axe_violations, log_in, screenshot

pytestmark = pytest.mark.browser

BSN = "111222333"
REASON = "Melding van Veilig Thuis vannacht: ik moet weten wie er rond het kind staat."


@pytest.fixture
def world(transactional_db: None, settings: Settings) -> World:
    settings.KRING_REQUIRE_2FA = False
    return make_world()


def as_user(page: Page, user: User) -> None:
    page.context.clear_cookies()
    log_in(page, username=user.username, password=DEFAULT_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")


def checked(page: Page, name: str) -> None:
    screenshot(page, name)
    assert_no_axe_violations(page)


def _case(world: World) -> Case:
    Child.objects.filter(pk=world.child.pk).update(
        bsn_encrypted=encrypt_bsn(BSN), bsn_hash=bsn_lookup_hash(BSN)
    )
    lpa = world.user("lpa")
    case = services.open_case(
        actor=lpa,
        child=world.child,
        signal_kind="verzuim",
        signal_description="Noor is sinds begin oktober niet meer op school geweest.",
        opened_on=timezone.localdate() - timedelta(days=20),
    )
    services.add_circle_member(
        actor=lpa,
        case=case,
        kind=MemberKind.JEUGDHULP,
        user=world.user("jeugdhulp"),
        joined_on=timezone.localdate() - timedelta(days=10),
        visibility=Visibility.VOLLEDIG,
    )
    return case


def test_the_parent_reads_who_viewed_the_file_and_the_emergency_line(page: Page, world: World) -> None:
    case = _case(world)
    jeugdhulp, other_lpa, parent = world.user("jeugdhulp"), world.user("other_lpa"), world.user("ouder")

    # Given the youth-care worker who opens the case
    as_user(page, jeugdhulp)
    page.goto(f"/casussen/{case.pk}/")
    expect(page.locator(".kring-case-header")).to_be_visible()

    # And a leerplichtambtenaar of another gemeente who opens the file in an emergency
    as_user(page, other_lpa)
    page.goto("/casussen/kinderen/")
    page.get_by_role("link", name="openen in een noodgeval").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dossier openen in een noodgeval")
    expect(page.get_by_text("De ouders zien dat in het logboek van hun kind")).to_be_visible()
    checked(page, "noodtoegang")
    page.get_by_label("BSN van het kind").fill(BSN)
    page.get_by_label("Waarom heb je het dossier nu nodig?").fill(REASON)
    with page.expect_navigation():
        page.get_by_role("button", name="Dossier openen en vastleggen").click()
    expect(page.locator(".kring-case-header")).to_be_visible()
    expect(page.get_by_text("Alles wat je bekijkt, komt in het logboek van het gezin")).to_be_visible()
    expect(page.locator(".kring-emergency-notice")).to_contain_text("Je leest dit dossier in een noodgeval")
    checked(page, "casus-noodgeval")

    # When the parent goes from the family's page to the logbook
    as_user(page, parent)
    page.goto("/casussen/gezin/")
    checked(page, "gezin")
    page.get_by_role("link", name="Naar het logboek van Noor").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logboek van Noor")
    checked(page, "logboek")

    # Then she reads the youth-care worker's view of the case in a sentence
    worker_line = page.locator(
        ".kring-logbook__line", has_text=f"heeft {jeugdhulp.display_name} (jeugdhulpverlener"
    )
    expect(worker_line.filter(has_text="De casus is bekeken.").first).to_be_visible()
    # And the emergency lines in a coloured box, with the reason
    emergency = page.locator(".kring-logbook__line--break-glass")
    expect(emergency.first).to_contain_text("Toegang in een noodgeval")
    expect(emergency.filter(has_text="Het dossier is geopend in een noodgeval")).to_contain_text(REASON)
    expect(emergency.filter(has_text=other_lpa.display_name).first).to_be_visible()

    # And with only the changes, the emergency opening is still there
    page.get_by_label("Wat wil je zien?").select_option(label="Alleen wat er is veranderd")
    page.get_by_role("button", name="Toon het logboek").click()
    expect(page.locator(".kring-logbook__line--break-glass")).to_have_count(1)
    expect(page.locator(".kring-logbook__line", has_text="De casus is bekeken.")).to_have_count(0)
    checked(page, "logboek-wijzigingen")

    # And on paper the filters and links are left out, the lines stay
    page.emulate_media(media="print")
    expect(page.locator(".kring-logbook-filters")).to_be_hidden()
    expect(page.locator(".kring-logbook__line--break-glass")).to_be_visible()
