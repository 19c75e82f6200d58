"""Every case service: the happy path, and each refusal with the message the user sees."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from kring.cases import services
from kring.cases.models import (
    AgreementStatus,
    Case,
    CaseStatus,
    CircleMember,
    MemberKind,
    RegievoerderAssignment,
    StatusChange,
)
from kring.cases.services import CaseRefused, StaleVersion
from kring.cases.testing import World
from kring.children.models import TimelineEvent
from kring.children.services import delete_event
from kring.privacy.models import AuditEvent
from kring.privacy.purposes import Purpose

from .helpers import OPENED, add_consulent, member_of, open_case, with_regievoerder


def audit_messages(world: World) -> list[str]:
    return list(AuditEvent.objects.filter(child_id=world.child.pk).values_list("message", flat=True))


# ---------------------------------------------------------------- open_case


def test_open_case_adds_family_and_opener(world: World) -> None:
    case = open_case(world)
    kinds = sorted(CircleMember.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds == sorted([MemberKind.OUDER, MemberKind.KIND, MemberKind.LEERPLICHT])
    assert case.status == CaseStatus.SIGNAAL and case.version == 1
    assert any("casus geopend" in m for m in audit_messages(world))
    event = AuditEvent.objects.filter(child_id=world.child.pk, object_type="casus").first()
    assert event is not None and event.purpose == Purpose.CASUSREGIE


def test_open_case_refuses_second_open_case(world: World) -> None:
    open_case(world)
    with pytest.raises(CaseRefused, match="Er is al een open casus voor Noor"):
        open_case(world)
    assert Case.objects.filter(child=world.child).count() == 1


def test_open_case_after_closing_is_allowed(world: World) -> None:
    case = open_case(world)
    services.transition_case(
        actor=world.user("lpa"),
        case=case,
        to_status="afgesloten",
        reason="Geen zorg meer.",
        on=date(2025, 10, 20),
        expected_version=1,
    )
    second = open_case(world, on=date(2025, 11, 3))
    assert second.pk != case.pk


def test_open_case_denied_without_access(world: World) -> None:
    with pytest.raises(PermissionDenied, match="geen casus openen"):
        services.open_case(
            actor=world.user("other_lpa"),
            child=world.child,
            signal_kind="verzuim",
            signal_description="x",
            opened_on=OPENED,
        )


def test_open_case_needs_description(world: World) -> None:
    with pytest.raises(CaseRefused, match="Beschrijf kort"):
        services.open_case(
            actor=world.user("lpa"),
            child=world.child,
            signal_kind="verzuim",
            signal_description="  ",
            opened_on=OPENED,
        )


# ---------------------------------------------------------------- transition_case


def test_transition_needs_reason(world: World) -> None:
    case = open_case(world)
    with_regievoerder(world, case)
    with pytest.raises(CaseRefused, match="Schrijf op waarom"):
        services.transition_case(
            actor=world.user("lpa"),
            case=case,
            to_status="verkenning",
            reason="",
            on=OPENED,
            expected_version=1,
        )


def test_transition_needs_regievoerder(world: World) -> None:
    case = open_case(world)
    with pytest.raises(CaseRefused, match="Wijs eerst een regievoerder aan"):
        services.transition_case(
            actor=world.user("lpa"),
            case=case,
            to_status="verkenning",
            reason="Opgepakt.",
            on=OPENED,
            expected_version=1,
        )


def test_transition_happy_path_records_history(world: World) -> None:
    case = open_case(world)
    with_regievoerder(world, case)
    case = services.transition_case(
        actor=world.user("lpa"),
        case=case,
        to_status="verkenning",
        reason="Opgepakt.",
        on=OPENED,
        expected_version=1,
    )
    assert case.status == "verkenning" and case.version == 2
    assert StatusChange.objects.get(case=case).reason == "Opgepakt."
    assert any("van Signaal naar Verkenning" in m for m in audit_messages(world))


def test_transition_not_in_table(world: World) -> None:
    case = open_case(world)
    with pytest.raises(
        CaseRefused, match=r"Van Signaal naar Uitvoering kan niet\. Wel mogelijk: Verkenning, Afgesloten"
    ):
        services.transition_case(
            actor=world.user("lpa"),
            case=case,
            to_status="uitvoering",
            reason="x",
            on=OPENED,
            expected_version=1,
        )


def test_transition_detects_concurrent_edit(world: World) -> None:
    case = open_case(world)
    with_regievoerder(world, case)
    stale = Case.objects.get(pk=case.pk)
    services.transition_case(
        actor=world.user("lpa"),
        case=case,
        to_status="verkenning",
        reason="Opgepakt.",
        on=OPENED,
        expected_version=1,
    )
    with pytest.raises(StaleVersion, match="Iemand anders heeft de casus intussen gewijzigd"):
        services.transition_case(
            actor=world.user("lpa"),
            case=stale,
            to_status="afgesloten",
            reason="Klaar.",
            on=OPENED,
            expected_version=1,
        )


def test_plan_to_uitvoering_needs_perspective_and_route(world: World) -> None:
    case = open_case(world)
    with_regievoerder(world, case)
    lpa = world.user("lpa")
    case = services.transition_case(
        actor=lpa, case=case, to_status="verkenning", reason="a", on=OPENED, expected_version=1
    )
    case = services.transition_case(
        actor=lpa, case=case, to_status="plan", reason="b", on=OPENED, expected_version=2
    )
    with pytest.raises(CaseRefused, match="Leg eerst het ontwikkelperspectief en een concrete route vast"):
        services.transition_case(
            actor=lpa, case=case, to_status="uitvoering", reason="c", on=OPENED, expected_version=3
        )


def test_closing_ends_regie_and_needs_reason_in_db(world: World) -> None:
    case = open_case(world)
    with_regievoerder(world, case)
    case = services.transition_case(
        actor=world.user("lpa"),
        case=case,
        to_status="afgesloten",
        reason="Verhuisd naar het buitenland.",
        on=date(2025, 11, 1),
        expected_version=1,
    )
    assert case.closed_on == date(2025, 11, 1) and case.closing_reason == "Verhuisd naar het buitenland."
    assert not RegievoerderAssignment.objects.filter(case=case, ended_on__isnull=True).exists()
    with pytest.raises(CaseRefused, match="Deze casus is afgesloten"):
        services.escalate_case(actor=world.user("lpa"), case=case, reason="x", on=date(2025, 11, 2))


def test_transition_denied_for_outsider(world: World) -> None:
    case = open_case(world)
    with pytest.raises(PermissionDenied, match="Je mag deze casus niet wijzigen"):
        services.transition_case(
            actor=world.user("other_lpa"),
            case=case,
            to_status="afgesloten",
            reason="x",
            on=OPENED,
            expected_version=1,
        )


# ---------------------------------------------------------------- the circle


def test_add_and_remove_member(world: World) -> None:
    case = open_case(world)
    member = add_consulent(world, case)
    assert member.organisation_id == world.swv.pk and member.kind == "swv"
    assert any("toegevoegd aan de kring" in m for m in audit_messages(world))
    services.remove_circle_member(
        actor=world.user("lpa"), member=member, reason="Taak is klaar.", left_on=OPENED
    )
    member.refresh_from_db()
    assert not member.active and member.left_on == OPENED


def test_add_member_twice_refused(world: World) -> None:
    case = open_case(world)
    add_consulent(world, case)
    with pytest.raises(CaseRefused, match="Deze persoon hoort al bij de kring"):
        add_consulent(world, case)


def test_add_member_needs_someone(world: World) -> None:
    case = open_case(world)
    with pytest.raises(CaseRefused, match="Kies een persoon of organisatie, of vul een naam in"):
        services.add_circle_member(actor=world.user("lpa"), case=case, kind="overig", joined_on=OPENED)


def test_free_named_member(world: World) -> None:
    case = open_case(world)
    member = services.add_circle_member(
        actor=world.user("lpa"),
        case=case,
        kind="overig",
        name="Opa Jan",
        role="opa",
        contact_route="via moeder",
        joined_on=OPENED,
    )
    assert member.display_name == "Opa Jan"


@pytest.mark.parametrize("kind", [MemberKind.OUDER, MemberKind.KIND])
def test_family_cannot_be_removed_while_open(world: World, kind: str) -> None:
    case = open_case(world)
    member = CircleMember.objects.get(case=case, kind=kind)
    with pytest.raises(CaseRefused, match="Ouders en het kind horen altijd bij de kring"):
        services.remove_circle_member(actor=world.user("lpa"), member=member, reason="x", left_on=OPENED)


def test_regievoerder_cannot_be_removed(world: World) -> None:
    case = open_case(world)
    member = with_regievoerder(world, case)
    with pytest.raises(CaseRefused, match="Draag eerst de regie over"):
        services.remove_circle_member(actor=world.user("lpa"), member=member, reason="x", left_on=OPENED)


def test_member_with_open_agreement_cannot_be_removed(world: World) -> None:
    case = open_case(world)
    member = add_consulent(world, case)
    services.add_agreement(
        actor=world.user("lpa"), case=case, text="Plek zoeken.", owner=member, due_on=date(2025, 11, 1)
    )
    with pytest.raises(CaseRefused, match="nog open afspraken"):
        services.remove_circle_member(actor=world.user("lpa"), member=member, reason="x", left_on=OPENED)


# ---------------------------------------------------------------- regievoerder


def test_appoint_records_contract_event(world: World) -> None:
    case = open_case(world)
    with_regievoerder(world, case)
    event = TimelineEvent.objects.get(child=world.child, type="regievoerder_aangewezen")
    assert event.date == OPENED and event.data["naam"] == world.user("lpa").display_name


def test_appoint_needs_note(world: World) -> None:
    case = open_case(world)
    with pytest.raises(CaseRefused, match="Schrijf kort op waarom"):
        services.appoint_regievoerder(
            actor=world.user("lpa"), case=case, member=member_of(case, "lpa", world), note=" ", on=OPENED
        )


def test_appoint_twice_refused(world: World) -> None:
    case = open_case(world)
    with_regievoerder(world, case)
    with pytest.raises(CaseRefused, match="Er is al een regievoerder"):
        services.appoint_regievoerder(
            actor=world.user("lpa"), case=case, member=add_consulent(world, case), note="x", on=OPENED
        )


def test_parent_cannot_be_regievoerder(world: World) -> None:
    case = open_case(world)
    parent = CircleMember.objects.get(case=case, kind="ouder")
    with pytest.raises(CaseRefused, match="professional met een account"):
        services.appoint_regievoerder(actor=world.user("lpa"), case=case, member=parent, note="x", on=OPENED)


def test_hand_over(world: World) -> None:
    case = open_case(world)
    with_regievoerder(world, case)
    consulent = add_consulent(world, case)
    new = services.hand_over_regievoerder(
        actor=world.user("lpa"),
        case=case,
        member=consulent,
        note="Consulent neemt het over; zie verslag.",
        on=date(2025, 11, 3),
    )
    active = RegievoerderAssignment.objects.filter(case=case, ended_on__isnull=True)
    assert list(active) == [new] and new.user == world.user("consulent")
    assert RegievoerderAssignment.objects.get(case=case, user=world.user("lpa")).ended_on == date(2025, 11, 3)
    assert TimelineEvent.objects.filter(child=world.child, type="regievoerder_aangewezen").count() == 2
    assert any("overgedragen" in m and "Overdrachtsnotitie" in m for m in audit_messages(world))


def test_hand_over_needs_note_and_existing_regie(world: World) -> None:
    case = open_case(world)
    consulent = add_consulent(world, case)
    with pytest.raises(CaseRefused, match="Er is nog geen regievoerder"):
        services.hand_over_regievoerder(
            actor=world.user("lpa"), case=case, member=consulent, note="x", on=OPENED
        )
    with_regievoerder(world, case)
    with pytest.raises(CaseRefused, match="overdrachtsnotitie"):
        services.hand_over_regievoerder(
            actor=world.user("lpa"), case=case, member=consulent, note="", on=OPENED
        )
    with pytest.raises(CaseRefused, match="is al de regievoerder"):
        services.hand_over_regievoerder(
            actor=world.user("lpa"), case=case, member=member_of(case, "lpa", world), note="x", on=OPENED
        )


def regie_event(world: World) -> TimelineEvent:
    return TimelineEvent.objects.filter(child=world.child, type="regievoerder_aangewezen").latest("id")


def test_deleting_the_appointment_event_undoes_the_appointment(world: World) -> None:
    case = open_case(world)
    with_regievoerder(world, case)
    delete_event(actor=world.user("lpa"), event=regie_event(world), reason="Verkeerde persoon gekozen.")
    assert not RegievoerderAssignment.objects.filter(case=case).exists()
    assert any("ongedaan gemaakt" in m and "Verkeerde persoon" in m for m in audit_messages(world))
    # and a regievoerder can be appointed again (before: "Er is al een regievoerder")
    consulent = add_consulent(world, case)
    services.appoint_regievoerder(
        actor=world.user("lpa"), case=case, member=consulent, note="SWV.", on=OPENED
    )
    assert RegievoerderAssignment.objects.get(case=case, ended_on__isnull=True).user == world.user(
        "consulent"
    )


def test_deleting_the_event_of_a_handover_gives_the_regie_back(world: World) -> None:
    case = open_case(world)
    with_regievoerder(world, case)
    consulent = add_consulent(world, case)
    services.hand_over_regievoerder(
        actor=world.user("lpa"), case=case, member=consulent, note="Neemt het over.", on=date(2025, 11, 3)
    )
    delete_event(actor=world.user("lpa"), event=regie_event(world), reason="Per ongeluk overgedragen.")
    active = RegievoerderAssignment.objects.get(case=case, ended_on__isnull=True)
    assert active.user == world.user("lpa") and RegievoerderAssignment.objects.filter(case=case).count() == 1


def test_a_case_past_signaal_keeps_its_regievoerder_when_the_event_is_deleted(world: World) -> None:
    case = open_case(world)
    with_regievoerder(world, case)
    services.transition_case(
        actor=world.user("lpa"),
        case=case,
        to_status="verkenning",
        reason="Opgepakt.",
        on=OPENED,
        expected_version=1,
    )
    with pytest.raises(CaseRefused, match="Aanwijzing verbeteren"):
        delete_event(actor=world.user("lpa"), event=regie_event(world), reason="Fout.")
    assert RegievoerderAssignment.objects.filter(case=case, ended_on__isnull=True).exists()
    assert TimelineEvent.objects.filter(child=world.child, type="regievoerder_aangewezen").exists()


def test_correcting_the_appointment_is_not_a_handover(world: World) -> None:
    case = open_case(world)
    wrong = with_regievoerder(world, case)
    consulent = add_consulent(world, case)
    with pytest.raises(CaseRefused, match="waarom de aanwijzing niet klopte"):
        services.correct_regievoerder(actor=world.user("lpa"), case=case, member=consulent, reason=" ")
    with pytest.raises(CaseRefused, match="is al de regievoerder"):
        services.correct_regievoerder(actor=world.user("lpa"), case=case, member=wrong, reason="x")
    fixed = services.correct_regievoerder(
        actor=world.user("lpa"), case=case, member=consulent, reason="Verkeerde naam gekozen."
    )
    assigned = RegievoerderAssignment.objects.filter(case=case)
    assert list(assigned) == [fixed] and fixed.user == world.user("consulent") and fixed.started_on == OPENED
    names = list(
        TimelineEvent.objects.filter(child=world.child, type="regievoerder_aangewezen").values_list(
            "data__naam", flat=True
        )
    )
    assert names == [world.user("consulent").display_name]
    messages = audit_messages(world)
    assert any("verbeterd" in m and "Verkeerde naam gekozen." in m for m in messages)
    assert not any("overgedragen" in m for m in messages)
    with pytest.raises(PermissionDenied):
        services.correct_regievoerder(actor=world.user("ouder"), case=case, member=wrong, reason="x")


# ---------------------------------------------------------------- overleg and afspraken


def test_record_meeting_with_child_voice(world: World) -> None:
    case = open_case(world)
    consulent = add_consulent(world, case)
    meeting = services.record_meeting(
        actor=world.user("lpa"),
        case=case,
        held_on=date(2025, 10, 20),
        attendees=[consulent],
        parents_present=True,
        child_present=False,
        child_absent_reason="Wilde niet in een grote groep praten.",
        child_voice="Ik wil wel leren, maar niet in die klas.",
        child_voice_in_own_words=True,
    )
    assert meeting.child_voice_in_own_words and list(meeting.attendees.all()) == [consulent]
    assert any("Wat het kind zei of wilde zeggen is vastgelegd" in m for m in audit_messages(world))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"parents_present": False, "child_present": True}, "waarom de ouders er niet bij waren"),
        ({"parents_present": True, "child_present": False}, "waarom het kind er niet bij was"),
        ({"parents_present": True, "child_present": True, "child_voice_in_own_words": True}, "eigen woorden"),
    ],
)
def test_record_meeting_refusals(world: World, kwargs: dict[str, Any], message: str) -> None:
    case = open_case(world)
    with pytest.raises(CaseRefused, match=message):
        services.record_meeting(actor=world.user("lpa"), case=case, held_on=OPENED, **kwargs)


def test_agreement_lifecycle(world: World) -> None:
    case = open_case(world)
    owner = add_consulent(world, case)
    agreement = services.add_agreement(
        actor=world.user("lpa"),
        case=case,
        text="Zoek een school die Noor kan plaatsen.",
        owner=owner,
        due_on=date(2025, 11, 1),
    )
    assert agreement.status == AgreementStatus.OPEN
    services.complete_agreement(
        actor=world.user("consulent"), agreement=agreement, done_on=date(2025, 10, 30)
    )
    agreement.refresh_from_db()
    assert agreement.status == "done" and agreement.done_on == date(2025, 10, 30)
    # Completing it twice is idempotent: the first date stays.
    again = services.complete_agreement(
        actor=world.user("lpa"), agreement=agreement, done_on=date(2025, 10, 31)
    )
    assert again.status == "done" and again.done_on == date(2025, 10, 30)
    cancelled = services.add_agreement(
        actor=world.user("lpa"), case=case, text="Huisbezoek.", owner=owner, due_on=date(2025, 11, 1)
    )
    services.cancel_agreement(actor=world.user("lpa"), agreement=cancelled, reason="Niet meer nodig.")
    with pytest.raises(CaseRefused, match="staat niet meer open"):
        services.complete_agreement(actor=world.user("lpa"), agreement=cancelled, done_on=date(2025, 10, 31))


def test_agreement_refusals(world: World) -> None:
    case = open_case(world)
    owner = add_consulent(world, case)
    with pytest.raises(CaseRefused, match="in gewone woorden"):
        services.add_agreement(actor=world.user("lpa"), case=case, text="", owner=owner, due_on=OPENED)
    services.remove_circle_member(actor=world.user("lpa"), member=owner, reason="Klaar.", left_on=OPENED)
    with pytest.raises(CaseRefused, match="moet lid zijn van de kring"):
        services.add_agreement(actor=world.user("lpa"), case=case, text="x", owner=owner, due_on=OPENED)


def test_cancel_agreement_needs_reason(world: World) -> None:
    case = open_case(world)
    agreement = services.add_agreement(
        actor=world.user("lpa"), case=case, text="x", owner=member_of(case, "lpa", world), due_on=OPENED
    )
    with pytest.raises(CaseRefused, match="waarom de afspraak vervalt"):
        services.cancel_agreement(actor=world.user("lpa"), agreement=agreement, reason="")
    services.cancel_agreement(actor=world.user("lpa"), agreement=agreement, reason="Niet meer nodig.")
    agreement.refresh_from_db()
    assert agreement.status == "cancelled"
