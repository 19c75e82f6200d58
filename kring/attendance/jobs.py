"""Attendance's nightly work, called by `kring tick` (settings.KRING_TICK_JOBS): the retention term
of verzuim data (issue 12, point 5). Idempotent: a second run on the same day removes nothing more.

`remove_expired_attendance`: per school, the term is the `retention_years` of its samenwerkingsverband's
AttendanceSettings (default 5 years); the cut-off day is today minus that many years. What is removed:

1. absence days (AbsenceRecord) before the cut-off;
2. signals found before the cut-off, whatever their status (after the term nobody acts on them any
   more, and keeping an unhandled one would keep its data for ever), with their verzuimmelding;
3. in the signals that stay, the days before the cut-off (from `days`);
4. imports whose period ended before the cut-off and that no longer hold signals or absence days.

Kept, whatever their age: a signal linked to a case that is still open, its days, and the absence
days of its pupil at that school — the case still needs them; they go in the first run after the
case is closed. The `verzuimmelding` event on the child's timeline is part of the child's file and
stays (the timeline has its own rules). One transaction and one audit line (counts only) per school.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q

from kring.cases.models import OPEN_STATUSES
from kring.organisations.models import SchoolLocation
from kring.rules.kalender import add_months

from . import audit
from .models import AbsenceRecord, AttendanceImport, AttendanceSignal, VerzuimMelding
from .selectors.signals import school_swv_settings

# How far a signal's days reach back before the day it was found (a school year and some): only
# signals found this close to the cut-off can hold days before it.
_DAYS_REACH = timedelta(days=400)


@dataclass
class RetentionReport:
    today: date
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(("absences", "signals", "meldingen", "imports", "trimmed"), 0)
    )

    def __str__(self) -> str:
        c = self.counts
        return (
            f"{c['absences']} verzuimdagen, {c['signals']} signalen, {c['meldingen']} verzuimmeldingen, "
            f"{c['imports']} imports verwijderd; {c['trimmed']} signalen ingekort"
        )


def cutoff_for(school: SchoolLocation, *, today: date) -> date:
    _swv, settings = school_swv_settings(school)
    return add_months(today, -12 * int(settings.retention_years or 5))


def _schools() -> list[SchoolLocation]:
    ids = set(AttendanceSignal.objects.values_list("school_id", flat=True).distinct())
    ids |= set(AbsenceRecord.objects.values_list("school_id", flat=True).distinct())
    ids |= set(AttendanceImport.objects.values_list("school_id", flat=True).distinct())
    return list(SchoolLocation.objects.filter(pk__in=ids).order_by("pk"))


@transaction.atomic
def _remove_for(school: SchoolLocation, *, before: date) -> dict[str, int]:
    signals = AttendanceSignal.objects.filter(school=school)
    needed = Q(case__isnull=False, case__status__in=OPEN_STATUSES)
    kept_pupils = set(signals.filter(needed).values_list("pupil_hash", flat=True))
    old = signals.filter(found_on__lt=before).exclude(needed)
    meldingen = VerzuimMelding.objects.filter(signal__in=old).delete()[1].get("attendance.VerzuimMelding", 0)
    removed_signals = old.delete()[1].get("attendance.AttendanceSignal", 0)
    trimmed = 0
    for signal in signals.exclude(needed).filter(found_on__lt=before + _DAYS_REACH):
        days = [d for d in signal.days if str(d.get("date", "")) >= before.isoformat()]
        if len(days) != len(signal.days):
            AttendanceSignal.objects.filter(pk=signal.pk).update(days=days)
            trimmed += 1
    absences = (
        AbsenceRecord.objects.filter(school=school, date__lt=before)
        .exclude(pupil_hash__in=kept_pupils)
        .delete()[1]
        .get("attendance.AbsenceRecord", 0)
    )
    imports = 0
    for source in AttendanceImport.objects.filter(school=school).filter(
        Q(period_end__lt=before) | Q(period_end__isnull=True, created_at__date__lt=before)
    ):
        if not source.signals.exists() and not source.absences.exists():
            AttendanceImport.objects.filter(replaced_by=source).update(replaced_by=None)
            source.delete()
            imports += 1
    counts = {
        "absences": absences,
        "signals": removed_signals,
        "meldingen": meldingen,
        "imports": imports,
        "trimmed": trimmed,
    }
    if any(counts.values()):
        audit.data_removed(school_id=school.pk, before=before.isoformat(), counts=counts)
    return counts


def remove_expired_attendance(*, today: date) -> RetentionReport:
    report = RetentionReport(today=today)
    for school in _schools():
        counts = _remove_for(school, before=cutoff_for(school, today=today))
        for key, value in counts.items():
            report.counts[key] += value
    return report
