"""The import service: all or nothing, idempotent on re-import, and keeping only what a finding needs."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from kring.accounts.testing import login_verified
from kring.attendance.models import (
    AbsenceRecord,
    AttendanceImport,
    AttendanceSignal,
    ImportStatus,
    SignalStatus,
)
from kring.attendance.services.imports import start_import, timeline_marker
from kring.children.models import EventType, TimelineEvent
from kring.privacy.crypto import bsn_lookup_hash
from kring.privacy.models import AuditEvent

from .helpers_import import BSN_A, BSN_B, BSN_C, csv_text, month_rows, preset, school_days

pytestmark = pytest.mark.django_db
NOVEMBER = school_days(date(2026, 11, 2), 20)


def upload(world: Any, text: str, *, user: str = "ib", name: str = "november.csv") -> AttendanceImport:
    return start_import(
        actor=world.users[user],
        school=world.school,
        mapping=preset("Kring-standaard"),
        filename=name,
        data=text.encode(),
    )


def test_an_import_stores_signals_and_only_the_days_that_explain_them(import_world: Any) -> None:
    world = import_world
    record = upload(import_world, csv_text(month_rows(NOVEMBER)))
    assert record.status == ImportStatus.KLAAR, record.errors
    assert (record.period_start, record.period_end) == (NOVEMBER[0], NOVEMBER[-1])
    assert (record.progress_done, record.progress_total) == (100, 100)
    signals = AttendanceSignal.objects.filter(school=world.school)
    assert signals.exists()
    assert {s.pupil_hash for s in signals} == {bsn_lookup_hash(BSN_A)}
    assert all(s.child == world.child and s.pupil_name == "" for s in signals)
    lpw = signals.filter(kind="lpw20").order_by("found_on").first()
    assert lpw is not None and lpw.rule == "LPW-20"
    assert lpw.days[0] == {"date": NOVEMBER[0].isoformat(), "hours": "5", "reason": "ongeoorloofd"}
    assert record.summary["rows"] == 60 and record.summary["pupils"] == 3
    assert record.summary["school_days"] == 20 and record.summary["findings"] == signals.count()
    assert AuditEvent.objects.filter(code="attendance.import_applied", object_id=str(record.pk)).exists()


def test_a_matched_child_gets_the_days_on_the_timeline_in_runs(import_world: Any) -> None:
    world = import_world
    record = upload(import_world, csv_text(month_rows(NOVEMBER)))
    events = TimelineEvent.objects.filter(child=world.child, type=EventType.AFWEZIG)
    assert events.exists()
    assert all(e.note.endswith(timeline_marker(record.pk)) for e in events)
    kept = AbsenceRecord.objects.filter(child=world.child).count()
    assert events.count() < kept  # consecutive school days are one event
    first = events.order_by("date").first()
    assert first is not None and first.data["reden"] == "ongeoorloofd" and first.data["hours_per_day"] == 5


def test_minimisation_no_rows_for_pupils_without_findings(import_world: Any) -> None:
    world = import_world
    record = upload(
        world, csv_text(month_rows(NOVEMBER, absent={BSN_A: (5, "ongeoorloofd"), BSN_B: (2, "geoorloofd")}))
    )
    assert record.status == ImportStatus.KLAAR
    assert set(AbsenceRecord.objects.values_list("pupil_hash", flat=True)) == {bsn_lookup_hash(BSN_A)}
    signal_days = {d["date"] for s in AttendanceSignal.objects.all() for d in s.days}
    assert {r.date.isoformat() for r in AbsenceRecord.objects.all()} <= signal_days
    # the summary holds aggregates only: no pupil key, no name, no day of a pupil
    text = str(record.summary)
    for secret in (BSN_A, BSN_B, BSN_C, bsn_lookup_hash(BSN_B), "Lot de Vries", "Sam Jansen"):
        assert secret not in text
    assert record.summary["hours_by_reason"] == {"geoorloofd": "40", "ongeoorloofd": "100"}


def test_a_problem_stops_the_whole_import(import_world: Any) -> None:
    rows = month_rows(NOVEMBER)
    rows[5] = (BSN_A, "Sam Jansen", "", "2026-11-31", 5, "ongeoorloofd")
    record = upload(import_world, csv_text(rows))
    assert record.status == ImportStatus.MISLUKT
    assert record.errors == [
        {
            "file": "november.csv",
            "line": 7,
            "column": "datum",
            "message": "Deze datum klopt niet. Schrijf de datum zo: 2026-11-03.",
        }
    ]
    assert not AttendanceSignal.objects.exists()
    assert not AbsenceRecord.objects.exists()
    assert not TimelineEvent.objects.filter(type=EventType.AFWEZIG).exists()
    assert AuditEvent.objects.filter(code="attendance.import_failed").exists()


def test_re_importing_the_same_period_replaces_it_and_keeps_the_handling(import_world: Any) -> None:
    world = import_world
    text = csv_text(month_rows(NOVEMBER))
    first = upload(import_world, text)
    signals = AttendanceSignal.objects.count()
    records = AbsenceRecord.objects.count()
    events = TimelineEvent.objects.filter(type=EventType.AFWEZIG).count()
    signal = AttendanceSignal.objects.order_by("found_on").first()
    assert signal is not None
    signal.status, signal.handled_by, signal.handled_on = (
        SignalStatus.GEZIEN,
        world.users["ib"],
        date(2026, 12, 1),
    )
    signal.save()

    second = upload(import_world, text)
    first.refresh_from_db()
    assert second.status == ImportStatus.KLAAR and first.replaced_by == second
    assert AttendanceSignal.objects.count() == signals
    assert AbsenceRecord.objects.count() == records
    assert set(AbsenceRecord.objects.values_list("source", flat=True)) == {second.pk}
    assert TimelineEvent.objects.filter(type=EventType.AFWEZIG).count() == events
    assert not TimelineEvent.objects.filter(note__endswith=timeline_marker(first.pk)).exists()
    signal.refresh_from_db()
    assert signal.status == SignalStatus.GEZIEN and signal.source == second


def test_a_pupil_who_is_no_child_in_kring_keeps_the_name_from_the_file(import_world: Any) -> None:
    upload(import_world, csv_text(month_rows(NOVEMBER, absent={BSN_C: (5, "ongeoorloofd")})))
    signal = AttendanceSignal.objects.first()
    assert signal is not None and signal.child is None
    assert (signal.pupil_name, signal.pupil_birth_date) == ("Mo Bakker", date(2015, 3, 4))


def test_only_the_schools_own_people_import(import_world: Any) -> None:
    with pytest.raises(PermissionDenied):
        upload(import_world, csv_text(month_rows(NOVEMBER)), user="other_ib")
    with pytest.raises(PermissionDenied):
        upload(import_world, csv_text(month_rows(NOVEMBER)), user="consulent")
    assert not AttendanceImport.objects.exists()


def test_a_school_without_region_is_told_why(import_world: Any) -> None:
    world = import_world
    world.school.vakantieregio = ""
    world.school.save()
    record = upload(import_world, csv_text(month_rows(NOVEMBER)))
    assert record.status == ImportStatus.MISLUKT
    assert "vakantieregio" in record.errors[0]["message"]


def test_a_special_primary_school_uses_the_settings_of_its_primary_swv(import_world: Any) -> None:
    """An SBO school belongs to the SWV PO of its postcode (before, the import looked up the SWV VO
    for every sector but po, so the region's settings were ignored and the defaults used)."""
    from kring.attendance.models import AttendanceSettings

    world = import_world
    world.school.sector = "sbo"
    world.school.save()
    AttendanceSettings.objects.create(swv=world.swv, sick_reports=2)
    # BSN_B is ill on two Mondays: 2 sick reports, the region's limit (the default is 4)
    ill = {d.isoformat() for d in NOVEMBER if d.weekday() == 0}
    ill = set(sorted(ill)[:2])
    rows = [
        (bsn, name, born, day, 5, "ziek") if bsn == BSN_B and day in ill else (bsn, name, born, day, h, r)
        for bsn, name, born, day, h, r in month_rows(NOVEMBER)
    ]
    record = upload(world, csv_text(rows))
    assert record.status == ImportStatus.KLAAR, record.errors
    sick = AttendanceSignal.objects.filter(school=world.school, kind="vaak_ziek")
    assert [s.pupil_hash for s in sick] == [bsn_lookup_hash(BSN_B)]


def test_a_day_with_two_reasons_is_one_fact_on_the_timeline(import_world: Any) -> None:
    """Before, a day in two findings with two reasons (ongeoorloofd and ziek) became two `afwezig`
    facts covering the same day, of which the rules engine counts only one, and every day its own
    fact. Now: one fact per day, ongeoorloofd (the hours LPW-20 counts), in runs."""
    world = import_world
    rows = []
    for day in NOVEMBER[:10]:
        # one row per lesson: 5 lessons ongeoorloofd and 1 ill, every day (LPW-20 and langdurig ziek)
        rows += [(BSN_A, "Sam Jansen", "2015-03-04", day.isoformat(), 1, "ongeoorloofd")] * 5
        rows += [(BSN_A, "Sam Jansen", "2015-03-04", day.isoformat(), 1, "ziek")]
    record = start_import(
        actor=world.users["ib"],
        school=world.school,
        mapping=preset("Kring-standaard, een regel per lesuur"),
        filename="lessen.csv",
        data=csv_text(rows).encode(),
    )
    assert record.status == ImportStatus.KLAAR, record.errors
    kinds = set(AttendanceSignal.objects.filter(school=world.school).values_list("kind", flat=True))
    assert {"lpw20", "lang_ziek"} <= kinds
    events = list(TimelineEvent.objects.filter(child=world.child, type=EventType.AFWEZIG).order_by("date"))
    covered = [d for e in events for d in NOVEMBER if e.date <= d <= date.fromisoformat(e.data["to"])]
    assert len(covered) == len(set(covered))  # no school day in two facts
    reden = {
        d: e.data["reden"]
        for e in events
        for d in NOVEMBER
        if e.date <= d <= date.fromisoformat(e.data["to"])
    }
    lpw20_days = {
        date.fromisoformat(d["date"])
        for s in AttendanceSignal.objects.filter(school=world.school, kind="lpw20")
        for d in s.days
    }
    assert lpw20_days and all(reden[d] == "ongeoorloofd" for d in lpw20_days)
    assert len(events) <= 4  # runs of school days, not a fact per day and reason


def test_a_corrected_file_removes_the_new_signals_it_no_longer_finds(import_world: Any) -> None:
    """Before, a signal of the replaced import stayed although the corrected file no longer showed
    it. A signal someone acted on stays, with its handling."""
    world = import_world
    both = {BSN_A: (5, "ongeoorloofd"), BSN_B: (5, "ongeoorloofd")}
    upload(world, csv_text(month_rows(NOVEMBER, absent=both)))
    about_b = AttendanceSignal.objects.filter(pupil_hash=bsn_lookup_hash(BSN_B))
    assert about_b.count() >= 2
    kept = about_b.order_by("found_on").first()
    assert kept is not None
    kept.status, kept.dismiss_reason = SignalStatus.AFGEWEZEN, "Op vakantie met toestemming."
    kept.save()

    # the school corrects the file: BSN_B was there after all
    corrected = upload(world, csv_text(month_rows(NOVEMBER)), name="november-verbeterd.csv")
    assert corrected.status == ImportStatus.KLAAR, corrected.errors
    assert list(about_b.values_list("pk", flat=True)) == [kept.pk]
    assert corrected.summary["signals_removed"] >= 1
    removed = AuditEvent.objects.filter(code="attendance.signal_removed")
    assert removed.count() == corrected.summary["signals_removed"]
    assert AttendanceSignal.objects.filter(pupil_hash=bsn_lookup_hash(BSN_A)).exists()
    assert not AbsenceRecord.objects.filter(pupil_hash=bsn_lookup_hash(BSN_B)).exists()
    client = Client()
    login_verified(client, world.users["ib"])
    page = client.get(f"/aanwezigheid/imports/{corrected.pk}/").content.decode()
    assert "niet meer laat zien (weggehaald)" in page
