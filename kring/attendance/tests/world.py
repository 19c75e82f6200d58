"""A small world for the tests of signals from attendance: the region of `kring.cases.testing`, its
school with a vakantieregio, the world's child enrolled there (with a BSN), one import of that school,
and signals created directly (the import that makes them is tested on its own). Fictional data only.

- `lpw20`: 16 hours ongeoorloofd in 4 lesweken, about the world's child (a child in Kring);
- `lrv`: langdurig relatief verzuim of a pupil who is not yet a child in Kring (Daan de Boer);
- `vaak_ziek`: a regional setting, about the world's child;
- `elsewhere`: a signal of the other school (nobody of this school may see it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from kring.accounts.models import User
from kring.attendance.models import (
    AbsenceRecord,
    AttendanceImport,
    AttendanceSignal,
    ColumnMapping,
    ImportStatus,
    SignalKind,
)
from kring.cases.testing import World, make_world
from kring.children.models import Child, EventType
from kring.children.services import record_event
from kring.organisations.models import SchoolLocation
from kring.privacy.crypto import bsn_lookup_hash, encrypt_bsn

CHILD_BSN = "123456782"
PUPIL_BSN = "111222333"
PUPIL_NAME = "Daan de Boer"


@dataclass
class SignalWorld:
    world: World
    school: SchoolLocation
    source: AttendanceImport
    lpw20: AttendanceSignal
    lrv: AttendanceSignal
    vaak_ziek: AttendanceSignal
    elsewhere: AttendanceSignal

    def user(self, key: str) -> User:
        return self.world.user(key)

    @property
    def child(self) -> Child:
        return self.world.child


def school_days(end: date, count: int) -> list[date]:
    """`count` weekdays up to and including `end` (or the weekday before it), ascending."""
    days: list[date] = []
    day = end
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day -= timedelta(days=1)
    return sorted(days)


def day_list(days: list[date], *, hours: str, reason: str) -> list[dict[str, Any]]:
    return [{"date": d.isoformat(), "hours": hours, "reason": reason} for d in days]


def make_import(
    school: SchoolLocation, *, period_start: date, period_end: date, user: User | None = None
) -> AttendanceImport:
    mapping, _ = ColumnMapping.objects.get_or_create(name="Kring", school=None)
    return AttendanceImport.objects.create(
        school=school,
        mapping=mapping,
        uploaded_by=user,
        filename="aanwezigheid.csv",
        file_sha256="0" * 64,
        status=ImportStatus.KLAAR,
        period_start=period_start,
        period_end=period_end,
    )


def make_signal(
    source: AttendanceImport,
    *,
    kind: str,
    rule: str,
    found_on: date,
    days: list[dict[str, Any]],
    child: Child | None = None,
    pupil_bsn: str = CHILD_BSN,
    pupil_name: str = "",
    pupil_birth_date: date | None = None,
    absences: bool = True,
) -> AttendanceSignal:
    pupil_hash = bsn_lookup_hash(pupil_bsn)
    signal = AttendanceSignal.objects.create(
        school=source.school,
        source=source,
        pupil_hash=pupil_hash,
        child=child,
        pupil_name=pupil_name,
        pupil_birth_date=pupil_birth_date,
        kind=kind,
        rule=rule,
        found_on=found_on,
        days=days,
    )
    if absences:
        for d in days:
            AbsenceRecord.objects.get_or_create(
                school=source.school,
                pupil_hash=pupil_hash,
                date=date.fromisoformat(d["date"]),
                reason=d["reason"],
                defaults={"source": source, "child": child, "hours": d["hours"]},
            )
    return signal


def make_signal_world() -> SignalWorld:
    world = make_world()
    today = timezone.localdate()
    school = world.school
    school.vakantieregio = "midden"
    school.save(update_fields=["vakantieregio"])
    world.other_school.vakantieregio = "noord"
    world.other_school.save(update_fields=["vakantieregio"])
    child = world.child
    Child.objects.filter(pk=child.pk).update(
        bsn_hash=bsn_lookup_hash(CHILD_BSN), bsn_encrypted=encrypt_bsn(CHILD_BSN)
    )
    child.refresh_from_db()
    record_event(
        actor=world.user("ib"),
        child=child,
        type=EventType.INSCHRIJVING,
        date=date(2024, 8, 26),
        data={"sector": "po"},
        school=school,
    )
    days = school_days(today - timedelta(days=3), 20)
    source = make_import(school, period_start=days[0], period_end=days[-1], user=world.user("ib"))
    lpw_days = day_list(days[-8:-4], hours="4", reason="ongeoorloofd")
    lpw20 = make_signal(
        source,
        kind=SignalKind.LPW20,
        rule="LPW-20",
        found_on=date.fromisoformat(lpw_days[-1]["date"]),
        days=lpw_days,
        child=child,
    )
    lrv_days = day_list(days, hours="5", reason="ongeoorloofd")
    lrv = make_signal(
        source,
        kind=SignalKind.LRV,
        rule="TZ-01",
        found_on=days[0],
        days=lrv_days,
        pupil_bsn=PUPIL_BSN,
        pupil_name=PUPIL_NAME,
        pupil_birth_date=date(2014, 3, 1),
    )
    sick_days = day_list(days[-4:], hours="5", reason="ziek")
    vaak_ziek = make_signal(
        source,
        kind=SignalKind.VAAK_ZIEK,
        rule="instelling:vaak_ziek",
        found_on=days[-1],
        days=sick_days,
        child=child,
    )
    other_source = make_import(world.other_school, period_start=days[0], period_end=days[-1])
    elsewhere = make_signal(
        other_source,
        kind=SignalKind.LPW20,
        rule="LPW-20",
        found_on=days[-1],
        days=lpw_days,
        pupil_bsn="100000009",
        pupil_name="Lotte Elders",
        absences=False,
    )
    return SignalWorld(
        world=world,
        school=school,
        source=source,
        lpw20=lpw20,
        lrv=lrv,
        vaak_ziek=vaak_ziek,
        elsewhere=elsewhere,
    )
