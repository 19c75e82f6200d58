"""Statutory terms reach the agenda of everyone who may see the child, with or without a case.

| who                          | child                                | on their agenda                  |
| ---------------------------- | ------------------------------------ | -------------------------------- |
| intern begeleider, school A  | aanmelding at A 40 days ago, no case | ZP-05, due in 2 days, child page |
| intern begeleider, school B  | the same child                       | nothing                          |
| the same, once a case opened | the same child                       | ZP-05, links the case page       |
| intern begeleider, school A  | the aanmelding decided               | nothing                          |
"""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from kring.accounts.testing import login_verified
from kring.agenda.selectors import agenda_for_organisation, agenda_for_user
from kring.cases import services
from kring.cases.testing import World
from kring.children.services import record_event

TODAY = date(2026, 3, 2)
APPLIED = TODAY - timedelta(days=40)  # ZP-05: the school decides within 6 weeks, so by TODAY + 2


def aanmelding(world: World, *, on: date = APPLIED) -> None:
    record_event(actor=None, child=world.child, type="aanmelding", date=on, data={}, school=world.school)


def test_zp05_of_a_child_without_a_case_is_on_the_intern_begeleiders_agenda(world: World) -> None:
    aanmelding(world)
    items = agenda_for_user(world.user("ib"), today=TODAY)
    assert [(i.rule, i.due, i.days_overdue, i.case_id) for i in items] == [
        ("ZP-05", TODAY + timedelta(days=2), 0, None)
    ]
    entry = items[0]
    assert entry.title.startswith("Besluit op aanmelding binnen 6 weken")
    assert entry.child_id == world.child.pk and entry.child_name.startswith(world.child.first_name)
    assert entry.label == "Termijn" and entry.source.startswith("WPO art. 40")
    assert entry.url == reverse("cases:open", args=[world.child.pk])  # the page about the child
    # an intern begeleider of another school does not see the child, so nothing of it
    assert agenda_for_user(world.user("other_ib"), today=TODAY) == []
    # the school's own agenda has it too
    assert [i.rule for i in agenda_for_organisation(world.school.organisation, today=TODAY)] == ["ZP-05"]


def test_the_term_links_the_case_page_once_the_child_has_an_open_case(world: World) -> None:
    aanmelding(world)
    case = services.open_case(
        actor=world.user("lpa"),
        child=world.child,
        signal_kind="verzuim",
        signal_description="Nog geen school.",
        opened_on=TODAY - timedelta(days=3),
    )
    items = [i for i in agenda_for_user(world.user("ib"), today=TODAY) if i.rule == "ZP-05"]
    assert len(items) == 1
    assert items[0].url == reverse("cases:detail", args=[case.pk])


def test_a_decided_aanmelding_leaves_the_agenda(world: World) -> None:
    aanmelding(world)
    assert agenda_for_user(world.user("ib"), today=TODAY)
    record_event(
        actor=None,
        child=world.child,
        type="aanmelding_besluit",
        date=TODAY - timedelta(days=1),
        data={"outcome": "toegelaten"},
        school=world.school,
    )
    assert agenda_for_user(world.user("ib"), today=TODAY) == []


def test_the_home_page_shows_the_term_of_a_child_without_a_case(world: World, client) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    aanmelding(world, on=today - timedelta(days=40))
    login_verified(client, world.user("ib"))
    html = client.get("/").content.decode()
    assert "Besluit op aanmelding binnen 6 weken" in html
    assert world.child.first_name in html
    assert reverse("cases:open", args=[world.child.pk]) in html
    assert "Er staat niets op je agenda." not in html


def test_the_nightly_mail_tells_the_intern_begeleider_about_the_term(world: World) -> None:
    from django.core import mail

    from kring.core.tick import run_tick

    aanmelding(world)
    run_tick(today=TODAY)
    ib = world.user("ib")
    mine = [m for m in mail.outbox if m.to == [ib.email]]
    assert len(mine) == 1 and world.child.first_name not in mine[0].body
    run_tick(today=TODAY)  # once per item
    assert len([m for m in mail.outbox if m.to == [ib.email]]) == 1
