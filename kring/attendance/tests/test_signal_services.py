"""The acts on a signal from attendance: seen, linked, a case opened, dismissed; the DUO melding
prepared, completed and submitted. Each refusal, a stale version, and the audit lines."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kring.attendance.models import AttendanceSignal, SignalStatus, VerzuimMelding
from kring.attendance.services import meldingen, signals
from kring.cases import services as case_services
from kring.cases.models import Case, SignalKind
from kring.children.models import Child, TimelineEvent
from kring.core.errors import Refused
from kring.core.versioning import StaleVersion
from kring.privacy.models import AuditEvent

from .world import PUPIL_BSN, SignalWorld, make_signal_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def sw() -> SignalWorld:
    return make_signal_world()


def _codes(field: str, exc: Refused) -> list[str]:
    return [m for m in exc.message_dict.get(field, [])]


def test_acknowledge_marks_seen_with_an_audit_line(sw: SignalWorld) -> None:
    ib = sw.user("ib")
    signal = signals.acknowledge(actor=ib, signal=sw.lpw20, version=1)
    assert signal.status == SignalStatus.GEZIEN
    assert signal.handled_by == ib and signal.version == 2
    line = AuditEvent.objects.get(code="attendance.signal_acknowledged")
    assert line.child_id == sw.child.pk
    with pytest.raises(Refused):
        signals.acknowledge(actor=ib, signal=signal, version=2)


def test_a_stale_version_is_refused_and_nothing_changes(sw: SignalWorld) -> None:
    ib = sw.user("ib")
    signals.acknowledge(actor=ib, signal=sw.vaak_ziek, version=1)
    stale = AttendanceSignal.objects.get(pk=sw.vaak_ziek.pk)
    stale.version = 1
    with pytest.raises(StaleVersion):
        signals.dismiss(actor=ib, signal=stale, reason="Was op vakantie met toestemming.", version=1)
    assert AttendanceSignal.objects.get(pk=sw.vaak_ziek.pk).status == SignalStatus.GEZIEN


def test_dismiss_needs_a_reason(sw: SignalWorld) -> None:
    ib = sw.user("ib")
    with pytest.raises(Refused) as refused:
        signals.dismiss(actor=ib, signal=sw.vaak_ziek, reason="  ", version=1)
    assert refused.value.field == "reason"
    signal = signals.dismiss(
        actor=ib, signal=sw.vaak_ziek, reason="Ziekenhuisopname, bekend bij school.", version=1
    )
    assert signal.status == SignalStatus.AFGEWEZEN
    line = AuditEvent.objects.get(code="attendance.signal_dismissed")
    assert "Ziekenhuis" not in line.message and "Ziekenhuis" not in str(line.data)


def test_link_to_an_open_case_of_the_child(sw: SignalWorld) -> None:
    ib = sw.user("ib")
    case = case_services.open_case(
        actor=ib,
        child=sw.child,
        signal_kind=SignalKind.VERZUIM,
        signal_description="Verzuim.",
        opened_on=timezone.localdate(),
    )
    with pytest.raises(Refused) as refused:
        signals.link_to_case(actor=ib, signal=sw.lpw20, case=None, version=1)
    assert refused.value.field == "case"
    signal = signals.link_to_case(actor=ib, signal=sw.lpw20, case=case, version=1)
    assert signal.status == SignalStatus.GEKOPPELD and signal.case == case
    assert AuditEvent.objects.filter(code="attendance.signal_linked", child_id=sw.child.pk).exists()


def test_link_refuses_a_case_of_another_child(sw: SignalWorld) -> None:
    from kring.cases.testing import make_child

    ib = sw.user("ib")
    other = make_child(gemeente=sw.world.gemeente, first_name="Sem")
    case = Case.objects.create(
        child=other,
        signal_kind=SignalKind.VERZUIM,
        signal_description="x",
        opened_on=timezone.localdate(),
        opened_by=ib,
    )
    with pytest.raises(Refused):
        signals.link_to_case(actor=ib, signal=sw.lpw20, case=case, version=1)


def test_a_pupil_not_in_kring_has_no_case_to_link(sw: SignalWorld) -> None:
    with pytest.raises(Refused) as refused:
        signals.link_to_case(actor=sw.user("ib"), signal=sw.lrv, case=None, version=1)
    assert refused.value.field == "case"


def test_open_case_for_a_child_in_kring(sw: SignalWorld) -> None:
    ib = sw.user("ib")
    signal = signals.open_case(actor=ib, signal=sw.lpw20, version=1)
    assert signal.status == SignalStatus.GEKOPPELD
    assert signal.case is not None and signal.case.child == sw.child
    assert signal.case.signal_kind == SignalKind.VERZUIM
    assert AuditEvent.objects.filter(code="attendance.signal_case_opened").exists()
    # A second open case for the same child is refused by the cases app
    with pytest.raises(Refused):
        signals.open_case(actor=ib, signal=sw.vaak_ziek, version=1)


def test_open_case_for_a_pupil_not_in_kring_checks_the_bsn_and_registers(sw: SignalWorld) -> None:
    ib = sw.user("ib")
    with pytest.raises(Refused) as refused:
        signals.open_case(actor=ib, signal=sw.lrv, version=1, bsn="", enrolled_on=sw.source.period_start)
    assert refused.value.field == "bsn"
    with pytest.raises(Refused) as refused:
        signals.open_case(
            actor=ib, signal=sw.lrv, version=1, bsn="123456782", enrolled_on=sw.source.period_start
        )
    assert refused.value.field == "bsn"
    before = Child.objects.count()
    with pytest.raises(Refused):  # a malformed BSN
        signals.open_case(actor=ib, signal=sw.lrv, version=1, bsn="12345", enrolled_on=sw.source.period_start)
    assert Child.objects.count() == before
    signal = signals.open_case(
        actor=ib, signal=sw.lrv, version=1, bsn=PUPIL_BSN, enrolled_on=sw.source.period_start
    )
    child = signal.child
    assert child is not None and (child.first_name, child.last_name) == ("Daan", "de Boer")
    assert child.birth_date.isoformat() == "2014-03-01"
    assert signal.pupil_name == "" and signal.pupil_birth_date is None
    assert signal.case is not None and signal.case.signal_kind == SignalKind.THUISZITTEN
    assert signal.case.child == child


def test_a_refused_case_leaves_no_registered_child(sw: SignalWorld) -> None:
    ib = sw.user("ib")
    before = Child.objects.count()
    with pytest.raises(Refused):  # no enrolment date: the registration refuses
        signals.open_case(actor=ib, signal=sw.lrv, version=1, bsn=PUPIL_BSN, enrolled_on=None)
    assert Child.objects.count() == before
    assert AttendanceSignal.objects.get(pk=sw.lrv.pk).status == SignalStatus.NIEUW


@pytest.mark.parametrize("who", ["other_ib", "consulent", "lpa", "ouder", "steunpunt"])
def test_only_the_school_acts_on_its_signals(sw: SignalWorld, who: str) -> None:
    user = sw.user(who)
    with pytest.raises(PermissionDenied):
        signals.acknowledge(actor=user, signal=sw.lpw20, version=1)
    with pytest.raises(PermissionDenied):
        signals.dismiss(actor=user, signal=sw.lpw20, reason="x", version=1)
    with pytest.raises(PermissionDenied):
        signals.open_case(actor=user, signal=sw.lpw20, version=1)
    with pytest.raises(PermissionDenied):
        meldingen.prepare(actor=user, signal=sw.lpw20)


def test_handled_signals_are_refused(sw: SignalWorld) -> None:
    ib = sw.user("ib")
    signal = signals.dismiss(actor=ib, signal=sw.vaak_ziek, reason="Bekend.", version=1)
    with pytest.raises(Refused):
        signals.open_case(actor=ib, signal=signal, version=signal.version)


def test_a_dismissed_signal_is_reopened_and_its_reason_stays_in_the_history(sw: SignalWorld) -> None:
    ib = sw.user("ib")
    signal = signals.dismiss(actor=ib, signal=sw.vaak_ziek, reason="Bekend bij de jeugdarts.", version=1)
    signal = signals.reopen(actor=ib, signal=signal, version=signal.version)
    assert signal.status == SignalStatus.NIEUW and signal.dismiss_reason == ""
    assert signal.handled_by is None and signal.handled_on is None
    line = AuditEvent.objects.get(code="attendance.signal_reopened")
    assert "Bekend bij de jeugdarts." in line.message and line.data["earlier_status"] == "afgewezen"
    # open again: every act is possible, as for a new signal
    assert signals.acknowledge(actor=ib, signal=signal, version=signal.version).status == SignalStatus.GEZIEN


def test_reopen_only_a_seen_or_dismissed_signal_of_ones_own_school(sw: SignalWorld) -> None:
    ib = sw.user("ib")
    with pytest.raises(Refused):
        signals.reopen(actor=ib, signal=sw.lpw20, version=1)  # still new
    seen = signals.acknowledge(actor=ib, signal=sw.lpw20, version=1)
    with pytest.raises(PermissionDenied):
        signals.reopen(actor=sw.user("other_ib"), signal=seen, version=seen.version)
    with pytest.raises(StaleVersion):
        signals.reopen(actor=ib, signal=seen, version=seen.version - 1)
    assert signals.reopen(actor=ib, signal=seen, version=seen.version).status == SignalStatus.NIEUW


# ---------------------------------------------------------------- the verzuimmelding


def test_prepare_fills_the_melding_from_the_signal(sw: SignalWorld) -> None:
    ib = sw.user("ib")
    melding = meldingen.prepare(actor=ib, signal=sw.lpw20)
    days = sorted(d["date"] for d in sw.lpw20.days)
    assert (
        melding.start.isoformat() == days[0]
        and melding.end is not None
        and melding.end.isoformat() == days[-1]
    )
    assert melding.presumed_kind == "ongeoorloofd verzuim"
    assert melding.days == sorted(sw.lpw20.days, key=lambda d: d["date"])
    assert melding.prepared_by == ib
    with pytest.raises(Refused):
        meldingen.prepare(actor=ib, signal=sw.lpw20)
    with pytest.raises(Refused):
        meldingen.prepare(actor=ib, signal=sw.vaak_ziek)  # not an LPW-20 signal


def test_update_and_submit_write_the_timeline_event(sw: SignalWorld) -> None:
    ib = sw.user("ib")
    melding = meldingen.prepare(actor=ib, signal=sw.lpw20)
    melding = meldingen.update(
        actor=ib,
        melding=melding,
        version=1,
        start=melding.start,
        end=melding.end,
        presumed_kind="ongeoorloofd verzuim",
        presumed_reason="Spijbelen",
        school_actions="Gesprek met ouders.",
        municipal_action_wanted=True,
    )
    assert melding.municipal_action_wanted and melding.version == 2
    with pytest.raises(StaleVersion):
        meldingen.submit(actor=ib, melding=melding, version=1, submitted_on=timezone.localdate())
    with pytest.raises(Refused) as refused:
        meldingen.submit(actor=ib, melding=melding, version=2, submitted_on=None)
    assert refused.value.field == "submitted_on"
    with pytest.raises(Refused):  # in the future
        meldingen.submit(
            actor=ib, melding=melding, version=2, submitted_on=timezone.localdate() + timedelta(days=2)
        )
    melding = meldingen.submit(actor=ib, melding=melding, version=2, submitted_on=timezone.localdate())
    assert melding.submitted_on == timezone.localdate() and melding.submitted_by == ib
    assert TimelineEvent.objects.filter(
        child=sw.child, type="verzuimmelding", date=timezone.localdate()
    ).exists()
    assert AttendanceSignal.objects.get(pk=sw.lpw20.pk).status == SignalStatus.GEZIEN
    assert AuditEvent.objects.filter(code="attendance.melding_submitted", child_id=sw.child.pk).exists()
    with pytest.raises(Refused):
        meldingen.update(
            actor=ib,
            melding=melding,
            version=melding.version,
            start=melding.start,
            end=melding.end,
            presumed_kind="x",
            presumed_reason="",
            school_actions="",
            municipal_action_wanted=False,
        )


def test_update_refuses_end_before_start(sw: SignalWorld) -> None:
    ib = sw.user("ib")
    melding = meldingen.prepare(actor=ib, signal=sw.lpw20)
    with pytest.raises(Refused) as refused:
        meldingen.update(
            actor=ib,
            melding=melding,
            version=1,
            start=melding.start,
            end=melding.start - timedelta(days=1),
            presumed_kind="ongeoorloofd verzuim",
            presumed_reason="",
            school_actions="",
            municipal_action_wanted=False,
        )
    assert "end" in refused.value.message_dict


def test_a_pupil_not_in_kring_gets_no_timeline_event(sw: SignalWorld) -> None:
    from kring.attendance.models import SignalKind as Kind

    from .world import day_list, make_signal

    ib = sw.user("ib")
    signal = make_signal(
        sw.source,
        kind=Kind.LPW20,
        rule="LPW-20",
        found_on=sw.lrv.found_on,
        days=day_list([sw.lrv.found_on], hours="16", reason="ongeoorloofd"),
        pupil_bsn=PUPIL_BSN,
        pupil_name="Daan de Boer",
        absences=False,
    )
    melding = meldingen.prepare(actor=ib, signal=signal)
    before = TimelineEvent.objects.count()
    meldingen.submit(actor=ib, melding=melding, version=1, submitted_on=timezone.localdate())
    assert TimelineEvent.objects.count() == before
    assert VerzuimMelding.objects.get(pk=melding.pk).submitted_on is not None
