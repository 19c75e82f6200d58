"""The agenda: what is due within 7 days or overdue, sorted by urgency."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import translation

from kring.agenda.selectors import agenda_for_organisation, agenda_for_user
from kring.cases import services
from kring.cases.testing import World
from kring.children.services import record_event

from .helpers import add_consulent, open_case, thuiszitter_timeline

TODAY = date(2026, 3, 2)


def enrolled(world: World) -> None:
    """Enrolled and attending: no thuiszitter, so no KR-3M obligation in the agenda."""
    record_event(
        actor=None,
        child=world.child,
        type="inschrijving",
        date=date(2025, 9, 1),
        data={"sector": "po"},
        school=world.school,
    )


def test_agreements_sorted_by_urgency(world: World) -> None:
    enrolled(world)
    case = open_case(world, on=date(2026, 1, 5))
    owner = add_consulent(world, case, on=date(2026, 1, 5))
    lpa = world.user("lpa")
    for text, offset in [
        ("in zes dagen", 6),
        ("een dag te laat", -1),
        ("over tien dagen", 10),  # outside the 7-day horizon
        ("vijf dagen te laat", -5),
        ("vandaag", 0),
        ("over twee dagen", 2),
        ("precies zeven dagen", 7),
    ]:
        services.add_agreement(
            actor=lpa, case=case, text=text, owner=owner, due_on=TODAY + timedelta(days=offset)
        )
    items = agenda_for_user(world.user("consulent"), today=TODAY)
    assert [i.title for i in items] == [
        "vijf dagen te laat",
        "een dag te laat",
        "vandaag",
        "over twee dagen",
        "in zes dagen",
        "precies zeven dagen",
    ]
    assert [i.days_overdue for i in items][:3] == [5, 1, 0]
    assert items[0].urgent and not items[2].urgent
    assert (
        items[0].child_name.startswith("Noor")
        and items[0].case_id == case.pk
        and items[0].label == "Afspraak"
    )
    # agreements of others do not show; the organisation's agenda shows its people's agreements
    assert not any(i.kind == "afspraak" for i in agenda_for_user(lpa, today=TODAY))
    assert (
        len([i for i in agenda_for_organisation(world.swv.organisation, today=TODAY) if i.kind == "afspraak"])
        == 6
    )


def test_done_agreements_leave_the_agenda(world: World) -> None:
    enrolled(world)
    case = open_case(world, on=date(2026, 1, 5))
    owner = add_consulent(world, case, on=date(2026, 1, 5))
    agreement = services.add_agreement(
        actor=world.user("lpa"), case=case, text="x", owner=owner, due_on=TODAY
    )
    services.complete_agreement(actor=world.user("consulent"), agreement=agreement, done_on=TODAY)
    assert agenda_for_user(world.user("consulent"), today=TODAY) == []


def test_overdue_norm_shows_with_rule_and_source(world: World) -> None:
    thuiszitter_timeline(world)
    case = open_case(world)
    owner = add_consulent(world, case)
    services.add_agreement(
        actor=world.user("lpa"), case=case, text="Bel de ouders.", owner=owner, due_on=TODAY
    )
    items = agenda_for_user(world.user("consulent"), today=TODAY)  # the SWV sees the child of its region
    first = items[0]
    assert first.rule == "KR-3M" and first.kind == "norm" and first.due == date(2026, 1, 6)
    assert first.days_overdue == (TODAY - date(2026, 1, 6)).days and first.source
    assert first.key == f"case:{case.pk}:KR-3M::2026-01-06"
    assert items[-1].title == "Bel de ouders."
    # someone who cannot see the child has nothing in the agenda
    assert agenda_for_user(world.user("other_lpa"), today=TODAY) == []
    assert agenda_for_user(world.user("beheerder"), today=TODAY) == []


def test_closed_cases_are_not_in_the_agenda(world: World) -> None:
    thuiszitter_timeline(world)
    case = open_case(world)
    services.transition_case(
        actor=world.user("lpa"),
        case=case,
        to_status="afgesloten",
        reason="Verhuisd.",
        on=TODAY,
        expected_version=1,
    )
    assert agenda_for_user(world.user("lpa"), today=TODAY) == []


def test_a_handover_is_on_the_new_regievoerders_agenda_with_the_note(world: World) -> None:
    enrolled(world)
    case = open_case(world, on=date(2026, 1, 5))
    lpa = world.user("lpa")
    services.appoint_regievoerder(
        actor=lpa, case=case, member=case.circle.get(user=lpa), note="Kent het gezin.", on=date(2026, 1, 5)
    )
    consulent = add_consulent(world, case, on=date(2026, 1, 5))
    services.hand_over_regievoerder(
        actor=lpa, case=case, member=consulent, note="Moeder belt liever na drie uur.", on=TODAY
    )
    items = [i for i in agenda_for_user(world.user("consulent"), today=TODAY) if i.kind == "overdracht"]
    assert [(i.title, i.description) for i in items] == [
        (
            "Je hebt de regie overgenomen. Lees wat je moet weten.",
            "Overdrachtsnotitie: Moeder belt liever na drie uur.",
        )
    ]
    assert items[0].url.endswith(f"/casussen/{case.pk}/")
    # the old regievoerder gets no such entry, and after two weeks it leaves the agenda
    assert not [i for i in agenda_for_user(lpa, today=TODAY) if i.kind == "overdracht"]
    later = agenda_for_user(world.user("consulent"), today=TODAY + timedelta(days=15))
    assert not [i for i in later if i.kind == "overdracht"]
    colleagues = agenda_for_organisation(world.swv.organisation, today=TODAY)
    assert [i.title for i in colleagues if i.kind == "overdracht"] == [
        f"{world.user('consulent').display_name} heeft de regie overgenomen."
    ]


def test_the_next_evaluation_is_on_the_regievoerders_agenda(world: World) -> None:
    enrolled(world)
    case = open_case(world, on=date(2026, 1, 5))
    lpa = world.user("lpa")
    services.appoint_regievoerder(
        actor=lpa, case=case, member=case.circle.get(user=lpa), note="Kent het gezin.", on=date(2026, 1, 5)
    )
    services.set_perspective(
        actor=lpa,
        case=case,
        set_on=date(2026, 1, 5),
        set_with_parents=True,
        set_with_child=True,
        goals="x",
        needs={"leren": "y"},
    )
    services.set_evaluation_rhythm(
        actor=lpa, case=case, weeks=6, set_on=date(2026, 1, 12), expected_version=1
    )
    items = [i for i in agenda_for_user(lpa, today=TODAY) if i.kind == "evaluatie"]
    assert [(i.due, i.days_overdue, i.title) for i in items] == [
        (date(2026, 2, 23), 7, "Evalueren met ouders en kind (elke 6 weken)")
    ]
    assert items[0].urgent  # late: "Let op" on the agenda
    assert not [i for i in agenda_for_user(world.user("consulent"), today=TODAY) if i.kind == "evaluatie"]


def test_the_norm_on_the_agenda_follows_the_chosen_language(world: World) -> None:
    thuiszitter_timeline(world)
    open_case(world)
    with translation.override("en"):
        first = agenda_for_user(world.user("consulent"), today=TODAY)[0]
    assert first.title.startswith("Within 3 months: coordinator, development perspective")
    assert "within 3 months after 6 October 2025, so by 6 January 2026" in first.description
    with translation.override("nl"):
        first = agenda_for_user(world.user("consulent"), today=TODAY)[0]
    assert first.title.startswith("Binnen 3 maanden: regievoerder")
    assert "binnen 3 maanden na 6 oktober 2025, dus uiterlijk 6 januari 2026" in first.description
