"""Audit events of the aanmelding register (one named function per event, ADR 0011).

`data` holds ids, codes and dates, never what someone typed (the reasons, the support question,
the parents' contact details); the Dutch sentence names the child by first name. Purpose:
`Purpose.ZORGPLICHT` (a school that fits what the child needs, within the zorgplicht's terms).
An aanmelding the parents sent online that is not taken in yet has no child: its lines have none.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from kring.privacy.audit import event_kind
from kring.privacy.models import AuditAction, AuditEvent
from kring.privacy.purposes import Purpose
from kring.rules.kalender import format_date_nl

from .models import Outcome, ParentResponse, StepKind

if TYPE_CHECKING:
    from kring.accounts.models import User

    from .models import Aanmelding, ZorgplichtStep

OBJECT_TYPE = "aanmelding"
PURPOSE = Purpose.ZORGPLICHT


def _day(data: Mapping[str, Any], key: str) -> str:
    from kring.privacy.rendering import day

    return day(data[key])


def _received(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"reference": data["reference"], "on": _day(data, "received_on"), "due": _day(data, "due")}


def _extended(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"reference": data["reference"], "due": _day(data, "due")}


def _decided(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"reference": data["reference"], "outcome": str(Outcome(data["outcome"]).label).lower()}


def _responded(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"reference": data["reference"], "response": str(ParentResponse(data["response"]).label).lower()}


def _step(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"reference": data["reference"], "kind": str(StepKind(data["kind"]).label).lower()}


def _reference(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"reference": data["reference"]}


REGISTERED = event_kind(
    "aanmelding.registered",
    action=AuditAction.CREATE,
    object_type=OBJECT_TYPE,
    title=_("Een aanmelding bij een school is vastgelegd."),
    detail=_("Aanmelding {reference} is vastgelegd: ontvangen op {on}, besluit uiterlijk op {due}."),
    context=_received,
    example={
        "aanmelding_id": 3,
        "reference": "AM-ABCD-EFGH",
        "received_on": "2026-09-14",
        "due": "2026-10-26",
    },
)
TAKEN_IN = event_kind(
    "aanmelding.taken_in",
    action=AuditAction.UPDATE,
    object_type=OBJECT_TYPE,
    title=_("De school heeft een aanmelding van de ouders in behandeling genomen."),
    detail=_("De school heeft aanmelding {reference} van de ouders in behandeling genomen."),
    context=_reference,
    example={"aanmelding_id": 3, "reference": "AM-ABCD-EFGH"},
)
RECEIPT_SENT = event_kind(
    "aanmelding.receipt_sent",
    action=AuditAction.EXPORT,
    object_type=OBJECT_TYPE,
    title=_("De ontvangstbevestiging van een aanmelding is gemaakt."),
    detail=_("De ontvangstbevestiging van aanmelding {reference} is gemaakt."),
    context=_reference,
    example={"aanmelding_id": 3, "reference": "AM-ABCD-EFGH", "mailed": True},
)
EXTENDED = event_kind(
    "aanmelding.extended",
    action=AuditAction.UPDATE,
    object_type=OBJECT_TYPE,
    title=_("De school heeft de beslistermijn van een aanmelding verlengd."),
    detail=_("De beslistermijn van aanmelding {reference} is verlengd tot en met {due}."),
    context=_extended,
    example={"aanmelding_id": 3, "reference": "AM-ABCD-EFGH", "due": "2026-11-23"},
)
STEP_RECORDED = event_kind(
    "aanmelding.step_recorded",
    action=AuditAction.CREATE,
    object_type=OBJECT_TYPE,
    title=_("Een stap in het onderzoek naar de ondersteuning is vastgelegd."),
    detail=_("Bij aanmelding {reference} is een stap vastgelegd: {kind}."),
    context=_step,
    example={"aanmelding_id": 3, "reference": "AM-ABCD-EFGH", "step_id": 5, "kind": "observatie"},
)
CONCLUDED = event_kind(
    "aanmelding.concluded",
    action=AuditAction.UPDATE,
    object_type=OBJECT_TYPE,
    title=_("De school heeft de conclusie van haar onderzoek vastgelegd."),
    detail=_("Bij aanmelding {reference} is de conclusie van het onderzoek vastgelegd."),
    context=_reference,
    example={"aanmelding_id": 3, "reference": "AM-ABCD-EFGH", "conclusion": "kan_niet_bieden"},
)
DECIDED = event_kind(
    "aanmelding.decided",
    action=AuditAction.UPDATE,
    object_type=OBJECT_TYPE,
    title=_("De school heeft besloten over een aanmelding."),
    detail=_("De school heeft besloten over aanmelding {reference}: {outcome}."),
    context=_decided,
    example={"aanmelding_id": 3, "reference": "AM-ABCD-EFGH", "outcome": "toegelaten"},
)
RESPONDED = event_kind(
    "aanmelding.responded",
    action=AuditAction.UPDATE,
    object_type=OBJECT_TYPE,
    title=_("De reactie van de ouders op het besluit is vastgelegd."),
    detail=_("Bij aanmelding {reference} is de reactie van de ouders vastgelegd: {response}."),
    context=_responded,
    example={"aanmelding_id": 3, "reference": "AM-ABCD-EFGH", "response": "akkoord"},
)
VIEWED = event_kind(
    "aanmelding.viewed",
    action=AuditAction.VIEW,
    object_type=OBJECT_TYPE,
    title=_("Een aanmelding is bekeken."),
    detail=_("Aanmelding {reference} is bekeken."),
    context=_reference,
    example={"aanmelding_id": 3, "reference": "AM-ABCD-EFGH"},
)


def _who(a: Aanmelding) -> str:
    return a.child.first_name if a.child is not None else (a.child_first_name or "een kind")


def _base(a: Aanmelding) -> dict[str, Any]:
    return {"aanmelding_id": a.pk, "reference": a.reference}


def registered(*, actor: User | None, aanmelding: Aanmelding, due: Any) -> AuditEvent:
    a = aanmelding
    return REGISTERED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=a.pk,
        child_id=a.child_id,
        data={
            **_base(a),
            "received_on": a.received_on.isoformat(),
            "due": due.isoformat(),
            "channel": a.channel,
        },
        message=(
            f"Aanmelding {a.reference} van {_who(a)} bij {a.school.organisation.name} vastgelegd, "
            f"ontvangen op {format_date_nl(a.received_on)}; besluit uiterlijk op {format_date_nl(due)}."
        ),
    )


def taken_in(*, actor: User | None, aanmelding: Aanmelding) -> AuditEvent:
    a = aanmelding
    return TAKEN_IN.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=a.pk,
        child_id=a.child_id,
        data=_base(a),
        message=f"Aanmelding {a.reference} van de ouders van {_who(a)} is in behandeling genomen.",
    )


def receipt_sent(*, actor: User | None, aanmelding: Aanmelding, mailed: bool) -> AuditEvent:
    a = aanmelding
    return RECEIPT_SENT.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=a.pk,
        child_id=a.child_id,
        data={**_base(a), "mailed": mailed},
        message=f"Ontvangstbevestiging van aanmelding {a.reference} gemaakt"
        + (" en gemaild." if mailed else "."),
    )


def extended(*, actor: User | None, aanmelding: Aanmelding, due: Any) -> AuditEvent:
    a = aanmelding
    return EXTENDED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=a.pk,
        child_id=a.child_id,
        data={**_base(a), "due": due.isoformat()},
        message=(
            f"Beslistermijn van aanmelding {a.reference} van {_who(a)} verlengd tot en met "
            f"{format_date_nl(due)}."
        ),
    )


def step_recorded(*, actor: User | None, step: ZorgplichtStep) -> AuditEvent:
    a = step.aanmelding
    return STEP_RECORDED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=a.pk,
        child_id=a.child_id,
        data={**_base(a), "step_id": step.pk, "kind": step.kind},
        message=f"Stap in het onderzoek bij aanmelding {a.reference} vastgelegd: {step.get_kind_display()}.",
    )


def concluded(*, actor: User | None, aanmelding: Aanmelding) -> AuditEvent:
    a = aanmelding
    return CONCLUDED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=a.pk,
        child_id=a.child_id,
        data={**_base(a), "conclusion": a.conclusion},
        message=f"Conclusie van het onderzoek bij aanmelding {a.reference}: {a.get_conclusion_display()}.",
    )


def decided(*, actor: User | None, aanmelding: Aanmelding) -> AuditEvent:
    a = aanmelding
    return DECIDED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=a.pk,
        child_id=a.child_id,
        data={**_base(a), "outcome": a.outcome, "other_school_id": a.other_school_id},
        message=f"Besluit op aanmelding {a.reference} van {_who(a)}: {a.get_outcome_display()}.",
    )


def responded(*, actor: User | None, aanmelding: Aanmelding) -> AuditEvent:
    a = aanmelding
    return RESPONDED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=a.pk,
        child_id=a.child_id,
        data={**_base(a), "response": a.response},
        message=(
            f"Reactie van de ouders op het besluit over aanmelding {a.reference}: {a.get_response_display()}."
        ),
    )


def viewed(*, actor: User | None, aanmelding: Aanmelding) -> AuditEvent:
    a = aanmelding
    return VIEWED.write(
        actor=actor,
        purpose=Purpose.FAMILY_ACCESS if actor is not None and not actor.is_professional else PURPOSE,
        object_id=a.pk,
        child_id=a.child_id,
        data=_base(a),
        message=f"Aanmelding {a.reference} van {_who(a)} bekeken.",
    )


def listed(*, actor: User | None, aanmeldingen: list[Aanmelding]) -> None:
    """A list of aanmeldingen someone saw: one line per aanmelding, in one INSERT."""
    from kring.privacy.audit import Line, record_many

    record_many(
        actor=actor,
        kind=VIEWED,
        purpose=PURPOSE,
        lines=[
            Line(
                message=f"Aanmelding {a.reference} van {_who(a)} gezien in de lijst van aanmeldingen.",
                data=_base(a),
                object_id=a.pk,
                child_id=a.child_id,
            )
            for a in aanmeldingen
        ],
    )


# ---------------------------------------------------------------- schorsing and verwijdering (item 8)

SUSPENSION = "schorsing"
REMOVAL = "verwijdering"


def _suspension(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"start": _day(data, "date_from"), "end": _day(data, "date_to")}


def _reported(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"on": _day(data, "reported_on")}


def _removal(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"on": _day(data, "effective_on")}


def _letter(data: Mapping[str, Any]) -> dict[str, Any]:
    from .letters import LETTER_TITLES

    return {"letter": str(LETTER_TITLES.get(data["letter"], data["letter"])).lower()}


SUSPENSION_RECORDED = event_kind(
    "suspension.recorded",
    action=AuditAction.CREATE,
    object_type=SUSPENSION,
    title=_("Een schorsing is vastgelegd."),
    detail=_("Een schorsing van {start} tot en met {end} is vastgelegd."),
    context=_suspension,
    example={"suspension_id": 4, "date_from": "2026-10-05", "date_to": "2026-10-07", "reported": True},
)
SUSPENSION_REPORTED = event_kind(
    "suspension.reported",
    action=AuditAction.UPDATE,
    object_type=SUSPENSION,
    title=_("De melding van een schorsing aan de inspectie is vastgelegd."),
    detail=_("De school heeft de inspectie op {on} over de schorsing geïnformeerd."),
    context=_reported,
    example={"suspension_id": 4, "reported_on": "2026-10-05"},
)
REMOVAL_RECORDED = event_kind(
    "removal.recorded",
    action=AuditAction.CREATE,
    object_type=REMOVAL,
    title=_("Een verwijdering is vastgelegd."),
    detail=_("Een verwijdering die ingaat op {on} is vastgelegd."),
    context=_removal,
    example={
        "removal_id": 2,
        "decided_on": "2026-10-05",
        "effective_on": "2026-10-19",
        "willing_school": True,
    },
)
SUSPENSION_LETTER = event_kind(
    "suspension.letter",
    action=AuditAction.EXPORT,
    object_type=SUSPENSION,
    title=_("Een brief over een schorsing is gedownload."),
    detail=_("Brief gedownload: {letter}."),
    context=_letter,
    example={"suspension_id": 4, "letter": "schorsingsbrief"},
)
REMOVAL_LETTER = event_kind(
    "removal.letter",
    action=AuditAction.EXPORT,
    object_type=REMOVAL,
    title=_("Een brief over een verwijdering is gedownload."),
    detail=_("Brief gedownload: {letter}."),
    context=_letter,
    example={"removal_id": 2, "letter": "verwijderingsbesluit"},
)
DISCIPLINE_VIEWED = event_kind(
    "suspension.viewed",
    action=AuditAction.VIEW,
    object_type=SUSPENSION,
    title=_("Schorsingen en verwijderingen van een kind zijn bekeken."),
    detail=None,
    context=None,
    example={"suspensions": [4], "removals": [2]},
)


def _purpose(actor: User | None) -> Purpose:
    return Purpose.FAMILY_ACCESS if actor is not None and not actor.is_professional else PURPOSE


def suspension_recorded(*, actor: User | None, suspension: Any) -> AuditEvent:
    s = suspension
    return SUSPENSION_RECORDED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=s.pk,
        child_id=s.child_id,
        data={
            "suspension_id": s.pk,
            "date_from": s.date_from.isoformat(),
            "date_to": s.date_to.isoformat(),
            "reported": s.inspectorate_reported_on is not None,
        },
        message=(
            f"Schorsing van {s.child.first_name} bij {s.school.organisation.name} vastgelegd: van "
            f"{format_date_nl(s.date_from)} tot en met {format_date_nl(s.date_to)}."
        ),
    )


def suspension_reported(*, actor: User | None, suspension: Any) -> AuditEvent:
    s = suspension
    return SUSPENSION_REPORTED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=s.pk,
        child_id=s.child_id,
        data={"suspension_id": s.pk, "reported_on": s.inspectorate_reported_on.isoformat()},
        message=(
            f"Melding aan de inspectie van de schorsing van {s.child.first_name} vastgelegd: "
            f"{format_date_nl(s.inspectorate_reported_on)}."
        ),
    )


def removal_recorded(*, actor: User | None, removal: Any) -> AuditEvent:
    r = removal
    return REMOVAL_RECORDED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=r.pk,
        child_id=r.child_id,
        data={
            "removal_id": r.pk,
            "decided_on": r.decided_on.isoformat(),
            "effective_on": r.effective_on.isoformat(),
            "willing_school": bool(r.willing_school_id or r.willing_school_name),
        },
        message=(
            f"Verwijdering van {r.child.first_name} van {r.school.organisation.name} vastgelegd, "
            f"gaat in op {format_date_nl(r.effective_on)}."
        ),
    )


def letter_downloaded(*, actor: User | None, record: Any, letter: str) -> AuditEvent:
    """A letter about a suspension or a removal, downloaded (a PDF that leaves Kring)."""
    from .models import Suspension

    is_suspension = isinstance(record, Suspension)
    kind, key = (SUSPENSION_LETTER, "suspension_id") if is_suspension else (REMOVAL_LETTER, "removal_id")
    return kind.write(
        actor=actor,
        purpose=_purpose(actor),
        object_id=record.pk,
        child_id=record.child_id,
        data={key: record.pk, "letter": letter},
        message=f"Brief '{letter}' over {record.child.first_name} gedownload.",
    )


def discipline_listed(
    *, actor: User | None, child_id: int, suspensions: list[Any], removals: list[Any]
) -> None:
    """The suspensions and removals of a child someone saw (a page or a panel): one line."""
    if not suspensions and not removals:
        return
    DISCIPLINE_VIEWED.write(
        actor=actor,
        purpose=_purpose(actor),
        object_id=child_id,
        child_id=child_id,
        data={"suspensions": [s.pk for s in suspensions], "removals": [r.pk for r in removals]},
        message=(
            f"{len(suspensions)} schorsing(en) en {len(removals)} verwijdering(en) van een kind bekeken."
        ),
    )


def _gemeente(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"on": _day(data, "informed_on")}


REMOVAL_REPORTED = event_kind(
    "removal.reported",
    action=AuditAction.UPDATE,
    object_type=REMOVAL,
    title=_("De melding van een verwijdering aan de gemeente is vastgelegd."),
    detail=_("De school heeft de gemeente op {on} over de verwijdering geïnformeerd."),
    context=_gemeente,
    example={"removal_id": 2, "informed_on": "2026-10-06"},
)


def removal_reported(*, actor: User | None, removal: Any) -> AuditEvent:
    r = removal
    return REMOVAL_REPORTED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=r.pk,
        child_id=r.child_id,
        data={"removal_id": r.pk, "informed_on": r.gemeente_informed_on.isoformat()},
        message=(
            f"Melding aan de gemeente van de verwijdering van {r.child.first_name} vastgelegd: "
            f"{format_date_nl(r.gemeente_informed_on)}."
        ),
    )
