"""The nightly retention of verzuim data (`kring tick`): what is removed after the SWV's term, what
an open case keeps, and that the timeline's verzuimmelding stays on the child's file."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from kring.attendance.jobs import remove_expired_attendance
from kring.attendance.models import (
    AbsenceRecord,
    AttendanceImport,
    AttendanceSettings,
    AttendanceSignal,
    SignalKind,
    VerzuimMelding,
)
from kring.attendance.services import meldingen, signals
from kring.children.models import TimelineEvent
from kring.core.tick import configured_jobs
from kring.privacy.models import AuditEvent
from kring.rules.kalender import add_months

from .world import CHILD_BSN, PUPIL_BSN, SignalWorld, day_list, make_import, make_signal, make_signal_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def sw() -> SignalWorld:
    return make_signal_world()


def _old_signal(
    sw: SignalWorld, *, years: int, bsn: str, child: bool, kind: str = SignalKind.LPW20
) -> AttendanceSignal:
    day = add_months(timezone.localdate(), -12 * years - 1)
    source = make_import(sw.school, period_start=day, period_end=day)
    return make_signal(
        source,
        kind=kind,
        rule="LPW-20",
        found_on=day,
        days=day_list([day], hours="16", reason="ongeoorloofd"),
        child=sw.child if child else None,
        pupil_bsn=bsn,
        pupil_name="" if child else "Daan de Boer",
    )


def test_the_job_is_registered() -> None:
    assert "kring.attendance.jobs.remove_expired_attendance" in [name for name, _ in configured_jobs()]


def test_old_data_goes_after_five_years_and_recent_data_stays(sw: SignalWorld) -> None:
    ib = sw.user("ib")
    old = _old_signal(sw, years=5, bsn=CHILD_BSN, child=True)
    melding = meldingen.prepare(actor=ib, signal=old)
    meldingen.submit(actor=ib, melding=melding, version=1, submitted_on=timezone.localdate())
    kept_young = _old_signal(sw, years=4, bsn=PUPIL_BSN, child=False, kind=SignalKind.VAAK_ZIEK)
    old_source = old.source_id
    report = remove_expired_attendance(today=timezone.localdate())
    assert not AttendanceSignal.objects.filter(pk=old.pk).exists()
    assert not VerzuimMelding.objects.filter(pk=melding.pk).exists()
    assert not AttendanceImport.objects.filter(pk=old_source).exists()
    assert AttendanceSignal.objects.filter(pk=kept_young.pk).exists()
    assert AttendanceSignal.objects.filter(pk=sw.lpw20.pk).exists()
    assert not AbsenceRecord.objects.filter(date=old.found_on, pupil_hash=old.pupil_hash).exists()
    assert AbsenceRecord.objects.filter(pupil_hash=kept_young.pupil_hash, date=kept_young.found_on).exists()
    # the verzuimmelding stays on the child's file
    assert TimelineEvent.objects.filter(child=sw.child, type="verzuimmelding").exists()
    assert report.counts["signals"] == 1 and report.counts["meldingen"] == 1 and report.counts["imports"] == 1
    line = AuditEvent.objects.get(code="attendance.data_removed")
    assert line.data["signals"] == 1 and line.child_id is None
    # idempotent
    again = remove_expired_attendance(today=timezone.localdate())
    assert not any(again.counts.values())


def test_the_swv_sets_a_shorter_term(sw: SignalWorld) -> None:
    AttendanceSettings.objects.create(swv=sw.world.swv, retention_years=2)
    young = _old_signal(sw, years=3, bsn=PUPIL_BSN, child=False)
    remove_expired_attendance(today=timezone.localdate())
    assert not AttendanceSignal.objects.filter(pk=young.pk).exists()


def test_an_open_case_keeps_its_signal_and_days(sw: SignalWorld) -> None:
    ib = sw.user("ib")
    old = _old_signal(sw, years=6, bsn=CHILD_BSN, child=True)
    signal = signals.open_case(actor=ib, signal=old, version=1)
    remove_expired_attendance(today=timezone.localdate())
    assert AttendanceSignal.objects.filter(pk=signal.pk).exists()
    assert AbsenceRecord.objects.filter(pupil_hash=old.pupil_hash, date=old.found_on).exists()
    # once the case is closed, the next run removes them
    from kring.cases.models import Case, CaseStatus

    Case.objects.filter(pk=signal.case.pk if signal.case else 0).update(
        status=CaseStatus.AFGESLOTEN, closed_on=timezone.localdate(), closing_reason="Weer naar school."
    )
    remove_expired_attendance(today=timezone.localdate())
    assert not AttendanceSignal.objects.filter(pk=signal.pk).exists()
    assert not AbsenceRecord.objects.filter(pupil_hash=old.pupil_hash, date=old.found_on).exists()


def test_old_days_of_a_recent_signal_are_trimmed(sw: SignalWorld) -> None:
    today = timezone.localdate()
    cut = add_months(today, -60)
    days = day_list(
        [date.fromordinal(cut.toordinal() - 3), date.fromordinal(cut.toordinal() + 3)],
        hours="5",
        reason="ongeoorloofd",
    )
    source = make_import(sw.school, period_start=cut, period_end=today)
    signal = make_signal(
        source,
        kind=SignalKind.LRV,
        rule="TZ-01",
        found_on=date.fromordinal(cut.toordinal() + 3),
        days=days,
        pupil_bsn="100000009",
        pupil_name="Lotte Elders",
        absences=False,
    )
    remove_expired_attendance(today=today)
    signal.refresh_from_db()
    assert [d["date"] for d in signal.days] == [days[1]["date"]]
