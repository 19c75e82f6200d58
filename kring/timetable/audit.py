"""Audit events of the afwijking van de onderwijstijd. One named function per event, written in the
transaction of its act; every read of a child's reduced timetable (its panel, the list) is logged
too, so the family sees who looked."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from kring.privacy.audit import Line, event_kind, record_many
from kring.privacy.models import AuditAction, AuditEvent
from kring.privacy.purposes import Purpose

if TYPE_CHECKING:
    from kring.accounts.models import User

    from .models import ReducedTimetable

# Onderwijstijd is part of the leerplicht: whether the child gets the education it is entitled to.
PURPOSE = Purpose.LEERPLICHT


def _hours(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"hours": str(data["hours"]).replace(".", ",")}


RECORDED = event_kind(
    "timetable.recorded",
    action=AuditAction.CREATE,
    object_type="minder-onderwijstijd",
    title=_("Er is vastgelegd dat het kind minder onderwijstijd krijgt."),
    detail=_("Er is vastgelegd dat het kind minder onderwijstijd krijgt: {hours} uur per week."),
    context=_hours,
    example={"timetable_id": 3, "school_id": 7, "hours": "12", "starts_on": "2026-11-02"},
)
REQUESTED = event_kind(
    "timetable.requested",
    action=AuditAction.UPDATE,
    object_type="minder-onderwijstijd",
    title=_("Er is vastgelegd dat de school de inspectie om instemming vroeg."),
    example={"timetable_id": 3, "requested_on": "2026-11-03"},
)
CONSENTED = event_kind(
    "timetable.consented",
    action=AuditAction.UPDATE,
    object_type="minder-onderwijstijd",
    title=_("Er is vastgelegd dat de inspectie instemde met minder onderwijstijd."),
    example={"timetable_id": 3, "consent_on": "2026-11-20", "consent_until": "2027-07-17"},
)
ENDED = event_kind(
    "timetable.ended",
    action=AuditAction.UPDATE,
    object_type="minder-onderwijstijd",
    title=_("Er is vastgelegd dat de minder onderwijstijd stopt."),
    example={"timetable_id": 3, "ends_on": "2027-01-15"},
)
VIEWED = event_kind(
    "timetable.viewed",
    action=AuditAction.VIEW,
    object_type="minder-onderwijstijd",
    title=_("De gegevens over minder onderwijstijd zijn bekeken."),
    example={"timetable_id": 3},
)
LISTED = event_kind(
    "timetable.listed",
    action=AuditAction.VIEW,
    object_type="minder-onderwijstijd",
    title=_("De minder onderwijstijd van het kind stond in een lijst."),
    example={"timetable_id": 3},
)
EXPORTED = event_kind(
    "timetable.exported",
    action=AuditAction.EXPORT,
    object_type="minder-onderwijstijd",
    title=_("De minder onderwijstijd van het kind stond in een gedownloade lijst (CSV)."),
    example={"timetable_id": 3},
)


def recorded(*, actor: User, timetable: ReducedTimetable) -> AuditEvent:
    return RECORDED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=timetable.pk,
        child_id=timetable.child_id,
        data={
            "timetable_id": timetable.pk,
            "school_id": timetable.school_id,
            "hours": str(timetable.hours_per_week.normalize()),
            "starts_on": timetable.starts_on.isoformat(),
        },
        message=f"Minder onderwijstijd vastgelegd: {timetable.hours_per_week} uur per week.",
    )


def requested(*, actor: User, timetable: ReducedTimetable) -> AuditEvent:
    day = timetable.requested_on.isoformat() if timetable.requested_on else None
    return REQUESTED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=timetable.pk,
        child_id=timetable.child_id,
        data={"timetable_id": timetable.pk, "requested_on": day},
        message="De school vroeg de inspectie om instemming met minder onderwijstijd.",
    )


def consented(*, actor: User, timetable: ReducedTimetable) -> AuditEvent:
    return CONSENTED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=timetable.pk,
        child_id=timetable.child_id,
        data={
            "timetable_id": timetable.pk,
            "consent_on": timetable.consent_on.isoformat() if timetable.consent_on else None,
            "consent_until": timetable.consent_until.isoformat() if timetable.consent_until else None,
        },
        message="De inspectie stemde in met minder onderwijstijd.",
    )


def ended(*, actor: User, timetable: ReducedTimetable) -> AuditEvent:
    return ENDED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=timetable.pk,
        child_id=timetable.child_id,
        data={
            "timetable_id": timetable.pk,
            "ends_on": timetable.ends_on.isoformat() if timetable.ends_on else None,
        },
        message="De minder onderwijstijd stopt.",
    )


def viewed(*, actor: User, timetables: Iterable[ReducedTimetable], purpose: Purpose = PURPOSE) -> None:
    _many(actor, VIEWED, timetables, "De gegevens over minder onderwijstijd zijn bekeken.", purpose)


def listed(*, actor: User, timetables: Iterable[ReducedTimetable]) -> None:
    _many(actor, LISTED, timetables, "De minder onderwijstijd stond in een lijst.", PURPOSE)


def exported(*, actor: User, timetables: Iterable[ReducedTimetable]) -> None:
    _many(actor, EXPORTED, timetables, "De minder onderwijstijd stond in een gedownloade lijst.", PURPOSE)


def _many(
    actor: User, kind: Any, timetables: Iterable[ReducedTimetable], message: str, purpose: Purpose
) -> None:
    record_many(
        actor=actor,
        kind=kind,
        purpose=purpose,
        lines=[
            Line(message=message, data={"timetable_id": t.pk}, object_id=t.pk, child_id=t.child_id)
            for t in timetables
        ],
    )
