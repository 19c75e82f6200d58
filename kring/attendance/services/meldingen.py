"""The DUO verzuimmelding of an LPW-20 signal (issue 12, point 4).

Kring cannot send it to DUO itself: it prepares the melding with the fields of the Besluit register
onderwijsdeelnemers (art. 13-14), the school checks and completes it (what it has done, whether it
wants the gemeente to act), submits it in DUO's own portal (from the copy-ready page or the file)
and records here on which day it did. That record fulfils the obligation: for a pupil who is a child
in Kring it writes a `verzuimmelding` event on the child's timeline through the timeline's gateway,
which is what the rules engine's LPW-21 term looks for.

Each act checks the version the person saw (optimistic locking), is one transaction and writes its
audit line. A submitted melding is not changed any more.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from kring.access import policy
from kring.children.models import EventType
from kring.children.timeline import NewEvent, record_events
from kring.core.dates import date_problem
from kring.core.errors import Refused
from kring.core.versioning import bump_version
from kring.privacy.text import refuse_bsn_in_text

from .. import audit
from ..models import AttendanceSignal, SignalKind, SignalStatus, VerzuimMelding

if TYPE_CHECKING:
    from kring.accounts.models import User

__all__ = ["PRESUMED_KIND", "prepare", "submit", "update"]

PRESUMED_KIND = gettext_noop("ongeoorloofd verzuim")


def _today() -> date:
    return timezone.localdate()


def _require_handler(actor: User, signal: AttendanceSignal) -> None:
    if not policy.can_handle_attendance_signal(actor, signal):
        raise PermissionDenied(
            gettext("Een verzuimmelding maakt en verstuurt de school van de leerling zelf.")
        )


def _what() -> str:
    return gettext("deze verzuimmelding")


@transaction.atomic
def prepare(*, actor: User, signal: AttendanceSignal) -> VerzuimMelding:
    """Prepare the melding of an LPW-20 signal, pre-filled from the signal: the first and last day
    of the absence, 'ongeoorloofd verzuim', the days and hours."""
    _require_handler(actor, signal)
    if signal.kind != SignalKind.LPW20:
        raise Refused(
            gettext("Alleen bij 16 uur ongeoorloofd verzuim in 4 lesweken hoort een verzuimmelding bij DUO."),
            code="not_lpw20",
        )
    if signal.status == SignalStatus.AFGEWEZEN:
        raise Refused(
            gettext("Dit signaal is afgewezen. Voor een afgewezen signaal maak je geen verzuimmelding."),
            code="dismissed",
        )
    if VerzuimMelding.objects.filter(signal=signal).exists():
        raise Refused(gettext("Voor dit signaal is al een verzuimmelding voorbereid."), code="exists")
    days = sorted(signal.days, key=lambda d: d["date"])
    if not days:
        raise Refused(
            gettext("Bij dit signaal staan geen dagen: Kring kan de melding niet vullen."), code="no_days"
        )
    melding = VerzuimMelding.objects.create(
        signal=signal,
        start=date.fromisoformat(days[0]["date"]),
        end=date.fromisoformat(days[-1]["date"]),
        presumed_kind=gettext(PRESUMED_KIND),
        days=days,
        prepared_by=actor,
        prepared_on=_today(),
    )
    audit.melding_prepared(actor=actor, melding=melding)
    return melding


def _require_not_submitted(melding: VerzuimMelding) -> None:
    if melding.submitted_on is not None:
        raise Refused(
            gettext(
                "Deze verzuimmelding is al ingediend bij DUO (op %(day)s). Je kunt haar niet meer aanpassen."
            )
            % {"day": melding.submitted_on.strftime("%d-%m-%Y")},
            code="submitted",
        )


@transaction.atomic
def update(
    *,
    actor: User,
    melding: VerzuimMelding,
    version: int,
    start: date | None,
    end: date | None,
    presumed_kind: str,
    presumed_reason: str,
    school_actions: str,
    municipal_action_wanted: bool,
) -> VerzuimMelding:
    """What the school checked and completed before submitting."""
    _require_handler(actor, melding.signal)
    _require_not_submitted(melding)
    refuse_bsn_in_text(presumed_reason=presumed_reason, school_actions=school_actions)
    problems: dict[str, list[str]] = {}
    if not isinstance(start, date):
        problems["start"] = [gettext("Vul de eerste dag van het verzuim in.")]
    if end is not None and isinstance(start, date) and end < start:
        problems["end"] = [gettext("De laatste dag ligt voor de eerste dag. Kijk de datums na.")]
    if not (presumed_kind or "").strip():
        problems["presumed_kind"] = [gettext("Vul in om welke soort verzuim het vermoedelijk gaat.")]
    elif len(presumed_kind.strip()) > 60:
        problems["presumed_kind"] = [gettext("Dit is te lang. Gebruik hoogstens 60 tekens.")]
    if problems:
        raise Refused.many(problems)
    bump_version(
        VerzuimMelding,
        melding.pk,
        version,
        what=_what(),
        start=start,
        end=end,
        presumed_kind=presumed_kind.strip(),
        presumed_reason=(presumed_reason or "").strip(),
        school_actions=(school_actions or "").strip(),
        municipal_action_wanted=bool(municipal_action_wanted),
    )
    melding.refresh_from_db()
    audit.melding_changed(actor=actor, melding=melding)
    return melding


@transaction.atomic
def submit(
    *, actor: User, melding: VerzuimMelding, version: int, submitted_on: date | None
) -> VerzuimMelding:
    """Record that the school submitted the melding to DUO on `submitted_on`. For a child in Kring
    this writes the `verzuimmelding` on the child's timeline (the engine's LPW-21 obligation)."""
    signal = melding.signal
    _require_handler(actor, signal)
    _require_not_submitted(melding)
    if not isinstance(submitted_on, date):
        raise Refused(
            gettext("Vul in op welke dag de school de melding bij DUO heeft ingediend."),
            field="submitted_on",
            code="required",
        )
    problem = date_problem(submitted_on, today=_today(), past_act=True)
    if problem is None and submitted_on < melding.prepared_on:
        problem = gettext(
            "Deze datum ligt voor de dag waarop de melding is voorbereid (%(day)s). Kijk de datum na."
        ) % {"day": melding.prepared_on.strftime("%d-%m-%Y")}
    if problem:
        raise Refused(problem, field="submitted_on", code="date")
    bump_version(
        VerzuimMelding, melding.pk, version, what=_what(), submitted_on=submitted_on, submitted_by=actor
    )
    melding.refresh_from_db()
    if signal.status == SignalStatus.NIEUW:
        AttendanceSignal.objects.filter(pk=signal.pk).update(
            status=SignalStatus.GEZIEN, handled_by=actor, handled_on=_today(), version=signal.version + 1
        )
    if signal.child is not None:
        record_events(
            actor=actor,
            child=signal.child,
            events=[NewEvent(type=EventType.VERZUIMMELDING, date=submitted_on)],
        )
    audit.melding_submitted(actor=actor, melding=melding)
    return melding
