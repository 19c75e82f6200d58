"""The nightly tick: assessments, automatic escalation, notifications; and its idempotency."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from kring.accounts.roles import Role
from kring.agenda.models import SentNotification
from kring.agenda.selectors import agenda_for_user
from kring.cases import services
from kring.cases.jobs import run_nightly
from kring.cases.models import Case, Escalation
from kring.cases.tasks import nightly_cases
from kring.cases.testing import World
from kring.children.models import ChildAssessment
from kring.core.errors import Conflict, Refused
from kring.core.tick import run_tick
from kring.regions import services as region_services
from kring.regions.services import LevelSpec

from .helpers import add_consulent, member_of, open_case, thuiszitter_timeline, with_regievoerder

TODAY = date(2026, 3, 2)  # KR-3M for a thuiszitter since 6 Oct 2025 was due on 6 Jan 2026


def ladder(world: World, *, levels: int = 1) -> None:
    specs = [LevelSpec(name="Directeur SWV", term_amount=5, mandate_role=Role.SWV_DIRECTEUR)]
    if levels > 1:
        specs.append(
            LevelSpec(
                name="Wethouder", term_amount=2, term_unit="weken", mandate_user=world.user("other_lpa")
            )
        )
    region_services.configure_escalation_ladder(actor=world.user("beheerder"), swv=world.swv, levels=specs)


def all_four_elements(world: World, case: Case) -> None:
    lpa = world.user("lpa")
    with_regievoerder(world, case)
    services.set_perspective(
        actor=lpa,
        case=case,
        set_on=date(2025, 11, 3),
        set_with_parents=True,
        set_with_child=True,
        goals="Weer naar school, stap voor stap.",
        needs={"leren": "Kleine groep.", "gedrag_en_welzijn": "Rust."},
    )
    services.set_route(
        actor=lpa,
        case=case,
        kind="geleidelijke_terugkeer",
        start_on=date(2025, 11, 10),
        provider="De Regenboog",
        hours_per_week=6,
        needed_kind="geleidelijke_terugkeer",
    )
    services.set_evaluation_rhythm(
        actor=lpa, case=case, weeks=6, set_on=date(2025, 11, 10), expected_version=1
    )


def test_kr3m_met_when_all_four_set_within_three_months(world: World) -> None:
    thuiszitter_timeline(world)
    case = open_case(world)
    ladder(world)
    all_four_elements(world, case)
    report = run_nightly(today=TODAY)
    snapshot = ChildAssessment.objects.get(child=case.child)
    assert snapshot.kr_3m_status == "met"
    assert snapshot.thuiszitter_category == "langdurig_relatief_verzuim"
    assert report.cases_assessed == 1 and report.escalations_created == 0
    assert not Escalation.objects.filter(case=case).exists()


def test_case_without_progress_escalates_once_and_mails_once(world: World) -> None:
    thuiszitter_timeline(world)
    case = open_case(world)
    ladder(world)
    report = run_nightly(today=TODAY)
    run_tick(today=TODAY)  # the agenda's job mails what is due
    escalation = Escalation.objects.get(case=case, rule_id="KR-3M")
    assert (
        escalation.trigger == "automatisch" and escalation.level is not None and escalation.level.order == 1
    )
    assert "regievoerder" in escalation.reason and "ontwikkelperspectief" in escalation.reason
    case.refresh_from_db()
    assert case.escalated and report.escalations_created == 1
    first_mails = len(mail.outbox)
    assert first_mails >= 2  # the leerplichtambtenaar (the term) and the SWV director (the decision)
    for message in mail.outbox:
        assert message.subject == "Er staat iets voor je klaar in Kring"
        body = f"{message.subject} {message.body}"
        assert world.child.first_name not in body and world.child.last_name not in body
        assert "http://" in message.body or "https://" in message.body
    # the second run on the same day: nothing new
    again = run_nightly(today=TODAY)
    assert again.escalations_created == 0
    assert [str(r.report) for r in run_tick(today=TODAY)][-1] == "0 e-mails verstuurd"
    assert Escalation.objects.filter(case=case).count() == 1
    assert len(mail.outbox) == first_mails
    # the next day the same items are still due, but nobody is mailed about them again
    run_tick(today=TODAY + timedelta(days=1))
    assert len(mail.outbox) == first_mails
    assert SentNotification.objects.filter(user=world.user("lpa")).exists()


def test_region_with_norm_off_does_not_escalate(world: World) -> None:
    thuiszitter_timeline(world)
    case = open_case(world)
    region_services.configure_region(
        actor=world.user("directeur"),
        swv=world.swv,
        kr_3m_enabled=False,
        kr_3m_months=3,
        escalate_statutory=True,
    )
    run_nightly(today=TODAY)
    assert not Escalation.objects.filter(case=case).exists()
    assert ChildAssessment.objects.get(child=case.child).kr_3m_status == ""


def test_missed_statutory_term_escalates(world: World) -> None:
    # Absent from 6 Oct without a report to DUO: LPW-21 (report within 5 working days) is missed.
    from kring.children.services import record_event

    record_event(
        actor=None,
        child=world.child,
        type="inschrijving",
        date=date(2025, 9, 1),
        data={"sector": "po"},
        school=world.school,
    )
    record_event(
        actor=None,
        child=world.child,
        type="afwezig",
        date=date(2025, 10, 6),
        data={"reden": "ongeoorloofd", "to": "2025-10-10"},
    )
    case = open_case(world)
    run_nightly(today=date(2025, 11, 3))
    escalation = Escalation.objects.get(case=case, rule_id="LPW-21")
    assert "wettelijke termijn" in escalation.reason and escalation.level is None  # no ladder configured
    assert run_nightly(today=date(2025, 11, 3)).escalations_created == 0


def test_mandate_holder_decides_and_others_cannot(world: World) -> None:
    thuiszitter_timeline(world)
    case = open_case(world)
    ladder(world)
    run_nightly(today=TODAY)
    escalation = Escalation.objects.get(case=case)
    consulent = world.user("consulent")
    with pytest.raises(PermissionDenied, match="Alleen wie mandaat heeft op trede 1 \\(Directeur SWV\\)"):
        services.record_escalation_decision(
            actor=consulent,
            escalation=escalation,
            decision="x",
            owner=consulent,
            due_on=TODAY,
            decided_on=TODAY,
        )
    # the director's agenda shows the decision waiting
    assert any(e.kind == "besluit" for e in agenda_for_user(world.user("directeur"), today=TODAY))
    decision = services.record_escalation_decision(
        actor=world.user("directeur"),
        escalation=escalation,
        owner=consulent,
        decided_on=TODAY,
        decision="Het SWV regelt binnen twee weken een plek in het onderwijs-zorgarrangement.",
        due_on=TODAY + timedelta(days=14),
    )
    escalation.refresh_from_db()
    case.refresh_from_db()
    assert escalation.resolved_on == TODAY and not case.escalated
    assert decision.agreement is not None and decision.agreement.owner.user == consulent
    assert any(e.kind == "afspraak" for e in agenda_for_user(consulent, today=TODAY + timedelta(days=10)))
    with pytest.raises(Exception, match="al besloten"):
        services.record_escalation_decision(
            actor=world.user("directeur"),
            escalation=escalation,
            decision="y",
            owner=consulent,
            due_on=TODAY,
            decided_on=TODAY,
        )


def test_without_ladder_nobody_can_decide(world: World) -> None:
    case = open_case(world)
    escalation = services.escalate_case(
        actor=world.user("lpa"), case=case, reason="Niemand pakt het op.", on=TODAY
    )
    assert escalation.level is None and escalation.trigger == "handmatig"
    with pytest.raises(PermissionDenied, match="geen trede met mandaat"):
        services.record_escalation_decision(
            actor=world.user("directeur"),
            escalation=escalation,
            decision="x",
            owner=world.user("consulent"),
            due_on=TODAY,
            decided_on=TODAY,
        )


def test_manual_escalation_needs_reason_and_marks_case(world: World) -> None:
    case = open_case(world)
    ladder(world)
    with pytest.raises(services.CaseRefused, match="waarom je de casus escaleert"):
        services.escalate_case(actor=world.user("lpa"), case=case, reason="", on=TODAY)
    escalation = services.escalate_case(
        actor=world.user("lpa"), case=case, reason="School weigert plaatsing.", on=TODAY
    )
    case.refresh_from_db()
    assert case.escalated and escalation.due_on == date(2026, 3, 9)  # 5 working days
    assert case.status == "signaal"  # the marker does not change the phase


def test_escalation_moves_up_when_term_passes(world: World) -> None:
    case = open_case(world)
    ladder(world, levels=2)
    escalation = services.escalate_case(actor=world.user("lpa"), case=case, reason="Vastgelopen.", on=TODAY)
    later = date(2026, 3, 16)
    report = run_nightly(today=later)
    escalation.refresh_from_db()
    assert report.escalations_moved_up == 1 and escalation.level is not None and escalation.level.order == 2
    assert escalation.due_on == later + timedelta(weeks=2)
    assert run_nightly(today=later).escalations_moved_up == 0
    # now only the named wethouder may decide
    with pytest.raises(PermissionDenied):
        services.record_escalation_decision(
            actor=world.user("directeur"),
            escalation=escalation,
            decision="x",
            owner=world.user("consulent"),
            due_on=later,
            decided_on=later,
        )
    services.record_escalation_decision(
        actor=world.user("other_lpa"),
        escalation=escalation,
        decision="Gemeente betaalt het arrangement.",
        owner=world.user("consulent"),
        due_on=later,
        decided_on=later,
    )


def test_region_configuration_is_for_its_admins(world: World) -> None:
    with pytest.raises(PermissionDenied, match="functioneel beheerder of de directeur"):
        region_services.configure_region(
            actor=world.user("consulent"),
            swv=world.swv,
            kr_3m_enabled=True,
            kr_3m_months=3,
            escalate_statutory=True,
        )
    settings = region_services.configure_region(
        actor=world.user("beheerder"),
        swv=world.swv,
        kr_3m_enabled=True,
        kr_3m_months=4,
        escalate_statutory=False,
    )
    with pytest.raises(Conflict):
        region_services.configure_region(
            actor=world.user("beheerder"),
            swv=world.swv,
            kr_3m_enabled=True,
            kr_3m_months=3,
            escalate_statutory=True,
        )
    settings = region_services.configure_region(
        actor=world.user("directeur"),
        swv=world.swv,
        kr_3m_enabled=True,
        kr_3m_months=3,
        escalate_statutory=True,
        expected_version=settings.version,
    )
    assert settings.version == 2 and settings.kr_3m_months == 3
    with pytest.raises(Refused, match="mandaat"):
        region_services.configure_escalation_ladder(
            actor=world.user("beheerder"), swv=world.swv, levels=[LevelSpec(name="x", term_amount=1)]
        )


def test_ladder_level_in_use_cannot_be_removed(world: World) -> None:
    case = open_case(world)
    ladder(world, levels=2)
    escalation = services.escalate_case(actor=world.user("lpa"), case=case, reason="Vastgelopen.", on=TODAY)
    run_nightly(today=date(2026, 3, 16))
    escalation.refresh_from_db()
    with pytest.raises(Refused, match="nog in gebruik"):
        ladder(world, levels=1)


def test_task_wraps_the_job(world: World) -> None:
    thuiszitter_timeline(world)
    open_case(world)
    result = nightly_cases.enqueue(TODAY.isoformat())
    assert "1 casussen beoordeeld" in str(result.return_value)


def test_member_helper_is_consistent(world: World) -> None:
    case = open_case(world)
    assert member_of(case, "lpa", world).kind == "leerplicht"
    assert add_consulent(world, case).kind == "swv"
