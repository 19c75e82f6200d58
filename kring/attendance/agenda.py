"""Attendance's agenda source (settings.KRING_AGENDA_SOURCES): the signals a school must handle.

- every new signal of the person's schools (`policy.attendance_schools`): "Signaal bekijken", dated
  on the day it arose;
- every LPW-20 signal without a submitted verzuimmelding (and not dismissed): "Verzuimmelding bij DUO"
  with its term, 5 working days after the threshold day (LPW-21, `kring.rules.add_working_days`).

The same entries for the school as an organisation. Each entry links the signal's page; a signal
about a child in Kring names the child, one about a pupil not yet in Kring names the pupil as the
file gave. Never a score or a rank: the agenda sorts by term, like every other entry.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext

from kring.access import policy
from kring.agenda.entries import AgendaEntry, overdue_days
from kring.organisations.models import OrganisationKind
from kring.rules.catalog import rule_for

from .models import AttendanceSignal, SignalKind, SignalStatus
from .selectors.signals import melding_due, pupil_name

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.organisations.models import Organisation

KIND_NEW = "signaal"
KIND_MELDING = "verzuimmelding"


def signal_url(signal_id: int) -> str:
    try:
        return reverse("attendance:signal", args=[signal_id])
    except NoReverseMatch:
        return ""


def _pending(signals: QuerySet[AttendanceSignal]) -> QuerySet[AttendanceSignal]:
    melding_open = Q(kind=SignalKind.LPW20, melding__submitted_on__isnull=True) & ~Q(
        status=SignalStatus.AFGEWEZEN
    )
    return (
        signals.filter(Q(status=SignalStatus.NIEUW) | melding_open)
        .select_related("child", "melding", "school__organisation")
        .order_by("found_on", "pk")
    )


def _entries(signals: QuerySet[AttendanceSignal], *, today: date) -> list[AgendaEntry]:
    lpw21 = rule_for("LPW-21", today)
    entries: list[AgendaEntry] = []
    for s in _pending(signals):
        name = pupil_name(s)
        child_name, subject = (name, "") if s.child_id else ("", name)
        if s.status == SignalStatus.NIEUW:
            entries.append(
                AgendaEntry(
                    kind=KIND_NEW,
                    label=gettext("Signaal"),
                    title=gettext("Signaal bekijken: %(kind)s") % {"kind": s.get_kind_display().lower()},
                    due=s.found_on,
                    days_overdue=0,
                    key=f"attendance-signal:{s.pk}",
                    description=s.school.organisation.name,
                    url=signal_url(s.pk),
                    child_id=s.child_id,
                    child_name=child_name,
                    subject=subject,
                )
            )
        submitted = getattr(s, "melding", None) is not None and s.melding.submitted_on is not None
        if s.kind == SignalKind.LPW20 and s.status != SignalStatus.AFGEWEZEN and not submitted:
            due = melding_due(s)
            entries.append(
                AgendaEntry(
                    kind=KIND_MELDING,
                    label=gettext("Termijn"),
                    title=gettext("Verzuimmelding bij DUO indienen"),
                    due=due,
                    days_overdue=overdue_days(due, today),
                    key=f"attendance-melding:{s.pk}:{due.isoformat()}",
                    rule="LPW-21",
                    source=lpw21.source if lpw21 is not None else "",
                    description=gettext("16 uur ongeoorloofd verzuim bereikt op %(day)s (%(school)s)")
                    % {"day": s.found_on.strftime("%d-%m-%Y"), "school": s.school.organisation.name},
                    url=signal_url(s.pk),
                    child_id=s.child_id,
                    child_name=child_name,
                    subject=subject,
                )
            )
    return entries


class AttendanceSignals:
    """The school's signals to handle, and the term of each LPW-20 melding."""

    def for_user(self, user: User, *, today: date) -> list[AgendaEntry]:
        if not policy.can_read_attendance_signals(user):
            return []
        return _entries(
            AttendanceSignal.objects.filter(school__in=policy.attendance_schools(user)), today=today
        )

    def for_organisation(self, organisation: Organisation, *, today: date) -> list[AgendaEntry]:
        if organisation.kind != OrganisationKind.SCHOOL:
            return []
        return _entries(AttendanceSignal.objects.filter(school__organisation=organisation), today=today)

    def child_urls(self, child_ids: Collection[int]) -> dict[int, str]:
        return {}  # each entry carries its signal's page
