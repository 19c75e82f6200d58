"""Audit events of the signals from attendance: a signal read, acknowledged, linked to a case, a case
opened from it, dismissed; the DUO verzuimmelding prepared, changed, downloaded and submitted; the
nightly removal of old verzuim data.

Purpose: `Purpose.LEERPLICHT` (attendance and the Leerplichtwet's reports), the family's own reads
`Purpose.FAMILY_ACCESS`, the nightly removal `Purpose.NIGHTLY_JOB`. A signal about a child in Kring
carries the child's id, so the family sees it in their access log; a signal about a pupil who is not
(yet) a child in Kring has none. `data` holds ids, codes, dates and counts, never typed text (the
reason of a dismissal, the school's actions) and never a BSN or its hash.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from kring.privacy import audit as privacy_audit
from kring.privacy.audit import Line, event_kind
from kring.privacy.models import AuditAction, AuditEvent
from kring.privacy.purposes import Purpose

from .models import SignalKind

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.cases.models import Case

    from .models import AttendanceSignal, VerzuimMelding

OBJECT_TYPE = "verzuimsignaal"
MELDING = "verzuimmelding"
PURPOSE = Purpose.LEERPLICHT


def _kind(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"kind_label": str(SignalKind(data["kind"]).label).lower()}


def _start(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"start_day": privacy_audit_day(data["start"])}


SIGNAL_VIEWED = event_kind(
    "attendance.signal_viewed",
    action=AuditAction.VIEW,
    object_type=OBJECT_TYPE,
    title=_("Een signaal uit de aanwezigheid is bekeken."),
    detail=_("Het signaal '{kind_label}' is bekeken."),
    context=_kind,
    example={"signal_id": 3, "kind": "lpw20", "school_id": 12},
)
SIGNAL_ACKNOWLEDGED = event_kind(
    "attendance.signal_acknowledged",
    action=AuditAction.UPDATE,
    object_type=OBJECT_TYPE,
    title=_("Een signaal uit de aanwezigheid is gezien."),
    detail=_("Het signaal '{kind_label}' is gezien."),
    context=_kind,
    example={"signal_id": 3, "kind": "lpw20", "school_id": 12},
)
SIGNAL_LINKED = event_kind(
    "attendance.signal_linked",
    action=AuditAction.UPDATE,
    object_type=OBJECT_TYPE,
    title=_("Een signaal uit de aanwezigheid is gekoppeld aan een casus."),
    detail=_("Het signaal '{kind_label}' is gekoppeld aan een casus."),
    context=_kind,
    example={"signal_id": 3, "kind": "lpw20", "school_id": 12, "case_id": 4},
)
SIGNAL_CASE_OPENED = event_kind(
    "attendance.signal_case_opened",
    action=AuditAction.CREATE,
    object_type=OBJECT_TYPE,
    title=_("Vanuit een signaal uit de aanwezigheid is een casus geopend."),
    detail=_("Vanuit het signaal '{kind_label}' is een casus geopend."),
    context=_kind,
    example={"signal_id": 3, "kind": "lrv", "school_id": 12, "case_id": 4, "registered": True},
)
SIGNAL_DISMISSED = event_kind(
    "attendance.signal_dismissed",
    action=AuditAction.UPDATE,
    object_type=OBJECT_TYPE,
    title=_("Een signaal uit de aanwezigheid is afgewezen, met een reden."),
    detail=_("Het signaal '{kind_label}' is afgewezen, met een reden."),
    context=_kind,
    example={"signal_id": 3, "kind": "vaak_ziek", "school_id": 12},
)
SIGNAL_REOPENED = event_kind(
    "attendance.signal_reopened",
    action=AuditAction.UPDATE,
    object_type=OBJECT_TYPE,
    title=_("Een signaal uit de aanwezigheid is teruggezet naar nieuw."),
    detail=_("Het signaal '{kind_label}' is teruggezet naar nieuw."),
    context=_kind,
    example={"signal_id": 3, "kind": "vaak_ziek", "school_id": 12, "earlier_status": "afgewezen"},
)
SIGNAL_REMOVED = event_kind(
    "attendance.signal_removed",
    action=AuditAction.DELETE,
    object_type=OBJECT_TYPE,
    title=_("Een signaal uit de aanwezigheid is weggehaald: een verbeterd bestand laat het niet meer zien."),
    detail=_(
        "Het signaal '{kind_label}' is weggehaald: een verbeterd bestand van de school laat het niet "
        "meer zien."
    ),
    context=_kind,
    example={"signal_id": 3, "kind": "lpw20", "school_id": 12, "import_id": 5},
)
MELDING_PREPARED = event_kind(
    "attendance.melding_prepared",
    action=AuditAction.CREATE,
    object_type=MELDING,
    title=_("Een verzuimmelding voor DUO is voorbereid."),
    detail=_("Een verzuimmelding voor DUO is voorbereid, over het verzuim vanaf {start_day}."),
    context=_start,
    example={"melding_id": 2, "signal_id": 3, "school_id": 12, "start": "2026-11-02"},
)
MELDING_CHANGED = event_kind(
    "attendance.melding_changed",
    action=AuditAction.UPDATE,
    object_type=MELDING,
    title=_("Een verzuimmelding voor DUO is aangepast."),
    detail=_("Een verzuimmelding voor DUO is aangepast, over het verzuim vanaf {start_day}."),
    context=_start,
    example={"melding_id": 2, "signal_id": 3, "school_id": 12, "start": "2026-11-02"},
)
MELDING_DOWNLOADED = event_kind(
    "attendance.melding_downloaded",
    action=AuditAction.EXPORT,
    object_type=MELDING,
    title=_("Een verzuimmelding voor DUO is gedownload."),
    detail=_("Een verzuimmelding voor DUO is gedownload, over het verzuim vanaf {start_day}."),
    context=_start,
    example={"melding_id": 2, "signal_id": 3, "school_id": 12, "start": "2026-11-02"},
)
MELDING_SUBMITTED = event_kind(
    "attendance.melding_submitted",
    action=AuditAction.UPDATE,
    object_type=MELDING,
    title=_("Vastgelegd dat een verzuimmelding is ingediend bij DUO."),
    detail=_("Ingediend bij DUO op {on}."),
    context=lambda data: {"on": privacy_audit_day(data["submitted_on"])},
    example={
        "melding_id": 2,
        "signal_id": 3,
        "school_id": 12,
        "start": "2026-11-02",
        "submitted_on": "2026-11-20",
    },
)
DATA_REMOVED = event_kind(
    "attendance.data_removed",
    action=AuditAction.DELETE,
    object_type=OBJECT_TYPE,
    title=_("Oude verzuimgegevens zijn verwijderd (bewaartermijn)."),
    detail=_(
        "Verzuimgegevens van voor {before_day} zijn verwijderd: {absences} verzuimdagen, {signals} signalen, "
        "{meldingen} verzuimmeldingen, {imports} imports."
    ),
    context=lambda data: {"before_day": privacy_audit_day(data["before"])},
    example={
        "school_id": 12,
        "before": "2021-11-20",
        "absences": 40,
        "signals": 3,
        "meldingen": 1,
        "imports": 2,
    },
)


def privacy_audit_day(value: str) -> str:
    from kring.privacy.rendering import day

    return day(value)


def _ids(signal: AttendanceSignal) -> dict[str, Any]:
    return {"signal_id": signal.pk, "kind": signal.kind, "school_id": signal.school_id}


def _about(signal: AttendanceSignal) -> str:
    """Whom a line is about, for the logbook: the child's name, or 'een leerling' (no name of a pupil
    who is not a child in Kring)."""
    if signal.child is not None:
        return privacy_audit.child_name(signal.child)
    return "een leerling"


def signal_viewed(*, actor: User, signal: AttendanceSignal, purpose: Purpose = PURPOSE) -> AuditEvent:
    return SIGNAL_VIEWED.write(
        actor=actor,
        purpose=purpose,
        object_id=signal.pk,
        child_id=signal.child_id,
        data=_ids(signal),
        message=f"Signaal '{signal.get_kind_display()}' over {_about(signal)} bekeken.",
    )


def signals_listed(
    *, actor: User, signals: Iterable[AttendanceSignal], purpose: Purpose = PURPOSE
) -> list[AuditEvent]:
    """One line per signal of a list someone saw, in one INSERT."""
    return privacy_audit.record_many(
        actor=actor,
        kind=SIGNAL_VIEWED,
        purpose=purpose,
        lines=[
            Line(
                object_id=s.pk,
                child_id=s.child_id,
                data=_ids(s),
                message=f"Signaal '{s.get_kind_display()}' over {_about(s)} in een lijst gezien.",
            )
            for s in signals
        ],
    )


def signal_acknowledged(*, actor: User, signal: AttendanceSignal) -> AuditEvent:
    return SIGNAL_ACKNOWLEDGED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=signal.pk,
        child_id=signal.child_id,
        data=_ids(signal),
        message=f"Signaal '{signal.get_kind_display()}' over {_about(signal)} gezien.",
    )


def signal_linked(*, actor: User, signal: AttendanceSignal, case: Case) -> AuditEvent:
    return SIGNAL_LINKED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=signal.pk,
        child_id=case.child_id,
        data={**_ids(signal), "case_id": case.pk},
        message=f"Signaal '{signal.get_kind_display()}' over {_about(signal)} gekoppeld aan een casus.",
    )


def signal_case_opened(*, actor: User, signal: AttendanceSignal, case: Case, registered: bool) -> AuditEvent:
    return SIGNAL_CASE_OPENED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=signal.pk,
        child_id=case.child_id,
        data={**_ids(signal), "case_id": case.pk, "registered": registered},
        message=f"Vanuit signaal '{signal.get_kind_display()}' is een casus geopend voor {_about(signal)}.",
    )


def signal_dismissed(*, actor: User, signal: AttendanceSignal) -> AuditEvent:
    return SIGNAL_DISMISSED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=signal.pk,
        child_id=signal.child_id,
        data=_ids(signal),
        message=f"Signaal '{signal.get_kind_display()}' over {_about(signal)} afgewezen, met een reden.",
    )


def signal_reopened(*, actor: User, signal: AttendanceSignal, earlier_status: str, reason: str) -> AuditEvent:
    """`reason`: the dismissal's reason, kept in the message (the history shows what was undone)."""
    undone = f" Eerder afgewezen met als reden: {reason}" if reason else ""
    return SIGNAL_REOPENED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=signal.pk,
        child_id=signal.child_id,
        data={**_ids(signal), "earlier_status": earlier_status},
        message=f"Signaal '{signal.get_kind_display()}' over {_about(signal)} teruggezet naar nieuw.{undone}",
    )


def signal_removed(*, actor: User | None, signal: AttendanceSignal, import_id: int) -> AuditEvent:
    return SIGNAL_REMOVED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=signal.pk,
        child_id=signal.child_id,
        data={**_ids(signal), "import_id": import_id},
        message=(
            f"Signaal '{signal.get_kind_display()}' over {_about(signal)} weggehaald: "
            f"de import {import_id} van de school laat het niet meer zien."
        ),
    )


def _melding_ids(melding: VerzuimMelding) -> dict[str, Any]:
    return {
        "melding_id": melding.pk,
        "signal_id": melding.signal_id,
        "school_id": melding.signal.school_id,
        "start": melding.start.isoformat(),
    }


def melding_prepared(*, actor: User, melding: VerzuimMelding) -> AuditEvent:
    return MELDING_PREPARED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=melding.pk,
        child_id=melding.signal.child_id,
        data=_melding_ids(melding),
        message=f"Verzuimmelding voor {_about(melding.signal)} voorbereid.",
    )


def melding_changed(*, actor: User, melding: VerzuimMelding) -> AuditEvent:
    return MELDING_CHANGED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=melding.pk,
        child_id=melding.signal.child_id,
        data=_melding_ids(melding),
        message=f"Verzuimmelding voor {_about(melding.signal)} aangepast.",
    )


def melding_downloaded(*, actor: User, melding: VerzuimMelding) -> AuditEvent:
    return MELDING_DOWNLOADED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=melding.pk,
        child_id=melding.signal.child_id,
        data=_melding_ids(melding),
        message=f"Verzuimmelding voor {_about(melding.signal)} gedownload.",
    )


def melding_submitted(*, actor: User, melding: VerzuimMelding) -> AuditEvent:
    assert melding.submitted_on is not None
    return MELDING_SUBMITTED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=melding.pk,
        child_id=melding.signal.child_id,
        data={**_melding_ids(melding), "submitted_on": melding.submitted_on.isoformat()},
        message=(
            f"Vastgelegd dat de verzuimmelding voor {_about(melding.signal)} op "
            f"{melding.submitted_on:%d-%m-%Y} is ingediend bij DUO."
        ),
    )


def data_removed(*, school_id: int, before: str, counts: Mapping[str, int]) -> AuditEvent:
    return DATA_REMOVED.write(
        actor=None,
        purpose=Purpose.NIGHTLY_JOB,
        object_id=school_id,
        data={"school_id": school_id, "before": before, **counts},
        message=(
            f"Verzuimgegevens van voor {before} verwijderd: {counts.get('absences', 0)} verzuimdagen, "
            f"{counts.get('signals', 0)} signalen, {counts.get('meldingen', 0)} verzuimmeldingen, "
            f"{counts.get('imports', 0)} imports."
        ),
    )
