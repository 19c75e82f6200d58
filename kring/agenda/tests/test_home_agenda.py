"""What a person notices on the home agenda: the year of a date outside this year, how far ahead
the agenda looks, and no internal codes."""

from __future__ import annotations

import datetime
import re
from datetime import timedelta

from django.utils import timezone, translation
from django.utils.formats import date_format

from kring.accounts.roles import Role
from kring.accounts.testing import login_verified
from kring.agenda.selectors import horizon_text
from kring.cases import services
from kring.cases.jobs import run_nightly
from kring.cases.testing import World
from kring.cases.tests.helpers import member_of
from kring.children.services import record_event
from kring.regions import services as region_services


def agenda_html(html: str) -> str:
    match = re.search(r'<section class="kring-section kring-agenda".*?</section>', html, re.S)
    assert match, "the home page has an agenda"
    return match.group(0)


def long_thuiszitter(world: World) -> None:
    """Enrolled, absent without a valid reason every school day since more than two years ago: the
    three-month norm of the open case was due in an earlier year."""
    today = timezone.localdate()
    record_event(
        actor=None,
        child=world.child,
        type="inschrijving",
        date=today - timedelta(days=900),
        data={"sector": "po"},
        school=world.school,
    )
    record_event(
        actor=None,
        child=world.child,
        type="afwezig",
        date=today - timedelta(days=800),
        data={"reden": "ongeoorloofd"},
    )
    record_event(
        actor=None, child=world.child, type="verzuimmelding", date=today - timedelta(days=797), data={}
    )
    services.open_case(
        actor=world.user("lpa"),
        child=world.child,
        signal_kind="verzuim",
        signal_description="Al lang thuis.",
        opened_on=today - timedelta(days=790),
    )


def test_a_date_in_another_year_shows_the_year_and_this_years_dates_do_not(world: World, client) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    long_thuiszitter(world)
    case = world.child.cases.get()
    soon = today + timedelta(days=2)
    services.add_agreement(
        actor=world.user("lpa"),
        case=case,
        text="Huisbezoek.",
        owner=member_of(case, "lpa", world),
        due_on=soon,
    )
    login_verified(client, world.user("lpa"))
    html = agenda_html(client.get("/").content.decode())
    times = dict(re.findall(r'<time datetime="([0-9-]+)">([^<]+)</time>', html))
    assert times, html
    for iso, shown in times.items():
        year = iso[:4]
        if int(year) != today.year:
            assert shown.endswith(year), (iso, shown)
        else:
            assert year not in shown, (iso, shown)
    assert any(int(iso[:4]) < today.year for iso in times)  # the norm that was due years ago
    assert soon.isoformat() in times


def test_the_agenda_says_how_far_ahead_it_looks(world: World, client) -> None:  # type: ignore[no-untyped-def]
    login_verified(client, world.user("lpa"))
    html = agenda_html(client.get("/").content.decode())
    last = timezone.localdate() + datetime.timedelta(days=7)
    last_text = date_format(last, "j F Y" if last.year != timezone.localdate().year else "j F")
    assert (
        f"De agenda toont wat de komende 7 dagen moet gebeuren, tot en met {last_text}, en wat al te laat is."
        in html
    )


def test_the_horizon_names_the_year_of_its_last_day_when_that_is_next_year() -> None:
    assert "tot en met 4 januari 2027," in horizon_text(datetime.date(2026, 12, 28))
    assert "tot en met 8 juni," in horizon_text(datetime.date(2026, 6, 1))
    with translation.override("en"):
        assert "up to and including 4 January 2027," in horizon_text(datetime.date(2026, 12, 28))


def test_no_internal_codes_on_the_agenda(world: World, client) -> None:  # type: ignore[no-untyped-def]
    long_thuiszitter(world)
    region_services.configure_escalation_ladder(
        actor=world.user("beheerder"),
        swv=world.swv,
        levels=[
            region_services.LevelSpec(name="Directeur SWV", term_amount=5, mandate_role=Role.SWV_DIRECTEUR)
        ],
    )
    run_nightly(today=timezone.localdate())  # escalates the missed norm: a decision for the director
    login_verified(client, world.user("directeur"))
    text = re.sub(r"<[^>]+>", " ", agenda_html(client.get("/").content.decode()))
    assert "De driemaandennorm is niet gehaald" in text  # the decision's reason, in words
    for code in ("KR-3M", "overdue", "langdurig_relatief_verzuim", "termijn:", "norm:"):
        assert code not in text
