"""What a person does with a signal from attendance (issue 12, point 3).

The school's zorgcoördinator or intern begeleider (`policy.can_handle_attendance_signal`):

- `acknowledge`: seen (gezien); the signal stays on the list until it is linked or dismissed;
- `link_to_case`: linked to an open case of the signal's child that the person may see
  (`policy.attendance_linkable_cases`);
- `open_case`: a case opened from the signal. For a pupil who is a child in Kring, through the
  cases app's own `open_case` (the one way Kring opens a case). For a pupil who is not yet a child in
  Kring, the person types the pupil's BSN; it must match the signal's pupil (its keyed hash, as the
  import stored it), then the child is registered through the children app's one registration
  (`register_child`, with the name and birth date the file gave) and the case opened. Both in one
  transaction: a refused case leaves no registered child behind;
- `dismiss`: with a reason (required).

Every act checks the version the person saw (optimistic locking: `StaleVersion` when someone else
acted in between), is one transaction and writes its audit line (`kring.attendance.audit`).
A signal of another school is refused like one that does not exist.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from kring.access import policy
from kring.cases import services as case_services
from kring.cases.models import SignalKind as CaseSignalKind
from kring.children import services as child_services
from kring.core.errors import Refused
from kring.core.versioning import bump_version
from kring.privacy import crypto
from kring.privacy.text import refuse_bsn_in_text

from .. import audit
from ..models import AbsenceRecord, AttendanceSignal, SignalKind, SignalStatus

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.cases.models import Case
    from kring.children.models import Child

__all__ = ["acknowledge", "dismiss", "link_to_case", "open_case", "split_name"]

OPEN_STATUSES = (SignalStatus.NIEUW, SignalStatus.GEZIEN)


def _today() -> date:
    return timezone.localdate()


def _what() -> str:
    return gettext("dit signaal")


def _require_handler(actor: User, signal: AttendanceSignal) -> AttendanceSignal:
    if not policy.can_handle_attendance_signal(actor, signal):
        raise PermissionDenied(
            gettext("Dit signaal is niet van jouw school. Alleen de school zelf behandelt haar signalen.")
        )
    return signal


def _require_open(signal: AttendanceSignal) -> None:
    if signal.status not in OPEN_STATUSES:
        raise Refused(
            gettext("Dit signaal is al behandeld: %(status)s.")
            % {"status": signal.get_status_display().lower()},
            code="already_handled",
        )


def _save(signal: AttendanceSignal, version: int, **changes: Any) -> AttendanceSignal:
    bump_version(AttendanceSignal, signal.pk, version, what=_what(), **changes)
    signal.refresh_from_db()
    return signal


@transaction.atomic
def acknowledge(*, actor: User, signal: AttendanceSignal, version: int) -> AttendanceSignal:
    """Seen: the person has looked at the signal and will act on it (or not) later."""
    _require_handler(actor, signal)
    if signal.status != SignalStatus.NIEUW:
        raise Refused(gettext("Dit signaal is al gezien of behandeld."), code="already_handled")
    signal = _save(signal, version, status=SignalStatus.GEZIEN, handled_by=actor, handled_on=_today())
    audit.signal_acknowledged(actor=actor, signal=signal)
    return signal


@transaction.atomic
def link_to_case(
    *, actor: User, signal: AttendanceSignal, case: Case | None, version: int
) -> AttendanceSignal:
    """Link the signal to an open case of its child that the person may see."""
    _require_handler(actor, signal)
    _require_open(signal)
    if signal.child_id is None:
        raise Refused(
            gettext(
                "Deze leerling staat nog niet in Kring, dus er is geen casus om aan te koppelen. Open een "
                "casus vanuit dit signaal."
            ),
            field="case",
            code="no_child",
        )
    if case is None or not policy.attendance_linkable_cases(actor, signal).filter(pk=case.pk).exists():
        raise Refused(
            gettext("Kies een open casus van deze leerling die je kunt zien."), field="case", code="case"
        )
    signal = _save(
        signal, version, status=SignalStatus.GEKOPPELD, case=case, handled_by=actor, handled_on=_today()
    )
    audit.signal_linked(actor=actor, signal=signal, case=case)
    return signal


def split_name(full_name: str) -> tuple[str, str]:
    """The first and last name of a name as a file gives it ("Daan de Boer" → "Daan", "de Boer")."""
    parts = (full_name or "").strip().split(None, 1)
    if not parts:
        return "", ""
    return parts[0], parts[1] if len(parts) > 1 else ""


def _case_description(signal: AttendanceSignal) -> str:
    return gettext("Signaal uit de aanwezigheid: %(kind)s (gevonden op %(day)s, regel %(rule)s).") % {
        "kind": signal.get_kind_display(),
        "day": signal.found_on.strftime("%d-%m-%Y"),
        "rule": signal.rule,
    }


def _register_pupil(
    *, actor: User, signal: AttendanceSignal, bsn: str, enrolled_on: date | None, birth_date: date | None
) -> Child:
    """The pupil of the signal as a child in Kring: the BSN must be the signal's pupil's."""
    if not (bsn or "").strip():
        raise Refused(
            gettext("Vul het BSN van de leerling in. Kring controleert of het bij dit signaal hoort."),
            field="bsn",
            code="required",
        )
    try:
        pupil_hash = crypto.bsn_lookup_hash(bsn)
    except ValidationError as exc:
        raise Refused(exc.messages[0], field="bsn", code="bsn") from None
    if pupil_hash != signal.pupil_hash:
        raise Refused(
            gettext(
                "Dit BSN hoort niet bij de leerling van dit signaal. Kijk het nummer na in de "
                "leerlingadministratie."
            ),
            field="bsn",
            code="bsn_mismatch",
        )
    first, last = split_name(signal.pupil_name)
    child = child_services.register_child(
        actor=actor,
        first_name=first,
        last_name=last,
        birth_date=birth_date or signal.pupil_birth_date,  # type: ignore[arg-type]
        bsn=bsn,
        school=signal.school,
        enrolled_on=enrolled_on,
        confirm_duplicate=True,
    )
    # Every signal and absence day of this pupil at this school now belongs to the child; the name
    # and birth date from the file are no longer kept beside it.
    AttendanceSignal.objects.filter(school=signal.school, pupil_hash=signal.pupil_hash).update(
        child=child, pupil_name="", pupil_birth_date=None
    )
    AbsenceRecord.objects.filter(school=signal.school, pupil_hash=signal.pupil_hash).update(child=child)
    return child


@transaction.atomic
def open_case(
    *,
    actor: User,
    signal: AttendanceSignal,
    version: int,
    bsn: str = "",
    enrolled_on: date | None = None,
    birth_date: date | None = None,
) -> AttendanceSignal:
    """Open a case for the signal's child (registering the pupil first when they are not yet a child
    in Kring) and link the signal to it."""
    _require_handler(actor, signal)
    _require_open(signal)
    # The version first (StaleVersion when someone else acted in between); it also holds the row.
    bump_version(AttendanceSignal, signal.pk, version, what=_what())
    signal.refresh_from_db()
    registered = signal.child is None
    if signal.child is None:
        child = _register_pupil(
            actor=actor, signal=signal, bsn=bsn, enrolled_on=enrolled_on, birth_date=birth_date
        )
        signal.refresh_from_db()
    else:
        child = signal.child
    kind = CaseSignalKind.THUISZITTEN if signal.kind == SignalKind.LRV else CaseSignalKind.VERZUIM
    case = case_services.open_case(
        actor=actor,
        child=child,
        signal_kind=kind,
        signal_description=_case_description(signal),
        opened_on=_today(),
    )
    signal = _save(
        signal,
        signal.version,
        status=SignalStatus.GEKOPPELD,
        case=case,
        handled_by=actor,
        handled_on=_today(),
    )
    audit.signal_case_opened(actor=actor, signal=signal, case=case, registered=registered)
    return signal


@transaction.atomic
def dismiss(*, actor: User, signal: AttendanceSignal, reason: str, version: int) -> AttendanceSignal:
    """Dismiss the signal, with the reason why nothing needs to be done (required)."""
    _require_handler(actor, signal)
    _require_open(signal)
    text = (reason or "").strip()
    if not text:
        raise Refused(
            gettext("Schrijf op waarom er niets hoeft te gebeuren met dit signaal."),
            field="reason",
            code="required",
        )
    if len(text) > 2000:
        raise Refused(
            gettext("Dit is te lang. Gebruik hoogstens 2000 tekens."), field="reason", code="too_long"
        )
    refuse_bsn_in_text(reason=text)
    signal = _save(
        signal,
        version,
        status=SignalStatus.AFGEWEZEN,
        dismiss_reason=text,
        handled_by=actor,
        handled_on=_today(),
    )
    audit.signal_dismissed(actor=actor, signal=signal)
    return signal


REOPENABLE = (SignalStatus.GEZIEN, SignalStatus.AFGEWEZEN)


@transaction.atomic
def reopen(*, actor: User, signal: AttendanceSignal, version: int) -> AttendanceSignal:
    """Back to 'nieuw': a signal marked seen by mistake, or dismissed while something is needed after
    all. The earlier handling (who, when, the reason of a dismissal) stays in the signal's history."""
    _require_handler(actor, signal)
    if signal.status not in REOPENABLE:
        raise Refused(
            gettext(
                "Alleen een signaal dat op 'gezien' staat of is afgewezen, kun je terugzetten. Dit signaal "
                "is %(status)s."
            )
            % {"status": signal.get_status_display().lower()},
            code="not_reopenable",
        )
    earlier = {"status": signal.status, "reason": signal.dismiss_reason}
    signal = _save(
        signal, version, status=SignalStatus.NIEUW, handled_by=None, handled_on=None, dismiss_reason=""
    )
    audit.signal_reopened(
        actor=actor, signal=signal, earlier_status=earlier["status"], reason=earlier["reason"]
    )
    return signal
