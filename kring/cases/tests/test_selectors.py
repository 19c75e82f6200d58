"""Case lists, filters, search, the family's view of the regievoerder, and the CSV export."""

from __future__ import annotations

from datetime import date

from kring.cases import selectors, services
from kring.cases.jobs import run_nightly
from kring.cases.testing import World, make_child
from kring.privacy.models import AuditEvent
from kring.privacy.purposes import Purpose

from .helpers import add_consulent, open_case, thuiszitter_timeline, with_regievoerder

TODAY = date(2026, 3, 2)


def test_filters(world: World) -> None:
    thuiszitter_timeline(world)
    case = open_case(world)
    with_regievoerder(world, case)
    other_child = make_child(gemeente=world.gemeente, first_name="Daan")
    other = services.open_case(
        actor=world.user("lpa"),
        child=other_child,
        signal_kind="zorg_ouders",
        signal_description="Ouders bellen.",
        opened_on=date(2026, 2, 1),
    )
    run_nightly(today=TODAY)
    lpa = world.user("lpa")
    assert set(selectors.case_list(lpa)) == {case, other}
    assert list(selectors.case_list(lpa, thuiszitter="langdurig_relatief_verzuim")) == [case]
    assert list(selectors.case_list(lpa, thuiszitter="absoluut_verzuim")) == [
        other
    ]  # Daan is enrolled nowhere
    assert set(selectors.case_list(lpa, overdue=True)) == {case, other}
    assert list(selectors.case_list(lpa, school=world.school)) == [case]
    assert list(selectors.case_list(lpa, regievoerder=lpa)) == [case]
    assert set(selectors.case_list(lpa, gemeente=world.gemeente)) == {case, other}
    assert list(selectors.case_list(lpa, gemeente=world.other_gemeente)) == []
    assert list(selectors.case_list(lpa, query="daan")) == [other]
    assert list(selectors.case_list(lpa, status="signaal", escalated=False)) == []  # both escalated (KR-3M)
    assert list(selectors.case_list(world.user("other_lpa"))) == []


def test_regievoerder_contact_for_the_family(world: World) -> None:
    case = open_case(world)
    assert selectors.regievoerder_contact(case) is None
    with_regievoerder(world, case)
    services.hand_over_regievoerder(
        actor=world.user("lpa"),
        case=case,
        member=add_consulent(world, case),
        note="Neemt het over.",
        on=date(2025, 11, 1),
    )
    contact = selectors.regievoerder_contact(case)
    assert contact is not None and contact.name == world.user("consulent").display_name
    assert contact.organisation == world.swv.organisation.name and "@" in contact.contact_route


def test_export_rows_have_no_bsn_and_are_audited(world: World) -> None:
    case = open_case(world)
    rows = selectors.export_rows(
        actor=world.user("lpa"),
        cases=selectors.case_list(world.user("lpa")),
        purpose=Purpose.CASUSREGIE,
    )
    assert len(rows) == 1 and tuple(rows[0]) == selectors.EXPORT_COLUMNS
    assert not any("bsn" in key.lower() for key in rows[0])
    assert AuditEvent.objects.filter(child_id=world.child.pk, action="export").count() == 1
    # an outsider cannot widen an export by passing someone else's queryset
    assert (
        selectors.export_rows(
            actor=world.user("other_lpa"),
            cases=selectors.case_list(world.user("lpa")),
            purpose=Purpose.CASUSREGIE,
        )
        == []
    )
    selectors.record_listed(actor=world.user("lpa"), cases=[case], purpose=Purpose.CASUSREGIE)
    assert AuditEvent.objects.filter(child_id=world.child.pk, message__contains="in een lijst").count() == 1
